import { fingerprint, hash, type Stage } from '../build/store.js';
import { materialize, statementsKey } from '../emit/deferred.js';
import type { EmittedFile } from '../emit/emitter.js';
import type { Progress } from '../build/progress.js';
import { fastPathsVerified } from '../build/library-versions.js';
import { formatTexts, PARSERS, PRETTIER_OPTIONS, PRETTIER_VERSION } from './prettier.js';
import { joinStatements, printStatements, type PrintedStatement } from '../layout/print.js';

export { PRETTIER_OPTIONS } from './prettier.js';

/** The format stage's fingerprint: formatted text depends on prettier's version, its options and the layouts (format/, layout/). */
export const formatFingerprint = (): string =>
  fingerprint(['format', 'layout'], PRETTIER_VERSION, PRETTIER_OPTIONS, PARSERS);

/**
 * Every file as prettier prints it. A TypeScript file whose statements are all laid out by the
 * builders in src/layout/ (LaidOut values, see print.ts) is kept as printed; prettier formats
 * every other file (plain text or a structure the builders do not cover in it), batched. Files whose input is in the cache are neither printed nor
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
  // A file whose statements are all laid out (LaidOut) is done. Any other goes to prettier
  // whole, as printed: no plain text is trusted, and prettier sees each statement in its
  // file. All do when the installed prettier is not the one the layouts were proven against.
  const trustLayouts = fastPathsVerified('layout');
  const unsettled: { m: (typeof pending)[number]; text: string }[] = [];
  for (const m of pending) {
    if (!m.printed) continue;
    const text = joinStatements(m.printed);
    if (trustLayouts && m.printed.every((s) => s.settled)) finish(m, text);
    else unsettled.push({ m, text });
  }
  for (const [extension, parser] of Object.entries(PARSERS)) {
    const list = [
      ...(extension === 'ts' ? unsettled : []),
      ...pending
        .filter((m) => !m.printed && files[m.index].path.endsWith(`.${extension}`))
        .map((m) => ({ m, text: files[m.index].content })),
    ];
    const texts = await formatTexts(
      list.map((f) => f.text),
      parser,
    );
    list.forEach((f, i) => finish(f.m, texts[i]));
  }
  return out;
}
