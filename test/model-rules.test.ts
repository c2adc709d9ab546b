/**
 * fixtures/model: one page (or a few) per reading rule of issue 17, each a class of pages seen
 * in the Graph docs. The set as a whole generates a package that compiles under tsc --strict.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { runChecks } from '../src/check/run.js';
import { readPage } from '../src/extract/page.js';
import { documentedPaths } from '../src/model/path-templates.js';
import type { OperationModel, PropertyModel, TypeModel } from '../src/model/types.js';
import { compile, FIXTURES, generateInto, importGenerated, readOnce, runCli } from './helpers.js';

const MODEL = path.join(FIXTURES, 'model');
const read = readOnce(MODEL);
const type = async (fullName: string): Promise<TypeModel> => {
  const found = (await read).model.types.find((t) => t.fullName === fullName);
  assert.ok(found, `type ${fullName}`);
  return found;
};
const property = async (typeName: string, name: string): Promise<PropertyModel> => {
  const t = await type(`microsoft.graph.${typeName}`);
  const found = [...t.properties, ...t.navigationProperties].find((p) => p.name === name);
  assert.ok(found, `${typeName}.${name}`);
  return found;
};
const operation = async (id: string): Promise<OperationModel> => {
  const found = (await read).model.operations.find((o) => o.id === id);
  assert.ok(found, `operation ${id}`);
  return found;
};
const diagnosticsOf = async (file: string) =>
  (await read).diagnostics
    .filter((d) => d.file === file)
    .map((d) => `${d.ruleId}:${d.line}`)
    .sort();

test('nullability: "Not nullable" and "Nullable" are read, "Required." is not (it speaks of requests)', async () => {
  assert.equal((await property('loan', 'dueDateTime')).nullable, undefined);
  assert.equal((await property('loan', 'notes')).nullable, undefined);
  assert.equal((await property('loan', 'readerName')).nullable, false);
  assert.equal((await property('loan', 'stamps')).nullable, false);
  assert.equal((await property('loan', 'returnedDateTime')).nullable, true);
});

test('inheritance stated otherwise: rows, a base\'s "Derived types" list or sentence ("the base type for …"), an absolute link, "a subclass of"', async () => {
  const base = async (name: string) => (await type(`microsoft.graph.${name}`)).baseType;
  assert.equal(await base('socialIdentityProvider'), 'microsoft.graph.identityProviderBase');
  assert.equal(await base('organizerMeetingDetails'), 'microsoft.graph.meetingDetails');
  assert.equal(await base('tokenMeetingDetails'), 'microsoft.graph.meetingDetails');
  assert.equal(await base('pointsRewardOutcome'), 'microsoft.graph.rewardOutcome');
  assert.equal(await base('partnerReference'), 'microsoft.graph.directoryEntry');
  assert.equal(await base('ebookLoan'), 'microsoft.graph.loan');
  // "The abstract base type for the [singleReader](…) and [readerGroup](…) types."
  assert.equal(await base('singleReader'), 'microsoft.graph.readerSet');
  assert.equal(await base('readerGroup'), 'microsoft.graph.readerSet');
  // "a base class for the reading groups that meet at a [geoPoint](…)" names no derived type.
  assert.equal(await base('geoPoint'), undefined);
  // The "Derived types" table is a list of types, not properties of the base.
  assert.deepEqual(
    (await type('microsoft.graph.meetingDetails')).properties.map((p) => p.name),
    ['subject'],
  );
});

test('inheritance not stated: keyProperty id infers entity, reported as base-inferred (an info)', async () => {
  assert.equal((await type('microsoft.graph.shelf')).baseType, 'microsoft.graph.entity');
  assert.deepEqual(await diagnosticsOf('resources/shelf.md'), ['base-inferred:22']);
  assert.equal(
    (await read).diagnostics.find((d) => d.ruleId === 'base-inferred')?.severity,
    'info',
  );
  assert.equal((await type('microsoft.graph.entity')).baseType, undefined);
  // "baseType": null says there is none; complex types without a key are not given one.
  assert.equal((await type('microsoft.graph.libraryRoot')).baseType, undefined);
  assert.equal((await type('microsoft.graph.meetingDetails')).baseType, undefined);
  assert.deepEqual(
    (await read).diagnostics.filter((d) => d.ruleId === 'base-inferred').map((d) => d.file),
    ['resources/shelf.md'],
  );
  // `docs2ts check` shows it, as an info.
  const run = await runCli(['check', '--docs', MODEL, '--format', 'json']);
  const shown = (
    JSON.parse(run.stdout) as { ruleId: string; file: string; severity: string }[]
  ).filter((d) => d.ruleId === 'base-inferred');
  assert.deepEqual(
    shown.map((d) => [d.file, d.severity]),
    [['resources/shelf.md', 'info']],
  );
});

test('enum members: value lists outweigh the table only when several agree, or the table is copied', async () => {
  const members = async (name: string) =>
    (await type(`microsoft.graph.${name}`)).members.map((m) => m.name);
  // Two pages spell it highGloss, the table highgloss: taken as they spell it, an info.
  assert.deepEqual(await members('coverFinish'), ['matte', 'highGloss']);
  assert.deepEqual(await diagnosticsOf('resources/coverfinish.md'), ['enum-member-respelled:18']);
  // The table is mediumType's, and the list names none of it: the list's values, a warning.
  assert.deepEqual(await members('loanChannel'), ['desk', 'kiosk', 'online']);
  assert.deepEqual(await diagnosticsOf('resources/loanchannel.md'), ['enum-table-copied:15']);
  // Near misses: one list against the table; another enum's members that the list confirms.
  assert.deepEqual(await members('bindingKind'), ['hardcover', 'paperback']);
  assert.deepEqual(await members('shelfMedium'), ['book', 'disc']);
  assert.deepEqual(await diagnosticsOf('resources/bindingkind.md'), []);
  assert.deepEqual(await diagnosticsOf('resources/shelfmedium.md'), []);
  const severities = (await read).diagnostics
    .filter((d) => d.ruleId.startsWith('enum-'))
    .map((d) => `${d.ruleId}:${d.severity}`);
  assert.deepEqual(severities.sort(), ['enum-member-respelled:info', 'enum-table-copied:warning']);
});

test('sections below H2: ### Properties, a table under no heading, "<type> Properties", sub-tables of one property', async () => {
  const names = async (name: string) =>
    (await type(`microsoft.graph.${name}`)).properties.map((p) => p.name);
  assert.deepEqual(await names('catalogSetting'), ['name', 'value']);
  assert.deepEqual(await names('geoPoint'), ['latitude', 'longitude']);
  assert.deepEqual(await names('shelfError'), ['code', 'message']);
  // The definition's own table (MaxBooks, MaxDays) is not in the JSON representation: not the type's.
  assert.deepEqual(await names('lendingPolicy'), ['definition', 'displayName', 'id']);
});

test('sections below H2: nested HTTP requests and Response, and the top one winning', async () => {
  const get = await operation('shelf-get');
  assert.deepEqual(get.paths, ['/library/shelves/{shelfId}', '/library/loans/{loanId}/shelf']);
  // The 409 sentence is an error case; the 200 one is the response.
  assert.deepEqual(
    [get.response.status, get.response.type?.name, get.response.collection],
    [200, 'microsoft.graph.shelf', false],
  );
  const delta = await operation('shelf-delta');
  assert.deepEqual(
    [delta.kind, delta.response.status, delta.response.type?.name, delta.response.collection],
    ['list', 200, 'microsoft.graph.shelf', true],
  );
  // "a [shelf](…) that contains a collection of [loan](…) objects": one shelf (the loans are expanded in it).
  const withLoans = await operation('shelf-get-loans');
  assert.deepEqual(
    [withLoans.response.type?.name, withLoans.response.collection],
    ['microsoft.graph.shelf', false],
  );
  const list = await operation('loan-list');
  assert.deepEqual(list.paths, ['/library/loans']);
  assert.deepEqual([list.response.status, list.response.collection], [200, true]);
  assert.deepEqual(await diagnosticsOf('api/shelf-get.md'), []);
});

test('request headers under "Optional request headers" (H2, or below the HTTP request), a Type column left out of the description; the newer permissions table', async () => {
  const headers = async (id: string) =>
    (await operation(id)).headers.map((h) => [h.name, h.required, h.description]);
  assert.deepEqual(await headers('loan-delete'), [
    [
      'if-match',
      false,
      'If this request header is included and the eTag provided does not match the current tag on the loan, a 412 Precondition Failed response is returned and the loan is not deleted.',
    ],
    ['Authorization', true, 'Bearer {token}. Required.'],
  ]);
  // "Required." in the row outweighs the heading (Planner's pages list required headers there).
  assert.deepEqual(await headers('shelf-update'), [
    ['Prefer', false, 'return=representation returns the updated shelf in the response body.'],
    ['If-Match', true, 'Last known ETag value for the shelf to be updated. Required.'],
  ]);
  assert.deepEqual((await operation('shelf-update')).paths, ['/library/shelves/{shelfId}']);
  // The newer permissions table: least and higher privileged permissions in two columns.
  assert.deepEqual((await operation('shelf-update')).permissions, {
    delegatedWork: ['Library.ReadWrite', 'Library.ReadWrite.All'],
    delegatedPersonal: [],
    application: ['Library.ReadWrite.All'],
  });
});

test("a link whose text is another type's name, written as one, is read by its text (the link was copied); narrower types and plain words by the link", async () => {
  const { model } = await readOnce(path.join(FIXTURES, 'check'));
  const typeOf = (owner: string, name: string) =>
    model.types.find((t) => t.name === owner)?.properties.find((p) => p.name === name)?.type;
  // `[widgetReading](widget.md)`
  assert.deepEqual(typeOf('widgetTray', 'latestReading'), {
    kind: 'named',
    name: 'microsoft.graph.widgetReading',
  });
  // `[widget](smartwidget.md)`, `[reading](widgetreading.md)`
  assert.deepEqual(typeOf('widgetPedestal', 'featured'), {
    kind: 'named',
    name: 'microsoft.graph.smartWidget',
  });
  assert.deepEqual(typeOf('widgetPedestal', 'readings'), {
    kind: 'named',
    name: 'microsoft.graph.widgetReading',
  });
});

test('type cells: "Collection of String", Url, numeric, and "A or B" (their common base, else unknown and an info)', async () => {
  const shape = async (name: string) => {
    const p = await property('branch', name);
    return `${p.type.name}${p.collection ? '[]' : ''}`;
  };
  assert.equal(await shape('languages'), 'String[]');
  assert.equal(await shape('homePage'), 'String');
  assert.equal(await shape('area'), 'Double');
  assert.equal(await shape('nextMeeting'), 'microsoft.graph.meetingDetails');
  assert.equal(await shape('spotlight'), 'Json');
  assert.deepEqual(await diagnosticsOf('resources/branch.md'), ['type-alternatives-unrelated:23']);
});

test("short type names are the referring page's namespace's first, then the root's", async () => {
  const record = await type('microsoft.graph.archive.record');
  assert.deepEqual(
    record.properties.map((p) => `${p.name}:${p.type.name}`),
    ['media:microsoft.graph.archive.mediumType', 'shelf:microsoft.graph.shelf'],
  );
  assert.deepEqual(await diagnosticsOf('resources/archive-record.md'), []);
});

test('placeholder paths and other lines that are not URL paths: no stub for them, a placed diagnostic', async () => {
  assert.deepEqual((await operation('loan-return')).paths, ['/library/loans/{loanId}/return']);
  assert.deepEqual(await diagnosticsOf('api/loan-return.md'), [
    'http-request-malformed:18',
    'http-request-malformed:19',
  ]);
  assert.equal(
    (await read).model.operations.find((o) => o.id === 'loan-renew'),
    undefined,
  );
  assert.deepEqual(await diagnosticsOf('api/loan-renew.md'), [
    'http-request-malformed:17',
    'http-request-missing:7',
  ]);
});

test('"Path parameters" tables: rows describe placeholders, or the arguments of a function an example calls; optional ones and other rows do not', async () => {
  const slot = await operation('shelf-slot');
  assert.deepEqual(
    documentedPaths(slot).map((p) => p.template),
    // The example calls `slot(row=1,column=4)`; `slotHistory(since=…)` leaves out an optional argument.
    [
      '/library/bays/{Bay-Id}/slot(row={row},column={column})',
      '/library/bays/{Bay-Id}/slotHistory',
    ],
  );
  assert.deepEqual(
    slot.pathParameters.map((p) => `${p.name}:${p.type.name}:${p.description}`),
    ['Bay-Id:String:The identifier of the bay.'],
  );
  // `row` and `column` are the call's; `since` and the `{id_value}` row are not.
  assert.deepEqual(
    slot.queryParameters.map((p) => `${p.name}:${p.type.name}${p.required ? '!' : ''}`),
    ['row:Int32!', 'column:Int32!'],
  );
  assert.deepEqual(
    runChecks(await read)
      .filter((d) => d.file === 'api/shelf-slot.md' && d.ruleId?.startsWith('example-path'))
      .map((d) => `${d.ruleId}:${d.line}`),
    ['example-path-undocumented:63'],
  );
});

test("request bodies described in prose: an update takes the resource, an action the example's properties", async () => {
  const move = (await operation('loan-move')).requestBody;
  assert.deepEqual(move.kind === 'type' && [move.type.name, move.fields], [
    'microsoft.graph.loan',
    [],
  ]);
  const extend = (await operation('loan-extend')).requestBody;
  assert.deepEqual(
    extend.kind === 'parameters' &&
      extend.parameters.map(
        (p) => `${p.name}:${p.type.name}${p.collection ? '[]' : ''}${p.required ? '!' : ''}`,
      ),
    ['days:Int32', 'reason:String', 'weight:Double', 'labels:String[]'],
  );
  // "Do not supply a request body" stays none.
  assert.equal((await operation('shelf-delta')).requestBody.kind, 'none');
});

test('no Request body section, yet the example sends JSON: an update takes the resource, a POST creates what it returns if that has every property sent, else takes them', async () => {
  const body = async (id: string) => {
    const op = await operation(id);
    const b = op.requestBody;
    if (b.kind === 'type') return `${op.kind} ${b.type.name}${b.fromExample ? ' (example)' : ''}`;
    if (b.kind === 'none') return `${op.kind} none`;
    const names = b.parameters.map((p) => `${p.name}:${p.type.name}`).join(' ');
    return `${op.kind} ${names}${b.fromExample ? ' (example)' : ''}`;
  };
  assert.equal(await body('loan-post-loans'), 'create microsoft.graph.loan (example)');
  assert.equal(await body('loan-update'), 'update microsoft.graph.loan (example)');
  // A 204 names no type; branchId is no property of the loan returned.
  assert.equal(await body('loan-remind'), 'action message:String urgent:Boolean (example)');
  assert.equal(await body('loan-transfer'), 'action readerName:String branchId:String (example)');
  // Check still reports the missing section, at the example's body.
  const missing = runChecks(await read).filter(
    (d) =>
      d.ruleId === 'example-contradicts-page' &&
      /api\/loan-(post-loans|update|remind|transfer)/.test(d.file ?? ''),
  );
  assert.deepEqual(missing.map((d) => `${d.file}:${d.line}`).sort(), [
    'api/loan-post-loans.md:40',
    'api/loan-remind.md:33',
    'api/loan-transfer.md:33',
    'api/loan-update.md:40',
  ]);
  assert.ok(
    missing.every((d) =>
      d.message.endsWith('(no Request body section): the body is read from the examples.'),
    ),
  );
});

test('an update whose title names its resource in several words ("Update a lending policy") takes that resource; an example property its table does not list is reported', async () => {
  const body = (await operation('lendingpolicy-update')).requestBody;
  assert.equal(body.kind === 'type' && body.type.name, 'microsoft.graph.lendingPolicy');
  // displayName is the policy's, but not among the properties the table lists as updatable.
  const findings = runChecks(await read).filter(
    (d) => d.file === 'api/lendingpolicy-update.md' && d.ruleId.startsWith('example-'),
  );
  assert.deepEqual(
    findings.map((d) => `${d.ruleId}:${d.line} ${d.message}`),
    [
      'example-property-unknown:41 $.displayName: the request body table does not list "displayName" among the properties of lendingPolicy to update.',
    ],
  );
});

test('a property table led by another column (`| Reader kind | Property | Type |`) takes its names from the Property column', async () => {
  const body = (await operation('loan-update-terms')).requestBody;
  assert.equal(body.kind, 'type');
  assert.deepEqual(body.kind === 'type' && body.fields.map((f) => `${f.name}:${f.type.name}`), [
    'dueDateTime:DateTimeOffset',
    'notes:String',
  ]);
  const findings = runChecks(await read).filter((d) => d.file === 'api/loan-update-terms.md');
  assert.deepEqual(
    findings.map((d) => d.ruleId).filter((id) => /property-unknown/.test(id)),
    [],
  );
});

test('"a 202 Accepted response containing a link to the [shelf]" has no body: the link is in a header', async () => {
  const { response } = await operation('shelf-archive');
  assert.deepEqual([response.status, response.type], [202, undefined]);
  const findings = runChecks(await read).filter(
    (d) => d.file === 'api/shelf-archive.md' && d.ruleId === 'example-contradicts-page',
  );
  assert.deepEqual(findings, []);
});

test("a request-body table of a base type may list its derived types' properties; a row no type of the family has is reported", async () => {
  const findings = runChecks(await read).filter(
    (d) => d.file === 'api/readerset-update.md' && /property-unknown/.test(d.ruleId),
  );
  assert.deepEqual(
    findings.map((d) => `${d.ruleId}:${d.line} ${d.message}`),
    ['request-body-property-unknown:29 readerSet has no property "shelfId".'],
  );
});

test('setting a reference (`PUT …/reader/$ref`) sends `{"@odata.id": URL}`, though the Request body names the referenced type or the title the resource holding it', async () => {
  for (const id of ['loan-put-reader', 'loan-put-shelf']) {
    const body = (await operation(id)).requestBody;
    assert.equal(body.kind, 'parameters', id);
    assert.deepEqual(
      body.kind === 'parameters' && body.parameters.map((p) => [p.name, p.type.name, p.required]),
      [['@odata.id', 'String', true]],
    );
    const findings = runChecks(await read).filter(
      (d) => d.file === `api/${id}.md` && /property-unknown|contradicts/.test(d.ruleId),
    );
    assert.deepEqual(findings, [], id);
  }
});

test('a response answers the requests its annotation names (`"name": ["get-shelf-by-stack", …]`, or one), else the request before it', async () => {
  const { examples } = await operation('shelf-get-by-path');
  assert.deepEqual(
    examples.map((e) => [e.name, e.request?.path, e.response?.source.line]),
    [
      ['get-shelf-by-stack', '/library/stacks/3/shelf', 46],
      ['get-shelf-by-label', '/library/shelvesByLabel/A-12', 46],
      // Two requests, then their responses, each naming its own.
      ['get-shelf-by-code', '/library/shelvesByCode/Q7', 69],
      ['get-shelf-of-aisle', '/library/aisles/9/shelf', 79],
    ],
  );
  // Neither request is unpaired, and a finding on the shared response is reported once.
  const findings = runChecks(await read).filter(
    (d) => d.file === 'api/shelf-get-by-path.md' && d.ruleId.startsWith('example-'),
  );
  assert.deepEqual(
    findings.map((d) => `${d.ruleId}:${d.line}`),
    ['example-property-unknown:52'],
  );
});

test('a request line naming a concrete id (a GUID) where a placeholder belongs gets a placeholder named after its collection, reported', async () => {
  const op = await operation('shelf-get-in-branch');
  // The branch line is also written with placeholders, so its repaired twin is dropped.
  assert.deepEqual(op.paths, [
    '/library/branches/{branchId}/shelves/{shelfId}',
    '/library/aisles/{aisle-id}/shelves/{shelfId}',
  ]);
  assert.deepEqual(await diagnosticsOf('api/shelf-get-in-branch.md'), [
    'http-request-literal-id:18',
    'http-request-literal-id:19',
  ]);
  // The example, on another aisle, is on a documented path.
  const findings = runChecks(await read).filter(
    (d) => d.file === 'api/shelf-get-in-branch.md' && d.ruleId === 'example-path-undocumented',
  );
  assert.deepEqual(findings, []);
});

test('a body described in prose whose example sends a bind annotation alone (`reader@odata.bind`) is still a body: the stub takes the annotations', async () => {
  const op = await operation('loan-post-holds');
  assert.equal(op.requestBody.kind, 'parameters');
  assert.deepEqual(op.requestBody.kind === 'parameters' && op.requestBody.parameters, []);
  // The stub (compiled with the set, below) takes the annotations.
  const { out } = await generateInto(MODEL);
  const stub = await readFile(path.join(out, 'src/client/operations/createLoanHold.ts'), 'utf8');
  assert.match(stub, /interface CreateLoanHoldBody extends ODataAnnotations \{\}/);
  assert.match(stub, /body: CreateLoanHoldBody = \{\}/);
});

test('"204 No Content … if the request specifies `Prefer: return=representation`, 200 OK and the updated [x]" is a representation on request; another 200 is not', () => {
  const response = (sentence: string) => {
    const page = [
      '# Update shelf',
      '',
      '## HTTP request',
      '',
      '```http',
      'PATCH /shelves/{id}',
      '```',
      '',
      '## Response',
      '',
      sentence,
      '',
    ].join('\n');
    const { response } = readPage('api/shelf-update.md', page).operation!;
    return [response.status, response.type?.name, response.representation];
  };
  const shelf = { kind: 'named', name: 'shelf', link: 'shelf' };
  const updated =
    'returns a `200 OK` response code and the updated [shelf](../resources/shelf.md) object';
  assert.deepEqual(
    response(
      `If successful, this method returns \`204 No Content\` response and empty content. If the request specifies \`Prefer\` header with \`return=representation\` preference, then this method ${updated}.`,
    ),
    [204, undefined, { status: 200, type: shelf }],
  );
  // The alternative is the page's own, not a representation the request asks for.
  assert.deepEqual(
    response(
      `If successful, this method returns a \`204 No Content\` response code. If the shelf was archived, it ${updated}.`,
    ),
    [204, undefined, undefined],
  );
  // A preference the service refuses is no representation.
  assert.deepEqual(
    response(
      'If successful, this method returns a `204 No Content` response code. If the request specifies `Prefer: return=representation`, it returns `400 Bad Request` and an [error](../resources/error.md) object.',
    ),
    [204, undefined, undefined],
  );
});

test('a long table is not cut: 300 rows (60,000 characters) right under the heading are all read, with or without shortcuts', () => {
  const rows = Array.from(
    { length: 300 },
    (_, i) =>
      `|setting${i}|String|${'A setting of the device configuration, described at length. '.repeat(3)}|`,
  );
  const page = [
    '---',
    'title: "deviceSettings resource type"',
    'doc_type: resourcePageType',
    '---',
    '',
    '# deviceSettings resource type',
    '',
    '## Properties',
    '|Property|Type|Description|',
    '|:---|:---|:---|',
    ...rows,
    '',
    '<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.deviceSettings" } -->',
    '```json',
    '{}',
    '```',
    '',
  ].join('\n');
  assert.ok(page.length > 2 * 30_000);
  for (const shortcuts of [true, false]) {
    const read = readPage('resources/devicesettings.md', page, shortcuts);
    assert.deepEqual(read.diagnostics, []);
    assert.deepEqual(
      read.types[0].properties.map((p) => p.name),
      rows.map((_, i) => `setting${i}`),
    );
  }
  // Prose is still capped, and says so.
  const prose = readPage('resources/x.md', `# x\n\n${'word [a](b.md) '.repeat(5000)}\n`);
  assert.deepEqual(
    prose.diagnostics.map((d) => `${d.ruleId}:${d.line}`).filter((d) => d.startsWith('paragraph')),
    ['paragraph-too-long:3'],
  );
});

test('the fixture set generates a package that compiles under tsc --strict, with the nullability rule', async () => {
  const { out } = await generateInto(MODEL);
  // An open type that documents no properties takes the data's keys (excess ones are an error elsewhere).
  await writeFile(
    path.join(out, 'src/open-type.ts'),
    [
      "import type { ShelfTags } from './models/ShelfTags.js';",
      "import type { Shelf } from './models/Shelf.js';",
      "export const tags: ShelfTags = { poetry: 3, '@odata.type': '#microsoft.graph.shelfTags' };",
      '// @ts-expect-error shelf is not open',
      'export const shelf: Shelf = { poetry: 3 };',
      '',
    ].join('\n'),
  );
  // A list of a base type takes an OData cast to a member of its family, and no other type.
  await writeFile(
    path.join(out, 'src/cast.ts'),
    [
      "import { createClient, listReaderSets } from './client/index.js';",
      'const client = createClient({});',
      "export const groups = listReaderSets(client, { cast: 'microsoft.graph.readerGroup' });",
      '// @ts-expect-error a shelf is not a reader set',
      "export const shelves = listReaderSets(client, { cast: 'microsoft.graph.shelf' });",
      '',
    ].join('\n'),
  );
  assert.equal(await compile(out), '');
  const sent: string[] = [];
  const { createClient, listReaderSets } = await importGenerated<{
    createClient: (o: unknown) => unknown;
    listReaderSets: (c: unknown, o: unknown) => Promise<unknown>;
  }>(out, 'client/index.js');
  const fetch = async (url: string | URL) => {
    sent.push(url.toString());
    return Response.json({ value: [] });
  };
  await listReaderSets(createClient({ fetch }), { cast: 'microsoft.graph.readerGroup' });
  await listReaderSets(createClient({ fetch }), {});
  assert.deepEqual(
    sent.map((u) => new URL(u).pathname),
    ['/v1.0/library/readerSets/microsoft.graph.readerGroup', '/v1.0/library/readerSets'],
  );
  const loan = await readFile(path.join(out, 'src/models/Loan.ts'), 'utf8');
  for (const line of [
    'dueDateTime?: string | null;',
    'notes?: string[] | null;',
    'readerName?: string;',
    'stamps?: string[];',
  ])
    assert.ok(loan.includes(line), line);
  // A body parameter the docs say may be null ("Set it to `null` to …") admits null; the others do not.
  const relabel = await readFile(path.join(out, 'src/client/operations/shelfRelabel.ts'), 'utf8');
  assert.match(relabel, /label: string \| null;/);
  assert.match(relabel, /notes\?: string;/);
  // A collection in the path is OData's collection literal (a JSON array); a structured query parameter is its text.
  const byIds = await readFile(path.join(out, 'src/client/operations/shelfGetByIds.ts'), 'utf8');
  assert.match(byIds, /ids: string\[\];/);
  assert.match(byIds, /\$\{encodeCollection\(path\.ids\)\}/);
  const { encodeCollection } = await importGenerated<{ encodeCollection: (v: string[]) => string }>(
    out,
    'client/runtime.js',
  );
  assert.equal(decodeURIComponent(encodeCollection(['a', "b'c"])), '["a","b\'c"]');
  const near = await readFile(path.join(out, 'src/client/operations/shelfNear.ts'), 'utf8');
  assert.match(near, /point\?: string;/);
  // A response the page says is empty returns nothing; a redirect to a download URL, the bytes a client that follows it gets.
  const dust = await readFile(path.join(out, 'src/client/operations/shelfDust.ts'), 'utf8');
  assert.match(dust, /\): Promise<void> \{/);
  const { libraryRootGetShelfUsageReport } = await importGenerated<{
    libraryRootGetShelfUsageReport: (c: unknown, p: unknown) => Promise<unknown>;
  }>(out, 'client/index.js');
  const csv = new TextEncoder().encode('Report Refresh Date,Shelf Id,Loans\n');
  const followed = async () =>
    new Response(csv, { headers: { 'Content-Type': 'application/octet-stream' } });
  const bytes = await libraryRootGetShelfUsageReport(createClient({ fetch: followed }), {
    period: 'D7',
  });
  assert.ok(bytes instanceof ArrayBuffer);
  assert.equal(new TextDecoder().decode(bytes), 'Report Refresh Date,Shelf Id,Loans\n');
  // Optional request headers are options of the stub, sent as documented.
  const remove = await readFile(path.join(out, 'src/client/operations/deleteLoan.ts'), 'utf8');
  assert.match(remove, /'If-Match'\?: string;/);
  assert.match(remove, /'If-Match': options\['If-Match'\]/);
});

test('a response is a collection when its annotation says so (`"@type": …, "isCollection": true`) or a sentence without an article does ("and collection of **shelf** objects")', async () => {
  for (const id of ['shelf-list-in-aisle', 'shelf-list-in-branch']) {
    const { response } = await operation(id);
    assert.deepEqual(
      [response.type?.name, response.collection],
      ['microsoft.graph.shelf', true],
      id,
    );
    const findings = runChecks(await read).filter(
      (d) => d.file === `api/${id}.md` && d.ruleId.startsWith('example-'),
    );
    assert.deepEqual(findings, [], id);
  }
});

test('an example body with trailing commas is reported, then read as Json.NET (ApiDoctor) reads it and checked', async () => {
  const [example] = (await operation('shelf-post')).examples;
  assert.deepEqual(example.request?.body, { label: 'Poetry' });
  assert.deepEqual(example.response?.body, { id: '8', label: 'Poetry', colour: 'green' });
  const findings = runChecks(await read).filter(
    (d) => d.file === 'api/shelf-post.md' && d.ruleId.startsWith('example-'),
  );
  assert.deepEqual(
    findings.map((d) => `${d.ruleId}:${d.line}`),
    ['example-json-invalid:47', 'example-property-unknown:60', 'example-json-invalid:61'],
  );
  assert.match(
    findings[0].message,
    /read as ApiDoctor \(Json\.NET\) reads it \(trailing commas\)$/,
  );
});

test('a Request body section asking for an empty JSON object (`{}`), which the example sends, is a body of no parameters', async () => {
  const op = await operation('shelf-restock');
  assert.deepEqual(
    [op.requestBody.kind, op.requestBody.kind === 'parameters' && op.requestBody.parameters],
    ['parameters', []],
  );
  const findings = runChecks(await read).filter(
    (d) => d.file === 'api/shelf-restock.md' && d.ruleId.startsWith('example-'),
  );
  assert.deepEqual(findings, []);
});

test('a Response section that says the body is empty, is binary data, or that the answer redirects to a download URL, is read as such and not typed by the examples', async () => {
  const dust = await operation('shelf-dust');
  // The second example's response is annotated as a shelf: the page says none comes back.
  assert.deepEqual(
    [dust.response.status, dust.response.noBody, dust.response.type],
    [200, true, undefined],
  );
  const report = await operation('libraryroot-getshelfusagereport');
  // Annotated as a microsoft.graph.report, which no page defines: the bytes behind the redirect.
  assert.deepEqual(
    [report.response.status, report.response.download, report.response.type],
    [302, true, undefined],
  );
  // "… and the image binary data in the response body": a stream, named by no link.
  const cover = await operation('bookcover-get-content');
  assert.deepEqual(cover.response.type, { kind: 'primitive', name: 'Stream' });
  const findings = runChecks(await read).filter(
    (d) =>
      ['api/shelf-dust.md', 'api/libraryroot-getshelfusagereport.md'].includes(d.file) &&
      d.ruleId.startsWith('example-'),
  );
  assert.deepEqual(
    findings.map((d) => `${d.file}:${d.line} ${d.ruleId}: ${d.message}`),
    [
      'api/shelf-dust.md:70 example-contradicts-page: Example returns a body; the Response section says the response has none (200).',
    ],
  );
});

test('a GET function whose request line writes no arguments, with optional ones in its Function parameters table, has a form that passes them in the path', async () => {
  const contents = await operation('shelf-contents');
  assert.deepEqual(contents.paths, [
    '/library/shelves/{shelfId}/contents',
    "/library/shelves/{shelfId}/contents(onLoan={onLoan},label='{label}')",
  ]);
  // Arguments of the function, not query options.
  assert.deepEqual(contents.queryParameters, []);
  assert.deepEqual(
    contents.pathParameters.map((p) => [p.name, p.type.name]),
    [
      ['label', 'String'],
      ['onLoan', 'Boolean'],
      ['shelfId', 'String'],
    ],
  );
  const findings = runChecks(await read).filter(
    (d) => d.file === 'api/shelf-contents.md' && d.ruleId.startsWith('example-'),
  );
  assert.deepEqual(findings, [], 'the example calls a documented form');
  // An optional argument listed under "Path parameters", beside the placeholder.
  assert.deepEqual((await operation('shelf-used')).paths, [
    '/library/shelves/{shelfId}/used',
    '/library/shelves/{shelfId}/used(onLoan={onLoan})',
  ]);
  // A near miss: rows that do not say "Optional" (a `Required?` column) add no form.
  assert.deepEqual((await operation('shelf-tally')).paths, ['/library/shelves/{shelfId}/tally']);
});

test('an example that casts a documented collection to a derived type (`…/readerSets/microsoft.graph.readerGroup`) is on a documented path', async () => {
  const findings = runChecks(await read).filter((d) => d.file === 'api/readerset-list.md');
  assert.deepEqual(findings, []);
});

test('a body parameter whose description says it may be null ("Set it to `null` to …", "If null, …") is nullable; others say nothing', async () => {
  const body = (await operation('shelf-relabel')).requestBody;
  assert.deepEqual(body.kind === 'parameters' && body.parameters.map((p) => [p.name, p.nullable]), [
    ['label', true],
    ['notes', undefined],
  ]);
});
