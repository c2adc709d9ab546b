import assert from 'node:assert/strict';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import { before, describe, test } from 'node:test';
import type { Diagnostic } from '../src/shared/diagnostics.js';
import { parsePath } from '../src/model/path-templates.js';
import { clientEmitter, createClientEmitter } from '../src/emit/client.js';
import { NameTable } from '../src/emit/names.js';
import { operationNames, RUNTIME_EXPORTS } from '../src/emit/operation-names.js';
import { EMITTERS, generateFiles } from '../src/generate.js';
import type { Model, OperationModel, PropertyModel, TypeModel } from '../src/model/types.js';
import { TEMPLATES } from '../src/shared/paths.js';
import { writeOutput } from '../src/build/write.js';
import {
  compile,
  CORPUS,
  EMIT_OPTIONS,
  importGenerated,
  readOnce,
  SEEDS,
  FIXTURES,
  SESSIONS,
  tempDir,
} from './helpers.js';
import { bodySweepSource, rejectedBodies } from './bodies.js';
import { NARROWED_MEMBERS, narrowingSource } from './unions.js';

/** The fixtures (sessions) when present, else the seeds the project started from. */
const DOCS = existsSync(SESSIONS) ? SESSIONS : SEEDS;
const BASE = 'https://graph.example.com/v1.0';

/**
 * The emitters to run: all registered ones; the client without its validator imports when no
 * validators emitter is registered (so this test runs before and after validators exist).
 */
function emitters() {
  const hasValidators = EMITTERS.some((e) => e.name === 'validators');
  const list = hasValidators
    ? EMITTERS
    : EMITTERS.map((e) => (e.name === 'client' ? createClientEmitter({ validators: false }) : e));
  return list.some((e) => e.name === 'client')
    ? list
    : [...list, hasValidators ? clientEmitter : createClientEmitter({ validators: false })];
}

async function generate(
  docs: string,
): Promise<{ out: string; model: Model; diagnostics: Diagnostic[] }> {
  const read = await readOnce(docs);
  const generated = await generateFiles(read.model, EMIT_OPTIONS, { emitters: emitters() });
  const out = path.join(tempDir('docs2ts-client-'), 'out');
  await writeOutput(out, generated.files);
  return { out, model: read.model, diagnostics: generated.diagnostics };
}

// ---- a recording fake fetch -------------------------------------------------------------

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal | undefined;
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

function fakeFetch(replies: Reply[]) {
  const calls: Call[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    calls.push({
      url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      method: init.method ?? 'GET',
      headers: { ...(init.headers as Record<string, string>) },
      // The stubs send JSON text; anything else shows as it stringifies.
      // eslint-disable-next-line @typescript-eslint/no-base-to-string
      body: init.body === undefined || init.body === null ? undefined : String(init.body),
      signal: init.signal ?? undefined,
    });
    const reply = replies.shift() ?? {
      status: 500,
      body: { error: { code: 'noReply', message: 'The fake fetch ran out of replies.' } },
    };
    const text =
      reply.body === undefined
        ? null
        : typeof reply.body === 'string'
          ? reply.body
          : JSON.stringify(reply.body);
    return new Response(text, {
      status: reply.status,
      headers: {
        ...(text !== null ? { 'Content-Type': 'application/json' } : {}),
        ...reply.headers,
      },
    });
  };
  return { fetch: fetch, calls };
}

// ---- the shapes of the generated client this test uses ----------------------------------

interface Page<T> {
  value: T[];
  '@odata.nextLink'?: string;
  '@odata.count'?: number;
}
type Client = { baseUrl: string };
type Fn = (...args: any[]) => Promise<any>;
type Gen = (...args: any[]) => AsyncGenerator<any>;
interface ClientModule {
  createClient(options?: Record<string, unknown>): Client;
  GraphError: new (...args: any[]) => Error & { status: number; code?: string; body: unknown };
  ResponseValidationError: new (...args: any[]) => Error & { errors: unknown[] };
  iteratePages: (
    client: Client,
    first: unknown,
    options?: unknown,
  ) => AsyncGenerator<Page<unknown>>;
  [name: string]: unknown;
}

const sessionsIds = DOCS === SESSIONS;

