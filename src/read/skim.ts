/**
 * A line-level pre-pass before remark: prose and tables in sections no extractor reads are
 * blanked (lines kept, so positions hold). remark is most of a cold run, and the examples'
 * prose, Methods tables and JSON-representation notes are about a third of the text it
 * would parse (a fifth of its time). What is read is what the extractors declare
 * (extract/reads.ts): in a section a declaration names, prose and table rows no declaration
 * reads are blanked; a section none names is kept. ATX headings (the docs use no setext ones),
 * annotation comments, fences, list items, indented lines and link definitions stay, so the
 * tree keeps its structure. The one thing read from skipped lines,
 * relative links for the link check, is recovered here with the same page-key rule.
 */

import { SECTION_READS } from '../extract/reads.js';
import type { SectionPart } from '../extract/section-reads.js';
import { opensSection, type SectionState } from '../extract/sections.js';
import { readDefinitionLine } from '../text/link-definition.js';

/** What the extractors read of the text under a heading. */
type Kept = Record<SectionPart, boolean>;

/** What is kept where the section and nearest heading are these (found once per heading). */
const keptUnder = (section: string, heading: string): Kept => ({
  prose: read('prose', section, heading),
  tables: read('tables', section, heading),
});

/** Whether some extractor reads `part` where the section and nearest heading are these. */
function read(part: SectionPart, section: string, heading: string): boolean {
  let named = false;
  for (const r of SECTION_READS) {
    const here = r.sections ? r.sections.test(section) : (r.headings?.test(heading) ?? false);
    if (!here) continue;
    if (r.parts.includes(part)) return true;
    named ||= r.sections !== undefined;
  }
  return !named;
}

export interface SkimmedLink {
  url: string;
  text: string;
  line: number;
  column: number;
}

/**
 * Blank, in `lines` (fenced code already blanked, `inside` marking its lines), what remark
 * need not parse; return the links found on the blanked lines.
 */
export function skimSections(lines: string[], inside: Set<number>): SkimmedLink[] {
  const definitions = linkDefinitions(lines, inside);
  const links: SkimmedLink[] = [];
  const state: SectionState = { section: '', depth: 0 };
  let kept = keptUnder('', '');
  let seenTitle = false;
  let inComment = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '' || inside.has(i)) continue;
    if (inComment || line.trimStart().startsWith('<!--')) {
      inComment = !line.includes('-->');
      continue;
    }
    const atx = line.includes('#') ? /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$/.exec(line) : null;
    if (atx && !line.includes('](#tab/')) {
      const depth = atx[1].length;
      if (depth === 1 && !seenTitle) seenTitle = true;
      else {
        const heading = (atx[2] ?? '')
          .replace(/[*_`]/g, '')
          .replace(/\s+/g, ' ')
          .trim()
          .toLowerCase();
        opensSection(state, Math.max(2, depth), heading);
        kept = keptUnder(state.section, heading);
      }
      continue;
    }
    if (!skimmable(line, kept)) continue;
    links.push(...linksOnLine(line, i + 1, definitions));
    lines[i] = '';
  }
  return links;
}

/** Whether remark can be spared this line: prose or a table row, at the margin, in a skimmed section. */
function skimmable(line: string, kept: Kept): boolean {
  if (
    !line.trim() ||
    /^[\s>]|^([-*+]|\d{1,9}[.)])(\s|$)|^\[[^\]]+\]:|^<|^(=+|-+)\s*$|^[`~]{3}/.test(line)
  )
    return false;
  return !kept[line.startsWith('|') ? 'tables' : 'prose'];
}

function linkDefinitions(lines: string[], inside: Set<number>): Map<string, string> {
  const definitions = new Map<string, string>();
  lines.forEach((line, i) => {
    const read = inside.has(i) ? undefined : readDefinitionLine(line);
    if (read) definitions.set(read.label.toLowerCase(), read.url);
  });
  return definitions;
}

const INLINE =
  /(!?)\[((?:[^[\]\\]|\\.|\[[^\]]*\])*)\](?:\(\s*<?([^\s)>]*)>?(?:\s+"[^"]*")?\s*\)|\[([^\]]*)\])?/g;

/** `[text](url)`, `[text][ref]`, `[text][]` and `[text]` with a definition; images and code spans are not links. */
function linksOnLine(
  line: string,
  lineNumber: number,
  definitions: Map<string, string>,
): SkimmedLink[] {
  const links: SkimmedLink[] = [];
  if (!line.includes('[')) return links;
  const code = codeSpans(line);
  const pattern = new RegExp(INLINE);
  for (let m = pattern.exec(line); m; m = pattern.exec(line)) {
    const at = m.index;
    const text = m[2];
    const url = m[3] ?? definitions.get((m[4] || text).toLowerCase());
    if (m[1]) continue; // an image
    // Not a link here: look inside it (`[!INCLUDE [name](file.md)]` holds one).
    if (
      url === undefined ||
      code.some(([from, to]) => at >= from && at < to) ||
      line[at - 1] === '\\'
    ) {
      pattern.lastIndex = at + 1;
      continue;
    }
    links.push({
      url,
      text: text.replace(/\\(.)/g, '$1').replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim(),
      line: lineNumber,
      column: at + 1,
    });
  }
  return links;
}

function codeSpans(line: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const m of line.matchAll(/(`+)[^`]*?\1/g))
    spans.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  return spans;
}
