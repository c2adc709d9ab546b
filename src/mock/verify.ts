import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { runChecks } from '../check/run.js';
import type { Diagnostic } from '../shared/diagnostics.js';
import { stubBody } from '../emit/client.js';
import {
  documentedPaths,
  needsTemplate,
  templateKey,
  type ParsedPath,
} from '../model/path-templates.js';
import { NameTable } from '../emit/names.js';
import { operationNames } from '../emit/operation-names.js';
import { generateFiles } from '../generate.js';
import type { DocsSource } from '../read/load.js';
import { ModelIndex } from '../model/queries.js';
import { EDM_JSON_TYPE, STANDARD_QUERY_OPTIONS } from '../model/names.js';
import type { EdmPrimitive, ExampleModel, Model, OperationModel } from '../model/types.js';
import { PACKAGE_ROOT } from '../shared/paths.js';
import { readDocs, type ReadResult } from '../pipeline.js';
import { writeOutput } from '../build/write.js';
import {
  deepEqual,
  EXAMPLE_HEADER,
  exampleKey,
  normalizePath,
  pathPattern,
  startMock,
  templatePatterns,
  type MockRecord,
} from './server.js';
import { escapeRegex } from '../text/case.js';

/**
 * Contract tests from the docs' own examples: generate the package, compile it, start the mock
 * (`server.ts`) and, for every documented example, call the generated request stub over real
 * HTTP with the example's arguments. An example is round-tripped when
 * - the stub sent the example's method, path (compared decoded, case-insensitively), query and
 *   JSON body (deep-equal; a stub whose parameters are all optional sends `{}` for no body),
 * - the mock answered with that example, and
 * - the client returned the documented shape: nothing for a response without a body, a page
 *   (`value` array) for a collection, one object (or an unwrapped primitive) otherwise, a
 *   `GraphError` with the documented status for a non-2xx example; and the body passes the
 *   generated validator (lenient: unknown properties are allowed, which truncated examples need).
 *
 * Examples that cannot be sent are skipped with the reason. An example on any documented path is
 * called through that path (naming its template where the stub needs it to choose).
 */

export interface VerifyOptions {
  docs?: string | DocsSource;
  /** An already read doc set (then `docs` is not read again). */
  read?: ReadResult;
  /** Progress lines (stages and timings). */
  log?: (line: string) => void;
  /** Per-request mock log lines. */
  mockLog?: (line: string) => void;
  /** Keep the generated package (its folder is `report.out`). */
  keep?: boolean;
  /** Per-request time limit (default 10 s). */
  timeoutMs?: number;
  /** Run the docs checks and attach their findings to failures (default true). */
  check?: boolean;
}

export type OutcomeStatus = 'ok' | 'skipped' | 'failed';

export type FailureCategory =
  | 'method'
  | 'path'
  | 'path-undocumented'
  | 'get-body'
  | 'query'
  | 'no-body-parameter'
  | 'body'
  | 'mock'
  | 'status'
  | 'shape'
  | 'validation'
  | 'error';

export interface ExampleOutcome {
  operation: string;
  /** Index into the operation's examples. */
  example: number;
  name?: string;
  /** `file:line` of the doc place the outcome is about. */
  place: string;
  status: OutcomeStatus;
  /** Skip reason, or failure category. */
  reason?: string;
  category?: FailureCategory;
  detail?: string;
  /** Rule ids `docs2ts check` reports on this example's blocks. */
  checkRules?: string[];
}

export interface VerifyReport {
  total: number;
  roundTripped: number;
  skipped: Record<string, number>;
  failed: Record<string, number>;
  outcomes: ExampleOutcome[];
  /** tsc's output when the generated package did not compile cleanly. */
  compileErrors?: string;
  /** The generated package (removed unless `keep`). */
  out: string;
  seconds: Record<string, number>;
}

const run = promisify(execFile);

export const SKIP = {
  noRequest: 'no request',
  noResponse: 'no response',
  noRequestLine: 'no request line',
  nonJsonRequest: 'non-JSON request body',
  nonJsonResponse: 'non-JSON response body',
  invalidJsonRequest: 'invalid JSON request body',
  invalidJsonResponse: 'invalid JSON response body',
  otherPath: 'a documented path no stub builds (an ellipsis segment)',
  opaqueUrl: 'an opaque URL (`opaqueUrl`): one an earlier response returned, which no stub builds',
} as const;