describe('client stubs on the fixtures', () => {
  let out: string;
  let model: Model;
  let compileOutput: string;
  let c: ClientModule;
  const fn = (name: string) => {
    assert.equal(typeof c[name], 'function', `generated ${name}`);
    return c[name] as Fn;
  };
  const gen = (name: string) => c[name] as Gen;
  const client = (replies: Reply[], options: Record<string, unknown> = {}) => {
    const fake = fakeFetch(replies);
    return {
      client: c.createClient({
        baseUrl: BASE,
        fetch: fake.fetch,
        getToken: () => 's3cr3t-token',
        ...options,
      }),
      calls: fake.calls,
    };
  };
  // Names differ between the fixtures (page names) and the seeds (hashes: named from the path).
  const names = sessionsIds
    ? {
        list: 'listExactMatchDataStoreSessions',
        iterate: 'iterateExactMatchDataStoreSessions',
        get: 'getExactMatchSession',
        create: 'createExactMatchDataStoreSession',
        update: 'updateExactMatchSession',
      }
    : {
        list: 'listExactMatchDataStoreSessions',
        iterate: 'iterateExactMatchDataStoreSessions',
        get: 'getExactMatchDataStoreSession',
        create: 'createExactMatchDataStoreSession',
        update: 'updateExactMatchDataStoreSession',
      };
  const SESSIONS_URL = `${BASE}/dataClassification/exactMatchDataStores/store1/sessions`;

  before(async () => {
    ({ out, model } = await generate(DOCS));
    compileOutput = await compile(out);
    if (!compileOutput) c = await importGenerated<ClientModule>(out, 'client/index.js');
  });

  test('the generated package compiles under tsc --strict', () => {
    assert.equal(compileOutput, '');
  });

  test('one file per operation, a barrel, the runtime copied from the template', async () => {
    const files = await fs.readdir(path.join(out, 'src/client/operations'));
    assert.equal(files.length, model.operations.length);
    const runtime = await fs.readFile(path.join(out, 'src/client/runtime.ts'), 'utf8');
    assert.equal(runtime, await fs.readFile(path.join(TEMPLATES, 'client-runtime.ts'), 'utf8'));
    assert.match(
      await fs.readFile(path.join(out, 'src/client/defaults.ts'), 'utf8'),
      /graph\.microsoft\.com\/v1\.0/,
    );
  });

  test("each stub's TSDoc lists the permissions its page documents, by kind", async () => {
    const names = operationNames(model, new NameTable(model), []);
    let listed = 0;
    for (const op of model.operations) {
      const fnName = names.get(op.id)!.fn;
      const text = await fs.readFile(
        path.join(out, 'src/client/operations', `${fnName}.ts`),
        'utf8',
      );
      const doc = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\nexport async function /
        .exec(text)![1]
        .replace(/^ \* ?/gm, '');
      const expected = (
        [
          ['Delegated (work or school account)', op.permissions.delegatedWork],
          ['Delegated (personal Microsoft account)', op.permissions.delegatedPersonal],
          ['Application', op.permissions.application],
        ] as const
      )
        .filter(([, scopes]) => scopes.length)
        .map(([label, scopes]) => `- ${label}: ${scopes.join(', ')}`);
      if (!expected.length) {
        assert.doesNotMatch(doc, /@remarks/, fnName);
        continue;
      }
      listed++;
      assert.ok(
        doc.includes(`@remarks Permissions (least to most privileged):\n${expected.join('\n')}\n`),
        `${fnName}:\n${doc}`,
      );
    }
    assert.equal(listed, model.operations.length, 'every fixture page documents permissions');
  });

  test('list: GET, query options encoded, bearer token, a Page back', async () => {
    const page = { value: [{ id: 's1' }, { id: 's2' }], '@odata.count': 2 };
    const { client: cl, calls } = client([{ status: 200, body: page }]);
    const result = await fn(names.list)(
      cl,
      { exactMatchDataStoreId: 'store1' },
      {
        $select: ['id', 'state'],
        $top: 5,
        $filter: "fileName eq 'a b&c'",
        $orderby: ['creationDateTime desc', 'id'],
        $count: true,
      },
    );
    assert.deepEqual(result, page);
    assert.equal(calls.length, 1);
    assert.equal(calls[0].method, 'GET');
    assert.equal(
      calls[0].url,
      `${SESSIONS_URL}?$select=id%2Cstate&$filter=fileName%20eq%20%27a%20b%26c%27&$orderby=creationDateTime%20desc%2Cid&$top=5&$count=true`,
    );
    assert.equal(calls[0].headers.Authorization, 'Bearer s3cr3t-token');
    assert.equal(calls[0].headers.Accept, 'application/json');
    assert.equal(calls[0].body, undefined);
    assert.equal(calls[0].headers['Content-Type'], undefined);
  });

  test('get: ids are encoded into their own segment, never resolved as dot segments', async () => {
    const session = { id: 'a/b?c#d', fileName: 'x.csv' };
    const { client: cl, calls } = client([
      { status: 200, body: session },
      { status: 200, body: session },
    ]);
    assert.deepEqual(
      await fn(names.get)(cl, { exactMatchDataStoreId: '../x', exactMatchSessionId: 'a/b?c#d' }),
      session,
    );
    assert.equal(
      calls[0].url,
      `${BASE}/dataClassification/exactMatchDataStores/..%2Fx/sessions/a%2Fb%3Fc%23d`,
    );
    const url = new URL(calls[0].url);
    assert.equal(
      url.pathname,
      '/v1.0/dataClassification/exactMatchDataStores/..%2Fx/sessions/a%2Fb%3Fc%23d',
    );
    assert.equal(url.search, '');
    assert.equal(url.hash, '');
    await fn(names.get)(
      cl,
      { exactMatchDataStoreId: "it's 100% ü", exactMatchSessionId: 'x' },
      { $select: ['id'] },
    );
    assert.equal(
      calls[1].url,
      `${BASE}/dataClassification/exactMatchDataStores/it%27s%20100%25%20%C3%BC/sessions/x?$select=id`,
    );
    // `.` and `..` would be resolved by URL parsers (even as `%2E%2E`), an empty id would drop
    // a segment: refused before fetch.
    for (const id of ['..', '.', '']) {
      await assert.rejects(
        fn(names.get)(cl, { exactMatchDataStoreId: id, exactMatchSessionId: 'x' }),
        TypeError,
      );
    }
    assert.equal(calls.length, 2);
    // An id that is an escaped dot segment is escaped again, so it stays an id.
    const again = client([{ status: 200, body: session }]);
    await fn(names.get)(again.client, {
      exactMatchDataStoreId: '%2e%2E',
      exactMatchSessionId: '...',
    });
    assert.equal(
      again.calls[0].url,
      `${BASE}/dataClassification/exactMatchDataStores/%252e%252E/sessions/...`,
    );
    assert.equal(
      new URL(again.calls[0].url).pathname,
      '/v1.0/dataClassification/exactMatchDataStores/%252e%252E/sessions/...',
    );
  });

  test('create: POST with a JSON body, 201 entity back', async () => {
    const body = {
      datastoreId: 'store1',
      fileName: 'upload.csv',
      fields: ['a', 'b'],
      rowsPerBlock: 100,
      totalBlockCount: 3,
      uploadAgentId: 'agent1',
    };
    const created = { id: 'new', ...body };
    const { client: cl, calls } = client([{ status: 201, body: created }]);
    assert.deepEqual(
      await fn(names.create)(cl, { exactMatchDataStoreId: 'store1' }, body),
      created,
    );
    assert.equal(calls[0].method, 'POST');
    assert.equal(calls[0].url, SESSIONS_URL);
    assert.equal(calls[0].headers['Content-Type'], 'application/json');
    assert.deepEqual(JSON.parse(calls[0].body!), body);
  });

  test('update: PATCH with a partial body, 204 → undefined', async () => {
    const { client: cl, calls } = client([{ status: 204 }]);
    assert.equal(
      await fn(names.update)(
        cl,
        { exactMatchDataStoreId: 'store1', exactMatchSessionId: 's1' },
        { fileName: 'renamed.csv' },
      ),
      undefined,
    );
    assert.equal(calls[0].method, 'PATCH');
    assert.equal(calls[0].url, `${SESSIONS_URL}/s1`);
    assert.deepEqual(JSON.parse(calls[0].body!), { fileName: 'renamed.csv' });
  });

  test(
    'delete, action with parameters, action without a body, function with path arguments',
    { skip: !sessionsIds && 'seeds have no delete/action/function pages' },
    async () => {
      const session = { id: 's1', state: 'uploading' };
      const { client: cl, calls } = client([
        { status: 204 },
        { status: 200, body: session },
        { status: 204 },
        { status: 200, body: { value: ['field1', 'field2'] } },
      ]);
      const ids = { exactMatchDataStoreId: 'store1', exactMatchSessionId: 's1' };
      assert.equal(await fn('deleteExactMatchSession')(cl, ids), undefined);
      assert.equal(calls[0].method, 'DELETE');
      assert.equal(calls[0].url, `${SESSIONS_URL}/s1`);
      assert.equal(calls[0].body, undefined);

      assert.deepEqual(
        await fn('exactMatchSessionRenew')(cl, ids, { extendBy: 'PT1H', reason: 'big file' }),
        session,
      );
      assert.equal(calls[1].method, 'POST');
      assert.equal(calls[1].url, `${SESSIONS_URL}/s1/renew`);
      assert.deepEqual(JSON.parse(calls[1].body!), { extendBy: 'PT1H', reason: 'big file' });
      assert.equal(calls[1].headers['Content-Type'], 'application/json');

      assert.equal(await fn('exactMatchSessionCommit')(cl, ids), undefined);
      assert.equal(calls[2].method, 'POST');
      assert.equal(calls[2].url, `${SESSIONS_URL}/s1/commit`);
      assert.equal(calls[2].body, undefined);

      // `lookup(key='{key}')`: an OData string literal, quotes doubled, then percent-encoded.
      assert.deepEqual(
        await fn('exactMatchDataStoreLookup')(cl, {
          exactMatchDataStoreId: 'store1',
          key: "4111 1111'/x",
        }),
        { value: ['field1', 'field2'] },
      );
      assert.equal(calls[3].method, 'GET');
      assert.equal(
        calls[3].url,
        `${BASE}/dataClassification/exactMatchDataStores/store1/lookup(key='4111%201111%27%27%2Fx')`,
      );
    },
  );

  test('a 404 throws GraphError with status, code, message and the parsed body', async () => {
    const error = {
      error: {
        code: 'itemNotFound',
        message: 'The session does not exist.',
        innerError: { 'request-id': 'r1' },
      },
    };
    const { client: cl } = client([{ status: 404, body: error, headers: { 'request-id': 'r1' } }]);
    const thrown = await fn(names.get)(cl, {
      exactMatchDataStoreId: 'store1',
      exactMatchSessionId: 'gone',
    }).then(
      () => assert.fail('no error'),
      (e: unknown) => e as InstanceType<ClientModule['GraphError']> & { requestId?: string },
    );
    assert.ok(thrown instanceof c.GraphError);
    assert.ok(thrown instanceof Error);
    assert.equal(thrown.name, 'GraphError');
    assert.equal(thrown.status, 404);
    assert.equal(thrown.code, 'itemNotFound');
    assert.equal(thrown.message, 'The session does not exist.');
    assert.deepEqual(thrown.body, error);
    assert.equal(thrown.requestId, 'r1');
    // The token is never part of an error or of the client object.
    assert.doesNotMatch(
      `${thrown.message} ${inspect(thrown)} ${inspect(cl, { showHidden: true, depth: 5 })} ${JSON.stringify(cl)}`,
      /s3cr3t/,
    );
  });

  test('non-JSON error bodies and errors without a body', async () => {
    const { client: cl } = client([
      { status: 502, body: 'Bad gateway', headers: { 'Content-Type': 'text/plain' } },
      { status: 500 },
    ]);
    await assert.rejects(
      fn(names.get)(cl, { exactMatchDataStoreId: 'a', exactMatchSessionId: 'b' }),
      (e: any) => e.status === 502 && e.body === 'Bad gateway' && e.code === undefined,
    );
    await assert.rejects(
      fn(names.get)(cl, { exactMatchDataStoreId: 'a', exactMatchSessionId: 'b' }),
      (e: any) => e.status === 500 && /500/.test(e.message),
    );
  });

  test('iterate follows @odata.nextLink over 3 pages, with the token on each', async () => {
    const next = (n: number) => `${SESSIONS_URL}?$top=2&$skiptoken=${n}`;
    const { client: cl, calls } = client([
      { status: 200, body: { value: [{ id: '1' }, { id: '2' }], '@odata.nextLink': next(2) } },
      { status: 200, body: { value: [{ id: '3' }, { id: '4' }], '@odata.nextLink': next(4) } },
      { status: 200, body: { value: [{ id: '5' }] } },
    ]);
    const ids: string[] = [];
    for await (const item of gen(names.iterate)(
      cl,
      { exactMatchDataStoreId: 'store1' },
      { $top: 2 },
    ))
      ids.push(item.id);
    assert.deepEqual(ids, ['1', '2', '3', '4', '5']);
    assert.deepEqual(
      calls.map((x) => x.url),
      [`${SESSIONS_URL}?$top=2`, next(2), next(4)],
    );
    assert.ok(
      calls.every((x) => x.headers.Authorization === 'Bearer s3cr3t-token' && x.method === 'GET'),
    );

    // iteratePages over any first page.
    const again = client([{ status: 200, body: { value: [{ id: '3' }] } }]);
    const pages: unknown[] = [];
    for await (const p of c.iteratePages(again.client, {
      value: [{ id: '1' }],
      '@odata.nextLink': next(1),
    }))
      pages.push(p);
    assert.equal(pages.length, 2);
    assert.deepEqual(
      again.calls.map((x) => x.url),
      [next(1)],
    );
  });

  test('a nextLink to another origin is refused (the token is not sent there)', async () => {
    for (const link of [
      'https://evil.example.com/v1.0/sessions?$skiptoken=2',
      'http://graph.example.com/v1.0/x',
      'https://graph.example.com:444/v1.0/x',
    ]) {
      const { client: cl, calls } = client([
        { status: 200, body: { value: [{ id: '1' }], '@odata.nextLink': link } },
      ]);
      const seen: unknown[] = [];
      await assert.rejects(async () => {
        for await (const item of gen(names.iterate)(cl, { exactMatchDataStoreId: 'store1' }))
          seen.push(item);
      }, /origin/);
      assert.equal(seen.length, 1);
      assert.equal(calls.length, 1);
    }
  });

  test('createClient rejects a baseUrl that is not http(s)', () => {
    const { fetch } = fakeFetch([]);
    for (const baseUrl of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ftp://graph.example.com',
      'not a url',
      '/v1.0',
      'https://user:pw@graph.example.com',
    ]) {
      assert.throws(() => c.createClient({ baseUrl, fetch }), TypeError, baseUrl);
    }
    assert.equal(
      c.createClient({ baseUrl: 'http://localhost:8080/v1.0/', fetch }).baseUrl,
      'http://localhost:8080/v1.0',
    );
    assert.equal(c.createClient({ fetch }).baseUrl, EMIT_OPTIONS.baseUrl);
  });

  test('per-call query options are added to the documented ones and win over them; next links take none', async () => {
    const page = { value: [{ id: 's1' }], '@odata.nextLink': `${SESSIONS_URL}?$skiptoken=n2` };
    const { client: cl, calls } = client([
      { status: 200, body: page },
      { status: 200, body: { value: [{ id: 's2' }] } },
    ]);
    const seen: unknown[] = [];
    for await (const item of gen(names.iterate)(
      cl,
      { exactMatchDataStoreId: 'store1' },
      { $top: 5, query: { $top: 7, $deltatoken: 'd 1' } },
    ))
      seen.push(item);
    assert.deepEqual(seen, [{ id: 's1' }, { id: 's2' }]);
    assert.deepEqual(
      calls.map((call) => call.url),
      [`${SESSIONS_URL}?$top=7&$deltatoken=d%201`, `${SESSIONS_URL}?$skiptoken=n2`],
    );
  });

  test('per-call AbortSignal and headers reach fetch; client headers; no token without getToken', async () => {
    const fake = fakeFetch([
      { status: 200, body: { id: 'x' } },
      { status: 200, body: { value: [] } },
    ]);
    const cl = c.createClient({
      baseUrl: BASE,
      fetch: fake.fetch,
      headers: { 'X-Client': 'a', 'X-Both': 'client' },
    });
    const controller = new AbortController();
    await fn(names.get)(
      cl,
      { exactMatchDataStoreId: 'a', exactMatchSessionId: 'b' },
      { signal: controller.signal, headers: { 'X-Both': 'call' } },
    );
    assert.equal(fake.calls[0].signal, controller.signal);
    assert.equal(fake.calls[0].headers['X-Client'], 'a');
    assert.equal(fake.calls[0].headers['X-Both'], 'call');
    assert.equal(fake.calls[0].headers.Authorization, undefined);
    // A real abort: the fetch rejects, the stub passes the rejection on.
    const aborting = c.createClient({
      baseUrl: BASE,
      fetch: (_: unknown, init?: RequestInit) =>
        Promise.reject(
          init?.signal?.reason instanceof Error ? init.signal.reason : new Error('no signal'),
        ),
    });
    const stop = new AbortController();
    stop.abort(new Error('stopped'));
    await assert.rejects(
      fn(names.get)(
        aborting,
        { exactMatchDataStoreId: 'a', exactMatchSessionId: 'b' },
        { signal: stop.signal },
      ),
      /stopped/,
    );
  });

  test('getToken may be async and is called for every request', async () => {
    let n = 0;
    const { client: cl, calls } = client([{ status: 204 }, { status: 204 }], {
      getToken: async () => `t${++n}`,
    });
    await fn(names.update)(cl, { exactMatchDataStoreId: 'a', exactMatchSessionId: 'b' }, {});
    await fn(names.update)(cl, { exactMatchDataStoreId: 'a', exactMatchSessionId: 'b' }, {});
    assert.deepEqual(
      calls.map((x) => x.headers.Authorization),
      ['Bearer t1', 'Bearer t2'],
    );
  });

  test(
    'the validated entry checks responses with the generated validators; the root stubs never do',
    { skip: !existsSync(SESSIONS) && 'needs the fixtures' },
    async (t) => {
      if (!EMITTERS.some((e) => e.name === 'validators'))
        return t.skip('no validators emitter registered');
      const v = await importGenerated<ClientModule>(out, 'validated.js');
      const bad = { id: 's1', rowsPerBlock: 'many' };
      const at = { exactMatchDataStoreId: 'a', exactMatchSessionId: 'b' };
      // The root's stubs carry no validator: even `validate: true` returns the body as sent.
      const root = client([{ status: 200, body: bad }], { validate: true });
      assert.deepEqual(await fn(names.get)(root.client, at), bad);
      // The validated entry re-exports the rest of the package as it is.
      // eslint-disable-next-line @typescript-eslint/unbound-method -- compared, not called
      assert.equal(v.createClient, c.createClient);
      assert.notEqual(v[names.get], c[names.get]);

      const on = client([
        { status: 200, body: bad },
        { status: 200, body: { id: 's1', rowsPerBlock: 5 } },
        { status: 200, body: { value: [{ id: 'ok' }, bad] } },
      ]);
      const vfn = (name: string) => v[name] as Fn;
      await assert.rejects(vfn(names.get)(on.client, at), (e: any) => {
        assert.ok(e instanceof c.ResponseValidationError);
        assert.ok(e.errors.some((x: any) => /rowsPerBlock/.test(x.path)));
        return true;
      });
      assert.deepEqual(await vfn(names.get)(on.client, at), { id: 's1', rowsPerBlock: 5 });
      await assert.rejects(vfn(names.list)(on.client, { exactMatchDataStoreId: 'a' }), (e: any) => {
        assert.deepEqual(
          e.errors.map((x: any) => x.path),
          ['$.value[1].rowsPerBlock'],
        );
        assert.match(e.errors[0].message, /^\$\.value\[1\]\.rowsPerBlock: expected /);
        // Each issue once, its path once (not `$: $: …`).
        assert.match(e.message, /: \$\.value\[1\]\.rowsPerBlock: expected [^$]*$/);
        return true;
      });
      const text = client([
        { status: 200, body: 'not json', headers: { 'Content-Type': 'text/plain' } },
      ]);
      await assert.rejects(vfn(names.get)(text.client, at), (e: any) => {
        assert.match(e.message, /type: \$: expected [^$]*$/);
        return true;
      });

      // Every page of an iterateX, the ones after the first too.
      const pages = client([
        { status: 200, body: { value: [{ id: 'ok' }], '@odata.nextLink': `${SESSIONS_URL}?p=2` } },
        { status: 200, body: { value: [bad] } },
      ]);
      const seen: unknown[] = [];
      await assert.rejects(async () => {
        for await (const item of (v[names.iterate] as Gen)(pages.client, {
          exactMatchDataStoreId: 'a',
        }))
          seen.push(item);
      }, c.ResponseValidationError);
      assert.deepEqual(seen, [{ id: 'ok' }]);
      assert.equal(pages.calls.length, 2);

      const reported: unknown[] = [];
      const warn = client([{ status: 200, body: bad }], {
        onInvalidResponse: (e: unknown) => reported.push(e),
      });
      assert.deepEqual(await vfn(names.get)(warn.client, at), bad);
      assert.equal(reported.length, 1);

      // `validate: false` skips the checks of validated operations; middleware still runs.
      const off = client([{ status: 200, body: bad }], { validate: false });
      let wrapped = 0;
      (off.client as any).use((request: unknown, next: (r: unknown) => Promise<Response>) => {
        wrapped++;
        return next(request);
      });
      assert.deepEqual(await vfn(names.get)(off.client, at), bad);
      assert.equal(wrapped, 1);
    },
  );

  test('stubs import no validators; a one-call app from the root bundles none', async () => {
    const operations = path.join(out, 'src/client/operations');
    for (const file of await fs.readdir(operations))
      assert.doesNotMatch(
        await fs.readFile(path.join(operations, file), 'utf8'),
        /validators\//,
        `${file} imports a validator`,
      );
    const { build } = await import('esbuild');
    const bundle = async (entry: string) => {
      const app = path.join(out, `app-${entry}.ts`);
      await fs.writeFile(
        app,
        `import { createClient, ${names.get} } from './src/${entry}.js';\nconsole.log(await ${names.get}(createClient(), { exactMatchDataStoreId: 'a', exactMatchSessionId: 'b' }));\n`,
      );
      const result = await build({
        entryPoints: [app],
        bundle: true,
        minify: true,
        format: 'esm',
        write: false,
        metafile: true,
        logLevel: 'silent',
      });
      return Object.entries(Object.values(result.metafile.outputs)[0].inputs)
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([file]) => file);
    };
    const root = await bundle('index');
    assert.deepEqual(
      root.filter((f) => f.includes('/validators/')),
      [],
    );
    if (!EMITTERS.some((e) => e.name === 'validators')) return;
    // The validated entry: the validators of the type the response can hold, not every validator.
    const validated = await bundle('validated');
    const used = validated.filter((f) => f.includes('/validators/'));
    assert.ok(used.some((f) => /validators\/runtime\.ts$/.test(f)));
    assert.ok(used.length < (await fs.readdir(path.join(out, 'src/validators'))).length - 1);
  });

  test('types: correct calls compile, wrong $select names, path parameters and bodies do not', async () => {
    const usage = `import { createClient, ${names.get}, ${names.list}, ${names.iterate}, ${names.update}, ${names.create}, GraphError, type Page } from './client/index.js';
import type { ExactMatchSession } from './models/ExactMatchSession.js';

export async function usage(): Promise<void> {
  const client = createClient({ baseUrl: 'https://graph.example.com/v1.0', getToken: async () => 'token' });
  const one: ExactMatchSession = await ${names.get}(client, { exactMatchDataStoreId: 'a', exactMatchSessionId: 'b' }, { $select: ['id', 'fileName'] });
  const page: Page<ExactMatchSession> = await ${names.list}(client, { exactMatchDataStoreId: 'a' }, { $top: 10, $orderby: 'id', $count: true });
  for await (const item of ${names.iterate}(client, { exactMatchDataStoreId: 'a' })) item.fileName?.toUpperCase();
  const none: void = await ${names.update}(client, { exactMatchDataStoreId: 'a', exactMatchSessionId: 'b' }, { fileName: 'x' });
  // $select narrows the result to the selected properties, plus id and @odata.type.
  const picked = await ${names.get}(client, { exactMatchDataStoreId: 'a', exactMatchSessionId: 'b' }, { $select: ['fileName'] });
  const kept: [string | null | undefined, string | undefined, '#microsoft.graph.exactMatchSession' | undefined] = [picked.fileName, picked.id, picked['@odata.type']];
  // @ts-expect-error: state was not selected
  picked.state;
  const all = await ${names.get}(client, { exactMatchDataStoreId: 'a', exactMatchSessionId: 'b' });
  all.state;
  for await (const item of ${names.iterate}(client, { exactMatchDataStoreId: 'a' }, { $select: ['state'] })) {
    item.state;
    // @ts-expect-error: fileName was not selected
    item.fileName;
  }
  void [one, page, none, GraphError, kept];
  // @ts-expect-error: not a property of exactMatchSession
  await ${names.get}(client, { exactMatchDataStoreId: 'a', exactMatchSessionId: 'b' }, { $select: ['notAProperty'] });
  // @ts-expect-error: a path parameter is missing
  await ${names.get}(client, { exactMatchDataStoreId: 'a' });
  // @ts-expect-error: $top is a number
  await ${names.list}(client, { exactMatchDataStoreId: 'a' }, { $top: '10' });
  // @ts-expect-error: an update body holds properties of the type
  await ${names.update}(client, { exactMatchDataStoreId: 'a', exactMatchSessionId: 'b' }, { fileName: 42 });
  // @ts-expect-error: read-only properties are not part of an update body
  await ${names.update}(client, { exactMatchDataStoreId: 'a', exactMatchSessionId: 'b' }, { state: 'failed' });
  // @ts-expect-error: nor of a create body
  await ${names.create}(client, { exactMatchDataStoreId: 'a' }, { fileName: 'a.csv', dataUploadURI: 'https://x' });
  // OData annotations are.
  await ${names.create}(client, { exactMatchDataStoreId: 'a' }, { fileName: 'a.csv', 'uploadAgent@odata.bind': 'https://graph.microsoft.com/v1.0/x' });
}
`;
    const extra = sessionsIds
      ? `import { exactMatchSessionRenew, exactMatchDataStoreLookup, getExactMatchDataStore } from './client/index.js';
export async function more(client: import('./client/index.js').Client): Promise<void> {
  await exactMatchSessionRenew(client, { exactMatchDataStoreId: 'a', exactMatchSessionId: 'b' }, { extendBy: 'PT1H' });
  // @ts-expect-error: extendBy is required
  await exactMatchSessionRenew(client, { exactMatchDataStoreId: 'a', exactMatchSessionId: 'b' }, { reason: 'x' });
  const keys: string[] = (await exactMatchDataStoreLookup(client, { exactMatchDataStoreId: 'a', key: 'k' })).value;
  await getExactMatchDataStore(client, { exactMatchDataStoreId: 'a' }, { $expand: ['sessions', 'sessions($select=id)'] });
  // @ts-expect-error: not a navigation property
  await getExactMatchDataStore(client, { exactMatchDataStoreId: 'a' }, { $expand: ['displayName'] });
  void keys;
}
`
      : '';
    await fs.writeFile(path.join(out, 'src/usage.ts'), usage + extra);
    try {
      assert.equal(await compile(out, true), '');
    } finally {
      await fs.rm(path.join(out, 'src/usage.ts'));
    }
  });
});

