import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fs, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { createConfig, lintFromString, type NormalizedProblem } from '@redocly/openapi-core';
import { parse as parseYaml } from 'yaml';
import { formatOpenApi } from '../src/commands/openapi.js';
import { toOpenApi } from '../src/openapi/document.js';
import { CORPUS, FIXTURES, readOnce, ROOT, SESSIONS, tempDir } from './helpers.js';

const OPTIONS = {
  title: 'Test API',
  version: '2.0.0',
  serverUrl: 'https://graph.microsoft.com/v1.0/',
};

type Json = any;

/** Redocly's `recommended` ruleset (struct, refs, path templating, operationIds, security, …) over the JSON text. */
async function lint(
  document: unknown,
): Promise<{ errors: NormalizedProblem[]; warnings: NormalizedProblem[] }> {
  const config = await createConfig({ extends: ['recommended'] });
  const problems = await lintFromString({
    source: JSON.stringify(document),
    absoluteRef: path.join(tempDir(), 'openapi.json'),
    config,
  });
  return {
    errors: problems.filter((p) => p.severity === 'error'),
    warnings: problems.filter((p) => p.severity === 'warn'),
  };
}

function describeProblems(problems: NormalizedProblem[]): string {
  return problems
    .slice(0, 20)
    .map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)
    .join('\n');
}

function counts(problems: NormalizedProblem[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of problems) out[p.ruleId] = (out[p.ruleId] ?? 0) + 1;
  return out;
}

const STORES = '/dataClassification/exactMatchDataStores';
const SESSION = `${STORES}/{exactMatchDataStoreId}/sessions/{exactMatchSessionId}`;
const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });

test('fixtures: a valid OpenAPI 3.1 document (redocly recommended: 0 errors)', async () => {
  const doc = toOpenApi((await readOnce(SESSIONS)).model, OPTIONS) as Json;
  assert.equal(doc.openapi, '3.1.0');
  assert.deepEqual(doc.info, {
    title: 'Test API',
    version: '2.0.0',
    description: 'Built by docs2ts from the API reference docs.',
  });
  assert.deepEqual(doc.servers, [{ url: 'https://graph.microsoft.com/v1.0' }]);
  const { errors, warnings } = await lint(doc);
  assert.deepEqual(errors, [], describeProblems(errors));
  // The fixtures carry no license; their examples match their schemas.
  assert.deepEqual(
    Object.keys(counts(warnings)).filter((r) => r !== 'info-license'),
    [],
    describeProblems(warnings),
  );
});