/** Generate, compile, mock and call every documented example. */
export async function verifyDocs(options: VerifyOptions): Promise<VerifyReport> {
  const seconds: Record<string, number> = {};
  const log = options.log ?? (() => {});
  let t = performance.now();
  const lap = (name: string) => {
    seconds[name] = Math.round(performance.now() - t) / 1000;
    t = performance.now();
  };
  if (!options.read && options.docs === undefined)
    throw new TypeError('verifyDocs needs docs or a read result.');
  const read = options.read ?? (await readDocs(options.docs!));
  const model = read.model;
  lap('read');

  log('generating');
  const generated = await generateFiles(
    model,
    {
      packageName: 'docs2ts-verify',
      packageVersion: '0.0.0',
      baseUrl: 'https://graph.microsoft.com/v1.0',
    },
    { format: false },
  );
  const out = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'docs2ts-verify-')), 'package');
  let server: Awaited<ReturnType<typeof startMock>> | undefined;
  try {
    await writeOutput(out, generated.files);
    lap('generate');
    log('compiling');
    const compileErrors = await compile(out);
    lap('compile');
    // The `validated` entry: its operations check each response with the generated validator.
    const entry = path.join(out, 'dist', 'validated.js');
    if (!existsSync(entry))
      throw new Error(`The generated package did not compile:\n${compileErrors ?? ''}`);
    const client = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;

    const records: MockRecord[] = [];
    server = await startMock({ model, log: options.mockLog, record: (r) => records.push(r) });
    const findings = options.check === false ? [] : runChecks(read);
    lap('check');
    log(`calling the stubs (mock at ${server.url})`);
    const context: CallContext = {
      model,
      index: new ModelIndex(model),
      client,
      baseUrl: `${server.url}/v1.0`,
      records,
      names: operationNames(model, new NameTable(model), []),
      timeoutMs: options.timeoutMs ?? 10_000,
      findings: byFile(findings),
    };
    const outcomes: ExampleOutcome[] = [];
    const ops = [...model.operations].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const op of ops) {
      const paths = safeDocumentedPaths(op);
      for (let i = 0; i < op.examples.length; i++)
        outcomes.push(await verifyExample(context, op, paths, i));
    }
    lap('calls');
    const report: VerifyReport = {
      total: outcomes.length,
      roundTripped: outcomes.filter((o) => o.status === 'ok').length,
      skipped: countBy(
        outcomes.filter((o) => o.status === 'skipped'),
        (o) => o.reason!,
      ),
      failed: countBy(
        outcomes.filter((o) => o.status === 'failed'),
        (o) => o.category!,
      ),
      outcomes,
      ...(compileErrors ? { compileErrors } : {}),
      out,
      seconds,
    };
    return report;
  } finally {
    await server?.close();
    if (!options.keep) await fs.rm(path.dirname(out), { recursive: true, force: true });
  }
}

async function compile(out: string): Promise<string | undefined> {
  const tsc = path.join(PACKAGE_ROOT, 'node_modules', '.bin', 'tsc');
  try {
    await run(tsc, ['-p', path.join(out, 'tsconfig.json')], { maxBuffer: 256 * 1024 * 1024 });
    return undefined;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    return (e.stdout || e.stderr || e.message).trim();
  }
}

function countBy<T>(list: T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of list) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return Object.fromEntries(
    Object.entries(out).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)),
  );
}

function byFile(findings: Diagnostic[]): Map<string, Diagnostic[]> {
  const map = new Map<string, Diagnostic[]>();
  for (const d of findings) {
    let list = map.get(d.file);
    if (!list) map.set(d.file, (list = []));
    list.push(d);
  }
  return map;
}

function safeDocumentedPaths(op: OperationModel): ParsedPath[] | undefined {
  try {
    return documentedPaths(op);
  } catch {
    return undefined;
  }
}

interface CallContext {
  model: Model;
  index: ModelIndex;
  client: Record<string, unknown>;
  baseUrl: string;
  records: MockRecord[];
  names: Map<string, { fn: string }>;
  timeoutMs: number;
  findings: Map<string, Diagnostic[]>;
}

