import { stringify } from 'yaml';
import type { DocsSource } from '../read/load.js';
import { DEFAULT_SERVER_URL, toOpenApi } from '../openapi/document.js';
import { readDocs } from '../pipeline.js';
import { writeFileAtomic } from '../build/write.js';
import { reportDiagnostics } from './report.js';

export interface OpenApiArgs {
  docs: DocsSource;
  out?: string;
  /** Default: yaml when --out ends in .yaml/.yml, else json. */
  format?: 'json' | 'yaml';
  title: string;
  apiVersion: string;
  serverUrl?: string;
  quiet: boolean;
}

/** The document as text. Both forms keep the document's own key order, so output is byte-stable. */
export function formatOpenApi(document: unknown, format: 'json' | 'yaml'): string {
  if (format === 'json') return JSON.stringify(document, null, 2) + '\n';
  return stringify(document, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** `docs2ts openapi`: an OpenAPI 3.1 document of the docs, to a file or stdout. */
export async function openApiCommand(args: OpenApiArgs): Promise<number> {
  const result = await readDocs(args.docs);
  const document = toOpenApi(result.model, {
    title: args.title,
    version: args.apiVersion,
    serverUrl: args.serverUrl ?? DEFAULT_SERVER_URL,
  });
  const format = args.format ?? (args.out && /\.ya?ml$/i.test(args.out) ? 'yaml' : 'json');
  const text = formatOpenApi(document, format);
  if (args.out) {
    await writeFileAtomic(args.out, text);
  } else {
    process.stdout.write(text);
  }
  if (!args.quiet) reportDiagnostics(result.diagnostics, 'summary');
  return 0;
}
