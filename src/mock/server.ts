import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { jsonTooDeepAt, MAX_JSON_DEPTH } from '../shared/json-depth.js';
import type { DocsSource } from '../read/load.js';
import type { ExampleModel, Model } from '../model/types.js';
import { readDocs } from '../pipeline.js';
import { escapeRegex } from '../text/case.js';
import { ExampleMatcher, exampleKey, type MockMatch } from './matcher.js';
import { normalizePath, parseQuery } from './request-paths.js';

export type { MockMatch } from './matcher.js';

/**
 * A mock of the documented API: a node:http server answering every documented example request
 * with its documented response.
 *
 * Matching a request (method, path, query; the body and a hint header only break ties):
 * - Path: the version prefix (`/v1.0`, `/beta`) is dropped and the path is percent-decoded. It
 *   is compared, case-insensitively, with each example's own request path (a concrete path
 *   matching exactly ranks highest; placeholders such as `{exactMatchDataStoreId}` or `<id>`
 *   written in an example path match one segment, or any text inside a function call's
 *   parentheses) and with the documented path templates of the example's operation (`{id}`
 *   matches one segment; function-call segments such as `lookup(key='{key}')` match with any
 *   argument values), which ranks lowest.
 * - Among paths of one rank, the most specific wins: a literal segment beats a placeholder at
 *   the first segment where they differ (`/users/delta` over `/users/{id}`); between equally
 *   specific templates, the page that documents the template earlier among its paths (the
 *   page about `/users/{id}`, not one listing it as its 22nd path).
 * - Method: the example's method for its own path, the operation's method for its templates.
 * - Query: an example whose query parameters are all present with the same values (after URL
 *   decoding; placeholders match anything) is preferred, the more parameters the better.
 * - Then: an example whose request body equals the request's (as JSON, or as text; no body
 *   equals no body), then more literal characters, then operation id and example order. So the
 *   choice is deterministic.
 * - A request naming an example in the `X-Docs2ts-Example: <operation id>#<index>` header gets
 *   that example whenever it matches at all (`verify` uses it to pick one of several examples
 *   documenting the same request).
 *
 * The response: the example's status (200 when it has no status line), its headers minus
 * Content-Length (recomputed) and hop-by-hop headers, and its body as written (the text when
 * there is one, else the JSON of the parsed body; `Content-Type: application/json` is added to
 * JSON bodies that name no type). A body that is not valid JSON (truncated, commented) and
 * names no type or a JSON one is sent as `text/plain` with a `Warning` header, and the log line
 * says so. Absolute links on the service root's origin (`@odata.nextLink`, `@odata.context`,
 * `Location`) point at the mock instead, so a client can follow them. It also carries
 * `X-Docs2ts-Example` naming the example.
 * Unmatched requests get 404 with a Graph error body naming the closest documented operation.
 */

export interface MockOptions {
  /** The docs to read (ignored when `model` is given). */
  docs?: string | DocsSource;
  model?: Model;
  /** 0 (default): a free port. */
  port?: number;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  /** One line per request: method, path, status, matched example. */
  log?: (line: string) => void;
  /** Every request as received, with what answered it (for contract tests). */
  record?: (entry: MockRecord) => void;
  /**
   * The service root the examples were written against (default `https://graph.microsoft.com/v1.0`):
   * absolute links on its origin in example bodies and `Location` headers are rewritten to the mock's.
   */
  serviceRoot?: string;
  /** A request body over this many bytes gets 413 (default 4 MB). */
  maxBodyBytes?: number;
  /** Bytes of request bodies held at once, over all requests; a body that would go past it gets 503 (default 64 MB). */
  maxBufferedBytes?: number;
}