describe('client stubs on the seeds', () => {
  test('the seeds package compiles under tsc --strict', async () => {
    const { out } = await generate(SEEDS);
    assert.equal(await compile(out, true), '');
  });
});

const CORPUS_SELECT = `import { createClient, listUserDirectReports, iterateUserDirectReports, getUser } from './client/index.js';
export async function usage(): Promise<void> {
  const client = createClient({});
  const page = await listUserDirectReports(client, { id: 'u' }, { $select: ['displayName', 'mail'] });
  for (const item of page.value) {
    if (item['@odata.type'] === '#microsoft.graph.user') {
      const name: string | null | undefined = item.displayName;
      const mail: string | null | undefined = item.mail;
      // @ts-expect-error: jobTitle was not selected
      item.jobTitle;
      void [name, mail];
    }
  }
  for await (const r of iterateUserDirectReports(client, { id: 'u' }, { $select: ['displayName'] })) void r.id;
  // @ts-expect-error: no directory object type has this property
  await listUserDirectReports(client, { id: 'u' }, { $select: ['notAProperty'] });
  const me = await getUser(client, {}, { $select: ['displayName'] });
  void me.displayName;
}
`;

test('request bodies take OData annotations at any depth (deep insert) and in parameter bodies; other keys stay checked', async () => {
  const { out, model } = await generate(path.join(FIXTURES, 'bodies'));
  const sweep = bodySweepSource(model);
  assert.equal(sweep.examples, 2);
  await fs.writeFile(path.join(out, 'src/bodies.ts'), sweep.source);
  await fs.writeFile(
    path.join(out, 'src/wrong.ts'),
    `import { createBoard, boardAddPin, createClient } from './client/index.js';
const client = createClient();
export const calls = [
  createBoard(client, { title: 'x', pins: [{ text: 'y', 'author@odata.bind': 'u', '@odata.id': 'p' }] }),
  // @ts-expect-error: a misspelt property of a nested object
  createBoard(client, { pins: [{ txt: 'y' }] }),
  // @ts-expect-error: a property of the wrong type, beside an annotation
  createBoard(client, { title: 1, 'pins@odata.bind': [] }),
  // @ts-expect-error: read-only at the top
  createBoard(client, { id: 'b' }),
  boardAddPin(client, { boardId: 'b' }, { text: 'y', '@odata.type': '#microsoft.graph.pin' }),
  // @ts-expect-error: a parameter the table does not document
  boardAddPin(client, { boardId: 'b' }, { text: 'y', colour: 'red' }),
];
`,
  );
  const output = await compile(out, true);
  assert.deepEqual([...rejectedBodies(output, sweep.lines)], []);
  assert.equal(output, '');
});

