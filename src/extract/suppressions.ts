import type { SuppressionFact } from '../model/page-facts.js';
import type { AnnotatedBlock } from './annotations.js';

const DIRECTIVE =
  /^<!--\s*docs2ts-(disable-next-line|disable-line|disable|enable)(?=[\s-])([\s\S]*)-->$/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})\s*$/;

/** Rule ids of a directive: words up to an optional `-- reason`. */
function rulesOf(rest: string): string[] {
  const ids = rest
    .replace(/\s--\s[\s\S]*$|\s--$/, '')
    .split(/[\s,]+/)
    .filter(Boolean);
  return ids.length ? ids : ['*'];
}

/** The HTML comments of one line that are not inside a code span, with their 1-based columns. */
function* commentsIn(line: string): Generator<{ text: string; column: number }> {
  let from = 0;
  let ticks = 0;
  for (;;) {
    const start = line.indexOf('<!--', from);
    if (start < 0) return;
    const end = line.indexOf('-->', start + 4);
    if (end < 0) return;
    for (let i = from; i < start; i++) if (line[i] === '`') ticks++;
    if (ticks % 2 === 0) yield { text: line.slice(start, end + 3), column: start + 1 };
    for (let i = start; i < end; i++) if (line[i] === '`') ticks++;
    from = end + 3;
  }
}

/** The `docs2ts-disable…` comments of a page (one line each, outside fenced code), one fact per rule id. */
export function extractSuppressionComments(text: string): SuppressionFact[] {
  const facts: SuppressionFact[] = [];
  if (!text.includes('docs2ts-')) return facts;
  const lines = text.split('\n');
  const open = new Map<string, SuppressionFact>();
  let fence: string | undefined;
  lines.forEach((lineText, i) => {
    const line = i + 1;
    if (fence) {
      const close = FENCE_CLOSE.exec(lineText)?.[1];
      if (close && close[0] === fence[0] && close.length >= fence.length) fence = undefined;
      return;
    }
    fence = FENCE_OPEN.exec(lineText)?.[1];
    if (fence || !lineText.includes('docs2ts-')) return;
    for (const comment of commentsIn(lineText)) {
      const m = DIRECTIVE.exec(comment.text);
      if (!m) continue;
      const { column } = comment;
      const rules = rulesOf(m[2]);
      if (m[1] === 'enable') {
        for (const rule of rules) {
          for (const [key, fact] of open) {
            if (rule !== '*' && key !== rule) continue;
            fact.to = line;
            open.delete(key);
          }
        }
        continue;
      }
      for (const rule of rules) {
        const kind = m[1] === 'disable' ? 'range' : m[1] === 'disable-line' ? 'line' : 'next-line';
        const from = kind === 'next-line' ? line + 1 : line;
        const fact: SuppressionFact = {
          kind,
          rule,
          line,
          column,
          from,
          to: kind === 'range' ? lines.length : from,
        };
        facts.push(fact);
        if (kind === 'range') open.set(rule, fact);
      }
    }
  });
  return facts;
}

/** The entries of an ApiDoctor page annotation's `suppressions` (`{"type": "#page.annotation", …}`). */
export function extractApiDoctorSuppressions(
  annotated: AnnotatedBlock[],
  text: string,
): SuppressionFact[] {
  const facts: SuppressionFact[] = [];
  let lineCount = 0;
  for (const a of annotated) {
    const { type, suppressions } = a.annotation;
    if (
      typeof type !== 'string' ||
      type.toLowerCase() !== '#page.annotation' ||
      !Array.isArray(suppressions)
    )
      continue;
    const start = a.comment.position?.start ?? { line: 1, column: 1 };
    lineCount ||= text.split('\n').length;
    for (const text of suppressions) {
      if (typeof text === 'string' && text.trim())
        facts.push({
          kind: 'apidoctor',
          rule: '',
          line: start.line,
          column: start.column,
          from: 1,
          to: lineCount,
          text,
        });
    }
  }
  return facts;
}
