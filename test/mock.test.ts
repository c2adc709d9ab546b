import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { test } from 'node:test';
import {
  EXAMPLE_HEADER,
  NOT_JSON_WARNING,
  startMock,
  type MockRecord,
} from '../src/mock/server.js';
import { exampleKey } from '../src/mock/matcher.js';
import { formatVerifyReport, verifyDocs } from '../src/mock/verify.js';
import type { ExampleModel, Model, OperationModel } from '../src/model/types.js';
import {
  CORPUS_QUARTER,
  mockAnswersEveryExample,
  operationSlice,
  summary,
  verifiedAsDocDefects,
} from './corpus-verify.js';
import { CORPUS, readOnce, ROOT, SEEDS, SESSIONS } from './helpers.js';
import { rawRequest, timeout } from './mock-requests.js';

const LOOPBACK = /^http:\/\/127\.0\.0\.1:\d+$/;

function send(
  url: string,
  request: NonNullable<ExampleModel['request']>,
  headers: Record<string, string> = {},
): Promise<Response> {
  const body = request.body !== undefined ? JSON.stringify(request.body) : undefined;
  return fetch(url, {
    method: request.method,
    headers: { ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body,
    signal: timeout(),
  });
}

test(
  'mock: answers every documented fixture example with its documented status, headers and body',
  { timeout: 60_000 },
  async (t) => {
    const { model } = await readOnce(SESSIONS);
    const lines: string[] = [];
    const mock = await startMock({ model, log: (line) => lines.push(line) });
    t.after(() => mock.close());
    assert.match(mock.url, LOOPBACK);
    let answered = 0;
    for (const op of model.operations) {
      for (const [i, example] of op.examples.entries()) {
        const { request, response } = example;
        if (!request || !response) continue;
        // The documented URL as written, on the mock's origin.
        const url = request.url.replace(/^https:\/\/graph\.microsoft\.com/, mock.url);
        const res = await send(url, request);
        const text = await res.text();
        assert.equal(res.status, response.status ?? 200, `${op.id}#${i}`);
        assert.equal(
          res.headers.get(EXAMPLE_HEADER),
          exampleKey(op.id, i),
          `${op.id}#${i} answered by the wrong example`,
        );
        if (response.bodyText) {
          assert.equal(
            text,
            response.bodyText.replaceAll('https://graph.microsoft.com/', `${mock.url}/`),
            `${op.id}#${i}: the body as written, links on the mock`,
          );
          assert.equal(res.headers.get('content-length'), String(Buffer.byteLength(text)));
          assert.equal(
            res.headers.get('content-type'),
            response.headers['Content-Type'] ?? 'application/json',
          );
        } else {
          assert.equal(text, '');
        }
        answered++;
      }
    }
    assert.equal(answered, 10);
    assert.equal(lines.length, answered, 'one log line per request');
    assert.match(
      lines[0],
      /^GET \/v1\.0\/dataClassification\/exactMatchDataStores\/9d6a4a54-1b3c-4e27-8f0e-6c2d5b7a3e10\?\$expand=sessions\(\$select=id,state\) 200 exactmatchdatastore-get#0 \(exact\)$/,
    );

    // No version prefix; a path only the template matches.
    const list = await fetch(`${mock.url}/dataClassification/exactMatchDataStores`, {
      signal: timeout(),
    });
    assert.equal(list.status, 200);
    assert.equal(list.headers.get(EXAMPLE_HEADER), 'exactmatchdatastore-list#0');
    assert.ok(Array.isArray(((await list.json()) as { value: unknown[] }).value));
    const other = await fetch(
      `${mock.url}/v1.0/dataClassification/exactMatchDataStores/another-store/sessions/another-session/`,
      { signal: timeout() },
    );
    assert.equal(other.status, 200);
    assert.equal(other.headers.get(EXAMPLE_HEADER), 'exactmatchsession-get#0');
    await other.arrayBuffer();
    const lookup = await fetch(
      `${mock.url}/v1.0/dataClassification/exactMatchDataStores/x/lookup(key='other%20value')`,
      { signal: timeout() },
    );
    assert.equal(
      lookup.headers.get(EXAMPLE_HEADER),
      'exactmatchdatastore-lookup#0',
      'function arguments match any value',
    );
    await lookup.arrayBuffer();
    assert.match(lines.at(-1)!, / 200 exactmatchdatastore-lookup#0 \(template\)$/);
  },
);

test(
  'mock: an undocumented request gets 404 with a Graph error naming the closest operation',
  { timeout: 60_000 },
  async (t) => {
    const { model } = await readOnce(SESSIONS);
    const lines: string[] = [];
    const mock = await startMock({ model, log: (line) => lines.push(line) });
    t.after(() => mock.close());
    const cases: [string, string, string][] = [
      [
        'GET',
        '/v1.0/dataClassification/exactMatchDataStores/x/sesions',
        'exactmatchdatastore-list-sessions GET /dataClassification/exactMatchDataStores/{exactMatchDataStoreId}/sessions',
      ],
      [
        'DELETE',
        '/v1.0/dataClassification/exactMatchDataStores/x',
        'exactmatchsession-delete DELETE /dataClassification/exactMatchDataStores/{exactMatchDataStoreId}/sessions/{exactMatchSessionId}',
      ],
      ['GET', '/x', 'exactmatchdatastore-list GET /dataClassification/exactMatchDataStores'],
      [
        'PUT',
        '/v1.0/dataClassification/exactMatchDataStores/a/sessions/b',
        'exactmatchsession-delete DELETE /dataClassification/exactMatchDataStores/{exactMatchDataStoreId}/sessions/{exactMatchSessionId}',
      ],
    ];
    for (const [method, target, closest] of cases) {
      const res = await fetch(mock.url + target, { method, signal: timeout() });
      assert.equal(res.status, 404, `${method} ${target}`);
      assert.match(res.headers.get('content-type') ?? '', /application\/json/);
      const body = (await res.json()) as { error: { code: string; message: string } };
      assert.deepEqual(Object.keys(body), ['error']);
      assert.equal(body.error.code, 'NotFound');
      assert.equal(
        body.error.message,
        `No documented example for ${method} ${target}; closest documented operation: ${closest}`,
      );
    }
    assert.deepEqual(
      lines.map((l) => l.split(' ').slice(2).join(' ')),
      cases.map(() => '404 -'),
    );
  },
);

/** A minimal operation for hand-built models. */
function op(
  id: string,
  method: OperationModel['method'],
  paths: string[],
  examples: ExampleModel[],
): OperationModel {
  const source = { file: `api/${id}.md`, line: 1, column: 1 };
  return {
    id,
    title: id,
    description: '',
    kind: method === 'GET' ? 'get' : 'action',
    method,
    paths,
    pathParameters: [],
    queryParameters: [],
    headers: [],
    requestBody: { kind: 'none' },
    response: { status: 200, collection: false },
    permissions: { delegatedWork: [], delegatedPersonal: [], application: [] },
    examples,
    source,
  };
}

function ex(
  method: string,
  url: string,
  status: number,
  body?: unknown,
  requestBody?: unknown,
  headers: Record<string, string> = {},
): ExampleModel {
  const source = { file: 'api/x.md', line: 1, column: 1 };
  const [p, q = ''] = url.split('?');
  const query = Object.fromEntries(
    q
      .split('&')
      .filter(Boolean)
      .map((pair) => pair.split('=') as [string, string]),
  );
  return {
    request: {
      method,
      url: `https://graph.microsoft.com/v1.0${url}`,
      path: p,
      query,
      headers: {},
      ...(requestBody !== undefined
        ? { body: requestBody, bodyText: JSON.stringify(requestBody) }
        : {}),
      annotation: {},
      source,
    },
    response: {
      status,
      headers,
      ...(body !== undefined ? { body, bodyText: JSON.stringify(body, null, 2) } : {}),
      truncated: false,
      isEmpty: false,
      annotation: {},
      source,
    },
  };
}

test(
  'mock: the most specific example wins, deterministically (exact path, query, body, templates, hints)',
  { timeout: 30_000 },
  async (t) => {
    const model: Model = {
      version: 1,
      types: [],
      operations: [
        op(
          'thing-list',
          'GET',
          ['/things'],
          [
            ex('GET', '/things', 200, { value: ['all'] }),
            ex('GET', '/things?$top=1', 200, { value: ['one'] }),
            ex('GET', '/things?$top=1&$select=id', 200, { value: ['one-id'] }),
          ],
        ),
        op(
          'thing-create',
          'POST',
          ['/things'],
          [
            ex(
              'POST',
              '/things',
              201,
              { name: 'a' },
              { name: 'a' },
              { 'Content-Type': 'application/json', 'Content-Length': '999', Connection: 'close' },
            ),
            ex('POST', '/things', 201, { name: 'b' }, { name: 'b' }),
          ],
        ),
        op(
          'thing-get',
          'GET',
          ['/things/{id}'],
          [
            ex('GET', '/things/42', 200, { id: '42' }),
            ex('GET', '/things/{thing-id}/parts', 200, { value: ['part'] }),
          ],
        ),
        op(
          'thing-lookup',
          'GET',
          ["/things/lookup(key='{key}',mode={mode})"],
          [ex('GET', "/things/lookup(key='abc',mode=1)", 200, { value: 'found' })],
        ),
        op('thing-delete', 'DELETE', ['/things/{id}'], [ex('DELETE', '/things/42', 204)]),
      ],
    };
    const records: MockRecord[] = [];
    const mock = await startMock({ model, record: (r) => records.push(r) });
    t.after(() => mock.close());
    const call = async (
      method: string,
      target: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) => {
      const res = await fetch(mock.url + target, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
        headers,
        signal: timeout(),
      });
      return {
        status: res.status,
        key: res.headers.get(EXAMPLE_HEADER),
        headers: res.headers,
        text: await res.text(),
      };
    };
    assert.equal((await call('GET', '/v1.0/things')).key, 'thing-list#0');
    assert.equal((await call('GET', '/v1.0/things?$top=1')).key, 'thing-list#1');
    assert.equal(
      (await call('GET', '/v1.0/things?%24select=id&%24top=1')).key,
      'thing-list#2',
      'query keys and values are decoded; more matched parameters win',
    );
    assert.equal(
      (await call('GET', '/v1.0/things?$top=2')).key,
      'thing-list#0',
      'an example whose query is not satisfied is not preferred',
    );
    assert.equal(
      (await call('POST', '/v1.0/things', { name: 'b' })).key,
      'thing-create#1',
      'an equal JSON body breaks the tie',
    );
    const created = await call('POST', '/v1.0/things', { name: 'z' });
    assert.equal(created.key, 'thing-create#0', 'otherwise the first example');
    assert.equal(created.status, 201);
    assert.equal(
      created.headers.get('content-length'),
      String(Buffer.byteLength(created.text)),
      'Content-Length is recomputed',
    );
    assert.notEqual(
      created.headers.get('connection'),
      'close',
      'hop-by-hop headers are not copied',
    );
    assert.equal(
      (await call('POST', '/v1.0/things', { name: 'b' }, { [EXAMPLE_HEADER]: 'thing-create#0' }))
        .key,
      'thing-create#0',
      'a hint picks among matching examples',
    );
    assert.equal(
      (await call('GET', '/v1.0/things', undefined, { [EXAMPLE_HEADER]: 'thing-get#0' })).key,
      'thing-list#0',
      'a hint naming a non-matching example is ignored',
    );
    assert.equal((await call('GET', '/v1.0/THINGS/42')).key, 'thing-get#0');
    assert.equal((await call('GET', '/v1.0/things/7')).key, 'thing-get#0');
    assert.equal(
      (await call('GET', '/v1.0/things/7/parts')).key,
      'thing-get#1',
      'placeholders in example paths match one segment',
    );
    assert.equal(
      (await call('GET', "/v1.0/things/lookup(key='x%2Fy',mode=2)")).key,
      'thing-lookup#0',
    );
    const deleted = await call('DELETE', '/v1.0/things/9');
    assert.deepEqual([deleted.status, deleted.text], [204, '']);
    assert.equal((await call('PATCH', '/v1.0/things/9')).status, 404);
    assert.deepEqual(
      records.map((r) => r.match?.how ?? '-'),
      [
        'exact',
        'exact',
        'exact',
        'exact',
        'exact',
        'exact',
        'exact',
        'exact',
        'exact',
        'template',
        'example',
        'template',
        'template',
        '-',
      ],
    );
    assert.deepEqual(records[2].query, { $select: 'id', $top: '1' });
  },
);

/** An example with a response only: the mock can answer it only through its operation's templates. */
function answer(
  body: unknown,
  headers: Record<string, string> = {},
  bodyText = JSON.stringify(body),
): ExampleModel {
  const source = { file: 'api/x.md', line: 1, column: 1 };
  return {
    response: {
      status: 200,
      headers,
      ...(body !== undefined ? { body } : {}),
      bodyText,
      truncated: false,
      isEmpty: false,
      annotation: {},
      source,
    },
  };
}

test(
  'mock: the most specific template wins: literal segments first, then the page that documents the path earliest',
  { timeout: 30_000 },
  async (t) => {
    const model: Model = {
      version: 1,
      types: [],
      operations: [
        // Sorted before the others by id, and documenting the same templates late in its list.
        op(
          'aaa-extension-get',
          'GET',
          [
            '/things/{id}/extensions/{ext}',
            '/other/{id}',
            '/things/{thing-id}',
            '/{entitySet}/delta',
          ],
          [answer({ from: 'extension' })],
        ),
        op('thing-get', 'GET', ['/things/{id}'], [answer({ from: 'thing' })]),
        op('thing-delta', 'GET', ['/things/delta'], [answer({ from: 'delta' })]),
        op(
          'part-get',
          'GET',
          ['/things/{id}/parts/{part}', '/things/{id}/{nav}/current'],
          [answer({ from: 'part' })],
        ),
        op('part-current', 'GET', ['/things/{id}/parts/current'], [answer({ from: 'current' })]),
      ],
    };
    const mock = await startMock({ model });
    t.after(() => mock.close());
    const from = async (target: string) => {
      const res = await fetch(mock.url + target, { signal: timeout() });
      return ((await res.json()) as { from: string }).from;
    };
    assert.equal(await from('/v1.0/things/7'), 'thing', 'the page whose first path it is');
    assert.equal(
      await from('/v1.0/things/delta'),
      'delta',
      'a literal segment beats a placeholder',
    );
    assert.equal(await from('/v1.0/others/delta'), 'extension');
    assert.equal(await from('/v1.0/things/7/parts/current'), 'current');
    assert.equal(await from('/v1.0/things/7/parts/9'), 'part');
    assert.equal(await from('/v1.0/things/7/extensions/e'), 'extension');
  },
);

test(
  'mock: a documented body that is not valid JSON is served as text/plain with a warning, never as JSON; one read as Json.NET reads it is served as that JSON',
  { timeout: 30_000 },
  async (t) => {
    const model: Model = {
      version: 1,
      types: [],
      operations: [
        op(
          'a-get',
          'GET',
          ['/a'],
          [answer(undefined, { 'Content-Type': 'application/json' }, '{\n  "id": "1",\n  ...\n}')],
        ),
        op('b-get', 'GET', ['/b'], [answer(undefined, {}, '{ "id": "1", // a comment\n}')]),
        op('c-get', 'GET', ['/c'], [answer(undefined, { 'Content-Type': 'text/csv' }, 'a,b\n1,2')]),
        op(
          'd-get',
          'GET',
          ['/d'],
          [answer({ id: 'd' }, { 'Content-Type': 'application/json;odata.metadata=minimal' })],
        ),
        // Written with a trailing comma, read as Json.NET reads it: served as the JSON it reads as.
        op('e-get', 'GET', ['/e'], [answer({ id: 'e' }, {}, '{ "id": "e", }')]),
      ],
    };
    const lines: string[] = [];
    const mock = await startMock({ model, log: (line) => lines.push(line) });
    t.after(() => mock.close());
    const get = async (p: string) => {
      const res = await fetch(mock.url + p, { signal: timeout() });
      return {
        type: res.headers.get('content-type'),
        warning: res.headers.get('warning'),
        text: await res.text(),
      };
    };
    for (const p of ['/a', '/b']) {
      const res = await get(p);
      assert.equal(res.type, 'text/plain; charset=utf-8', p);
      assert.equal(res.warning, NOT_JSON_WARNING, p);
    }
    assert.deepEqual(
      await get('/c'),
      { type: 'text/csv', warning: null, text: 'a,b\n1,2' },
      'a documented non-JSON type is kept',
    );
    assert.deepEqual(await get('/d'), {
      type: 'application/json;odata.metadata=minimal',
      warning: null,
      text: '{"id":"d"}',
    });
    assert.deepEqual(await get('/e'), {
      type: 'application/json',
      warning: null,
      text: '{"id":"e"}',
    });
    assert.deepEqual(
      lines.map((l) => / warning: /.test(l)),
      [true, true, false, false, false],
    );
  },
);

test(
  'mock: absolute links to the service root point at the mock, so a client can follow @odata.nextLink',
  { timeout: 30_000 },
  async (t) => {
    const root = 'https://graph.microsoft.com/v1.0';
    const model: Model = {
      version: 1,
      types: [],
      operations: [
        op(
          'thing-list',
          'GET',
          ['/things'],
          [
            ex('GET', '/things', 200, {
              '@odata.context': `${root}/$metadata#things`,
              value: [1],
              '@odata.nextLink': `${root}/things?$skiptoken=2`,
            }),
            ex('GET', '/things?$skiptoken=2', 200, {
              value: [2],
              '@odata.nextLink': `${root.toUpperCase()}/things?$skiptoken=3`,
            }),
            ex('GET', '/things?$skiptoken=3', 200, {
              value: [3],
              other: 'https://graph.microsoft.com.evil.example/x',
              docs: 'https://learn.microsoft.com/graph',
            }),
          ],
        ),
        op(
          'thing-create',
          'POST',
          ['/things'],
          [ex('POST', '/things', 202, undefined, { a: 1 }, { Location: `${root}/operations/1` })],
        ),
      ],
    };
    const mock = await startMock({ model });
    t.after(() => mock.close());
    const values: unknown[] = [];
    let next: string | undefined = `${mock.url}/v1.0/things`;
    let last: Record<string, unknown> = {};
    while (next) {
      assert.ok(next.startsWith(`${mock.url}/`), next);
      last = (await (await fetch(next, { signal: timeout() })).json()) as Record<string, unknown>;
      values.push(...(last.value as unknown[]));
      next = last['@odata.nextLink'] as string | undefined;
    }
    assert.deepEqual(values, [1, 2, 3]);
    assert.equal(
      last.other,
      'https://graph.microsoft.com.evil.example/x',
      'another host is left alone',
    );
    assert.equal(last.docs, 'https://learn.microsoft.com/graph');
    const first = (await (
      await fetch(`${mock.url}/v1.0/things`, { signal: timeout() })
    ).json()) as Record<string, unknown>;
    assert.equal(first['@odata.context'], `${mock.url}/v1.0/$metadata#things`);
    const created = await fetch(`${mock.url}/v1.0/things`, {
      method: 'POST',
      body: '{"a":1}',
      signal: timeout(),
    });
    assert.equal(created.status, 202);
    assert.equal(created.headers.get('location'), `${mock.url}/v1.0/operations/1`);
  },
);

test(
  'mock: close() ends open keep-alive connections; later requests are refused',
  { timeout: 30_000 },
  async () => {
    const { model } = await readOnce(SESSIONS);
    const mock = await startMock({ model });
    try {
      const res = await fetch(`${mock.url}/v1.0/dataClassification/exactMatchDataStores`, {
        signal: timeout(),
      });
      await res.arrayBuffer();
    } finally {
      const started = Date.now();
      await mock.close();
      assert.ok(Date.now() - started < 2000, 'close does not wait for idle keep-alive connections');
    }
    await assert.rejects(
      fetch(`${mock.url}/v1.0/dataClassification/exactMatchDataStores`, { signal: timeout() }),
    );
    await mock.close(); // idempotent
  },
);

test(
  'mock CLI: prints the URL, answers, and stops cleanly on SIGTERM',
  { timeout: 60_000 },
  async () => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'bin/docs2ts.js'), 'mock', '--docs', SESSIONS],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no URL printed; stderr: ${stderr}`)),
          30_000,
        );
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
          const m = /^(http:\/\/\S+)\n/.exec(stdout);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
      });
      assert.match(url, LOOPBACK);
      const res = await fetch(`${url}/v1.0/dataClassification/exactMatchDataStores?$top=2`, {
        signal: timeout(),
      });
      assert.equal(res.status, 200);
      await res.arrayBuffer();
      const exit = new Promise<number | null>((resolve) =>
        child.once('exit', (code) => resolve(code)),
      );
      child.kill('SIGTERM');
      assert.equal(await exit, 0);
      assert.match(
        stderr,
        /GET \/v1\.0\/dataClassification\/exactMatchDataStores\?\$top=2 200 exactmatchdatastore-list#0/,
      );
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  },
);

test(
  'verify: every fixture example round-trips through the generated stubs and the mock',
  { timeout: 120_000 },
  async () => {
    const report = await verifyDocs({ read: await readOnce(SESSIONS) });
    console.log(summary('fixtures', report));
    assert.equal(report.total, 10);
    assert.equal(report.roundTripped, 10, formatVerifyReport(report));
    assert.deepEqual([report.skipped, report.failed, report.compileErrors], [{}, {}, undefined]);
    assert.deepEqual(
      report.outcomes.map((o) => o.place),
      [
        'api/exactmatchdatastore-get.md:62',
        'api/exactmatchdatastore-list.md:62',
        'api/exactmatchdatastore-list-sessions.md:62',
        'api/exactmatchdatastore-lookup.md:70',
        'api/exactmatchdatastore-post-sessions.md:75',
        'api/exactmatchsession-commit.md:62',
        'api/exactmatchsession-delete.md:62',
        'api/exactmatchsession-get.md:63',
        'api/exactmatchsession-renew.md:68',
        'api/exactmatchsession-update.md:73',
      ],
    );
  },
);

test('verify CLI: exit 0 and a coverage table on the fixtures', { timeout: 120_000 }, () => {
  const result = spawnSync(
    process.execPath,
    [path.join(ROOT, 'bin/docs2ts.js'), 'verify', '--docs', SESSIONS],
    { encoding: 'utf8', timeout: 110_000 },
  );
  assert.equal(result.status, 0, result.stderr + result.stdout);
  assert.match(result.stdout, /examples\s+10\n\s+round-tripped\s+10\s+100\.0 %/);
});

test(
  'verify: the seeds (placeholders, odd URLs) report their figures without crashing',
  { timeout: 120_000 },
  async () => {
    const report = await verifyDocs({ read: await readOnce(SEEDS) });
    console.log(summary('seeds', report));
    assert.equal(report.total, 4);
    assert.equal(report.roundTripped, 3, formatVerifyReport(report));
    const [failure] = report.outcomes.filter((o) => o.status === 'failed');
    assert.equal(failure.category, 'validation');
    assert.match(failure.detail!, /"String \(timestamp\)"/);
    assert.ok(
      failure.checkRules?.includes('example-placeholder-value'),
      'check reports the same defect',
    );
  },
);

// The whole corpus: `npm run verify:corpus` (bench/corpus-verify.ts).
test(
  'mock + verify on a seeded quarter of the corpus operations: examples answered, failures are doc defects',
  { timeout: 600_000 },
  async () => {
    const read = operationSlice(await readOnce(CORPUS), 1, 4);
    await mockAnswersEveryExample(read, CORPUS_QUARTER);
    await verifiedAsDocDefects(read, CORPUS_QUARTER, 'corpus quarter');
  },
);

/** Send `method url` with a body written in parts: resolves once its headers are out; `finish()` ends it and gives the status. */
function heldRequest(
  url: string,
  body: string,
): { finish: () => Promise<number>; status: Promise<number> } {
  const req = http.request(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Content-Length': String(body.length * 2) },
  });
  const status = new Promise<number>((resolve, reject) => {
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
  });
  req.write(body);
  return { status, finish: () => (req.end(body), status) };
}

test(
  'mock: a long path is answered at once (414 over the cap, a quick 404 hint under it) while other requests are served',
  { timeout: 120_000 },
  async (t) => {
    const { model } = await readOnce(CORPUS);
    const mock = await startMock({ model });
    t.after(() => mock.close());
    const slowest = async (target: string, status: number) => {
      const started = performance.now();
      const res = await fetch(mock.url + target, { signal: timeout() });
      await res.arrayBuffer();
      assert.equal(res.status, status, target.slice(0, 40));
      return performance.now() - started;
    };
    assert.ok((await slowest(`/v1.0/users/${'x/'.repeat(7_500)}`, 414)) < 2_000);
    // Under the cap, the closest-operation hint compares a bounded part of the path.
    const long = [`/v1.0/users/${'ab/'.repeat(2_600)}`, `/v1.0/${'q'.repeat(8_000)}`];
    const times = await Promise.all([
      ...long.map((target) => slowest(target, 404)),
      slowest('/v1.0/me', 200),
    ]);
    assert.ok(
      Math.max(...times) < 3_000,
      `long unmatched paths took ${times.map((ms) => ms.toFixed(0)).join(', ')} ms`,
    );
  },
);

test(
  'mock: request bodies are bounded per request (413) and in total (503); the server keeps serving',
  { timeout: 30_000 },
  async (t) => {
    const { model } = await readOnce(SESSIONS);
    const mock = await startMock({ model, maxBodyBytes: 2_000, maxBufferedBytes: 5_000 });
    t.after(() => mock.close());
    const url = `${mock.url}/v1.0/dataClassification/exactMatchDataStores/x/sessions`;
    const post = (body: string) => rawRequest(url, 'POST', body);
    assert.equal((await post(`{"a":"${'x'.repeat(3_000)}"}`)).status, 413);
    // Bodies sent slowly hold their bytes until they end: past the budget the next one gets 503.
    const held = Array.from({ length: 4 }, () => heldRequest(url, ' '.repeat(1_000)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal((await post(' '.repeat(1_500))).status, 503);
    for (const h of held) assert.ok(![413, 503].includes(await h.finish()));
    assert.ok(![413, 503].includes((await post(' '.repeat(1_500))).status));
    assert.equal((await post(`{"a":${'['.repeat(100)}${']'.repeat(100)}}`)).status, 400);
    const list = await fetch(`${mock.url}/v1.0/dataClassification/exactMatchDataStores`, {
      signal: timeout(),
    });
    assert.equal(list.status, 200);
  },
);
