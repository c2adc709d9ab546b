import type { Config } from '../config.js';
import { generateFiles } from '../generate.js';
import { readDocs } from '../pipeline.js';
import { reportDiagnostics } from '../report.js';
import { assertSafeOutput, diffOutput, writeOutput } from '../write.js';

export interface GenerateArgs {
  docs: string;
  out: string;
  check: boolean;
  watch: boolean;
  quiet: boolean;
  config: Config;
}

/** `docs2ts generate`: read, emit, format, then write atomically (or, with --check, compare). */
export async function generateCommand(args: GenerateArgs): Promise<number> {
  const started = performance.now();
  const read = await readDocs(args.docs);
  const generated = await generateFiles(read.model, {
    packageName: args.config.packageName ?? 'generated-api-types',
    packageVersion: args.config.packageVersion ?? '0.0.0',
    baseUrl: args.config.baseUrl ?? 'https://graph.microsoft.com/v1.0',
  });
  if (!args.quiet) reportDiagnostics([...read.diagnostics, ...generated.diagnostics], 'summary');
  if (args.check) {
    const changes = await diffOutput(args.out, generated.files);
    const stale = changes.added.length + changes.changed.length + changes.removed.length;
    for (const [label, list] of Object.entries(changes)) for (const file of list as string[]) process.stdout.write(`${label.padEnd(8)} ${file}\n`);
    process.stdout.write(stale ? `${args.out} is stale: ${stale} file(s) would change.\n` : `${args.out} is up to date.\n`);
    return stale ? 1 : 0;
  }
  await assertSafeOutput(args.out, args.docs);
  await writeOutput(args.out, generated.files);
  if (!args.quiet) {
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    process.stdout.write(`docs2ts: ${read.pages.length} pages → ${read.model.types.length} types, ${read.model.operations.length} operations → ${generated.files.length} files in ${args.out} (${seconds}s)\n`);
  }
  return 0;
}
