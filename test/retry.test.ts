import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startMock, type MockRecord, type MockServer } from '../src/mock/server.js';
import { compile, generateInto, importGenerated, SESSIONS } from './helpers.js';

/** The parts of the generated runtime this test uses. */
interface Runtime {
  createClient(options?: Record<string, unknown>): Client;
  retryAfterMs(value: string | null, now?: number): number | undefined;
  GraphError: new (...args: any[]) => Error & { status: number };
  [name: string]: unknown;
}
interface FetchRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: unknown;
  attempt: number;
}
type Next = (request: FetchRequest) => Promise<Response>;
interface Client {
  request<T>(request: Record<string, unknown>, options?: Record<string, unknown>): Promise<T>;
  use(middleware: (request: FetchRequest, next: Next) => Promise<Response>): Client;
}
type Fn = (...args: any[]) => Promise<any>;

const STORE = '9d6a4a54-1b3c-4e27-8f0e-6c2d5b7a3e10';
const SESSION = { exactMatchDataStoreId: STORE, exactMatchSessionId: 'a1b2' };

/**
 * A fetch in front of the mock that answers the first `faults` requests itself (429 or 503,
 * with the given headers) and passes the rest to the mock. It records what each attempt sent.
 */
function faultyFetch(faults: { status: number; headers?: Record<string, string> }[]) {
  const sent: { url: string; body: string | undefined; at: number }[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    sent.push({
      url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      body: typeof init.body === 'string' ? init.body : undefined,
      at: performance.now(),
    });
    const fault = faults.shift();
    if (fault)
      return new Response(
        JSON.stringify({ error: { code: 'TooManyRequests', message: 'Slow down.' } }),
        { status: fault.status, headers: { 'Content-Type': 'application/json', ...fault.headers } },
      );
    return fetch(input, init);
  };
  return { fetch: fetchImpl, sent };
}

