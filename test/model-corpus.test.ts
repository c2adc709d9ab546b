import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readPage } from '../src/extract/page.js';
import { loadDocs } from '../src/read/load.js';
import { readPagesParallel } from '../src/build/parse-pool.js';
import { parseMarkdown } from '../src/read/parse.js';
import { safeReadPage } from '../src/pipeline.js';
import { CORPUS, readOnce } from './helpers.js';

const read = readOnce(CORPUS);
const type = async (name: string) =>
  (await read).model.types.find((t) => t.fullName === `microsoft.graph.${name}`);
const op = async (id: string) => (await read).model.operations.find((o) => o.id === id);

test('the v1.0 corpus reads with no crash and the expected size', async () => {
  const { model, pages, diagnostics } = await read;
  assert.ok(pages.length >= 3300, `pages: ${pages.length}`);
  assert.deepEqual(
    diagnostics.filter((d) => d.ruleId === 'internal-error'),
    [],
  );
  const structured = model.types.filter((t) => t.kind === 'entity' || t.kind === 'complex');
  assert.ok(structured.length >= 1000, `entity/complex types: ${structured.length}`);
  assert.ok(model.types.filter((t) => t.kind === 'enum').length >= 250);
  assert.ok(model.operations.length >= 2000, `operations: ${model.operations.length}`);
  // Few references stay unresolved: each is a real gap in the docs.
  assert.ok(model.types.filter((t) => t.kind === 'unresolved').length <= 20);
  for (const d of diagnostics)
    assert.ok(d.line >= 1 && d.column >= 1 && d.ruleId && d.file, JSON.stringify(d));
});

test('base types resolve: user → directoryObject → entity; derived types are listed', async () => {
  const user = (await type('user'))!;
  assert.equal(user.baseType, 'microsoft.graph.directoryObject');
  assert.equal((await type('directoryObject'))!.baseType, 'microsoft.graph.entity');
  assert.equal(user.kind, 'entity');
  assert.ok((await type('directoryObject'))!.derivedTypes.includes('microsoft.graph.group'));
  assert.ok((await type('entity'))!.derivedTypes.length > 100);
});

test('spot checks: property types and collections', async () => {
  const user = (await type('user'))!;
  const prop = (name: string) => user.properties.find((p) => p.name === name)!;
  assert.deepEqual(
    [prop('businessPhones').type, prop('businessPhones').collection],
    [{ kind: 'primitive', name: 'String' }, true],
  );
  assert.deepEqual(prop('accountEnabled').type, { kind: 'primitive', name: 'Boolean' });
  assert.deepEqual(
    [prop('assignedLicenses').type, prop('assignedLicenses').collection],
    [{ kind: 'named', name: 'microsoft.graph.assignedLicense' }, true],
  );
  assert.deepEqual(prop('createdDateTime').type, { kind: 'primitive', name: 'DateTimeOffset' });
  const manager = user.navigationProperties.find((p) => p.name === 'manager')!;
  assert.deepEqual(
    [manager.type.name, manager.collection],
    ['microsoft.graph.directoryObject', false],
  );
  const identitySet = (await type('identitySet'))!;
  assert.equal(identitySet.kind, 'complex');
  assert.deepEqual(identitySet.properties.map((p) => p.type.name).sort(), [
    'microsoft.graph.identity',
    'microsoft.graph.identity',
    'microsoft.graph.identity',
  ]);
  // Namespaced types keep their namespace.
  assert.ok(
    (await read).model.types.some(
      (t) => t.namespace === 'microsoft.graph.callRecords' && t.name === 'session',
    ),
  );
});

