import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { DocsSource } from '../load.js';
import { readDocs } from '../pipeline.js';
import { reportDiagnostics } from '../report.js';
import { stableStringify } from '../stable-json.js';

export interface ModelArgs {
  docs: DocsSource;
  out?: string;
  quiet: boolean;
}

/** `docs2ts model`: the intermediate model as JSON, to a file or stdout. */
export async function modelCommand(args: ModelArgs): Promise<number> {
  const result = await readDocs(args.docs);
  const json = stableStringify(result.model) + '\n';
  if (args.out) {
    await fs.mkdir(path.dirname(path.resolve(args.out)), { recursive: true });
    const temp = `${args.out}.${process.pid}.tmp`;
    await fs.writeFile(temp, json);
    await fs.rename(temp, args.out);
  } else {
    process.stdout.write(json);
  }
  if (!args.quiet) reportDiagnostics(result.diagnostics, 'summary');
  return 0;
}
