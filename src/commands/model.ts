import type { DocsSource } from '../read/load.js';
import { readDocs } from '../pipeline.js';
import { writeFileAtomic } from '../build/write.js';
import { reportDiagnostics } from './report.js';
import { stableStringify } from '../shared/stable-json.js';

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
    await writeFileAtomic(args.out, json);
  } else {
    process.stdout.write(json);
  }
  if (!args.quiet) reportDiagnostics(result.diagnostics, 'summary');
  return 0;
}
