import { createRequire } from 'node:module';
import type { Options } from 'prettier';

export const PRETTIER_OPTIONS: Options = {
  singleQuote: true,
  printWidth: 100,
  trailingComma: 'all',
};

/** babel-ts prints what the typescript parser does (same output on the whole corpus) in two thirds of the time. */
export const PARSERS: Record<string, string> = { ts: 'babel-ts', json: 'json', md: 'markdown' };

/** Prettier's version, read without loading it (a run with nothing to format never does). */
export const PRETTIER_VERSION: string = (
  createRequire(import.meta.url)('prettier/package.json') as { version: string }
).version;

/** Prettier is superlinear in input size: batches stay small. */
const BATCH_CHARS = 64 * 1024;
const BOUNDARY = '\n// @docs2ts-format-boundary\n';

/** Prettier on many texts of one parser, in batches (see formatBatch); results in input order. */
export async function formatTexts(
  texts: string[],
  parser: string,
  done?: (count: number) => void,
): Promise<string[]> {
  const out: string[] = [];
  for (const batch of batches(texts)) {
    out.push(...(await formatBatch(batch, parser)));
    done?.(batch.length);
  }
  return out;
}

function batches(texts: string[]): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const text of texts) {
    if (current.length && chars + text.length > BATCH_CHARS) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(text);
    chars += text.length;
  }
  if (current.length) out.push(current);
  return out;
}

/**
 * Small TypeScript texts are formatted as one text joined by a boundary comment and split
 * afterwards: prettier's fixed cost per call is about a third of formatting a small file, and
 * its output for each statement does not depend on the statements around it (a test compares
 * batched with single-file output). A batch that does not split back cleanly is formatted text by text.
 */
async function formatBatch(texts: string[], parser: string): Promise<string[]> {
  const prettier = await import('prettier');
  const single = (text: string) => prettier.format(text, { ...PRETTIER_OPTIONS, parser });
  if (
    texts.length > 1 &&
    parser === 'babel-ts' &&
    !texts.some((t) => t.includes(BOUNDARY.trim()))
  ) {
    try {
      const parts = (
        await single(texts.map((t) => (t.endsWith('\n') ? t : `${t}\n`)).join(BOUNDARY))
      ).split(BOUNDARY);
      if (parts.length === texts.length) return parts.map((p) => (p.endsWith('\n') ? p : `${p}\n`));
    } catch {
      // formatted one by one below, where a text's own error surfaces
    }
  }
  const out: string[] = [];
  for (const text of texts) out.push(await single(text));
  return out;
}