const place = (file: string, line: number) => `${file}:${line}`;

/** Check findings on the lines of an example's request and response blocks. */
function findingsOn(context: CallContext, example: ExampleModel): string[] {
  const parts = [example.request, example.response].filter((p) => p !== undefined);
  if (!parts.length) return [];
  const file = parts[0].source.file;
  const start = Math.min(...parts.map((p) => p.source.line));
  const ends = parts.map((p) => {
    const headerLines = Object.keys(p.headers).length + 2;
    const bodyLines = p.bodyText ? p.bodyText.split('\n').length : 0;
    return Math.max(p.source.line + headerLines + 1, (p.bodyLine ?? p.source.line) + bodyLines + 1);
  });
  const end = Math.max(...ends);
  const rules = new Set<string>();
  for (const d of context.findings.get(file) ?? [])
    if (d.line >= start && d.line <= end && d.ruleId !== 'example-unpaired') rules.add(d.ruleId);
  return [...rules].sort();
}

type ResultKind = 'void' | 'unknown' | 'page' | 'binary' | 'primitive' | 'object';

/** What the stub returns, as client.ts declares it. */
function resultKind(
  op: OperationModel,
  index: ModelIndex,
): { kind: ResultKind; primitive?: EdmPrimitive; valueProperty?: boolean } {
  const { response } = op;
  if (!response.type)
    return {
      kind:
        response.status === 202 || response.status === 204 || response.status === 205
          ? 'void'
          : 'unknown',
    };
  if (response.collection) return { kind: 'page' };
  if (response.type.kind === 'primitive') {
    if (response.type.name === 'Stream') return { kind: 'binary' };
    if (response.type.name === 'Json') return { kind: 'unknown' };
    return { kind: 'primitive', primitive: response.type.name };
  }
  const type = index.type(response.type.name);
  if (type?.kind === 'enum') return { kind: 'primitive', primitive: 'String' };
  if (!type || type.kind === 'unresolved') return { kind: 'unknown' };
  return {
    kind: 'object',
    valueProperty: index.allProperties(type).some((p) => p.name === 'value'),
  };
}

/** The stub's path arguments, read from an example path matched against the stub's template. */
function pathArguments(
  parsed: ParsedPath,
  examplePath: string,
): Record<string, string> | undefined {
  let source = '';
  const args: { prop: string; quoted: boolean }[] = [];
  parsed.parts.forEach((part, i) => {
    // A documented trailing slash (`/charts/`) is not part of the contract.
    if ('text' in part)
      source += escapeRegex(
        i === parsed.parts.length - 1 && part.text.length > 1
          ? part.text.replace(/\/+$/, '')
          : part.text,
      );
    else {
      source += part.arg.quoted ? '(.*?)' : part.arg.relativePath ? '(.+?)' : '([^/]+?)';
      args.push(part.arg);
    }
  });
  const m = new RegExp(`^${source}/?$`, 'i').exec(examplePath);
  if (!m) return undefined;
  return Object.fromEntries(
    args.map((a, i) => [a.prop, a.quoted ? m[i + 1].replace(/''/g, "'") : m[i + 1]]),
  );
}

/** Split on commas outside parentheses: `sessions($select=id,state),owner` → two items. */
function splitList(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      items.push(text.slice(start, i));
      start = i + 1;
    }
  }
  items.push(text.slice(start));
  return items;
}

/** The standard options as strings, to test any query key against. */
const STANDARD: readonly string[] = STANDARD_QUERY_OPTIONS;

/** A query key as compared: lower case; a system query option without its optional `$` (`expand=fields`) gets it. */
function queryKey(key: string, documented?: Map<string, string>): string {
  const lower = key.toLowerCase();
  if (!lower.startsWith('$') && STANDARD.includes('$' + lower) && !documented?.has(lower))
    return '$' + lower;
  return lower;
}

