import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OperationModel, TypeModel } from '../src/model/types.js';
import { readOnce, SESSIONS } from './helpers.js';

const read = readOnce(SESSIONS);
const type = async (name: string): Promise<TypeModel> => {
  const found = (await read).model.types.find((t) => t.fullName === `microsoft.graph.${name}`);
  assert.ok(found, `type ${name}`);
  return found;
};
const op = async (id: string): Promise<OperationModel> => {
  const found = (await read).model.operations.find((o) => o.id === id);
  assert.ok(found, `operation ${id}`);
  return found;
};
const shape = (t: TypeModel) =>
  t.properties.map((p) => `${p.name}:${p.type.name}${p.collection ? '[]' : ''}`).sort();

test('the fixtures read without a single diagnostic', async () => {
  assert.deepEqual((await read).diagnostics, []);
});

test('types: kinds, bases, keys and derived types', async () => {
  const { model } = await read;
  assert.deepEqual(
    model.types.map((t) => `${t.name}/${t.kind}/${t.baseType ?? '-'}/${t.key ?? '-'}`),
    [
      'classificationError/complex/microsoft.graph.classificationErrorBase/-',
      'classificationErrorBase/complex/-/-',
      'classificationInnerError/complex/-/-',
      'entity/entity/-/id',
      'exactMatchDataStore/entity/microsoft.graph.entity/id',
      'exactMatchJobBase/entity/microsoft.graph.entity/id',
      'exactMatchSession/entity/microsoft.graph.exactMatchJobBase/id',
      'exactMatchUploadAgent/entity/microsoft.graph.entity/id',
      'lookupMode/enum/-/-',
      'sessionState/enum/-/-',
    ],
  );
  assert.deepEqual((await type('entity')).derivedTypes, [
    'microsoft.graph.exactMatchDataStore',
    'microsoft.graph.exactMatchJobBase',
    'microsoft.graph.exactMatchUploadAgent',
  ]);
  assert.deepEqual((await type('exactMatchJobBase')).derivedTypes, [
    'microsoft.graph.exactMatchSession',
  ]);
});

test('exactMatchSession: every property with its type, collection and nullability', async () => {
  const session = await type('exactMatchSession');
  assert.deepEqual(shape(session), [
    'checksum:String',
    'completionDateTime:DateTimeOffset',
    'creationDateTime:DateTimeOffset',
    'dataUploadURI:String',
    'datastoreId:String',
    'error:microsoft.graph.classificationError',
    'fields:String[]',
    'fileName:String',
    'id:String',
    'lastUpdatedDateTime:DateTimeOffset',
    'processingCompletionDateTime:DateTimeOffset',
    'remainingBlockCount:Int32',
    'remainingJobCount:Int32',
    'rowsPerBlock:Int32',
    'startDateTime:DateTimeOffset',
    'state:microsoft.graph.sessionState',
    'totalBlockCount:Int32',
    'totalJobCount:Int32',
    'uploadAgentId:String',
    'uploadCompletionDateTime:DateTimeOffset',
  ]);
  const id = session.properties.find((p) => p.name === 'id')!;
  assert.equal(id.nullable, false);
  assert.equal(id.readOnly, true);
  assert.equal(session.properties.find((p) => p.name === 'completionDateTime')!.nullable, true);
  assert.equal(session.properties.find((p) => p.name === 'checksum')!.nullable, undefined);
  assert.deepEqual(
    session.navigationProperties.map((p) => [p.name, p.type.name, p.collection]),
    [['uploadAgent', 'microsoft.graph.exactMatchUploadAgent', false]],
  );
  assert.equal(session.source.file, 'resources/exactmatchsession.md');
  assert.ok(session.source.line > 1);
  assert.equal(session.open, false);
});

test('data store: a navigation collection and an enum from a "values" section', async () => {
  const store = await type('exactMatchDataStore');
  assert.deepEqual(
    store.navigationProperties.map((p) => [p.name, p.type.name, p.collection]),
    [['sessions', 'microsoft.graph.exactMatchSession', true]],
  );
  assert.equal(
    store.properties.find((p) => p.name === 'lookupMode')!.type.name,
    'microsoft.graph.lookupMode',
  );
  const mode = await type('lookupMode');
  assert.deepEqual(
    mode.members.map((m) => [m.name, m.value]),
    [
      ['exact', 0],
      ['caseInsensitive', 1],
      ['unknownFutureValue', 2],
    ],
  );
  assert.equal(mode.source.file, 'resources/exactmatchdatastore.md');
  const state = await type('sessionState');
  assert.deepEqual(
    state.members.map((m) => m.name),
    ['created', 'uploading', 'processing', 'completed', 'failed', 'unknownFutureValue'],
  );
  assert.equal(state.source.file, 'resources/sessionstate.md');
});

