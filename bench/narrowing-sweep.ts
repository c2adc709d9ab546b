/**
 * `npm run sweep:narrowing [-- DOCS]`: the corpus package (or DOCS') compiled under
 * `tsc --strict` with every member of every base type narrowed from its `AnyX` union
 * (test/unions.ts); `npm test` checks up to 40 members a base. Exit 1 on a type error.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeOutput } from '../src/build/write.js';
import { generateFiles } from '../src/generate.js';
import { readDocs } from '../src/pipeline.js';
import { PACKAGE_ROOT } from '../src/shared/paths.js';
import { EMIT_OPTIONS, TSC } from '../test/helpers.js';
import { narrowingSource } from '../test/unions.js';

const docs = path.resolve(
  process.argv[2] ?? path.join(PACKAGE_ROOT, '../shared/corpus/graph-v1.0'),
);
const { model } = await readDocs(docs);
const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'docs2ts-narrowing-')), 'out');
await writeOutput(out, (await generateFiles(model, EMIT_OPTIONS)).files);
const narrowing = narrowingSource(model);
await fs.writeFile(path.join(out, 'src/narrowing.ts'), narrowing.source);
const started = performance.now();
try {
  execFileSync(TSC, ['-p', path.join(out, 'tsconfig.json'), '--noEmit'], { encoding: 'utf8' });
  console.log(
    `${narrowing.checks} members narrowed from their base's union: no type error (tsc ${((performance.now() - started) / 1000).toFixed(0)} s)`,
  );
  await fs.rm(path.dirname(out), { recursive: true, force: true });
} catch (error) {
  console.log((error as { stdout?: string }).stdout ?? String(error));
  console.log(`type errors; the package is in ${out}`);
  process.exitCode = 1;
}