test('fixtures: component schemas with inheritance, nullability, formats, enums and a discriminator', async () => {
  const { schemas } = (toOpenApi((await readOnce(SESSIONS)).model, OPTIONS) as Json).components;
  assert.deepEqual(Object.keys(schemas), [
    'microsoft.graph.classificationError',
    'microsoft.graph.classificationErrorBase',
    'microsoft.graph.classificationInnerError',
    'microsoft.graph.entity',
    'microsoft.graph.exactMatchDataStore',
    'microsoft.graph.exactMatchJobBase',
    'microsoft.graph.exactMatchSession',
    'microsoft.graph.exactMatchUploadAgent',
    'microsoft.graph.lookupMode',
    'microsoft.graph.sessionState',
    'ODataError',
  ]);
  const entity = schemas['microsoft.graph.entity'];
  assert.equal(entity.type, 'object');
  assert.deepEqual(entity.properties.id.type, 'string', 'the key is not nullable');
  assert.equal(entity.properties['@odata.type'].type, 'string');
  assert.equal(entity.discriminator.propertyName, '@odata.type');
  assert.deepEqual(entity.discriminator.mapping, {
    '#microsoft.graph.entity': '#/components/schemas/microsoft.graph.entity',
    '#microsoft.graph.exactMatchDataStore':
      '#/components/schemas/microsoft.graph.exactMatchDataStore',
    '#microsoft.graph.exactMatchJobBase': '#/components/schemas/microsoft.graph.exactMatchJobBase',
    '#microsoft.graph.exactMatchSession': '#/components/schemas/microsoft.graph.exactMatchSession',
    '#microsoft.graph.exactMatchUploadAgent':
      '#/components/schemas/microsoft.graph.exactMatchUploadAgent',
  });

  const session = schemas['microsoft.graph.exactMatchSession'];
  assert.deepEqual(session.allOf[0], schemaRef('microsoft.graph.exactMatchJobBase'));
  assert.equal(session.discriminator, undefined, 'no descendants, no discriminator');
  const own = session.allOf[1].properties;
  assert.equal(own.id, undefined, 'inherited properties stay on the base');
  assert.equal(own['@odata.type'], undefined);
  assert.deepEqual(own.checksum.type, ['string', 'null']);
  assert.deepEqual(own.processingCompletionDateTime.type, ['string', 'null']);
  assert.equal(own.processingCompletionDateTime.format, 'date-time');
  assert.equal(own.processingCompletionDateTime.readOnly, true);
  assert.deepEqual(own.remainingBlockCount.type, ['integer', 'null']);
  assert.equal(own.remainingBlockCount.format, 'int32');
  assert.equal(own.remainingBlockCount.maximum, 2147483647);
  assert.deepEqual(own.fields, {
    description: 'The names of the fields (columns) in the uploaded data.',
    type: ['array', 'null'],
    items: { type: 'string' },
  });
  assert.deepEqual(own.state.anyOf, [schemaRef('microsoft.graph.sessionState'), { type: 'null' }]);

  const jobBase = schemas['microsoft.graph.exactMatchJobBase'];
  assert.deepEqual(jobBase.allOf[0], schemaRef('microsoft.graph.entity'));
  assert.deepEqual(Object.keys(jobBase.discriminator.mapping), [
    '#microsoft.graph.exactMatchJobBase',
    '#microsoft.graph.exactMatchSession',
  ]);
  assert.deepEqual(jobBase.allOf[1].properties.error.anyOf, [
    schemaRef('microsoft.graph.classificationError'),
    { type: 'null' },
  ]);

  assert.deepEqual(schemas['microsoft.graph.sessionState'].enum, [
    'created',
    'uploading',
    'processing',
    'completed',
    'failed',
    'unknownFutureValue',
  ]);
  assert.equal(schemas['microsoft.graph.sessionState'].type, 'string');
  assert.deepEqual(Object.keys(schemas.ODataError.properties.error.properties), [
    'code',
    'message',
    'target',
    'details',
    'innerError',
  ]);
});

test('fixtures: paths, operationIds, parameters, bodies, responses, examples and security', async () => {
  const model = (await readOnce(SESSIONS)).model;
  const doc = toOpenApi(model, OPTIONS) as Json;
  assert.deepEqual(Object.keys(doc.paths), [
    STORES,
    `${STORES}/{exactMatchDataStoreId}`,
    `${STORES}/{exactMatchDataStoreId}/lookup(key='{key}')`,
    `${STORES}/{exactMatchDataStoreId}/sessions`,
    SESSION,
    `${SESSION}/commit`,
    `${SESSION}/renew`,
  ]);
  const ops = Object.values(doc.paths).flatMap((item: Json) => Object.values(item)) as Json[];
  assert.deepEqual(ops.map((o) => o.operationId).sort(), model.operations.map((o) => o.id).sort());
  assert.deepEqual(Object.keys(doc.paths[SESSION]), ['get', 'patch', 'delete']);

  const list = doc.paths[STORES].get;
  assert.equal(list.summary, 'List exactMatchDataStores');
  assert.deepEqual(
    list.parameters.map((p: Json) => `${p.in}:${p.name}`),
    ['query:$filter', 'query:$select', 'query:$top'],
  );
  assert.deepEqual(list.parameters[2].schema, { type: 'integer', minimum: 0 });
  const listed = list.responses['200'].content['application/json'];
  assert.deepEqual(listed.schema.properties.value, {
    type: 'array',
    items: schemaRef('microsoft.graph.exactMatchDataStore'),
  });
  assert.deepEqual(listed.schema.properties['@odata.nextLink'], { type: 'string' });
  assert.equal(
    listed.examples.list_exactmatchdatastore.value.value[0].displayName,
    'Customer records',
  );
  assert.deepEqual(list.responses.default, { $ref: '#/components/responses/error' });
  assert.deepEqual(
    doc.components.responses.error.content['application/json'].schema,
    schemaRef('ODataError'),
  );
  assert.deepEqual(list.security, [
    { azureAdOAuth2: ['ExactMatchData.Read.All', 'ExactMatchData.ReadWrite.All'] },
  ]);

  const lookup = doc.paths[`${STORES}/{exactMatchDataStoreId}/lookup(key='{key}')`].get;
  assert.deepEqual(
    lookup.parameters.map((p: Json) => `${p.in}:${p.name}:${p.required}`),
    ['path:exactMatchDataStoreId:true', 'path:key:true'],
  );
  assert.deepEqual(lookup.responses['200'].content['application/json'].schema.properties.value, {
    type: 'array',
    items: { type: 'string' },
  });

  const create = doc.paths[`${STORES}/{exactMatchDataStoreId}/sessions`].post;
  assert.equal(create.operationId, 'exactmatchdatastore-post-sessions');
  assert.equal(
    create.parameters.some((p: Json) => p.in === 'header'),
    false,
    'Authorization and Content-Type are implied',
  );
  const body = create.requestBody.content['application/json'];
  assert.deepEqual(body.schema, schemaRef('microsoft.graph.exactMatchSession'));
  assert.equal(body.examples.create_exactmatchsession.value.fileName, 'customers-2021-07-03.csv');
  const created = create.responses['201'].content['application/json'];
  assert.deepEqual(created.schema, schemaRef('microsoft.graph.exactMatchSession'));
  assert.equal(created.examples.create_exactmatchsession.value.state, 'created');
  assert.deepEqual(create.security, [{ azureAdOAuth2: ['ExactMatchData.ReadWrite.All'] }]);

  const update = doc.paths[SESSION].patch;
  assert.deepEqual(
    update.requestBody.content['application/json'].schema,
    schemaRef('microsoft.graph.exactMatchSession'),
  );
  assert.deepEqual(update.responses['204'], { description: 'No Content' });
  assert.deepEqual(doc.paths[`${SESSION}/commit`].post.responses['204'], {
    description: 'No Content',
  });
  assert.equal(doc.paths[`${SESSION}/commit`].post.requestBody, undefined);
  assert.deepEqual(
    doc.paths[`${SESSION}/renew`].post.responses['200'].content['application/json'].schema,
    schemaRef('microsoft.graph.exactMatchSession'),
  );

  const scheme = doc.components.securitySchemes.azureAdOAuth2;
  assert.equal(scheme.type, 'oauth2');
  assert.deepEqual(Object.keys(scheme.flows), ['authorizationCode', 'clientCredentials']);
  assert.deepEqual(Object.keys(scheme.flows.authorizationCode.scopes), [
    'ExactMatchData.Read.All',
    'ExactMatchData.ReadWrite.All',
  ]);
  assert.deepEqual(Object.keys(scheme.flows.clientCredentials.scopes), [
    'ExactMatchData.Read.All',
    'ExactMatchData.ReadWrite.All',
  ]);
});

