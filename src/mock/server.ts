import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { addressesByPath, parsePath, pathOfUrl } from '../model/path-templates.js';
import { jsonTooDeepAt, MAX_JSON_DEPTH } from '../shared/json-depth.js';
import type { DocsSource } from '../read/load.js';
import type { ExampleModel, Model, OperationModel } from '../model/types.js';
import { readDocs } from '../pipeline.js';
import { escapeRegex } from '../text/case.js';

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

export interface MockMatch {
  operation: string;
  /** Index into the operation's `examples`. */
  example: number;
  /** `exact`: the example's concrete path; `example`: its path with placeholders; `template`: a documented path template. */
  how: 'exact' | 'example' | 'template';
}

/** The request header naming the example a client wants (`<operation id>#<index>`), and the response header naming the one it got. */
export const EXAMPLE_HEADER = 'x-docs2ts-example';

export const exampleKey = (operation: string, index: number): string => `${operation}#${index}`;

const MAX_BODY = 4 * 1024 * 1024;
const MAX_BUFFERED = 64 * 1024 * 1024;
/** A request target (path and query) longer than this gets 414: Graph's own limit is about 4 KB. */
export const MAX_TARGET = 8192;
/** How much of a path the closest-operation hint compares: the hint stays cheap for any request. */
const CLOSEST_CHARS = 256;

export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/%[0-9A-Fa-f]{2}/g, (m) => {
      try {
        return decodeURIComponent(m);
      } catch {
        return m;
      }
    });
  }
}

/**
 * A path as matched: percent-decoded, below the version segment, no trailing slash. A
 * request's `%2F` stays encoded (`keepEncodedSlashes`): it is part of its segment (an id
 * holding a slash), where a relative path (`root:/a/b:`) sends its slashes as they are.
 */
export function normalizePath(path: string, keepEncodedSlashes = false): string {
  const text = path.trim();
  const decoded = keepEncodedSlashes
    ? text.split(/%2f/i).map(safeDecode).join('%2F')
    : safeDecode(text);
  let out = pathOfUrl(decoded);
  if (out.length > 1) out = out.replace(/\/+$/, '');
  return out;
}

