import { sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { ModelIndex } from '../model/queries.js';
import type { ReadResult } from '../pipeline.js';
import { findingOf, type CheckContext, type RuleSetting } from './rule.js';
import { RULES } from './rules.js';

/** Run every rule over what was read; apply per-rule settings to all findings, reader's included. */
export function runChecks(read: ReadResult, settings: Record<string, RuleSetting> = {}): Diagnostic[] {
  const findings: Diagnostic[] = [...read.diagnostics];
  const index = new ModelIndex(read.model);
  for (const rule of RULES) {
    if (settings[rule.id] === 'off') continue;
    const context: CheckContext = {
      model: read.model, index, pages: read.pages,
      report: (file, place, message) => findings.push(findingOf(rule, file, place, message)),
    };
    try {
      rule.run(context);
    } catch (error) {
      findings.push({ file: '', line: 1, column: 1, ruleId: 'internal-error', severity: 'error', message: `Rule ${rule.id} failed: ${(error as Error).stack ?? error}` });
    }
  }
  const out: Diagnostic[] = [];
  for (const d of findings) {
    const setting = settings[d.ruleId];
    if (setting === 'off') continue;
    out.push(setting ? { ...d, severity: setting } : d);
  }
  return sortDiagnostics(dedupe(out));
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.file}:${d.line}:${d.column}:${d.ruleId}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