describe('client stubs on the corpus', () => {
  test(
    'the corpus package compiles under tsc --strict; names are unique; clashes are reported',
    { timeout: 600_000 },
    async () => {
      const { out, model, diagnostics } = await generate(CORPUS);
      // Every base type's `AnyX` narrows on each member's tag to exactly that member (see
      // unions.ts): up to 40 members a base here; every member of every base (entity's hundreds
      // take tsc two minutes) in `npm run sweep:narrowing`.
      const narrowing = narrowingSource(model, undefined, NARROWED_MEMBERS);
      assert.ok(narrowing.checks > 400, `${narrowing.checks} members`);
      await fs.writeFile(path.join(out, 'src/narrowing.ts'), narrowing.source);
      // $select on a collection of a base type takes the names of derived types and narrows each item.
      await fs.writeFile(path.join(out, 'src/select.ts'), CORPUS_SELECT);
      // Every example request body of the corpus against its stub's body type (see bodies.ts),
      // in the same compile (one tsc run of the corpus package, not two): errors only there.
      const sweep = bodySweepSource(model);
      await fs.writeFile(path.join(out, 'src/bodies.ts'), sweep.source);
      const compiled = await compile(out, true);
      const elsewhere = compiled
        .split('\n')
        .filter((l) => /^\S.*\(\d+,\d+\): error/.test(l) && !/\bsrc\/bodies\.ts\(/.test(l));
      assert.deepEqual(elsewhere, []);
      const files = await fs.readdir(path.join(out, 'src/client/operations'));
      assert.equal(files.length, model.operations.length);
      assert.equal(new Set(files.map((f) => f.toLowerCase())).size, files.length);
      const rejected = rejectedBodies(compiled, sweep.lines);
      console.log(
        `corpus bodies: ${sweep.examples} example request bodies, ${rejected.size} rejected (147 before create and update bodies were writable properties plus OData annotations, 120 before annotations were allowed at every depth and in parameter bodies)`,
      );
      assert.ok(sweep.examples > 450, `${sweep.examples}`);
      // The rest are doc defects: enum values in another case, misspelt @odata.type values (the open type
      // extension pages' "microsoft.graph.openTypeExtension" without '#', checked since bodies described
      // in prose are typed), properties no page declares.
      // Bodies read as Json.NET reads them (trailing commas) added 14 bodies and 4 rejections (108
      // of 527 before); open dictionaries (planner's) take any key, and parameters the docs say
      // may be null admit it: 112 → 103.
      assert.ok(rejected.size <= 105, [...rejected].map(([k, v]) => `${k} ${v}`).join('\n'));
      for (const id of [
        'group-post-groups#0',
        'group-post-groups#1',
        'group-post-groups#2',
        'device-post-registeredowners#0',
        'driveitem-post-children#0',
      ])
        assert.ok(!rejected.has(id), `${id}: ${rejected.get(id)}`);
      // Read-only properties are left out of bodies, but never one the page's own example sends.
      const omittedButSent = [...rejected].filter(([, message]) => {
        const m = /'"([^"]+)"' does not exist in type '(?:Partial<)?Omit<\w+, ([^>]*)>/.exec(
          message,
        );
        return m && m[2].includes(`"${m[1]}"`);
      });
      assert.deepEqual(omittedButSent, []);

      const clashes = diagnostics.filter(
        (d) => d.ruleId === 'emit-name-clash' && /operation/.test(d.message),
      );
      assert.ok(clashes.length < 20, `${clashes.length} operation name clashes`);
      for (const d of clashes) assert.equal(d.severity, 'warning');
    },
  );
});

