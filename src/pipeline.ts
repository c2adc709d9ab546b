import { sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { readPage, type PageResult } from './extract/page.js';
import { loadDocs } from './load.js';
import { buildModel } from './model/build.js';
import { readPagesParallel } from './parse-pool.js';
import type { Model } from './model/types.js';

export interface ReadResult {
  model: Model;
  pages: PageResult[];
  diagnostics: Diagnostic[];
  timings: Record<string, number>;
}

/** load → parse + extract (per page) → model (merge, link). */
export async function readDocs(root: string): Promise<ReadResult> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const loaded = await loadDocs(root);
  timings.read = performance.now() - t;
  t = performance.now();
  const pages = await readPagesParallel(loaded.pages, safeReadPage);
  timings.parse = performance.now() - t;
  t = performance.now();
  const built = buildModel(pages);
  timings.link = performance.now() - t;
  return {
    model: built.model,
    pages,
    diagnostics: sortDiagnostics([...loaded.diagnostics, ...pages.flatMap((p) => p.diagnostics), ...built.diagnostics]),
    timings,
  };
}

/** A bug in an extractor must not end the run: it becomes a diagnostic on that page. */
export function safeReadPage(file: string, text: string): PageResult {
  try {
    return readPage(file, text);
  } catch (error) {
    return {
      file, pageType: 'other', title: '', types: [], annotations: [], links: [], todos: [], permissionRows: [],
      diagnostics: [{ file, line: 1, column: 1, ruleId: 'internal-error', severity: 'error', message: `docs2ts failed on this page: ${(error as Error).stack ?? error}` }],
    };
  }
}