/** Query parameters of a request target, decoded like the docs reader decodes example URLs (`+` is a space). */
export function parseQuery(search: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const pair of search.replace(/^\?/, '').split('&').filter(Boolean)) {
    const eq = pair.indexOf('=');
    const key = safeDecode((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
    query[key] = eq < 0 ? '' : safeDecode(pair.slice(eq + 1).replace(/\+/g, ' '));
  }
  return query;
}

/** A compiled path (or value) pattern. */
export interface PathPattern {
  regex: RegExp;
  /** Characters matched literally: more is more specific. */
  literal: number;
  /** Placeholders and free argument lists in it. */
  wildcards: number;
  /**
   * One digit per path segment, left to right: 2 literal, 1 partly literal (a function call with
   * free arguments, `a{b}`), 0 a placeholder. Compared as text, a literal segment beats a
   * placeholder at the first segment where two patterns differ.
   */
  specificity: string;
}

const PLACEHOLDER = /\{[^{}]*\}|<[^<>/]*>/;

/**
 * A pattern from a path as the docs write it. Placeholders (`{id}`, `<id>`) match one segment
 * (a relative path, `root:/{item-path}:`, one or more), or any text inside parentheses. With `anyArguments` (templates), every function call's
 * argument list matches any arguments.
 */
export function pathPattern(text: string, anyArguments: boolean): PathPattern {
  let source = '';
  let literal = 0;
  let wildcards = 0;
  let depth = 0;
  const token = new RegExp(`${PLACEHOLDER.source}|[()]|[^{}<>()]+|[\\s\\S]`, 'g');
  for (let m = token.exec(text); m; m = token.exec(text)) {
    const t = m[0];
    if (t === '(') {
      const close = anyArguments && depth === 0 ? matchingParen(text, m.index) : -1;
      if (close > 0) {
        // Any arguments: skip to the matching parenthesis.
        source += '\\(.*\\)';
        wildcards++;
        token.lastIndex = close + 1;
      } else {
        depth++;
        source += '\\(';
      }
      continue;
    }
    if (t === ')') {
      depth = Math.max(0, depth - 1);
      source += '\\)';
      continue;
    }
    if (t.length > 1 && (t[0] === '{' || t[0] === '<')) {
      // A relative path (`root:/{item-path}:`) spans segments; any other placeholder is one.
      source +=
        depth > 0
          ? '.*?'
          : addressesByPath(text.slice(0, m.index), text.slice(token.lastIndex))
            ? '.+?'
            : '[^/]+';
      wildcards++;
      continue;
    }
    source += escapeRegex(t);
    literal += t.length;
  }
  return {
    regex: new RegExp(`^${source}/?$`, 'i'),
    literal,
    wildcards,
    specificity: specificity(text),
  };
}

/** See `PathPattern.specificity`. */
function specificity(text: string): string {
  return text
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const free = segment.replace(new RegExp(PLACEHOLDER.source, 'g'), '');
      return free === segment ? '2' : free.replace(/[()',=]/g, '') ? '1' : '0';
    })
    .join('');
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

/** A query value from the docs: placeholders in it match anything. */
function valuePattern(text: string): RegExp | string {
  if (!PLACEHOLDER.test(text)) return text;
  const source = text.split(new RegExp(PLACEHOLDER.source, 'g')).map(escapeRegex).join('.*?');
  return new RegExp(`^${source}$`);
}

/**
 * The documented path templates of an operation as patterns: each path as written, and as the
 * request stubs repair it (`{id} | userPrincipalName` → `{id}`, a GET's parameter table as
 * function arguments).
 */
export function templatePatterns(op: OperationModel): { template: string; pattern: PathPattern }[] {
  const seen = new Set<string>();
  const out: { template: string; pattern: PathPattern }[] = [];
  for (const path of op.paths) {
    let repaired = path;
    try {
      repaired = parsePath({ ...op, paths: [path] }).template;
    } catch {
      // keep the path as written
    }
    for (const template of [path, repaired]) {
      const pattern = pathPattern(normalizeTemplate(template), true);
      if (seen.has(pattern.regex.source)) continue;
      seen.add(pattern.regex.source);
      out.push({ template, pattern });
    }
  }
  return out;
}

/** A template or example path as matched: decoded (placeholders kept), no trailing slash. */
function normalizeTemplate(path: string): string {
  let out = safeDecode(path.trim());
  if (!out.startsWith('/')) out = '/' + out;
  if (out.length > 1) out = out.replace(/\/+$/, '');
  return out;
}

interface Entry {
  op: OperationModel;
  index: number;
  example: ExampleModel;
  key: string;
  /** `text`: the path as written, lower case: a request with that very path (placeholders included) matches exactly. */
  concrete?: { method: string; pattern: PathPattern; text: string };
  query: [string, RegExp | string][];
  body?: unknown;
  bodyText?: string;
}

interface Scored {
  entry: Entry;
  score: (number | string)[];
  how: MockMatch['how'];
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) =>
      Object.prototype.hasOwnProperty.call(b, k) &&
      deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

const cmpText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Finds the documented example answering a request (see the module comment for the rules). */
export class ExampleMatcher {
  private readonly entries: Entry[] = [];
  private readonly templates = new Map<string, { template: string; pattern: PathPattern }[]>();
  private readonly ops: OperationModel[];

  constructor(model: Model) {
    this.ops = [...model.operations].sort((a, b) => cmpText(a.id, b.id));
    for (const op of this.ops) {
      this.templates.set(op.id, templatePatterns(op));
      op.examples.forEach((example, index) => {
        if (!example.response) return;
        const request = example.request;
        const entry: Entry = { op, index, example, key: exampleKey(op.id, index), query: [] };
        if (request && request.method && request.url) {
          const path = normalizeTemplate(request.path);
          const pattern = pathPattern(path, false);
          entry.concrete = {
            method: request.method.toUpperCase(),
            pattern,
            text: path.toLowerCase(),
          };
          entry.query = Object.entries(request.query).map(([k, v]) => [
            k.toLowerCase(),
            valuePattern(v),
          ]);
          if (request.body !== undefined) entry.body = request.body;
          if (request.bodyText !== undefined) entry.bodyText = request.bodyText.trim();
        }
        this.entries.push(entry);
      });
    }
  }

  /** Number of examples the matcher can answer with. */
  get size(): number {
    return this.entries.length;
  }

  match(
    method: string,
    path: string,
    query: Record<string, string>,
    body?: unknown,
    hint?: string,
    bodyText?: string,
  ): (MockMatch & { entry: ExampleModel; op: OperationModel }) | undefined {
    const m = method.toUpperCase();
    const lowerPath = path.toLowerCase();
    const received = new Map(Object.entries(query).map(([k, v]) => [k.toLowerCase(), v]));
    let best: Scored | undefined;
    for (const entry of this.entries) {
      let rank = 0;
      let literal = 0;
      // Path specificity (see `specificity`), then how early the page documents the matching template.
      let specific = '';
      let documentedAt = 0;
      let how: MockMatch['how'] = 'template';
      const c = entry.concrete;
      const exact = c !== undefined && (c.text === lowerPath || c.text + '/' === lowerPath);
      if (c && c.method === m && (exact || c.pattern.regex.test(path))) {
        rank = exact ? 3 : 2;
        literal = c.pattern.literal;
        specific = c.pattern.specificity;
        how = exact ? 'exact' : 'example';
      } else if (entry.op.method === m) {
        const templates = this.templates.get(entry.op.id)!;
        for (const [position, t] of templates.entries()) {
          if (!t.pattern.regex.test(path)) continue;
          const better =
            !rank ||
            t.pattern.specificity > specific ||
            (t.pattern.specificity === specific && t.pattern.literal > literal);
          rank = 1;
          if (better) {
            specific = t.pattern.specificity;
            literal = t.pattern.literal;
            documentedAt = -position;
          }
        }
      }
      if (!rank) continue;
      let queryMatched = 0;
      for (const [k, v] of entry.query) {
        const got = received.get(k);
        if (got !== undefined && (typeof v === 'string' ? v === got : v.test(got))) queryMatched++;
      }
      const queryOk = queryMatched === entry.query.length ? 1 : 0;
      const bodyEqual =
        (entry.body !== undefined && body !== undefined && deepEqual(entry.body, body)) ||
        (entry.bodyText ?? '') === (bodyText?.trim() ?? '')
          ? 1
          : 0;
      const score = [
        hint === entry.key ? 1 : 0,
        rank,
        specific,
        documentedAt,
        queryOk,
        queryMatched,
        bodyEqual,
        literal,
      ];
      if (!best || compareScores(score, best.score) > 0) best = { entry, score, how };
    }
    if (!best) return undefined;
    return {
      operation: best.entry.op.id,
      example: best.entry.index,
      how: best.how,
      entry: best.entry.example,
      op: best.entry.op,
    };
  }

  /**
   * The documented operation closest to a request: same method first, then the longest common
   * prefix of path segments, then the smallest edit distance, then operation id and path order.
   */
  closest(method: string, path: string): { op: OperationModel; path: string } | undefined {
    const m = method.toUpperCase();
    const segments = path.slice(0, CLOSEST_CHARS).split('/').filter(Boolean);
    const lower = segments.map((s) => s.toLowerCase());
    let top: { op: OperationModel; path: string; key: number[]; comparable: string }[] = [];
    for (const op of this.ops) {
      for (const template of op.paths) {
        const t = normalizeTemplate(template);
        const parts = t.split('/').filter(Boolean);
        const prefix = commonPrefix(lower, parts);
        const key = [op.method === m ? 1 : 0, prefix];
        const c = top.length ? compareScores(key, top[0].key) : 1;
        if (c < 0) continue;
        // Placeholders the request's segments filled in count as equal text.
        const comparable =
          '/' + [...segments.slice(0, prefix), ...parts.slice(prefix)].join('/').toLowerCase();
        if (c > 0) top = [{ op, path: t, key, comparable }];
        else top.push({ op, path: t, key, comparable });
      }
    }
    const target = '/' + lower.join('/');
    let best: { op: OperationModel; path: string; distance: number } | undefined;
    for (const candidate of top) {
      const distance = editDistance(
        target,
        candidate.comparable.slice(0, CLOSEST_CHARS),
        best?.distance,
      );
      if (!best || distance < best.distance)
        best = { op: candidate.op, path: candidate.path, distance };
    }
    return best && { op: best.op, path: best.path };
  }
}

/** Compares score lists element by element: numbers by value, strings in code-unit order. */
function compareScores(a: (number | string)[], b: (number | string)[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

function commonPrefix(a: string[], template: string[]): number {
  let n = 0;
  while (
    n < a.length &&
    n < template.length &&
    (a[n] === template[n].toLowerCase() || pathPattern(template[n], true).regex.test(a[n]))
  )
    n++;
  return n;
}

/** Levenshtein distance (two rows), or `limit` as soon as the distance cannot be below it. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let prev = Uint32Array.from({ length: b.length + 1 }, (_, j) => j);
  let row = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const c = a.charCodeAt(i - 1);
    row[0] = i;
    let least = i;
    for (let j = 1; j <= b.length; j++) {
      const d = Math.min(
        prev[j] + 1,
        row[j - 1] + 1,
        prev[j - 1] + (c === b.charCodeAt(j - 1) ? 0 : 1),
      );
      row[j] = d;
      if (d < least) least = d;
    }
    if (least >= limit) return limit;
    [prev, row] = [row, prev];
  }
  return Math.min(prev[b.length], limit);
}

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
  const text = noBody
    ? ''
    : rewrite(
        response.bodyText ?? (response.body !== undefined ? JSON.stringify(response.body) : ''),
      );
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