// ---- naming and paths, on synthetic operations --------------------------------------------

const source = { file: 'api/x.md', line: 1, column: 1 };
function op(
  id: string,
  kind: OperationModel['kind'],
  paths: string[],
  extra: Partial<OperationModel> = {},
): OperationModel {
  return {
    id,
    title: id,
    description: '',
    kind,
    method:
      kind === 'create' || kind === 'action'
        ? 'POST'
        : kind === 'update'
          ? 'PATCH'
          : kind === 'delete'
            ? 'DELETE'
            : 'GET',
    paths,
    pathParameters: [],
    queryParameters: [],
    headers: [],
    requestBody: { kind: 'none' },
    response: {
      status: 200,
      collection: kind === 'list',
      type: { kind: 'named', name: 'microsoft.graph.user' },
    },
    permissions: { delegatedWork: [], delegatedPersonal: [], application: [] },
    examples: [],
    source,
    ...extra,
  };
}
const type = (name: string) => ({
  name,
  namespace: 'microsoft.graph',
  fullName: `microsoft.graph.${name}`,
  kind: 'entity' as const,
  abstract: false,
  open: false,
  description: '',
  properties: [],
  navigationProperties: [],
  members: [],
  derivedTypes: [],
  source,
});

test('RUNTIME_EXPORTS lists every name the client runtime exports', async () => {
  const runtime = await fs.readFile(path.join(TEMPLATES, 'client-runtime.ts'), 'utf8');
  const exported = [
    ...runtime.matchAll(/^export (?:async )?(?:type|interface|function\*?|class|const) ([\w$]+)/gm),
  ].map((m) => m[1]);
  assert.deepEqual(
    [...RUNTIME_EXPORTS].filter((n) => n !== 'DEFAULT_BASE_URL').sort(),
    [...new Set(exported)].sort(),
  );
});

