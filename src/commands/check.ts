import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  baselineOf,
  formatBaseline,
  keysOf,
  newFindings,
  parseBaseline,
} from '../check/baseline.js';
import { formatFindings, type CheckFormat } from '../check/output.js';
import type { Override, RuleSetting } from '../check/rule.js';
import { runChecks } from '../check/run.js';
import type { Diagnostic } from '../shared/diagnostics.js';
import { baseOf, type DocsSource } from '../read/load.js';
import { readDocs } from '../pipeline.js';
import { VERSION } from '../shared/paths.js';
import { writeFileAtomic } from '../build/write.js';

export interface CheckArgs {
  docs: DocsSource;
  format: CheckFormat;
  maxWarnings?: number;
  rules: Record<string, RuleSetting>;
  overrides?: Override[];
  /** `--rule` flags: over the config's rules and overrides. */
  flags?: Record<string, RuleSetting>;
  /** `--baseline FILE`: report only findings not in it (written when missing). */
  baseline?: string;
  /** `--update-baseline`: rewrite the baseline with the current findings. */
  updateBaseline?: boolean;
  quiet: boolean;
}

/** `docs2ts check`: exit 0 when clean, 1 on errors or more warnings than --max-warnings. */
export async function checkCommand(args: CheckArgs): Promise<number> {
  const read = await readDocs(args.docs);
  const docsRoot = baseOf(args.docs.roots);
  let findings = runChecks(read, args.rules, args.overrides, args.flags);
  if (args.baseline) {
    try {
      findings = await applyBaseline(findings, (file) => read.files.get(file)?.page?.text, args);
    } catch (error) {
      process.stderr.write(`docs2ts: ${(error as Error).message}\n`);
      return 2;
    }
  }
  if (args.quiet) findings = findings.filter((d) => d.severity === 'error');
  const errors = findings.filter((d) => d.severity === 'error').length;
  const warnings = findings.filter((d) => d.severity === 'warning').length;
  const text = formatFindings(args.format, findings, {
    version: VERSION,
    docsUri: pathToFileURL(docsRoot).href,
    color: Boolean(process.stdout.isTTY),
    // Annotations name files from the repository root, where workflows run.
    githubPrefix: path.relative(process.cwd(), docsRoot).split(path.sep).join('/'),
  });
  process.stdout.write(text + '\n');
  const tooManyWarnings =
    args.maxWarnings !== undefined && args.maxWarnings >= 0 && warnings > args.maxWarnings;
  if (tooManyWarnings && args.format === 'stylish')
    process.stderr.write(
      `docs2ts: ${warnings} warnings, more than --max-warnings ${args.maxWarnings}.\n`,
    );
  return errors > 0 || tooManyWarnings ? 1 : 0;
}

/** Write the baseline when it is missing or to be updated (then nothing is new); else keep what it does not hold. */
async function applyBaseline(
  findings: Diagnostic[],
  textOf: (file: string) => string | undefined,
  args: CheckArgs,
): Promise<Diagnostic[]> {
  const file = args.baseline!;
  const keys = keysOf(findings, textOf);
  if (args.updateBaseline || !existsSync(file)) {
    await writeFileAtomic(file, formatBaseline(baselineOf(keys)));
    if (!args.quiet)
      process.stderr.write(
        `docs2ts: ${args.updateBaseline ? 'updated' : 'wrote'} baseline ${file} with ${findings.length} findings.\n`,
      );
    return [];
  }
  const { fresh, fixed } = newFindings(
    findings,
    keys,
    parseBaseline(readFileSync(file, 'utf8'), file),
  );
  if (fixed && !args.quiet && args.format === 'stylish')
    process.stderr.write(
      `docs2ts: ${fixed} baselined findings are gone; --update-baseline drops them from ${file}.\n`,
    );
  return fresh;
}
