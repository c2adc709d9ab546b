import http from 'node:http';
import { EXAMPLE_HEADER } from '../src/mock/server.js';
import { safeDecode } from '../src/mock/request-paths.js';
import type { ExampleModel } from '../src/model/types.js';

/** A request's time limit in the mock tests. */
export const timeout = () => AbortSignal.timeout(10_000);

/** A request target for an example: its path and query, re-encoded the way a client would send them. */
export function targetOf(request: NonNullable<ExampleModel['request']>, prefix = '/v1.0'): string {
  const segments = request.path
    .split('/')
    .map((s) => encodeURIComponent(safeDecode(s)).replace(/%24/g, '$'));
  const query = Object.entries(request.query).map(
    ([k, v]) => `${encodeURIComponent(k).replace(/^%24/, '$')}=${encodeURIComponent(v)}`,
  );
  return prefix + segments.join('/') + (query.length ? `?${query.join('&')}` : '');
}

/** A raw HTTP request (node:http: no redirects followed, GET bodies allowed); resolves to status and the example header. */
export function rawRequest(
  url: string,
  method: string,
  body: string | undefined,
): Promise<{ status: number; example?: string }> {
  return new Promise((resolve, reject) => {
    const headers = body
      ? { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) }
      : {};
    const req = http.request(url, { method, headers, signal: timeout() }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({
          status: res.statusCode!,
          example: res.headers[EXAMPLE_HEADER] as string | undefined,
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}