test('paths: placeholders renamed, colliding paths merged, duplicates kept first by id', async () => {
  const model = structuredClone((await readOnce(SESSIONS)).model);
  const get = model.operations.find((o) => o.id === 'exactmatchsession-get')!;
  model.operations.push(
    // Same path as `exactmatchsession-get` but for the placeholder names and a trailing slash.
    {
      ...structuredClone(get),
      id: 'aaa-session-get',
      paths: ['/dataClassification/exactMatchDataStores/{store-id}/sessions/{id | name}/'],
    },
    {
      ...structuredClone(get),
      id: 'zzz-users',
      paths: [
        '/users/{id | userPrincipalName}/events/{id}?$select=subject',
        '/users/{id | userPrincipalName}/calendar/events/{id}',
      ],
    },
  );
  const doc = toOpenApi(model, OPTIONS) as Json;
  const item = doc.paths['/dataClassification/exactMatchDataStores/{storeId}/sessions/{id}'];
  assert.ok(item, Object.keys(doc.paths).join('\n'));
  assert.equal(doc.paths[SESSION], undefined, "merged into the first operation's spelling");
  assert.equal(item.get.operationId, 'aaa-session-get');
  assert.deepEqual(item.get['x-docs2ts-duplicates'], [
    { operationId: 'exactmatchsession-get', path: `${SESSION}` },
  ]);
  assert.deepEqual(
    item.patch.parameters.filter((p: Json) => p.in === 'path').map((p: Json) => p.name),
    ['storeId', 'id'],
  );
  const events = doc.paths['/users/{id}/events/{id2}'].get;
  assert.equal(events.operationId, 'zzz-users');
  assert.equal(doc.paths['/users/{id}/calendar/events/{id2}'].get.operationId, 'zzz-users-2');
  assert.deepEqual(
    events.parameters.filter((p: Json) => p.in === 'path').map((p: Json) => p.name),
    ['id', 'id2'],
  );
  const { errors } = await lint(doc);
  assert.deepEqual(errors, [], describeProblems(errors));
});

