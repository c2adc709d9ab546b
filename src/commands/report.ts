import { reporter } from 'vfile-reporter';
import { sortDiagnostics, toVFiles, type Diagnostic } from '../shared/diagnostics.js';

export type ReportStyle = 'stylish' | 'summary' | 'none';

/** Print diagnostics to stderr: every message (stylish) or counts per rule (summary). */
export function reportDiagnostics(list: Diagnostic[], style: ReportStyle): void {
  if (style === 'none' || list.length === 0) return;
  if (style === 'stylish') {
    process.stderr.write(reporter(toVFiles(list), { quiet: false }) + '\n');
    return;
  }
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
