import * as prettier from 'prettier';
import { HashCache, hashText } from './cache.js';
import type { EmittedFile } from './emit/emitter.js';
import { PRINT_FINGERPRINT } from './emit/source-file.js';
import type { Progress } from './progress.js';

export const PRETTIER_OPTIONS: prettier.Options = { singleQuote: true, printWidth: 100, trailingComma: 'all' };

/** babel-ts prints what the typescript parser does (same output on the whole corpus) in two thirds of the time. */
const PARSERS: Record<string, string> = { ts: 'babel-ts', json: 'json', md: 'markdown' };

/** Cache fingerprint: formatted text depends on prettier's version, our options and how statements print. */
export const FORMAT_FINGERPRINT = hashText(`${prettier.version} ${JSON.stringify(PRETTIER_OPTIONS)} ${JSON.stringify(PARSERS)} ${PRINT_FINGERPRINT}`);

/**
 * Prettier on every file whose input changed since the last run; the others come from the
 * cache. For TypeScript the cache key is the statements, so a cached file is neither printed
 * nor formatted. Misses are formatted in batches (see formatBatch).
 */
export async function formatFiles(files: EmittedFile[], cache?: HashCache<string>, progress?: Progress): Promise<EmittedFile[]> {
  progress?.stage('formatting', files.length);
  const out = files.slice();
  const misses = new Map<string, { index: number; hash: string }[]>();
  files.forEach((file, index) => {
    const parser = PARSERS[file.path.split('.').pop() ?? ''];
    if (!parser) return;
    const hash = file.statements ? hashText(`statements ${JSON.stringify(file.statements)}`) : hashText(file.content);
    const hit = cache?.get(file.path, hash);
    if (hit === undefined) {
      const list = misses.get(parser) ?? [];
      if (!list.length) misses.set(parser, list);
      list.push({ index, hash });
    } else {
      out[index] = { path: file.path, content: hit };
      progress?.tick();
    }
  });
  for (const [parser, list] of misses) {
    for (const batch of batches(list, (m) => files[m.index].content.length)) {
      const formatted = await formatBatch(batch.map((m) => files[m.index].content), parser);
      batch.forEach((m, k) => {
        const { path } = files[m.index];
        out[m.index] = { path, content: formatted[k] };
        cache?.set(path, m.hash, formatted[k]);
        progress?.tick();
      });
    }
  }
  return out;
}

/** Prettier is superlinear in input size: batches stay small. */
const BATCH_CHARS = 64 * 1024;
const BOUNDARY = '\n// @docs2ts-format-boundary\n';

function batches<T>(items: T[], size: (item: T) => number): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let chars = 0;
  for (const item of items) {
    if (current.length && chars + size(item) > BATCH_CHARS) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(item);
    chars += size(item);
  }
  if (current.length) out.push(current);
  return out;
}

/**
 * Small TypeScript files are formatted as one text joined by a boundary comment and split
 * afterwards: prettier's fixed cost per call is about a third of formatting a small file, and
 * its output for each statement does not depend on the statements around it (a test compares
 * batched with single-file output). A batch that does not split back cleanly is formatted file by file.
 */
async function formatBatch(texts: string[], parser: string): Promise<string[]> {
  const single = (text: string) => prettier.format(text, { ...PRETTIER_OPTIONS, parser });
  if (texts.length > 1 && parser === 'babel-ts' && !texts.some((t) => t.includes(BOUNDARY.trim()))) {
    try {
      const parts = (await single(texts.map((t) => (t.endsWith('\n') ? t : `${t}\n`)).join(BOUNDARY))).split(BOUNDARY);
      if (parts.length === texts.length) return parts.map((p) => (p.endsWith('\n') ? p : `${p}\n`));
    } catch {
      // formatted one by one below, where a file's own error surfaces
    }
  }
  const out: string[] = [];
  for (const text of texts) out.push(await single(text));
  return out;
}