test('an update answering 204, or 200 and the object when asked (`Prefer: return=representation`): both responses, each with its examples, and the optional Prefer header that asks', async () => {
  const model = (await readOnce(path.join(FIXTURES, 'paths'))).model;
  const doc = toOpenApi(model, OPTIONS) as Json;
  const { responses, parameters } = doc.paths['/me/notes/{id}'].patch;
  assert.deepEqual(Object.keys(responses), ['200', '204', '4XX', 'default']);
  assert.equal(responses['204'].content, undefined);
  const asked = responses['200'].content['application/json'];
  assert.deepEqual(asked.schema, schemaRef('microsoft.graph.note'));
  assert.deepEqual(Object.keys(asked.examples), ['update_note_representation']);
  assert.match(responses['200'].description, /Prefer: return=representation/);
  const prefer = parameters.filter((p: Json) => p.in === 'header' && p.name === 'Prefer');
  assert.deepEqual(
    prefer.map((p: Json) => [p.required, p.schema]),
    [[undefined, { type: 'string', enum: ['return=representation'] }]],
  );
  assert.match(prefer[0].description, /200 OK\) instead of 204 No Content/);
  const { errors } = await lint(doc);
  assert.deepEqual(errors, [], describeProblems(errors));
});

test('a body parameter the docs say may be null is nullable in its schema; one that says nothing is not', async () => {
  const model = (await readOnce(path.join(FIXTURES, 'model'))).model;
  const doc = toOpenApi(model, OPTIONS) as Json;
  const { schema } =
    doc.paths['/library/shelves/{shelfId}/relabel'].post.requestBody.content['application/json'];
  assert.deepEqual(
    [schema.properties.label.type, schema.properties.notes.type, schema.required],
    [['string', 'null'], 'string', ['label']],
  );
});

test('deterministic: two documents of the fixtures are byte-identical, JSON and YAML', async () => {
  const model = (await readOnce(SESSIONS)).model;
  for (const format of ['json', 'yaml'] as const) {
    assert.equal(
      formatOpenApi(toOpenApi(structuredClone(model), OPTIONS), format),
      formatOpenApi(toOpenApi(model, OPTIONS), format),
    );
  }
});

test('the CLI writes YAML and JSON', async () => {
  const dir = tempDir();
  const run = (args: string[]) =>
    spawnSync(
      process.execPath,
      [path.join(ROOT, 'bin', 'docs2ts.js'), 'openapi', '--quiet', ...args],
      { cwd: dir, encoding: 'utf8' },
    );
  const yamlFile = path.join(dir, 'openapi.yaml');
  const y = run([
    '--docs',
    SESSIONS,
    '--out',
    yamlFile,
    '--title',
    'Sessions',
    '--api-version',
    '3.1.4',
  ]);
  assert.equal(y.status, 0, y.stderr);
  const yamlText = await fs.readFile(yamlFile, 'utf8');
  assert.match(yamlText, /^openapi: 3\.1\.0\n/);
  const fromYaml = parseYaml(yamlText);
  assert.deepEqual(fromYaml.info, {
    title: 'Sessions',
    version: '3.1.4',
    description: 'Built by docs2ts from the API reference docs.',
  });

  const jsonFile = path.join(dir, 'openapi.json');
  const j = run([
    '--docs',
    SESSIONS,
    '--out',
    jsonFile,
    '--title',
    'Sessions',
    '--api-version',
    '3.1.4',
  ]);
  assert.equal(j.status, 0, j.stderr);
  const fromJson = JSON.parse(await fs.readFile(jsonFile, 'utf8'));
  assert.deepEqual(fromYaml, fromJson, 'the same document either way');
  assert.equal(fromJson.servers[0].url, 'https://graph.microsoft.com/v1.0');

  // To stdout, with the defaults; the docs and the server URL come from the config.
  await fs.writeFile(
    path.join(dir, 'docs2ts.config.json'),
    JSON.stringify({ docs: SESSIONS, baseUrl: 'https://api.acme.test/v2/' }),
  );
  const stdout = run(['--format', 'yaml']);
  assert.equal(stdout.status, 0, stdout.stderr);
  assert.deepEqual(parseYaml(stdout.stdout), {
    ...fromJson,
    info: { ...fromJson.info, title: 'API', version: '1.0.0' },
    servers: [{ url: 'https://api.acme.test/v2' }],
  });
  assert.equal(run(['--format', 'xml']).status, 2);
});