describe('retries and middleware, against the mock', () => {
  let rt: Runtime;
  let mock: MockServer;
  const records: MockRecord[] = [];
  const fn = (name: string) => rt[name] as Fn;

  before(async () => {
    const { out, read } = await generateInto(SESSIONS);
    assert.equal(await compile(out), '');
    rt = await importGenerated<Runtime>(out, 'client/index.js');
    mock = await startMock({ model: read.model, record: (r) => records.push(r) });
  });
  after(() => mock?.close());
  const client = (
    faults: { status: number; headers?: Record<string, string> }[],
    options: Record<string, unknown> = {},
  ) => {
    const faulty = faultyFetch(faults);
    return {
      client: rt.createClient({ baseUrl: `${mock.url}/v1.0`, fetch: faulty.fetch, ...options }),
      sent: faulty.sent,
    };
  };

  test('429s with Retry-After are retried (on by default); the JSON body is sent again as it was', async () => {
    const before = records.length;
    const { client: cl, sent } = client([
      { status: 429, headers: { 'Retry-After': '0' } },
      { status: 429, headers: { 'Retry-After': new Date(Date.now() - 5000).toUTCString() } },
    ]);
    const body = { datastoreId: STORE, fileName: 'upload.csv', rowsPerBlock: 100 };
    const created = await fn('createExactMatchDataStoreSession')(
      cl,
      { exactMatchDataStoreId: STORE },
      body,
    );
    assert.equal(typeof created.id, 'string', 'the documented 201 body');
    assert.equal(sent.length, 3);
    assert.deepEqual(
      sent.map((s) => s.body && JSON.parse(s.body)),
      [body, body, body],
    );
    assert.equal(records.length - before, 1, 'the mock saw only the attempt that got through');
    assert.equal(records.at(-1)!.status, 201);
  });

  test('without Retry-After: exponential backoff with jitter, up to maxAttempts, then the GraphError', async () => {
    const { client: cl, sent } = client(
      [503, 503, 503, 503, 503].map((status) => ({ status })),
      { retry: { maxAttempts: 4, baseDelay: 40 } },
    );
    const error = await fn('getExactMatchSession')(cl, SESSION).then(
      () => assert.fail('no error'),
      (e: any) => e,
    );
    assert.ok(error instanceof rt.GraphError);
    assert.equal(error.status, 503);
    assert.equal(sent.length, 4);
    const waits = sent.slice(1).map((s, i) => s.at - sent[i].at);
    // At least half of 40, 80, 160 ms (timers fire late on a busy machine, never early).
    [40, 80, 160].forEach((full, i) =>
      assert.ok(waits[i] >= full / 2 - 2, `wait ${i + 1}: ${waits[i]} ms`),
    );
    // maxDelay caps the backoff.
    const capped = client(
      [503, 503, 503].map((status) => ({ status })),
      { retry: { baseDelay: 1000, maxDelay: 30, maxAttempts: 3 } },
    );
    await assert.rejects(
      fn('getExactMatchSession')(capped.client, SESSION),
      (e: any) => e.status === 503,
    );
    // Uncapped, the two waits would take 1.5 s at least.
    assert.ok(capped.sent[2].at - capped.sent[0].at < 1000, 'two waits of at most 30 ms');
  });

  test('504 is retried; other errors (500, 404) are not', async () => {
    const ok = client([{ status: 504, headers: { 'Retry-After': '0' } }]);
    assert.equal((await fn('getExactMatchSession')(ok.client, SESSION)).id !== undefined, true);
    assert.equal(ok.sent.length, 2);
    const no = client([{ status: 500, headers: { 'Retry-After': '0' } }]);
    await assert.rejects(
      fn('getExactMatchSession')(no.client, SESSION),
      (e: any) => e.status === 500,
    );
    assert.equal(no.sent.length, 1);
  });

  test('retry: false on the client or per call turns retries off; a per-call object turns them on', async () => {
    const off = client([{ status: 429, headers: { 'Retry-After': '0' } }], { retry: false });
    await assert.rejects(
      fn('getExactMatchSession')(off.client, SESSION),
      (e: any) => e.status === 429,
    );
    assert.equal(off.sent.length, 1);
    const call = client([{ status: 429, headers: { 'Retry-After': '0' } }]);
    await assert.rejects(
      fn('getExactMatchSession')(call.client, SESSION, { retry: false }),
      (e: any) => e.status === 429,
    );
    assert.equal(call.sent.length, 1);
    const on = client([{ status: 429, headers: { 'Retry-After': '0' } }], { retry: false });
    await fn('getExactMatchSession')(on.client, SESSION, { retry: { maxAttempts: 2 } });
    assert.equal(on.sent.length, 2);
  });

  test('a Retry-After longer than maxDelay is not waited for', async () => {
    const { client: cl, sent } = client([{ status: 429, headers: { 'Retry-After': '3600' } }]);
    const started = performance.now();
    await assert.rejects(fn('getExactMatchSession')(cl, SESSION), (e: any) => e.status === 429);
    assert.equal(sent.length, 1);
    assert.ok(performance.now() - started < 1000);
  });

  test('a stream body is not sent again', async () => {
    const { client: cl, sent } = client([{ status: 503, headers: { 'Retry-After': '0' } }]);
    const stream = new ReadableStream({
      start: (c) => (c.enqueue(new TextEncoder().encode('x')), c.close()),
    });
    await assert.rejects(
      cl.request({ method: 'POST', path: '/upload', body: stream, bodyKind: 'raw' }),
      (e: any) => e.status === 503,
    );
    assert.equal(sent.length, 1);
  });

  test('an aborted signal ends the wait', async () => {
    const { client: cl, sent } = client([{ status: 429, headers: { 'Retry-After': '30' } }]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('gave up')), 50);
    const started = performance.now();
    await assert.rejects(
      fn('getExactMatchSession')(cl, SESSION, { signal: controller.signal }),
      /gave up/,
    );
    assert.ok(performance.now() - started < 2000, 'not 30 s');
    assert.equal(sent.length, 1);
  });

  test('Retry-After: seconds or an HTTP date', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    assert.equal(rt.retryAfterMs('120', now), 120_000);
    assert.equal(rt.retryAfterMs(' 0 ', now), 0);
    assert.equal(rt.retryAfterMs('Wed, 21 Oct 2015 07:28:30 GMT', now), 30_000);
    assert.equal(rt.retryAfterMs('Wed, 21 Oct 2015 07:27:00 GMT', now), 0);
    assert.equal(rt.retryAfterMs('soon', now), undefined);
    assert.equal(rt.retryAfterMs('-5', now), undefined);
    assert.equal(rt.retryAfterMs(null, now), undefined);
  });

  test('middleware runs around every attempt, first added outermost; it can change requests and answer them', async () => {
    const seen: string[] = [];
    const before = records.length;
    const { client: cl, sent } = client([{ status: 429, headers: { 'Retry-After': '0' } }], {
      middleware: [
        async (request: FetchRequest, next: Next) => {
          seen.push(`outer ${request.method} ${request.attempt}`);
          const response = await next({
            ...request,
            headers: { ...request.headers, 'X-Trace': `t${request.attempt}` },
          });
          seen.push(`outer got ${response.status}`);
          return response;
        },
      ],
    });
    const returned = cl.use(async (request, next) => {
      seen.push(`inner ${request.headers['X-Trace']}`);
      return next(request);
    });
    assert.equal(returned, cl, 'use returns the client');
    await fn('getExactMatchSession')(cl, SESSION);
    assert.deepEqual(seen, [
      'outer GET 1',
      'inner t1',
      'outer got 429',
      'outer GET 2',
      'inner t2',
      'outer got 200',
    ]);
    assert.equal(sent.length, 2);
    assert.equal(records.length - before, 1);
    assert.equal(records.at(-1)!.headers['x-trace'], 't2');

    // A middleware that answers itself: fetch is not called.
    const own = client([]);
    own.client.use(
      async () =>
        new Response(JSON.stringify({ id: 'from-middleware' }), {
          headers: { 'Content-Type': 'application/json' },
        }),
    );
    assert.deepEqual(await fn('getExactMatchSession')(own.client, SESSION), {
      id: 'from-middleware',
    });
    assert.equal(own.sent.length, 0);
  });

  test('iterate pages through retried requests', async () => {
    const { client: cl } = client([{ status: 429, headers: { 'Retry-After': '0' } }]);
    const items: unknown[] = [];
    for await (const item of (
      rt.iterateExactMatchDataStoreSessions as (...a: unknown[]) => AsyncGenerator<unknown>
    )(cl, { exactMatchDataStoreId: STORE }))
      items.push(item);
    assert.ok(items.length > 0);
  });
});
