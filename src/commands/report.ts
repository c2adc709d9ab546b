import { sortDiagnostics, type Diagnostic } from '../shared/diagnostics.js';

export type ReportStyle = 'summary' | 'none';

/**
 * Print diagnostics to stderr as counts per rule (`docs2ts check` prints every message: see
 * check/output.ts; vfile-reporter is loaded there only).
 */
export function reportDiagnostics(list: Diagnostic[], style: ReportStyle): void {
  if (style === 'none' || list.length === 0) return;
  const counts = new Map<string, number>();
  for (const d of sortDiagnostics(list))
    counts.set(`${d.severity} ${d.ruleId}`, (counts.get(`${d.severity} ${d.ruleId}`) ?? 0) + 1);
  const lines = [...counts]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, n]) => `  ${String(n).padStart(5)}  ${k}`);
  process.stderr.write(
    `${list.length} diagnostics (docs2ts check for details):\n${lines.join('\n')}\n`,
  );
}