/** Stub options from an example query: `$select`/`$expand` as arrays, `$top`/`$skip` as numbers, `$count` as a boolean. */
function queryOptions(
  op: OperationModel,
  parsed: ParsedPath,
  query: Record<string, string>,
): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  const documented = new Map(
    op.queryParameters.map((p) => [p.name.toLowerCase(), p.name] as const),
  );
  for (const [key, value] of Object.entries(query)) {
    if (parsed.consumed.has(key.toLowerCase())) continue;
    const lower = queryKey(key, documented);
    if (STANDARD.includes(lower)) {
      switch (lower) {
        case '$select':
        case '$expand':
          options[lower] = splitList(value);
          break;
        case '$top':
        case '$skip':
          options[lower] =
            /^\d+$/.test(value) && String(Number(value)) === value ? Number(value) : value;
          break;
        case '$count':
          options[lower] = value === 'true' ? true : value === 'false' ? false : value;
          break;
        default:
          options[lower] = value;
      }
      continue;
    }
    options[documented.get(lower) ?? key] = value;
  }
  return options;
}

const queryKeys = (query: Record<string, string>, documented: Map<string, string>) =>
  Object.fromEntries(Object.entries(query).map(([k, v]) => [queryKey(k, documented), v]));

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array (${value.length})`;
  if (value instanceof ArrayBuffer) return `binary (${value.byteLength} bytes)`;
  if (typeof value === 'object')
    return `an object {${Object.keys(value).slice(0, 4).join(', ')}${Object.keys(value).length > 4 ? ', …' : ''}}`;
  return `${typeof value} ${JSON.stringify(value)?.slice(0, 40)}`;
}

async function verifyExample(
  context: CallContext,
  op: OperationModel,
  paths: ParsedPath[] | undefined,
  i: number,
): Promise<ExampleOutcome> {
  const example = op.examples[i];
  const { request, response } = example;
  const base = { operation: op.id, example: i, ...(example.name ? { name: example.name } : {}) };
  const requestPlace = request ? place(request.source.file, request.source.line + 1) : '';
  const responsePlace = response ? place(response.source.file, response.source.line + 1) : '';
  const skip = (reason: string, where: string): ExampleOutcome => ({
    ...base,
    place: where,
    status: 'skipped',
    reason,
  });
  const fail = (
    category: FailureCategory,
    detail: string,
    where = requestPlace,
  ): ExampleOutcome => {
    const rules = findingsOn(context, example);
    return {
      ...base,
      place: where,
      status: 'failed',
      category,
      reason: category,
      detail,
      ...(rules.length ? { checkRules: rules } : {}),
    };
  };
  if (!request) return skip(SKIP.noRequest, responsePlace);
  if (!response) return skip(SKIP.noResponse, requestPlace);
  if (!request.method || !request.url) return skip(SKIP.noRequestLine, requestPlace);
  if (request.opaqueUrl) return skip(SKIP.opaqueUrl, requestPlace);
  const bodyShape = stubBody(op);
  const looksJson = (text: string) => /^\s*[[{]/.test(text);
  if (request.bodyText !== undefined && request.body === undefined && bodyShape !== 'raw') {
    return skip(
      looksJson(request.bodyText) ? SKIP.invalidJsonRequest : SKIP.nonJsonRequest,
      requestPlace,
    );
  }
  // An example that asks for the representation (`Prefer: return=representation`) gets it.
  const asked = asksRepresentation(op, request.headers);
  const result = resultKind(asked ?? op, context.index);
  if (
    response.bodyText !== undefined &&
    response.body === undefined &&
    result.kind !== 'binary' &&
    result.kind !== 'unknown'
  ) {
    return skip(
      looksJson(response.bodyText) ? SKIP.invalidJsonResponse : SKIP.nonJsonResponse,
      responsePlace,
    );
  }
  const fnName = context.names.get(op.id)?.fn;
  const fn = fnName ? context.client[fnName] : undefined;
  if (!paths || typeof fn !== 'function')
    return fail('error', `The generated package has no stub ${fnName ?? ''} for ${op.id}.`);
  const first = paths[0];

  if (op.method === 'GET' && request.method.toUpperCase() === 'GET' && request.body !== undefined) {
    return fail(
      'get-body',
      `The example sends a GET with a JSON body; the stub sends none${first.args.some((a) => first.consumed.has(a.prop.toLowerCase())) ? ' (it takes the documented parameters as function arguments in the path)' : ''}.`,
    );
  }

  // Path arguments from the example's concrete path, for the first documented path it is on.
  const examplePath = normalizePath(request.path);
  // Placeholders in the example where the stub's template has literal text (`/domains/{domain-name}`
  // documented as `/domains/contoso.com`): the stub's path must be one the example's pattern allows.
  const examplePattern = /[{<]/.test(examplePath)
    ? pathPattern(examplePath, false).regex
    : undefined;
  const named = needsTemplate(paths);
  const templateName = templateKey(paths);
  let parsed: ParsedPath | undefined;
  let args: Record<string, string> | undefined;
  let sentPathOk = (sent: string) => sent.toLowerCase() === examplePath.toLowerCase();
  for (const [n, candidate] of paths.entries()) {
    args = pathArguments(candidate, examplePath);
    if (!args && examplePattern?.test(candidate.template)) {
      args = Object.fromEntries(candidate.args.map((a) => [a.prop, `{${a.placeholder}}`]));
      sentPathOk = (sent) => examplePattern.test(sent);
    }
    if (!args) continue;
    parsed = candidate;
    // The stub picks a path by its parameters; one that shares them with an earlier path is named.
    if (named[n]) args = { [templateName]: candidate.template, ...args };
    break;
  }
  if (!parsed || !args) {
    const built = templatePatterns({ ...op, paths: paths.map((p) => p.template) });
    const all = templatePatterns(op);
    if (built.some((t) => t.pattern.regex.test(examplePath))) {
      return fail(
        'path',
        `The example's function arguments (${examplePath}) differ from the stub's templates (${paths
          .slice(0, 3)
          .map((p) => p.template)
          .join(', ')}).`,
      );
    }
    if (all.some((t) => t.pattern.regex.test(examplePath)))
      return skip(SKIP.otherPath, requestPlace);
    return fail(
      'path-undocumented',
      `The example path ${examplePath} matches none of the documented paths (${op.paths.slice(0, 3).join(', ')}).`,
    );
  }

  // The call.
  const key = exampleKey(op.id, i);
  const callArgs: unknown[] = [];
  // A stub takes a path object when its operation has several paths or its path has parameters.
  if (paths.length > 1 || first.args.length) callArgs.push(args);
  const extraHeaders: Record<string, string> = {};
  if (bodyShape === 'raw') {
    callArgs.push(request.bodyText ?? '');
    const type = Object.entries(request.headers).find(
      ([k]) => k.toLowerCase() === 'content-type',
    )?.[1];
    if (type && /^[\x20-\x7e]+$/.test(type)) extraHeaders['Content-Type'] = type;
  } else if (bodyShape === 'json') {
    callArgs.push(request.body);
  }
  const options = {
    ...queryOptions(op, parsed, request.query),
    ...(asked ? { returnRepresentation: true } : {}),
    signal: AbortSignal.timeout(context.timeoutMs),
    headers: extraHeaders,
  };
  callArgs.push(options);

  let validationError: { errors: { path: string; message: string }[] } | undefined;
  const createClient = context.client.createClient as (o: unknown) => unknown;
  const client = createClient({
    baseUrl: context.baseUrl,
    headers: { [EXAMPLE_HEADER]: key },
    validate: true,
    // One exchange per example: a documented 429 or 503 is an answer to check, not to wait out.
    retry: false,
    onInvalidResponse: (error: { errors: { path: string; message: string }[] }) => {
      validationError = error;
    },
    // A documented redirect is an answer, not something to follow (it may point off this host).
    fetch: (input: RequestInfo | URL, init?: RequestInit) =>
      fetch(input, { ...init, redirect: 'manual' }),
  });
  const before = context.records.length;
  let value: unknown;
  let thrown: unknown;
  try {
    value = await (fn as (...a: unknown[]) => Promise<unknown>)(client, ...callArgs);
  } catch (error) {
    thrown = error;
  }
  const record = context.records.slice(before).find((r) => r.headers[EXAMPLE_HEADER] === key);
  if (!record)
    return fail(
      'error',
      `The stub sent no request: ${(thrown as Error)?.message ?? 'unknown error'}`,
    );

  // What the stub sent.
  if (record.method !== request.method.toUpperCase())
    return fail(
      'method',
      `The stub sent ${record.method}; the example uses ${request.method.toUpperCase()}.`,
    );
  if (!sentPathOk(record.path))
    return fail('path', `The stub sent ${record.path}; the example uses ${examplePath}.`);
  const documented = new Map(
    op.queryParameters.map((p) => [p.name.toLowerCase(), p.name] as const),
  );
  const sentQuery = queryKeys(record.query, documented);
  const wantQuery = queryKeys(request.query, documented);
  for (const k of parsed.consumed) delete wantQuery[k];
  if (!deepEqual(sentQuery, wantQuery)) {
    const missing = Object.keys(wantQuery).filter((k) => sentQuery[k] !== wantQuery[k]);
    const extra = Object.keys(sentQuery).filter((k) => !(k in wantQuery));
    return fail(
      'query',
      `The stub sent ${missing.length ? `${missing.map((k) => (sentQuery[k] === undefined ? `no ${k}` : `${k}=${sentQuery[k]}`)).join(', ')}` : ''}${extra.length ? `${missing.length ? '; ' : ''}unexpected ${extra.join(', ')}` : ''} (the example has ${
        Object.entries(request.query)
          .map(([k, v]) => `${k}=${v}`)
          .join('&') || 'no query'
      }).`,
    );
  }
  if (bodyShape === 'raw') {
    if (record.bodyText !== (request.bodyText ?? ''))
      return fail(
        'body',
        `The stub sent a ${record.bodyText.length}-character body; the example's is ${(request.bodyText ?? '').length}.`,
      );
  } else if (request.body !== undefined) {
    if (op.method === 'GET')
      return fail('get-body', 'The example sends a GET with a body; GET stubs send none.');
    if (bodyShape === 'none')
      return fail(
        'no-body-parameter',
        'The example sends a body; the stub takes none: the page documents no request body (no type, no parameter table).',
      );
    if (!deepEqual(record.body, request.body))
      return fail(
        'body',
        `The stub sent ${record.bodyText ? describe(record.body ?? record.bodyText) : 'no body'}; the example's body differs.`,
      );
  } else if (record.bodyText && !deepEqual(record.body, {})) {
    return fail(
      'body',
      `The stub sent a body (${record.bodyText.slice(0, 60)}); the example has none.`,
    );
  }

  // What the mock answered with.
  if (!record.match)
    return fail(
      'mock',
      `The mock found no example for ${record.method} ${record.rawPath} (status ${record.status}).`,
    );
  if (exampleKey(record.match.operation, record.match.example) !== key)
    return fail(
      'mock',
      `The mock answered with example ${exampleKey(record.match.operation, record.match.example)}.`,
    );

  // What the client returned.
  const status = response.status ?? 200;
  if (status < 200 || status > 299) {
    const error = thrown as { name?: string; status?: number } | undefined;
    if (error?.name === 'GraphError' && error.status === status)
      return { ...base, place: requestPlace, status: 'ok' };
    return fail(
      'status',
      `Expected a GraphError with status ${status}; got ${thrown ? (thrown as Error).message : describe(value)}.`,
      responsePlace,
    );
  }
  if (thrown) return fail('error', `The call failed: ${(thrown as Error).message}`, responsePlace);
  const shape = shapeProblem(asked ?? op, result, value);
  if (shape)
    return fail(
      'shape',
      shape,
      place(response.source.file, response.bodyLine ?? response.source.line + 1),
    );
  if (validationError) {
    const issues = validationError.errors
      .slice(0, 3)
      .map((e) => e.message)
      .join('; ');
    return fail(
      'validation',
      `The response does not validate: ${issues}${validationError.errors.length > 3 ? ` (and ${validationError.errors.length - 3} more)` : ''}`,
      place(response.source.file, response.bodyLine ?? response.source.line + 1),
    );
  }
  return { ...base, place: requestPlace, status: 'ok' };
}