export interface MockServer {
  /** `http://127.0.0.1:<port>`: use it (or it plus `/v1.0`) as the client's base URL. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A request the mock received, and what it answered. */
export interface MockRecord {
  method: string;
  /** The request target's path as sent (still percent-encoded, version prefix included). */
  rawPath: string;
  /** Decoded, without the version prefix and trailing slash: what was matched. */
  path: string;
  /** Decoded query parameters. */
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  bodyText: string;
  /** The parsed body, when it is JSON. */
  body?: unknown;
  status: number;
  match?: MockMatch;
}

/** The request header naming the example a client wants (`<operation id>#<index>`), and the response header naming the one it got. */
export const EXAMPLE_HEADER = 'x-docs2ts-example';

const MAX_BODY = 4 * 1024 * 1024;
const MAX_BUFFERED = 64 * 1024 * 1024;
/** A request target (path and query) longer than this gets 414: Graph's own limit is about 4 KB. */
export const MAX_TARGET = 8192;

const DROPPED_HEADERS = new Set([
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'trailer',
]);

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function graphError(code: string, message: string) {
  return { error: { code, message } };
}

/** A request refused before it is matched: its status and Graph error. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Bytes of request bodies held by all requests at once. A body over the per-request cap gets
 * 413; one that would take the total over the budget gets 503, so that many large bodies at
 * once cannot exhaust memory and the server goes on answering.
 */
class BodyBudget {
  private held = 0;
  constructor(
    private readonly perRequest: number,
    private readonly total: number,
  ) {}

  read(req: http.IncomingMessage): Promise<string> {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > this.perRequest) return Promise.reject(this.tooLarge());
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const fail = (refusal: Refusal) => {
        this.held -= size;
        size = 0;
        chunks.length = 0;
        req.removeAllListeners('data');
        req.resume(); // the rest is read and dropped, so the answer can be sent
        reject(refusal);
      };
      req.on('data', (chunk: Buffer) => {
        if (size + chunk.length > this.perRequest) return fail(this.tooLarge());
        if (this.held + chunk.length > this.total)
          return fail(
            new Refusal(
              503,
              'ServiceUnavailable',
              'The mock holds too many request bodies at once; retry.',
            ),
          );
        size += chunk.length;
        this.held += chunk.length;
        chunks.push(chunk);
      });
      req.on('end', () => {
        this.held -= size;
        resolve(Buffer.concat(chunks).toString('utf8'));
      });
      req.on('error', (error) => {
        this.held -= size;
        size = 0;
        reject(error);
      });
    });
  }

  private tooLarge(): Refusal {
    return new Refusal(413, 'RequestEntityTooLarge', `Request body over ${this.perRequest} bytes.`);
  }
}

/** Rewrites absolute links on the documented service root's origin to the mock's. */
export type LinkRewriter = (text: string) => string;

export function linkRewriter(serviceRoot: string, mockOrigin: string): LinkRewriter {
  let origin: string;
  try {
    origin = new URL(serviceRoot).origin;
  } catch {
    return (text) => text;
  }
  // The origin as a whole (not `https://graph.microsoft.com.evil`), case-insensitively.
  const pattern = new RegExp(`${escapeRegex(origin)}(?=[/?#"'\\s]|$)`, 'gi');
  return (text) => text.replace(pattern, mockOrigin);
}

const JSON_TYPE = /^application\/(?:[\w.+-]*\+)?json\b/i;

/** The warning (RFC 9111 `Warning`-style text) sent with a documented body that is not valid JSON. */
export const NOT_JSON_WARNING =
  '199 docs2ts "The documented response body is not valid JSON; it is served as text/plain."';

/** Write an example's documented response; returns its status and whether its body was not valid JSON. */
function sendExample(
  res: http.ServerResponse,
  example: ExampleModel,
  key: string,
  rewrite: LinkRewriter,
): { status: number; notJson: boolean } {
  const response = example.response!;
  let status = response.status ?? 200;
  if (status < 200 || status > 999) status = 200;
  for (const [name, value] of Object.entries(response.headers)) {
    if (DROPPED_HEADERS.has(name.toLowerCase())) continue;
    try {
      res.setHeader(name, /^(content-)?location$/i.test(name) ? rewrite(value) : value);
    } catch {
      // A header the docs write in a way HTTP does not allow: left out.
    }
  }
  res.setHeader('X-Docs2ts-Example', key);
  // The docs' bodies are untrusted: a browser must not run one the docs label text/html.
  res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'");
  res.setHeader('X-Content-Type-Options', 'nosniff');
  const noBody = status === 204 || status === 205 || status === 304;
  const text = noBody ? '' : rewrite(servedText(response));
  let notJson = false;
  const type = res.getHeader('content-type');
  if (text && (type === undefined || JSON_TYPE.test(String(type)))) {
    // A documented body that is not JSON (truncated, commented, a placeholder) is never sent as JSON.
    if (isJson(text)) res.setHeader('Content-Type', type ?? 'application/json');
    else {
      notJson = true;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.setHeader('Warning', NOT_JSON_WARNING);
    }
  }
  if (!noBody) res.setHeader('Content-Length', Buffer.byteLength(text));
  res.writeHead(status);
  res.end(noBody ? undefined : text);
  return { status, notJson };
}

