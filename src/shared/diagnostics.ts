import type { Position, Point } from 'unist';

export type Severity = 'error' | 'warning' | 'info';

/** A diagnostic as plain data: what crosses worker threads, caches and the JSON reporter. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  ruleId: string;
  severity: Severity;
  message: string;
}

export type Place = Position | Point | { line: number; column: number } | undefined;

/** Collects the diagnostics of one page (or of the whole run, with file ''). */
export class Reporter {
  readonly items: Diagnostic[] = [];
  constructor(readonly file: string) {}

  report(
    ruleId: string,
    severity: Severity,
    message: string,
    place: Place,
    file = this.file,
  ): void {
    const start = place && 'start' in place ? place.start : place;
    const end = place && 'end' in place ? place.end : undefined;
    this.items.push({
      file,
      line: start?.line ?? 1,
      column: start?.column ?? 1,
      ...(end ? { endLine: end.line, endColumn: end.column } : {}),
      ruleId,
      severity,
      message,
    });
  }
  error(ruleId: string, message: string, place: Place): void {
    this.report(ruleId, 'error', message, place);
  }
  warn(ruleId: string, message: string, place: Place): void {
    this.report(ruleId, 'warning', message, place);
  }
  info(ruleId: string, message: string, place: Place): void {
    this.report(ruleId, 'info', message, place);
  }
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Deterministic order: file, line, column, rule, message. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      cmp(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      cmp(a.ruleId, b.ruleId) ||
      severityRank[a.severity] - severityRank[b.severity] ||
      cmp(a.message, b.message),
  );
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Text from the docs (messages quote pages; file names are the docs' own) as a terminal shows it
 * harmlessly: control characters (ESC sequences that recolour, move the cursor or retitle a CI
 * log, CR, bidi overrides) are written as `\u…` escapes, so a page cannot rewrite what a reader sees.
 */
export function terminalText(text: string): string {
  return text.replace(
    /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
