import { fingerprint, hash, type Stage } from '../build/store.js';
import { materialize, statementsKey } from '../emit/deferred.js';
import type { EmittedFile } from '../emit/emitter.js';
import type { Progress } from '../build/progress.js';
import { fastPathsVerified } from '../build/library-versions.js';
import { formatTexts, PARSERS, PRETTIER_OPTIONS, PRETTIER_VERSION } from './prettier.js';
import { joinStatements, printStatements, type PrintedStatement } from './print.js';

export { PRETTIER_OPTIONS } from './prettier.js';

/** The format stage's fingerprint: formatted text depends on prettier's version, its options and the layouts here. */
export const formatFingerprint = (): string =>
  fingerprint(['format'], PRETTIER_VERSION, PRETTIER_OPTIONS, PARSERS);

/**
 * Every file as prettier prints it. TypeScript files are printed statement by statement in
 * prettier's shape (see layout.ts); prettier runs only on the statements those layouts leave
 * unsettled, and on other files. Files whose input is in the cache are neither printed nor
 * formatted; for TypeScript the key is the statements.
 */
export async function formatFiles(
  files: EmittedFile[],
  cache?: Stage<string>,
  progress?: Progress,
): Promise<EmittedFile[]> {
  progress?.stage('formatting', files.length);
  const out = files.slice();
  const pending: { index: number; hash: string; printed?: PrintedStatement[] }[] = [];
  files.forEach((file, index) => {
    const parser = PARSERS[file.path.split('.').pop() ?? ''];
    if (!parser || file.formatted) return;
    const inputs = !cache
      ? ''
      : file.statements
        ? statementsKey(file.statements)
        : hash(file.content);
    const hit = cache?.get(file.path, inputs);
    if (hit !== undefined) {
      out[index] = { path: file.path, content: hit };
      progress?.tick();
    } else
      pending.push({
        index,
        hash: inputs,
        printed: file.statements && printStatements(materialize(file.statements)),
      });
  });
  const finish = (m: (typeof pending)[number], content: string) => {
    const { path } = files[m.index];
    out[m.index] = { path, content };
    cache?.set(path, m.hash, content);
    progress?.tick();
  };
  // Unsettled statements of all TypeScript files go to prettier together; all of them when the
  // installed prettier is not the one the layouts were proven against.
  const trustLayouts = fastPathsVerified('layout');
  const unsettled = pending.flatMap(
    (m) => m.printed?.filter((s) => !s.settled || !trustLayouts) ?? [],
  );
  const formatted = await formatTexts(
    unsettled.map((s) => s.text),
    'babel-ts',
  );
  unsettled.forEach((s, i) => {
    s.text = formatted[i];
  });
  for (const m of pending) if (m.printed) finish(m, joinStatements(m.printed));
  for (const [extension, parser] of Object.entries(PARSERS)) {
    const list = pending.filter((m) => !m.printed && files[m.index].path.endsWith(`.${extension}`));
    const texts = await formatTexts(
      list.map((m) => files[m.index].content),
      parser,
    );
    list.forEach((m, i) => finish(m, texts[i]));
  }
  return out;
}