/**
 * The body text the mock serves: as the docs write it, keys and numbers as they are; but a body
 * the docs write as Json.NET reads it (trailing commas, comments) as the strict JSON it reads as.
 */
function servedText(response: { bodyText?: string; body?: unknown }): string {
  const { bodyText, body } = response;
  if (bodyText !== undefined && (body === undefined || isJson(bodyText))) return bodyText;
  return body !== undefined ? JSON.stringify(body) : '';
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Start the mock server; resolves once it listens. */
export async function startMock(options: MockOptions): Promise<MockServer> {
  const model =
    options.model ??
    (options.docs !== undefined ? (await readDocs(options.docs)).model : undefined);
  if (!model) throw new TypeError('startMock needs docs or a model.');
  const matcher = new ExampleMatcher(model);
  const host = options.host ?? '127.0.0.1';
  const { log, record } = options;
  let rewrite: LinkRewriter = (text) => text;
  const bodies = new BodyBudget(
    options.maxBodyBytes ?? MAX_BODY,
    options.maxBufferedBytes ?? MAX_BUFFERED,
  );

  const server = http.createServer((req, res) => {
    void handle(req, res);
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const rawPath = q < 0 ? target : target.slice(0, q);
    const path = normalizePath(rawPath, true);
    const query = parseQuery(q < 0 ? '' : target.slice(q + 1));
    let status: number;
    let warning = '';
    let match: MockMatch | undefined;
    let bodyText = '';
    let body: unknown;
    try {
      if (target.length > MAX_TARGET)
        throw new Refusal(
          414,
          'RequestUriTooLong',
          `Request target over ${MAX_TARGET} characters.`,
        );
      bodyText = await bodies.read(req);
      if (jsonTooDeepAt(bodyText) >= 0)
        throw new Refusal(
          400,
          'BadRequest',
          `Request body nests more than ${MAX_JSON_DEPTH} levels deep.`,
        );
      if (bodyText && /^\s*[[{]/.test(bodyText)) {
        try {
          body = JSON.parse(bodyText);
        } catch {
          // not JSON
        }
      }
      const hint = req.headers[EXAMPLE_HEADER];
      const found = matcher.match(
        method,
        path,
        query,
        body,
        Array.isArray(hint) ? hint[0] : hint,
        bodyText,
      );
      if (found) {
        match = { operation: found.operation, example: found.example, how: found.how };
        const sent = sendExample(
          res,
          found.entry,
          exampleKey(found.operation, found.example),
          rewrite,
        );
        status = sent.status;
        if (sent.notJson)
          warning = ' warning: the documented body is not valid JSON, served as text/plain';
      } else {
        const near = matcher.closest(method, path);
        const closest = near
          ? `closest documented operation: ${near.op.id} ${near.op.method} ${near.path}`
          : 'no operation is documented';
        status = 404;
        sendJson(
          res,
          404,
          graphError('NotFound', `No documented example for ${method} ${rawPath}; ${closest}`),
        );
      }
    } catch (error) {
      const refused = error instanceof Refusal;
      status = refused ? error.status : 500;
      if (res.headersSent) res.destroy();
      else if (refused) sendJson(res, status, graphError(error.code, error.message));
      else
        sendJson(
          res,
          500,
          graphError('InternalServerError', `docs2ts mock failed: ${(error as Error).message}`),
        );
    }
    log?.(
      `${method} ${target} ${status} ${match ? `${exampleKey(match.operation, match.example)} (${match.how})` : '-'}${warning}`,
    );
    record?.({
      method,
      rawPath,
      path,
      query,
      headers: req.headers,
      bodyText,
      ...(body !== undefined ? { body } : {}),
      status,
      ...(match ? { match } : {}),
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  rewrite = linkRewriter(options.serviceRoot ?? 'https://graph.microsoft.com/v1.0', url);
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