test('spot checks: a POST returning 201, an action parameter table, a function, permissions', async () => {
  const create = (await op('user-post-users'))!;
  assert.deepEqual(
    [create.kind, create.method, create.paths, create.response.status, create.response.type?.name],
    ['create', 'POST', ['/users'], 201, 'microsoft.graph.user'],
  );
  assert.equal(
    create.requestBody.kind === 'type' && create.requestBody.type.name,
    'microsoft.graph.user',
  );
  const assign = (await op('user-assignlicense'))!;
  assert.equal(assign.kind, 'action');
  assert.equal(assign.requestBody.kind, 'parameters');
  if (assign.requestBody.kind === 'parameters') {
    assert.deepEqual(
      assign.requestBody.parameters.map((p) => [p.name, p.type.name, p.collection]),
      [
        ['addLicenses', 'microsoft.graph.assignedLicense', true],
        ['removeLicenses', 'Guid', true],
      ],
    );
  }
  const list = (await op('user-list'))!;
  assert.deepEqual([list.kind, list.response.collection], ['list', true]);
  assert.ok(list.headers.some((h) => h.name === 'ConsistencyLevel'));
  const get = (await op('user-get'))!;
  assert.deepEqual(get.paths, ['/users/{id | userPrincipalName}', '/me']);
  assert.ok(get.permissions.delegatedWork.includes('User.Read'));
  assert.ok(get.permissions.application.includes('User.Read.All'));
  assert.equal((await op('user-delete'))!.response.status, 204);
  const schedule = (await op('calendar-getschedule'))!;
  assert.equal(schedule.method, 'POST');
  const functions = (await read).model.operations.filter((o) => o.kind === 'function');
  assert.ok(functions.length > 50);
  const examples = (await read).model.operations.flatMap((o) => o.examples);
  assert.ok(examples.length > 1500);
  assert.ok(examples.filter((e) => e.request && e.response).length > 1300);
});

test('spot checks: request bodies stated in prose, $ref bodies, Value-column tables', async () => {
  const body = async (id: string) => (await op(id))!.requestBody;
  const paramsOf = (b: Awaited<ReturnType<typeof body>>) =>
    b.kind === 'parameters' ? b.parameters.map((p) => [p.name, p.type.name, p.required]) : b.kind;
  // "provide the id of a [user]…" on POST …/members/$ref: the OData reference body.
  assert.deepEqual(paramsOf(await body('administrativeunit-post-members')), [
    ['@odata.id', 'String', true],
  ]);
  // | Name | Value | Description | with primitives in the Value column.
  assert.deepEqual(paramsOf(await body('driveitem-checkin')), [
    ['checkInAs', 'String', false],
    ['comment', 'String', false],
  ]);
  const typed = async (id: string) => {
    const b = await body(id);
    return b.kind === 'type' ? b.type.name : b.kind;
  };
  assert.equal(await typed('openshift-post'), 'microsoft.graph.openShift'); // "Provide the new [openShift] object"
  assert.equal(await typed('printjob-update'), 'microsoft.graph.printJob'); // "supply the values of the relevant [printJob] fields"
});

test('skimming sections no extractor reads changes nothing read from the corpus (a tenth of its pages)', async () => {
  const { pages } = await loadDocs(CORPUS);
  const sample = pages.filter((_, i) => i % 10 === 0);
  let skimmedLinks = 0;
  for (const page of sample) {
    const full = readPage(page.file, page.text, false);
    const skimmed = readPage(page.file, page.text);
    // Link text is recovered by a line-level reading: compare places and targets.
    const strip = (r: typeof full) => ({
      ...r,
      links: r.links.map(({ text: _, ...place }) => place),
    });
    assert.deepEqual(strip(skimmed), strip(full), page.file);
    skimmedLinks += parseMarkdown(page.text).links.length;
  }
  // The skimmed lines held links, and the pages read the same with and without them parsed.
  assert.ok(
    sample.length > 300 && skimmedLinks > 500,
    `${sample.length} pages, ${skimmedLinks} links on skimmed lines`,
  );
});

test('pages read on two worker threads come back in order, the same as read inline', async () => {
  const { pages } = await loadDocs(CORPUS);
  const sample = pages.filter((_, i) => i % 8 === 0);
  assert.ok(
    sample.reduce((n, p) => n + p.text.length, 0) > 1024 * 1024,
    'enough text to start workers',
  );
  assert.deepEqual(
    await readPagesParallel(sample, safeReadPage, 2),
    sample.map((p) => safeReadPage(p.file, p.text)),
  );
});
