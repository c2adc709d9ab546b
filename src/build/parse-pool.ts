import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PageResult } from '../model/page-facts.js';
import type { LoadedPage } from '../read/load.js';

/** Below this much text, starting workers costs more than it saves. */
const MIN_PARALLEL_BYTES = 512 * 1024;

export type PageReader = (file: string, text: string) => PageResult;

/**
 * One thread below four cores. remark is memory-bound: on the 2-core reference machine two
 * parse threads took 27 s and 556 MB for the v1.0 corpus where one took 23 s and 353 MB
 * (V8's collector already uses the second core). With more cores, all but one parse.
 */
export function defaultThreads(): number {
  const cores = os.availableParallelism();
  return cores < 4 ? 1 : cores - 1;
}

/**
 * Parse and extract pages on `threads` worker threads (inline for one). The
 * pages are split into one balanced batch per thread; results come back in input order.
 */
export async function readPagesParallel(
  pages: LoadedPage[],
  inline: PageReader,
  threads = defaultThreads(),
): Promise<PageResult[]> {
  const bytes = pages.reduce((n, p) => n + p.text.length, 0);
  if (threads < 2 || bytes < MIN_PARALLEL_BYTES) return pages.map((p) => inline(p.file, p.text));
  const batches: { indexes: number[]; size: number }[] = Array.from({ length: threads }, () => ({
    indexes: [],
    size: 0,
  }));
  const bySize = pages.map((p, i) => i).sort((a, b) => pages[b].text.length - pages[a].text.length);
  for (const i of bySize) {
    const lightest = batches.reduce((min, b) => (b.size < min.size ? b : min));
    lightest.indexes.push(i);
    lightest.size += pages[i].text.length;
  }
  const results = new Array<PageResult>(pages.length);
  await Promise.all(
    batches.map(async (batch) => {
      const out = await runWorker(batch.indexes.map((i) => pages[i]));
      batch.indexes.forEach((pageIndex, k) => (results[pageIndex] = out[k]));
    }),
  );
  return results;
}

function runWorker(pages: LoadedPage[]): Promise<PageResult[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./read-worker.js', import.meta.url), { workerData: pages });
    worker.once('message', (results: PageResult[]) => resolve(results));
    worker.once('error', reject);
    worker.once(
      'exit',
      (code) => code !== 0 && reject(new Error(`parse worker exited with code ${code}`)),
    );
  });
}