describe('operation names', () => {
  const model: Model = {
    version: 1,
    types: [
      type('user'),
      type('event'),
      type('exactMatchSession'),
      type('reportRoot'),
      type('table'),
      type('tableColumn'),
    ],
    operations: [
      op('user-list', 'list', ['/users']),
      op('user-get', 'get', ['/users/{id}']),
      op('user-list-events', 'list', ['/users/{id}/events']),
      op('user-post-events', 'create', ['/users/{id}/events']),
      op('user-assignlicense', 'action', ['/users/{id}/assignLicense']),
      op('exactmatchsession-renew', 'action', ['/sessions/{id}/renew']),
      op('reportroot-getemailactivitycounts', 'function', [
        "/reports/getEmailActivityCounts(period='{period_value}')",
      ]),
      op('intune-a-devicemanagement-get', 'get', ['/deviceManagement']),
      op('intune-b-devicemanagement-get', 'get', ['/deviceManagement']),
      op('table-list-columns', 'list', ['/tables/{id}/columns']),
      op('tablecolumn-list', 'list', ['/tables/{id}/columns']),
      op('directoryobject-validateproperties', 'action', ['/directoryObjects/validateProperties']),
      op('x-validateproperties', 'action', ['/x/validateProperties']),
      op('eventx-user', 'action', ['/eventx/user']),
      op('000_2064b4be7151e34b', 'list', [
        '/dataClassification/exactMatchDataStores/{exactMatchDataStoreId}/sessions',
      ]),
    ],
  };
  const diagnostics: Diagnostic[] = [];
  const result = operationNames(model, new NameTable(model), diagnostics);
  const name = (id: string) => result.get(id)!.fn;

  test('verb + resource + rest from the page name, casing from the model', () => {
    assert.equal(name('user-list'), 'listUsers');
    assert.equal(result.get('user-list')!.iterate, 'iterateUsers');
    assert.equal(name('user-get'), 'getUser');
    assert.equal(name('user-list-events'), 'listUserEvents');
    assert.equal(result.get('user-list-events')!.iterate, 'iterateUserEvents');
    assert.equal(name('user-post-events'), 'createUserEvent');
    assert.equal(name('user-assignlicense'), 'userAssignLicense');
    assert.equal(name('exactmatchsession-renew'), 'exactMatchSessionRenew');
    assert.equal(name('reportroot-getemailactivitycounts'), 'reportRootGetEmailActivityCounts');
    assert.equal(name('000_2064b4be7151e34b'), 'listExactMatchDataStoreSessions');
  });

  test('shared short names use the whole id; remaining clashes are numbered and reported', () => {
    assert.equal(name('intune-a-devicemanagement-get'), 'getIntuneADeviceManagement');
    assert.equal(name('intune-b-devicemanagement-get'), 'getIntuneBDeviceManagement');
    assert.equal(name('table-list-columns'), 'listTableColumns');
    assert.equal(name('tablecolumn-list'), 'listTableColumns2');
    assert.ok(
      diagnostics.some(
        (d) =>
          d.ruleId === 'emit-name-clash' &&
          d.severity === 'warning' &&
          /tablecolumn-list.*listTableColumns2/.test(d.message),
      ),
    );
  });

  test('names never look like validators or equal a model type', () => {
    // Both share `objectValidateProperties`? No: short names `directoryObjectValidateProperties` vs `xValidateProperties`.
    assert.doesNotMatch(name('x-validateproperties'), /^(validate|is|assert|check)[A-Z]/);
    assert.equal(name('eventx-user'), 'eventxUser');
    const clash: Model = {
      version: 1,
      types: [type('userDelta')],
      operations: [
        op('validate-properties', 'action', ['/validateProperties']),
        op('user-delta', 'function', ['/users/delta']),
      ],
    };
    const d: Diagnostic[] = [];
    const r = operationNames(clash, new NameTable(clash), d);
    assert.equal(r.get('validate-properties')!.fn, 'callValidateProperties');
    assert.equal(r.get('user-delta')!.fn, 'callUserDelta');
    assert.equal(d.length, 2);
  });

  test('deterministic: the same model gives the same names in any operation order', () => {
    const shuffled = { ...model, operations: [...model.operations].reverse() };
    const again = operationNames(shuffled, new NameTable(shuffled), []);
    assert.deepEqual([...again.entries()].sort(), [...result.entries()].sort());
  });
});