test('operations: kind, method, path, response', async () => {
  const { model } = await read;
  const base = '/dataClassification/exactMatchDataStores';
  assert.deepEqual(
    model.operations.map((o) => [
      o.id,
      o.kind,
      o.method,
      o.paths,
      o.response.status,
      o.response.type?.name ?? null,
      o.response.collection,
    ]),
    [
      [
        'exactmatchdatastore-get',
        'get',
        'GET',
        [`${base}/{exactMatchDataStoreId}`],
        200,
        'microsoft.graph.exactMatchDataStore',
        false,
      ],
      [
        'exactmatchdatastore-list',
        'list',
        'GET',
        [base],
        200,
        'microsoft.graph.exactMatchDataStore',
        true,
      ],
      [
        'exactmatchdatastore-list-sessions',
        'list',
        'GET',
        [`${base}/{exactMatchDataStoreId}/sessions`],
        200,
        'microsoft.graph.exactMatchSession',
        true,
      ],
      [
        'exactmatchdatastore-lookup',
        'function',
        'GET',
        [`${base}/{exactMatchDataStoreId}/lookup(key='{key}')`],
        200,
        'String',
        true,
      ],
      [
        'exactmatchdatastore-post-sessions',
        'create',
        'POST',
        [`${base}/{exactMatchDataStoreId}/sessions`],
        201,
        'microsoft.graph.exactMatchSession',
        false,
      ],
      [
        'exactmatchsession-commit',
        'action',
        'POST',
        [`${base}/{exactMatchDataStoreId}/sessions/{exactMatchSessionId}/commit`],
        204,
        null,
        false,
      ],
      [
        'exactmatchsession-delete',
        'delete',
        'DELETE',
        [`${base}/{exactMatchDataStoreId}/sessions/{exactMatchSessionId}`],
        204,
        null,
        false,
      ],
      [
        'exactmatchsession-get',
        'get',
        'GET',
        [`${base}/{exactMatchDataStoreId}/sessions/{exactMatchSessionId}`],
        200,
        'microsoft.graph.exactMatchSession',
        false,
      ],
      [
        'exactmatchsession-renew',
        'action',
        'POST',
        [`${base}/{exactMatchDataStoreId}/sessions/{exactMatchSessionId}/renew`],
        200,
        'microsoft.graph.exactMatchSession',
        false,
      ],
      [
        'exactmatchsession-update',
        'update',
        'PATCH',
        [`${base}/{exactMatchDataStoreId}/sessions/{exactMatchSessionId}`],
        204,
        null,
        false,
      ],
    ],
  );
});

test('operations: parameters, headers, bodies and permissions', async () => {
  const lookup = await op('exactmatchdatastore-lookup');
  assert.deepEqual(
    lookup.pathParameters.map((p) => [p.name, p.type.name, p.required]),
    [
      ['exactMatchDataStoreId', 'String', true],
      ['key', 'String', true],
    ],
  );
  assert.deepEqual(lookup.queryParameters, []);
  const list = await op('exactmatchdatastore-list-sessions');
  assert.deepEqual(
    list.queryParameters.map((p) => p.name),
    ['$filter', '$select', '$top'],
  );
  assert.deepEqual(
    list.headers.map((h) => [h.name, h.required]),
    [['Authorization', true]],
  );
  assert.deepEqual(list.permissions, {
    delegatedWork: ['ExactMatchData.Read.All', 'ExactMatchData.ReadWrite.All'],
    delegatedPersonal: [],
    application: ['ExactMatchData.Read.All', 'ExactMatchData.ReadWrite.All'],
  });
  const create = await op('exactmatchdatastore-post-sessions');
  assert.equal(create.requestBody.kind, 'type');
  if (create.requestBody.kind === 'type') {
    assert.equal(create.requestBody.type.name, 'microsoft.graph.exactMatchSession');
    assert.deepEqual(
      create.requestBody.fields.filter((f) => f.required).map((f) => f.name),
      ['datastoreId', 'fields', 'fileName', 'rowsPerBlock', 'totalBlockCount', 'uploadAgentId'],
    );
  }
  const renew = await op('exactmatchsession-renew');
  assert.equal(renew.requestBody.kind, 'parameters');
  if (renew.requestBody.kind === 'parameters') {
    assert.deepEqual(
      renew.requestBody.parameters.map((p) => [p.name, p.type.name, p.required]),
      [
        ['extendBy', 'Duration', true],
        ['reason', 'String', false],
      ],
    );
  }
  const update = await op('exactmatchsession-update');
  assert.equal(
    update.requestBody.kind === 'type' && update.requestBody.type.name,
    'microsoft.graph.exactMatchSession',
  );
  assert.equal((await op('exactmatchsession-delete')).requestBody.kind, 'none');
});

test('examples: request and response paired, parsed, placed', async () => {
  const list = await op('exactmatchdatastore-list-sessions');
  assert.equal(list.examples.length, 1);
  const [example] = list.examples;
  assert.equal(example.request?.method, 'GET');
  assert.equal(
    example.request?.path,
    '/dataClassification/exactMatchDataStores/{exactMatchDataStoreId}/sessions'.replace(
      '{exactMatchDataStoreId}',
      example.request.path.split('/')[3],
    ),
  );
  assert.equal(example.response?.status, 200);
  assert.equal(example.response?.isCollection, true);
  assert.ok(Array.isArray((example.response?.body as { value: unknown[] }).value));
  const get = await op('exactmatchsession-get');
  assert.ok(Object.keys(get.examples[0].request!.query).includes('$select'));
  const create = await op('exactmatchdatastore-post-sessions');
  assert.equal(create.examples[0].response?.status, 201);
  assert.equal(typeof create.examples[0].request?.body, 'object');
  assert.equal(
    create.examples[0].request?.headers['Content-Type']
      ?.toLowerCase()
      .startsWith('application/json'),
    true,
  );
  const update = await op('exactmatchsession-update');
  assert.equal(update.examples[0].response?.status, 204);
  assert.equal(update.examples[0].response?.body, undefined);
  for (const o of (await read).model.operations) {
    for (const e of o.examples) {
      assert.ok(e.request && e.response, `${o.id}: every example pairs a request with a response`);
      assert.equal(e.request.source.file, `api/${o.id}.md`);
    }
  }
});
