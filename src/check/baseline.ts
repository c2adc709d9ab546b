import { cmp, type Diagnostic } from '../shared/diagnostics.js';

/**
 * A baseline: the findings a team has accepted, so `check` reports only new ones. A finding is
 * keyed by rule, file and content (its message with line references taken out, and the text of
 * the line it is on), not by its line number: lines moving up or down do not bring it back.
 * Identical findings are counted: two in a file with one in the baseline report one.
 */
export interface BaselineEntry {
  rule: string;
  file: string;
  message: string;
  /** The text of the line at fault, trimmed. */
  source: string;
  count: number;
}

export interface Baseline {
  version: 1;
  generator: 'docs2ts';
  findings: BaselineEntry[];
}

type Key = Omit<BaselineEntry, 'count'>;

const keyText = (k: Key) => JSON.stringify([k.rule, k.file, k.message, k.source]);

/** The key of each finding; `textOf` gives a page's text as it was loaded (the text the findings were placed in). */
export function keysOf(
  findings: Diagnostic[],
  textOf: (file: string) => string | undefined,
): Key[] {
  const lines = new Map<string, string[]>();
  const lineOf = (file: string, line: number) => {
    if (!file) return '';
    let text = lines.get(file);
    if (!text) lines.set(file, (text = (textOf(file) ?? '').split('\n')));
    return (text[line - 1] ?? '').trim();
  };
  return findings.map((d) => ({
    rule: d.ruleId,
    file: d.file,
    // "on line 21", "lines 26-28": places, which move with the text around them.
    message: d.message.replace(/\blines? \d+(?:-\d+)?/g, 'line …'),
    source: lineOf(d.file, d.line),
  }));
}

/** The baseline of these findings: entries sorted, duplicates counted. */
export function baselineOf(keys: Key[]): Baseline {
  const counts = new Map<string, BaselineEntry>();
  for (const k of keys) {
    const text = keyText(k);
    const entry = counts.get(text);
    if (entry) entry.count++;
    else
      counts.set(text, {
        rule: k.rule,
        file: k.file,
        message: k.message,
        source: k.source,
        count: 1,
      });
  }
  const findings = [...counts.values()].sort(
    (a, b) =>
      cmp(a.file, b.file) ||
      cmp(a.rule, b.rule) ||
      cmp(a.message, b.message) ||
      cmp(a.source, b.source),
  );
  return { version: 1, generator: 'docs2ts', findings };
}

export function formatBaseline(baseline: Baseline): string {
  return JSON.stringify(baseline, null, 2) + '\n';
}

/** Read a baseline file; throws with the reason when it is not one. */
export function parseBaseline(text: string, file: string): Baseline {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  const findings = (value as Baseline | null)?.findings;
  const valid =
    Array.isArray(findings) &&
    findings.every(
      (e) =>
        e &&
        typeof e.rule === 'string' &&
        typeof e.file === 'string' &&
        typeof e.message === 'string' &&
        typeof e.source === 'string' &&
        Number.isInteger(e.count) &&
        e.count > 0,
    );
  if (!valid || (value as Baseline).version !== 1)
    throw new Error(
      `${file}: not a docs2ts baseline (expected { "version": 1, "findings": [{ rule, file, message, source, count }] }).`,
    );
  return value as Baseline;
}

/**
 * The findings the baseline does not hold (per key, those beyond its count, in file order), and
 * how many baselined findings were not seen (fixed since).
 */
export function newFindings(
  findings: Diagnostic[],
  keys: Key[],
  baseline: Baseline,
): { fresh: Diagnostic[]; fixed: number } {
  const allowed = new Map(baseline.findings.map((e) => [keyText(e), e.count]));
  const fresh = findings.filter((_, i) => {
    const text = keyText(keys[i]);
    const left = allowed.get(text) ?? 0;
    if (left > 0) allowed.set(text, left - 1);
    return left === 0;
  });
  let fixed = 0;
  for (const left of allowed.values()) fixed += left;
  return { fresh, fixed };
}