/**
 * `op` as an example that asks `Prefer: return=representation` calls it, when the page
 * documents that representation (`ResponseModel.representation`): its answer is that type.
 */
function asksRepresentation(
  op: OperationModel,
  headers: Record<string, string>,
): OperationModel | undefined {
  const representation = op.response.representation;
  const asks = Object.entries(headers).some(
    ([k, v]) => /^prefer$/i.test(k) && /\breturn=representation\b/i.test(v),
  );
  if (!representation || !asks) return undefined;
  return { ...op, response: { ...op.response, ...representation, collection: false } };
}

/** Whether the client's result has the shape the page documents; the problem, if not. */
function shapeProblem(
  op: OperationModel,
  result: ReturnType<typeof resultKind>,
  value: unknown,
): string | undefined {
  const typeName = op.response.type
    ? op.response.type.kind === 'named'
      ? op.response.type.name
      : `Edm.${op.response.type.name}`
    : '';
  switch (result.kind) {
    case 'void':
      return value === undefined
        ? undefined
        : `The page documents no response body (${op.response.status}); the example returns ${describe(value)}.`;
    case 'unknown':
      return undefined;
    case 'page': {
      const ok =
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        Array.isArray((value as { value?: unknown }).value);
      return ok
        ? undefined
        : `The page documents a collection of ${typeName}; the example returns ${describe(value)}, not a page with a "value" array.`;
    }
    case 'binary':
      return value === undefined || value instanceof ArrayBuffer
        ? undefined
        : `The page documents a stream; the client returned ${describe(value)}.`;
    case 'primitive': {
      const want = EDM_JSON_TYPE[result.primitive!];
      return want === 'unknown' || typeof value === want || value === null
        ? undefined
        : `The page documents one ${typeName} (${want}, sent as {"value": …}); the example returns ${describe(value)}.`;
    }
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return `The page documents one ${typeName}; the example returns ${describe(value)}.`;
      if (!result.valueProperty && Array.isArray((value as { value?: unknown }).value))
        return `The page documents one ${typeName}; the example returns a collection ("value" array).`;
      return undefined;
    }
  }
}

