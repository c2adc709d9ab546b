import { pathToFileURL } from 'node:url';
import { formatJson, formatSarif, formatStylish, type CheckFormat } from '../check/output.js';
import type { Override, RuleSetting } from '../check/rule.js';
import { runChecks } from '../check/run.js';
import { baseOf, type DocsSource } from '../load.js';
import { readDocs } from '../pipeline.js';
import { VERSION } from '../paths.js';

export interface CheckArgs {
  docs: DocsSource;
  format: CheckFormat;
  maxWarnings?: number;
  rules: Record<string, RuleSetting>;
  overrides?: Override[];
  /** `--rule` flags: over the config's rules and overrides. */
  flags?: Record<string, RuleSetting>;
  quiet: boolean;
}

/** `docs2ts check`: exit 0 when clean, 1 on errors or more warnings than --max-warnings. */
export async function checkCommand(args: CheckArgs): Promise<number> {
  const read = await readDocs(args.docs);
  let findings = runChecks(read, args.rules, args.overrides, args.flags);
  if (args.quiet) findings = findings.filter((d) => d.severity === 'error');
  const errors = findings.filter((d) => d.severity === 'error').length;
  const warnings = findings.filter((d) => d.severity === 'warning').length;
  const text = args.format === 'json' ? formatJson(findings)
    : args.format === 'sarif' ? formatSarif(findings, VERSION, pathToFileURL(baseOf(args.docs.roots)).href)
    : formatStylish(findings, Boolean(process.stdout.isTTY));
  process.stdout.write(text + '\n');
  const tooManyWarnings = args.maxWarnings !== undefined && args.maxWarnings >= 0 && warnings > args.maxWarnings;
  if (tooManyWarnings && args.format === 'stylish') process.stderr.write(`docs2ts: ${warnings} warnings, more than --max-warnings ${args.maxWarnings}.\n`);
  return errors > 0 || tooManyWarnings ? 1 : 0;
}
