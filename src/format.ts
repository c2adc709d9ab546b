import * as prettier from 'prettier';
import { HashCache, hashText } from './cache.js';
import type { EmittedFile } from './emit/emitter.js';
import { PRINT_FINGERPRINT } from './emit/source-file.js';
import type { Progress } from './progress.js';

const OPTIONS: prettier.Options = { singleQuote: true, printWidth: 100, trailingComma: 'all' };

/** babel-ts prints what the typescript parser does (same output on the whole corpus) in two thirds of the time. */
const PARSERS: Record<string, string> = { ts: 'babel-ts', json: 'json', md: 'markdown' };

/** Cache fingerprint: formatted text depends on prettier's version, our options and how statements print. */
export const FORMAT_FINGERPRINT = hashText(`${prettier.version} ${JSON.stringify(OPTIONS)} ${JSON.stringify(PARSERS)} ${PRINT_FINGERPRINT}`);

/**
 * Prettier per file (it is superlinear in file size, so emitters keep files small), a few
 * at a time. Files whose input is unchanged since the last run come from the cache: for
 * TypeScript that input is the statements, so a cached file is neither printed nor formatted.
 */
export async function formatFiles(files: EmittedFile[], cache?: HashCache<string>, progress?: Progress, concurrency = 8): Promise<EmittedFile[]> {
  progress?.stage('formatting', files.length);
  const out: EmittedFile[] = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      const file = files[i];
      const parser = PARSERS[file.path.split('.').pop() ?? ''];
      if (!parser) {
        out[i] = file;
        continue;
      }
      const hash = file.statements ? hashText(`statements ${JSON.stringify(file.statements)}`) : hashText(file.content);
      let content = cache?.get(file.path, hash);
      if (content === undefined) {
        content = await prettier.format(file.content, { ...OPTIONS, parser });
        cache?.set(file.path, hash, content);
      }
      out[i] = { path: file.path, content };
      progress?.tick();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return out;
}