test(
  'corpus: the v1.0 document is valid (0 errors) and deterministic',
  { timeout: 600_000 },
  async () => {
    const model = (await readOnce(CORPUS)).model;
    const doc = toOpenApi(model, OPTIONS) as Json;
    const { errors, warnings } = await lint(doc);
    assert.deepEqual(errors, [], describeProblems(errors));
    // Warnings are the docs' own: examples that do not match their tables, ambiguous documented paths.
    const allowed = new Set([
      'info-license',
      'no-invalid-media-type-examples',
      'no-ambiguous-paths',
      'no-unused-components',
    ]);
    assert.deepEqual(
      Object.keys(counts(warnings)).filter((r) => !allowed.has(r)),
      [],
      describeProblems(warnings),
    );

    const ops = Object.values(doc.paths).flatMap((item: Json) => Object.values(item)) as Json[];
    const ids = ops.map((o) => o.operationId);
    assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
    assert.ok(ops.length > 2500, `${ops.length} operations`);
    // `/users/{usersId}` (Intune), `/users/{id | userPrincipalName}` and `/users/{id | userPrincipalName}/` are one path.
    const user = doc.paths['/users/{usersId}'];
    assert.equal(user.get.operationId, 'intune-devices-user-get');
    const duplicates = user.get['x-docs2ts-duplicates'].map((d: Json) => d.operationId);
    assert.ok(
      duplicates.includes('user-get') && duplicates.includes('user-list-manager'),
      duplicates.join(),
    );
    assert.ok(doc.components.schemas['microsoft.graph.user']);
    assert.ok(
      Object.keys(
        doc.components.securitySchemes.azureAdOAuth2.flows.authorizationCode.scopes,
      ).includes('User.Read.All'),
    );
    assert.equal(JSON.stringify(toOpenApi(model, OPTIONS)), JSON.stringify(doc), 'byte-identical');
  },
);

/** openapi-typescript and its TypeScript 5, installed from test/tools' lockfile on first use (npm ci, registry). */
const TOOL = path.join(ROOT, 'test', 'tools', 'openapi-typescript');
function openApiTypeScript(): { cli: string; tsc: string } {
  const cli = path.join(TOOL, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
  const tsc = path.join(TOOL, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(cli) || !existsSync(tsc)) {
    const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
      cwd: TOOL,
      encoding: 'utf8',
      shell: process.platform === 'win32',
    });
    assert.equal(npm.status, 0, `npm ci in ${TOOL}: ${npm.stderr}`);
  }
  return { cli, tsc };
}

/** The document → openapi-typescript → a .ts file that uses a few of its types → tsc --strict. Returns tsc's output. */
function typesCompile(document: unknown, use: string): string {
  const { cli, tsc } = openApiTypeScript();
  const dir = tempDir();
  writeFileSync(path.join(dir, 'openapi.json'), JSON.stringify(document));
  const gen = spawnSync(
    process.execPath,
    [cli, path.join(dir, 'openapi.json'), '--output', path.join(dir, 'schema.d.ts')],
    { encoding: 'utf8' },
  );
  assert.equal(gen.status, 0, `openapi-typescript: ${gen.stderr}`);
  writeFileSync(
    path.join(dir, 'use.ts'),
    `import type { components, paths } from './schema.js';\n${use}\n`,
  );
  const compiled = spawnSync(
    process.execPath,
    [
      tsc,
      '--strict',
      '--noEmit',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--target',
      'es2022',
      path.join(dir, 'use.ts'),
    ],
    { encoding: 'utf8' },
  );
  return compiled.stdout + compiled.stderr;
}

test("openapi-typescript turns the fixtures' document into types that compile under --strict", async () => {
  const output = typesCompile(
    toOpenApi((await readOnce(SESSIONS)).model, OPTIONS),
    `
type Session = components['schemas']['microsoft.graph.exactMatchSession'];
// The discriminator makes @odata.type required, with the type's own value.
const s: Session = { '@odata.type': '#microsoft.graph.exactMatchSession', id: 'x', uploadAgentId: null };
type Get = paths['${SESSION}']['get'];
export const used: [Session, Get | undefined] = [s, undefined];`,
  );
  assert.equal(output, '');
});

test(
  'openapi-typescript turns the corpus document into types that compile under --strict',
  { timeout: 600_000 },
  async () => {
    const output = typesCompile(
      toOpenApi((await readOnce(CORPUS)).model, OPTIONS),
      `
type User = components['schemas']['microsoft.graph.user'];
const u: User = { '@odata.type': '#microsoft.graph.user', displayName: 'Ada', accountEnabled: true };
export const used: User = u;`,
    );
    assert.equal(output, '');
  },
);
