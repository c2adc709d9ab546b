import * as prettier from 'prettier';
import type { EmittedFile } from './emit/emitter.js';

const OPTIONS: prettier.Options = { singleQuote: true, printWidth: 100, trailingComma: 'all' };

const PARSERS: Record<string, string> = { ts: 'typescript', json: 'json', md: 'markdown' };

/**
 * Prettier per file (it is superlinear in file size, so emitters keep files small), a few
 * at a time. Files prettier does not know are passed through.
 */
export async function formatFiles(files: EmittedFile[], concurrency = 8): Promise<EmittedFile[]> {
  const out: EmittedFile[] = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      const parser = PARSERS[files[i].path.split('.').pop() ?? ''];
      out[i] = parser ? { ...files[i], content: await prettier.format(files[i].content, { ...OPTIONS, parser }) } : files[i];
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return out;
}
