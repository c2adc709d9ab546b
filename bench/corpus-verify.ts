/**
 * `npm run verify:corpus`: the mock answers every example request of the whole v1.0 corpus,
 * and `verify` round-trips its examples through the generated stubs within the figures
 * `WHOLE_CORPUS` holds, each failure a doc defect `check` reports. Exits 1 when one is missed.
 * `npm test` runs the same on a seeded quarter of the operations.
 */
import { readDocs } from '../src/pipeline.js';
import {
  mockAnswersEveryExample,
  verifiedAsDocDefects,
  WHOLE_CORPUS,
} from '../test/corpus-verify.js';
import { CORPUS } from '../test/helpers.js';

const read = await readDocs(CORPUS);
await mockAnswersEveryExample(read, WHOLE_CORPUS);
await verifiedAsDocDefects(read, WHOLE_CORPUS, 'corpus');
