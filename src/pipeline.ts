import { sortDiagnostics, type Diagnostic } from './shared/diagnostics.js';
import { readPage } from './extract/page.js';
import { modelFacts, type ModelFacts, type PageResult } from './model/page-facts.js';
import { hashOnce, type Stage } from './build/store.js';
import {
  docsSource,
  loadDocs,
  type DocsSource,
  type LoadedPage,
  type LoadResult,
  type LoadReuse,
} from './read/load.js';
import { buildModel } from './model/build.js';
import { readPagesParallel } from './build/parse-pool.js';
import { parseClock } from './read/parse.js';
import type { Progress } from './build/progress.js';
import type { Model } from './model/types.js';

/** The docs as read: each page's facts (all of them, or with a page stage only its model facts), and the model. */
export interface ReadResult<Page extends ModelFacts = PageResult> {
  model: Model;
  pages: Page[];
  diagnostics: Diagnostic[];
  timings: Record<string, number>;
  /** What was loaded per file, for a watch rebuild to reuse (`ReadOptions.reuse`). */
  files: LoadResult['files'];
}

export interface ReadOptions {
  /** Per-page model facts by content hash: unchanged pages are not parsed again. */
  cache?: Stage<ModelFacts>;
  progress?: Progress;
  /** Files a watcher saw no change to are taken from the previous load. */
  reuse?: LoadReuse;
  /** The docs as already loaded (the up-to-date check reads them first). */
  loaded?: LoadResult;
}

/**
 * load → parse + extract (per page, cached by content) → model (merge, link). With a page
 * stage (`cache`, which `generate` keeps), pages give their model facts only.
 */
export async function readDocs(
  root: string | DocsSource,
  options?: Omit<ReadOptions, 'cache'>,
): Promise<ReadResult>;
export async function readDocs(
  root: string | DocsSource,
  options: ReadOptions,
): Promise<ReadResult<ModelFacts>>;
export async function readDocs(
  root: string | DocsSource,
  options: ReadOptions = {},
): Promise<ReadResult<ModelFacts>> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  // Docs loaded by the caller were announced by it.
  if (!options.loaded) options.progress?.stage('reading pages');
  const loaded = options.loaded ?? (await loadDocs(root, options.reuse));
  timings.read = performance.now() - t;
  t = performance.now();
  options.progress?.stage('parsing pages', loaded.pages.length);
  const parsing = parseClock.ms;
  const pages = await readPagesCached(loaded.pages, options.cache, docsSource(root).threads);
  // Pages read on this thread time parse and extract apart; worker threads report both as parse.
  const parsed = parseClock.ms - parsing;
  timings.parse = parsed || performance.now() - t;
  if (parsed) timings.extract = performance.now() - t - parsed;
  t = performance.now();
  const built = buildModel(pages);
  timings.link = performance.now() - t;
  return {
    model: built.model,
    pages,
    diagnostics: sortDiagnostics([
      ...loaded.diagnostics,
      ...pages.flatMap((p) => p.diagnostics),
      ...built.diagnostics,
    ]),
    timings,
    files: loaded.files,
  };
}

async function readPagesCached(
  loaded: LoadedPage[],
  cache: Stage<ModelFacts> | undefined,
  threads?: number,
): Promise<ModelFacts[]> {
  if (!cache) return readPagesParallel(loaded, safeReadPage, threads);
  const hashes = loaded.map((page) => hashOnce(page, (p) => p.text));
  const results = loaded.map((p, i) => cache.get(p.file, hashes[i]));
  const missing = loaded.filter((_, i) => !results[i]);
  const fresh = await readPagesParallel(missing, safeReadPage, threads);
  let k = 0;
  return results.map((hit, i) => {
    if (hit) return hit;
    const result = modelFacts(fresh[k++]);
    // A page read only now (see pageOnDisk) has the hash of the text it was read with.
    cache.set(
      loaded[i].file,
      hashOnce(loaded[i], (p) => p.text),
      result,
    );
    return result;
  });
}

/** A bug in an extractor must not end the run: it becomes a diagnostic on that page. */
export function safeReadPage(file: string, text: string): PageResult {
  try {
    return readPage(file, text);
  } catch (error) {
    return {
      file,
      pageType: 'other',
      title: '',
      types: [],
      annotations: [],
      links: [],
      todos: [],
      permissionRows: [],
      suppressions: [],
      diagnostics: [
        {
          file,
          line: 1,
          column: 1,
          ruleId: 'internal-error',
          severity: 'error',
          message: `docs2ts failed on this page: ${(error as Error).stack ?? String(error)}`,
        },
      ],
    };
  }
}