/** The coverage table. */
export function formatVerifyReport(
  report: VerifyReport,
  options: { verbose?: boolean; maxPerCategory?: number } = {},
): string {
  const pct = (n: number) => (report.total ? `${((100 * n) / report.total).toFixed(1)} %` : '-');
  const skipped = Object.values(report.skipped).reduce((a, b) => a + b, 0);
  const failed = Object.values(report.failed).reduce((a, b) => a + b, 0);
  const lines = [
    'docs2ts verify: documented examples through the generated stubs and the mock',
    '',
    `  examples       ${String(report.total).padStart(6)}`,
    `  round-tripped  ${String(report.roundTripped).padStart(6)}  ${pct(report.roundTripped)}`,
    `  skipped        ${String(skipped).padStart(6)}  ${pct(skipped)}`,
    ...Object.entries(report.skipped).map(
      ([reason, n]) => `    ${String(n).padStart(6)}  ${reason}`,
    ),
    `  failed         ${String(failed).padStart(6)}  ${pct(failed)}`,
    ...Object.entries(report.failed).map(
      ([category, n]) => `    ${String(n).padStart(6)}  ${category}`,
    ),
  ];
  if (report.compileErrors)
    lines.push(
      '',
      'The generated package has compile errors:',
      ...report.compileErrors
        .split('\n')
        .slice(0, 20)
        .map((l) => `  ${l}`),
    );
  const max = options.maxPerCategory ?? (options.verbose ? Infinity : 10);
  const failures = report.outcomes.filter((o) => o.status === 'failed');
  if (failures.length) {
    lines.push('', 'Failures:');
    for (const category of Object.keys(report.failed)) {
      const list = failures.filter((o) => o.category === category);
      lines.push(`  ${category}:`);
      for (const o of list.slice(0, max)) {
        lines.push(
          `    ${o.place}  ${o.operation}#${o.example}${o.name ? ` (${o.name})` : ''}: ${o.detail}${o.checkRules ? `  [check: ${o.checkRules.join(', ')}]` : ''}`,
        );
      }
      if (list.length > max) lines.push(`    … ${list.length - max} more (--verbose lists all)`);
    }
  }
  if (options.verbose) {
    const skips = report.outcomes.filter((o) => o.status === 'skipped');
    if (skips.length) {
      lines.push('', 'Skipped:');
      for (const o of skips) lines.push(`    ${o.place}  ${o.operation}#${o.example}: ${o.reason}`);
    }
  }
  return lines.join('\n') + '\n';
}
