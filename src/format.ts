import * as prettier from 'prettier';
import { HashCache, hashText } from './cache.js';
import type { EmittedFile } from './emit/emitter.js';
import type { Progress } from './progress.js';

const OPTIONS: prettier.Options = { singleQuote: true, printWidth: 100, trailingComma: 'all' };

const PARSERS: Record<string, string> = { ts: 'typescript', json: 'json', md: 'markdown' };

/** Cache fingerprint: formatted text depends on prettier's version and our options only. */
export const FORMAT_FINGERPRINT = hashText(`${prettier.version} ${JSON.stringify(OPTIONS)}`);

/**
 * Prettier per file (it is superlinear in file size, so emitters keep files small), a few
 * at a time; files whose unformatted text is unchanged since the last run come from the cache.
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
      const hash = hashText(file.content);
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
