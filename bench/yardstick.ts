/**
 * `npm run yardstick`: the v1.0 corpus (or YARDSTICK_DOCS) against
 * @microsoft/microsoft-graph-types@2.3.0 (or the `.d.ts` file YARDSTICK_TYPINGS names, such as
 * the beta package's `microsoft-graph.d.ts`), as counted in test/yardstick.ts. YARDSTICK_SAMPLES
 * disagreements of each kind are listed (default 5). Exits 1 when a threshold of issue 17 is missed.
 */
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/shared/paths.js';
import { readDocs } from '../src/pipeline.js';
import {
  formatYardstick,
  graphTypesSide,
  measure,
  missedThresholds,
  modelSide,
} from '../test/yardstick.js';

const docs = path.resolve(
  process.env.YARDSTICK_DOCS ?? path.join(PACKAGE_ROOT, '../shared/corpus/graph-v1.0'),
);
const { model } = await readDocs(docs);
const typings = process.env.YARDSTICK_TYPINGS
  ? path.resolve(process.env.YARDSTICK_TYPINGS)
  : undefined;
const y = measure(modelSide(model), graphTypesSide(typings));
console.log(formatYardstick(y, Number(process.env.YARDSTICK_SAMPLES ?? 5), typings).join('\n'));
const missed = missedThresholds(y);
if (missed.length) {
  console.log(`missed: ${missed.join(', ')}`);
  process.exitCode = 1;
}
