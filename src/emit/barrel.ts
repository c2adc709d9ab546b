import type { EmittedFile } from './emitter.js';
import { exportAll } from '../layout/declarations.js';
import { sourceFile } from './source-file.js';

/** `src/index.ts`: re-exports the barrel of every artifact that was emitted. */
export function rootBarrel(files: EmittedFile[]): EmittedFile {
  const folders = ['models', 'validators', 'client'].filter((f) =>
    files.some((x) => x.path === `src/${f}/index.ts`),
  );
  return sourceFile(
    'src/index.ts',
    folders.map((f) => exportAll(`./${f}/index.js`)),
  );
}
