import { sortDiagnostics, type Diagnostic } from '../shared/diagnostics.js';
import { ModelIndex } from '../model/queries.js';
import type { ReadResult } from '../pipeline.js';
import { findingOf, type CheckContext, type Override, type RuleSetting } from './rule.js';
import { ALL_RULE_IDS, RULES } from './rules.js';
import { applySuppressions, Settings } from './suppress.js';

/**
 * Run every rule over what was read, then apply the pages' suppressions (`docs2ts-disable…`
 * comments, ApiDoctor page suppressions) and the rule settings (global, then `overrides` by
 * glob) to all findings, the reader's included.
 */
export function runChecks(
  read: ReadResult,
  rules: Record<string, RuleSetting> = {},
  overrides: Override[] = [],
  flags: Record<string, RuleSetting> = {},
): Diagnostic[] {
  const settings = new Settings(rules, overrides, flags);
  const findings: Diagnostic[] = [...read.diagnostics];
  const index = new ModelIndex(read.model);
  for (const rule of RULES) {
    if (!settings.runs(rule.id)) continue;
    const context: CheckContext = {
      model: read.model,
      index,
      pages: read.pages,
      report: (file, place, message) => findings.push(findingOf(rule, file, place, message)),
    };
    try {
      rule.run(context);
    } catch (error) {
      findings.push({
        file: '',
        line: 1,
        column: 1,
        ruleId: 'internal-error',
        severity: 'error',
        message: `Rule ${rule.id} failed: ${(error as Error).stack ?? String(error)}`,
      });
    }
  }
  const unmatched = settings.unmatched(read.pages.map((p) => p.file)).map((i): Diagnostic => ({
    file: '',
    line: 1,
    column: 1,
    ruleId: 'suppression-unused',
    severity: 'warning',
    message: `Config overrides[${i}] (files ${overrides[i].files.map((f) => JSON.stringify(f)).join(', ')}) matches no page.`,
  }));
  const out: Diagnostic[] = [];
  for (const d of [
    ...applySuppressions(findings, read.pages, settings, ALL_RULE_IDS),
    ...unmatched,
  ]) {
    const setting = settings.forFile(d.file)[d.ruleId];
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
