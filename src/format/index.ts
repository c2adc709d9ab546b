import { fingerprint, hash, type Stage } from '../build/store.js';
import { deferredKey, materialize, statementsKey } from '../emit/deferred.js';
import type { EmittedFile, HeldFiles } from '../emit/emitter.js';
import type { Statements } from '../layout/statements.js';
import type { Progress } from '../build/progress.js';
import { fastPathsVerified } from '../build/library-versions.js';
import { formatTexts, PARSERS, PRETTIER_OPTIONS, PRETTIER_VERSION } from './prettier.js';
import { joinStatements, printStatements } from '../layout/print.js';

export { PRETTIER_OPTIONS } from './prettier.js';

/** The format stage's fingerprint: formatted text depends on prettier's version, its options and the layouts (format/, layout/). */
export const formatFingerprint = (): string =>
  fingerprint(['format', 'layout'], PRETTIER_VERSION, PRETTIER_OPTIONS, PARSERS);

/**
 * Every file as prettier prints it. A TypeScript file whose statements are all laid out by the
 * builders in src/layout/ (LaidOut values, see print.ts) is kept as printed; prettier formats
 * every other file (plain text or a structure the builders do not cover in it), batched, and
 * the cache keeps what it printed (by the statements' key, or the text's hash). A file whose
 * statements an earlier process's memo vouches for is neither made nor printed when the output
 * folder still `held` it, or when the cache has its text.
 */
export async function formatFiles(
  files: EmittedFile[],
  cache?: Stage<string>,
  progress?: Progress,
  held?: HeldFiles,
): Promise<EmittedFile[]> {
  progress?.stage('formatting', files.length);
  const out = files.slice();
  const done = (index: number, file: EmittedFile) => {
    out[index] = file;
    progress?.tick();
  };
  // A file whose statements are all laid out (LaidOut) is done. Any other goes to prettier
  // whole, as printed: no plain text is trusted, and prettier sees each statement in its
  // file. All do when the installed prettier is not the one the layouts were proven against.
  const trustLayouts = fastPathsVerified('layout');
  const pending: { index: number; text: string; key: string }[] = [];
  files.forEach((file, index) => {
    const { path, statements } = file;
    const parser = PARSERS[path.split('.').pop() ?? ''];
    if (!parser || file.formatted) return;
    const vouched = deferredKey(statements);
    const kept = vouched && held?.(path, vouched);
    // A held file keeps its cache entry, for a run that finds it gone.
    if (kept && vouched) cache?.touch(path, vouched);
    const known = kept || (vouched && cacheHit(cache, file, vouched));
    if (known) return done(index, known);
    if (!statements) {
      const key = hash(file.content);
      const hit = cacheHit(cache, file, key);
      return hit ? done(index, hit) : void pending.push({ index, text: file.content, key });
    }
    const { text, settled } = printedOnce(statements);
    if (trustLayouts && settled) return done(index, { path, content: text, statements });
    const key = statementsKey(statements);
    const hit = cacheHit(cache, file, key);
    if (hit) done(index, hit);
    else pending.push({ index, text, key });
  });
  for (const [extension, parser] of Object.entries(PARSERS)) {
    const list = pending.filter((m) => files[m.index].path.endsWith(`.${extension}`));
    const texts = await formatTexts(
      list.map((m) => m.text),
      parser,
    );
    list.forEach((m, i) => {
      const { path, statements } = files[m.index];
      cache?.set(path, m.key, texts[i]);
      done(m.index, { path, content: texts[i], statements });
    });
  }
  return out;
}

const printed = new WeakMap<Statements, { text: string; settled: boolean }>();

/**
 * A file's statements printed, and whether every one is laid out as prettier prints it. Once
 * per statements object: the memo hands a watch rebuild the same statements for a file that
 * did not change (they are never changed), so its text is the same string as before, and the
 * write compares it with what it wrote by identity instead of by its bytes.
 */
function printedOnce(statements: Statements): { text: string; settled: boolean } {
  let known = printed.get(statements);
  if (!known) {
    const each = printStatements(materialize(statements));
    known = { text: joinStatements(each), settled: each.every((s) => s.settled) };
    printed.set(statements, known);
  }
  return known;
}

/** The file as the cache has it printed from `key`, if it does. */
function cacheHit(
  cache: Stage<string> | undefined,
  { path, statements }: EmittedFile,
  key: string,
): EmittedFile | undefined {
  const content = cache?.get(path, key);
  return content === undefined ? undefined : { path, content, statements };
}