describe('path templates', () => {
  const args = (o: OperationModel) =>
    parsePath(o).args.map((a) => `${a.prop}<${a.placeholder}>${a.quoted ? "'" : ''}`);

  test('duplicates are numbered and mapped by position; odd placeholder names are made safe', () => {
    assert.deepEqual(args(op('a', 'get', ['/users/{id}/events/{id}'])), ['id<id>', 'id2<id>']);
    assert.deepEqual(
      args(
        op('a', 'get', [
          '/users/{id | userPrincipalName}/calendars/{calendar-id}/x/{user id}/{"q"}/{9lives}',
        ]),
      ),
      [
        'id<id | userPrincipalName>',
        'calendarId<calendar-id>',
        'userId<user id>',
        'q<"q">',
        'p9lives<9lives>',
      ],
    );
  });

  test('function arguments are named by their key; quoted ones are string literals', () => {
    assert.deepEqual(args(op('a', 'function', ["/stores/{storeId}/lookup(key='{key}')"])), [
      'storeId<storeId>',
      "key<key>'",
    ]);
    assert.deepEqual(
      args(op('a', 'action', ['/range/resizedRange(deltaRows={n}, deltaColumns={n})'])),
      ['deltaRows<n>', 'deltaColumns<n>'],
    );
    assert.deepEqual(args(op('a', 'function', ["/reports/getX(period='{period_value}')"])), [
      "period<period_value>'",
    ]);
    const documented = op(
      'a',
      'function',
      ['/notebooks/getRecent(includePersonal=includePersonal-value)', '/x'],
      {
        queryParameters: [
          {
            name: 'includePersonal',
            type: { kind: 'primitive', name: 'Boolean' },
            collection: false,
            required: false,
            description: '',
            source,
          },
        ],
      },
    );
    const parsed = parsePath(documented);
    assert.deepEqual(
      parsed.args.map((a) => a.prop),
      ['includePersonal'],
    );
    assert.ok(parsed.consumed.has('includepersonal'));
    // A literal value that is neither documented nor a stand-in stays.
    assert.deepEqual(args(op('a', 'function', ["/x/filterByCurrentUser(on='reviewer')"])), []);
  });

  test('a GET with a request-body parameter table calls a function with those arguments', () => {
    const param = (name: string, type: 'String' | 'Int32', required = true) => ({
      name,
      type: { kind: 'primitive' as const, name: type },
      collection: false,
      required,
      description: '',
      source,
    });
    const get = op('range-offsetrange', 'get', ['/names/{name}/range/offsetRange'], {
      requestBody: {
        kind: 'parameters',
        parameters: [param('rowOffset', 'Int32'), param('label', 'String')],
        source,
      },
    });
    const parsed = parsePath(get);
    assert.equal(
      parsed.template,
      "/names/{name}/range/offsetRange(rowOffset={rowOffset},label='{label}')",
    );
    assert.deepEqual(
      parsed.args.map(
        (a) =>
          `${a.prop}:${a.parameter?.type.kind === 'primitive' ? a.parameter.type.name : '-'}${a.quoted ? "'" : ''}`,
      ),
      ['name:-', 'rowOffset:Int32', "label:String'"],
    );
  });

  test('docs slips: text after a placeholder, (name) segments', () => {
    assert.deepEqual(
      args(op('a', 'get', ['/users/{user-id} | user-principal-name/chats/{chat-id}'])),
      ['userId<user-id>', 'chatId<chat-id>'],
    );
    assert.deepEqual(args(op('a', 'update', ['/teams/(team-id)/channels/{channel-id}'])), [
      'teamId<team-id>',
      'channelId<channel-id>',
    ]);
  });
});

