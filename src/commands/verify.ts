import type { DocsSource } from '../read/load.js';
import { formatVerifyReport, verifyDocs } from '../mock/verify.js';

export interface VerifyArgs {
  docs: DocsSource;
  json: boolean;
  verbose: boolean;
  quiet: boolean;
}

/** `docs2ts verify`: every documented example through the generated stubs and the mock; exit 1 on any failure. */
export async function verifyCommand(args: VerifyArgs): Promise<number> {
  const log =
    args.quiet || args.json
      ? undefined
      : (line: string) => process.stderr.write(`docs2ts: ${line}\n`);
  const report = await verifyDocs({ docs: args.docs, log });
  const failed = Object.values(report.failed).reduce((a, b) => a + b, 0);
  if (args.json) {
    const { out: _out, ...rest } = report;
    process.stdout.write(JSON.stringify(rest, null, 2) + '\n');
  } else if (!args.quiet || failed || report.compileErrors) {
    process.stdout.write(formatVerifyReport(report, { verbose: args.verbose }));
  }
  return failed || report.compileErrors ? 1 : 0;
}
