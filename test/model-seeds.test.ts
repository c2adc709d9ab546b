import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readOnce, SEEDS } from './helpers.js';

const read = readOnce(SEEDS);

test('seeds: .txt pages are read and their types resolve by name across casing', async () => {
  const { model, pages } = await read;
  assert.equal(pages.length, 5);
  const session = model.types.find((t) => t.fullName === 'microsoft.graph.exactMatchSession');
  assert.ok(session);
  assert.equal(session.kind, 'entity');
  assert.equal(session.key, 'id');
  assert.equal(session.source.file, '003_8bbd82a62f160a7d.txt');
  assert.equal(session.properties.length, 20);
  assert.deepEqual(
    session.navigationProperties.map((p) => p.type.name),
    ['microsoft.graph.exactMatchUploadAgent'],
  );
  // Response sentences link `exactmatchsession.md`; the page declares `exactMatchSession`: one type.
  assert.equal(model.types.filter((t) => t.name.toLowerCase() === 'exactmatchsession').length, 1);
  const ops = model.operations;
  assert.deepEqual(ops.map((o) => `${o.kind} ${o.method} ${o.response.status}`).sort(), [
    'create POST 201',
    'get GET 200',
    'list GET 200',
    'update PATCH 200',
  ]);
  for (const o of ops)
    if (o.response.type) assert.equal(o.response.type.name, 'microsoft.graph.exactMatchSession');
});

test('seeds: types with no page are explicit unresolved types, each reference reported', async () => {
  const { model, diagnostics } = await read;
  const unresolved = model.types.filter((t) => t.kind === 'unresolved').map((t) => t.fullName);
  assert.deepEqual(unresolved, [
    'microsoft.graph.classificationError',
    'microsoft.graph.exactMatchJobBase',
    'microsoft.graph.exactMatchUploadAgent',
  ]);
  const findings = diagnostics.filter((d) => d.ruleId === 'type-unresolved');
  assert.ok(findings.length >= 3);
  for (const d of findings) {
    assert.ok(d.line > 1 && d.column >= 1, 'placed');
    assert.equal(d.severity, 'warning');
  }
  const base = findings.find(
    (d) => d.file === '003_8bbd82a62f160a7d.txt' && d.message.includes('exactMatchJobBase'),
  );
  assert.ok(base, 'the base type reference is reported on the resource page');
});

test("seeds: the malformed example URL still yields a path, the seeds' example bodies parse", async () => {
  const { model } = await read;
  const update = model.operations.find((o) => o.kind === 'update')!;
  assert.equal(
    update.examples[0].request?.path,
    '/dataClassification/exactMatchDataStores/{exactMatchDataStoreId}/sessions/{exactMatchSessionId}',
  );
  assert.equal(typeof update.examples[0].response?.body, 'object');
  assert.deepEqual(update.permissions, {
    delegatedWork: [],
    delegatedPersonal: [],
    application: [],
  });
});