test("a create body keeps read-only what only an opaque URL's example sends", async () => {
  const property = (name: string, readOnly: boolean): PropertyModel => ({
    name,
    type: { kind: 'primitive', name: 'String' },
    collection: false,
    readOnly,
    description: '',
    source,
  });
  const note: TypeModel = {
    ...type('note'),
    properties: [property('id', true), property('etag', true), property('title', false)],
  };
  const example = (body: unknown, opaqueUrl?: true) => ({
    request: {
      method: 'POST',
      url: 'https://x/notes',
      path: '/notes',
      query: {},
      headers: {},
      body,
      annotation: {},
      ...(opaqueUrl ? { opaqueUrl } : {}),
      source,
    },
  });
  const create = op('note-post', 'create', ['/notes'], {
    requestBody: {
      kind: 'type',
      type: { kind: 'named', name: 'microsoft.graph.note' },
      collection: false,
      fields: [],
      source,
    },
    response: {
      status: 201,
      collection: false,
      type: { kind: 'named', name: 'microsoft.graph.note' },
    },
    // The page's own example sends `etag` (so it stays writable); the opaque call sends `id`.
    examples: [example({ title: 'a', etag: 'e' }), example({ id: 'n1' }, true)],
  });
  const { files } = await generateFiles(
    { version: 1, types: [note], operations: [create] },
    EMIT_OPTIONS,
    { emitters: emitters(), format: false },
  );
  const stub = files.find((f) => f.path === 'src/client/operations/createNote.ts');
  assert.match(stub?.content ?? '', /Writable<Note, 'id'>/);
});
