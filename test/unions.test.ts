import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { compile, generateInto, SESSIONS } from './helpers.js';
import { narrowingSource } from './unions.js';

test(
  '@odata.type unions discriminate: narrowing AnyX on a tag leaves exactly that interface (tsc --strict)',
  { timeout: 120_000 },
  async () => {
    const { out, read } = await generateInto(SESSIONS);
    const { source, checks } = narrowingSource(read.model);
    assert.equal(
      checks,
      9,
      'every member of entity (5), exactMatchJobBase (2) and classificationErrorBase (2)',
    );
    const usage = `import type { AnyEntity, Entity } from './models/Entity.js';
import type { ClassificationError } from './models/ClassificationError.js';
import type { ExactMatchSession } from './models/ExactMatchSession.js';
import type { ExactMatchJobBase } from './models/ExactMatchJobBase.js';
import { isEntity, assertExactMatchJobBase } from './validators/index.js';

export function usage(x: AnyEntity, v: unknown): string | undefined {
  // The issue's case: a session, not Entity | ExactMatchJobBase | ExactMatchSession.
  if (x['@odata.type'] === '#microsoft.graph.exactMatchSession') return x.fileName ?? undefined;
  // A derived value fits where its base is declared (properties hold the Any… union).
  const error: ClassificationError = { details: [{ '@odata.type': '#microsoft.graph.classificationError', details: [] }, { code: 'c' }] };
  // Payloads without a tag are each interface still.
  const plain: Entity = { id: 'a' };
  const session: ExactMatchSession = { '@odata.type': '#microsoft.graph.exactMatchSession', fileName: 'a.csv', id: 'b' };
  const base: ExactMatchJobBase = { '@odata.type': '#microsoft.graph.exactMatchJobBase' };
  // @ts-expect-error: a session's tag is its own
  const wrong: ExactMatchSession = { '@odata.type': '#microsoft.graph.exactMatchJobBase' };
  // The guards narrow to the union (the validators accept derived types).
  if (isEntity(v) && v['@odata.type'] === '#microsoft.graph.exactMatchDataStore') return v.displayName ?? undefined;
  assertExactMatchJobBase(v);
  const job: ExactMatchJobBase | ExactMatchSession = v;
  void [error, plain, session, base, wrong, job];
  return undefined;
}
`;
    await fs.writeFile(path.join(out, 'src/narrowing.ts'), source);
    await fs.writeFile(path.join(out, 'src/usage.ts'), usage);
    assert.equal(await compile(out, true), '');
  },
);
