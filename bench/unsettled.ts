/**
 * `node dist/bench/unsettled.js [docs]`: how many statements of a doc set's TypeScript files the
 * layouts leave to prettier (the format stage's slow path), grouped by their first line's shape.
 */
import path from 'node:path';
import { materialize } from '../src/emit/deferred.js';
import { printStatements } from '../src/layout/print.js';
import { generateFiles } from '../src/generate.js';
import { readDocs } from '../src/pipeline.js';
import { PACKAGE_ROOT } from '../src/shared/paths.js';

const docs = path.resolve(
  process.argv[2] ?? path.join(PACKAGE_ROOT, '../shared/corpus/graph-v1.0'),
);
const options = {
  packageName: 'bench-api',
  packageVersion: '1.0.0',
  baseUrl: 'https://graph.microsoft.com/v1.0',
};
const { model } = await readDocs(docs);
const { files } = await generateFiles(model, options, { format: false });
let total = 0;
const shapes = new Map<string, { count: number; example: string }>();
for (const file of files) {
  if (!file.statements) continue;
  for (const s of printStatements(materialize(file.statements))) {
    total++;
    if (s.settled) continue;
    const first = s.text.split('\n').find((l) => !/^\s*(\/\*\*|\*)/.test(l)) ?? '';
    const shape = first
      .replace(/[A-Za-z_$][\w$]*/g, 'x')
      .replace(/'[^']*'/g, "'…'")
      .slice(0, 80);
    const entry = shapes.get(shape) ?? { count: 0, example: `${file.path}\n${s.text}` };
    entry.count++;
    shapes.set(shape, entry);
  }
}
const unsettled = [...shapes.values()].reduce((n, e) => n + e.count, 0);
console.log(`${unsettled} of ${total} statements left to prettier`);
for (const [shape, { count, example }] of [...shapes].sort((a, b) => b[1].count - a[1].count))
  console.log(`\n${count}× ${shape}\n${process.env.VERBOSE ? example.slice(0, 3000) : ''}`);
