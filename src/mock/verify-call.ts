// One documented example called through its generated stub against the mock (see verify.ts):
// whether it can be sent, the path it is on, the call, what the stub sent, what came back.

import type { Diagnostic } from '../shared/diagnostics.js';
import { needsTemplate, templateKey, type ParsedPath } from '../model/path-templates.js';
import type { ModelIndex } from '../model/queries.js';
import type {
  ExampleModel,
  ExampleRequestModel,
  ExampleResponseModel,
  Model,
  OperationModel,
} from '../model/types.js';
import { deepEqual, exampleKey } from './matcher.js';
import { normalizePath, pathPattern, templatePatterns } from './request-paths.js';
import { EXAMPLE_HEADER, type MockRecord } from './server.js';
import { escapeRegex } from '../text/case.js';
import { SKIP, type ExampleOutcome, type FailureCategory } from './verify-outcome.js';
import { queryKeys, queryOptions } from './verify-query.js';
import { asksRepresentation, describe, resultKind, shapeProblem } from './verify-shape.js';

export interface CallContext {
  model: Model;
  index: ModelIndex;
  client: Record<string, unknown>;
  baseUrl: string;
  records: MockRecord[];
  names: Map<string, { fn: string }>;
  timeoutMs: number;
  findings: Map<string, Diagnostic[]>;
  /** How the stub takes a body (emit/client.ts's `stubBody`). */
  bodyShape: (op: OperationModel) => 'none' | 'json' | 'raw';
}

/** A failure: its category, what differs, and the doc place (the request's unless given). */
type Problem = [category: FailureCategory, detail: string, where?: string];

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

export async function verifyExample(
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
  const fail = ([category, detail, where = requestPlace]: Problem): ExampleOutcome => {
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
  const bodyShape = context.bodyShape(op);
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
    return fail(['error', `The generated package has no stub ${fnName ?? ''} for ${op.id}.`]);
  const first = paths[0];
  if (op.method === 'GET' && request.method.toUpperCase() === 'GET' && request.body !== undefined) {
    return fail([
      'get-body',
      `The example sends a GET with a JSON body; the stub sends none${first.args.some((a) => first.consumed.has(a.prop.toLowerCase())) ? ' (it takes the documented parameters as function arguments in the path)' : ''}.`,
    ]);
  }
  const route = routeOf(op, paths, request, context.index);
  if (route === 'other path') return skip(SKIP.otherPath, requestPlace);
  if (Array.isArray(route)) return fail(route);

  const stub = { fn: fn as Stub, bodyShape, asked: !!asked, key: exampleKey(op.id, i) };
  const call = await callStub(context, op, request, paths, route, stub);
  if (!call.record)
    return fail([
      'error',
      `The stub sent no request: ${(call.thrown as Error)?.message ?? 'unknown error'}`,
    ]);
  const problem =
    sentProblem(op, request, call.record, route, bodyShape) ??
    answeredProblem(call.record, stub.key) ??
    returnedProblem(asked ?? op, result, response, call, responsePlace);
  return problem ? fail(problem) : { ...base, place: requestPlace, status: 'ok' };
}

type Stub = (...args: unknown[]) => Promise<unknown>;

/** The documented path an example is on, and the stub's path arguments for it. */
interface Route {
  parsed: ParsedPath;
  args: Record<string, string>;
  /** The type an OData cast segment ending the example's path names (the stub's `cast`). */
  cast?: string;
  examplePath: string;
  /** Whether the path the stub sent is the example's. */
  sentPathOk: (sent: string) => boolean;
}

/**
 * The first documented path the example's concrete path is on, with the stub's arguments read
 * from it; `other path` for a documented path no stub builds; else the failure.
 */
function routeOf(
  op: OperationModel,
  paths: ParsedPath[],
  request: ExampleRequestModel,
  index: ModelIndex,
): Route | 'other path' | Problem {
  const examplePath = normalizePath(request.path);
  // `…/transitiveMembers/microsoft.graph.user`: the documented path, cast (the stub's `cast`).
  const cast = index.castIn(op, examplePath);
  if (cast) {
    const route = routeOf(op, paths, { ...request, path: cast.path }, index);
    if (typeof route === 'object' && !Array.isArray(route))
      return {
        ...route,
        cast: cast.type.fullName,
        examplePath,
        sentPathOk: (sent) => sent.toLowerCase() === examplePath.toLowerCase(),
      };
  }
  // Placeholders in the example where the stub's template has literal text (`/domains/{domain-name}`
  // documented as `/domains/contoso.com`): the stub's path must be one the example's pattern allows.
  const examplePattern = /[{<]/.test(examplePath)
    ? pathPattern(examplePath, false).regex
    : undefined;
  const named = needsTemplate(paths);
  const templateName = templateKey(paths);
  let sentPathOk = (sent: string) => sent.toLowerCase() === examplePath.toLowerCase();
  for (const [n, parsed] of paths.entries()) {
    let args = pathArguments(parsed, examplePath);
    if (!args && examplePattern?.test(parsed.template)) {
      args = Object.fromEntries(parsed.args.map((a) => [a.prop, `{${a.placeholder}}`]));
      sentPathOk = (sent) => examplePattern.test(sent);
    }
    if (!args) continue;
    // The stub picks a path by its parameters; one that shares them with an earlier path is named.
    if (named[n]) args = { [templateName]: parsed.template, ...args };
    return { parsed, args, examplePath, sentPathOk };
  }
  const built = templatePatterns({ ...op, paths: paths.map((p) => p.template) });
  if (built.some((t) => t.pattern.regex.test(examplePath)))
    return [
      'path',
      `The example's function arguments (${examplePath}) differ from the stub's templates (${paths
        .slice(0, 3)
        .map((p) => p.template)
        .join(', ')}).`,
    ];
  if (templatePatterns(op).some((t) => t.pattern.regex.test(examplePath))) return 'other path';
  return [
    'path-undocumented',
    `The example path ${examplePath} matches none of the documented paths (${op.paths.slice(0, 3).join(', ')}).`,
  ];
}

interface CallResult {
  /** The request the mock recorded for this example, if the stub sent one. */
  record?: MockRecord;
  value?: unknown;
  thrown?: unknown;
  validationError?: { errors: { path: string; message: string }[] };
}

/** Call the stub with the example's arguments, body and query, through a validating client. */
async function callStub(
  context: CallContext,
  op: OperationModel,
  request: ExampleRequestModel,
  paths: ParsedPath[],
  route: Route,
  stub: { fn: Stub; bodyShape: 'none' | 'json' | 'raw'; asked: boolean; key: string },
): Promise<CallResult> {
  const callArgs: unknown[] = [];
  // A stub takes a path object when its operation has several paths or its path has parameters.
  if (paths.length > 1 || paths[0].args.length) callArgs.push(route.args);
  const extraHeaders: Record<string, string> = {};
  if (stub.bodyShape === 'raw') {
    callArgs.push(request.bodyText ?? '');
    const type = Object.entries(request.headers).find(
      ([k]) => k.toLowerCase() === 'content-type',
    )?.[1];
    if (type && /^[\x20-\x7e]+$/.test(type)) extraHeaders['Content-Type'] = type;
  } else if (stub.bodyShape === 'json') {
    callArgs.push(request.body);
  }
  callArgs.push({
    ...queryOptions(op, route.parsed, request.query),
    ...(route.cast ? { cast: route.cast } : {}),
    ...(stub.asked ? { returnRepresentation: true } : {}),
    signal: AbortSignal.timeout(context.timeoutMs),
    headers: extraHeaders,
  });

  const result: CallResult = {};
  const createClient = context.client.createClient as (o: unknown) => unknown;
  const client = createClient({
    baseUrl: context.baseUrl,
    headers: { [EXAMPLE_HEADER]: stub.key },
    validate: true,
    // One exchange per example: a documented 429 or 503 is an answer to check, not to wait out.
    retry: false,
    onInvalidResponse: (error: CallResult['validationError']) => {
      result.validationError = error;
    },
    // A documented redirect is an answer, not something to follow (it may point off this host).
    fetch: (input: RequestInfo | URL, init?: RequestInit) =>
      fetch(input, { ...init, redirect: 'manual' }),
  });
  const before = context.records.length;
  try {
    result.value = await stub.fn(client, ...callArgs);
  } catch (error) {
    result.thrown = error;
  }
  result.record = context.records.slice(before).find((r) => r.headers[EXAMPLE_HEADER] === stub.key);
  return result;
}

/** Whether the stub sent the example's method, path, query and body; the failure, if not. */
function sentProblem(
  op: OperationModel,
  request: ExampleRequestModel,
  record: MockRecord,
  { parsed, examplePath, sentPathOk }: Route,
  bodyShape: 'none' | 'json' | 'raw',
): Problem | undefined {
  if (record.method !== request.method.toUpperCase())
    return [
      'method',
      `The stub sent ${record.method}; the example uses ${request.method.toUpperCase()}.`,
    ];
  if (!sentPathOk(record.path))
    return ['path', `The stub sent ${record.path}; the example uses ${examplePath}.`];
  const documented = new Map(
    op.queryParameters.map((p) => [p.name.toLowerCase(), p.name] as const),
  );
  const sentQuery = queryKeys(record.query, documented);
  const wantQuery = queryKeys(request.query, documented);
  for (const k of parsed.consumed) delete wantQuery[k];
  if (!deepEqual(sentQuery, wantQuery)) {
    const missing = Object.keys(wantQuery).filter((k) => sentQuery[k] !== wantQuery[k]);
    const extra = Object.keys(sentQuery).filter((k) => !(k in wantQuery));
    return [
      'query',
      `The stub sent ${missing.length ? `${missing.map((k) => (sentQuery[k] === undefined ? `no ${k}` : `${k}=${sentQuery[k]}`)).join(', ')}` : ''}${extra.length ? `${missing.length ? '; ' : ''}unexpected ${extra.join(', ')}` : ''} (the example has ${
        Object.entries(request.query)
          .map(([k, v]) => `${k}=${v}`)
          .join('&') || 'no query'
      }).`,
    ];
  }
  if (bodyShape === 'raw') {
    if (record.bodyText !== (request.bodyText ?? ''))
      return [
        'body',
        `The stub sent a ${record.bodyText.length}-character body; the example's is ${(request.bodyText ?? '').length}.`,
      ];
  } else if (request.body !== undefined) {
    if (op.method === 'GET')
      return ['get-body', 'The example sends a GET with a body; GET stubs send none.'];
    if (bodyShape === 'none')
      return [
        'no-body-parameter',
        'The example sends a body; the stub takes none: the page documents no request body (no type, no parameter table).',
      ];
    if (!deepEqual(record.body, request.body))
      return [
        'body',
        `The stub sent ${record.bodyText ? describe(record.body ?? record.bodyText) : 'no body'}; the example's body differs.`,
      ];
  } else if (record.bodyText && !deepEqual(record.body, {})) {
    return [
      'body',
      `The stub sent a body (${record.bodyText.slice(0, 60)}); the example has none.`,
    ];
  }
  return undefined;
}

/** Whether the mock answered with this example (`key`); the failure, if not. */
function answeredProblem(record: MockRecord, key: string): Problem | undefined {
  if (!record.match)
    return [
      'mock',
      `The mock found no example for ${record.method} ${record.rawPath} (status ${record.status}).`,
    ];
  const answered = exampleKey(record.match.operation, record.match.example);
  if (answered !== key) return ['mock', `The mock answered with example ${answered}.`];
  return undefined;
}

/**
 * Whether the client returned what the page documents (`op`; the representation when the
 * example asks for it): the error for a non-2xx example, else the documented shape, passing the
 * generated validator; the failure, if not.
 */
function returnedProblem(
  op: OperationModel,
  result: ReturnType<typeof resultKind>,
  response: ExampleResponseModel,
  { value, thrown, validationError }: CallResult,
  responsePlace: string,
): Problem | undefined {
  const status = response.status ?? 200;
  if (status < 200 || status > 299) {
    const error = thrown as { name?: string; status?: number } | undefined;
    if (error?.name === 'GraphError' && error.status === status) return undefined;
    return [
      'status',
      `Expected a GraphError with status ${status}; got ${thrown ? (thrown as Error).message : describe(value)}.`,
      responsePlace,
    ];
  }
  if (thrown) return ['error', `The call failed: ${(thrown as Error).message}`, responsePlace];
  const bodyPlace = place(response.source.file, response.bodyLine ?? response.source.line + 1);
  const shape = shapeProblem(op, result, value);
  if (shape) return ['shape', shape, bodyPlace];
  if (validationError) {
    const issues = validationError.errors
      .slice(0, 3)
      .map((e) => e.message)
      .join('; ');
    return [
      'validation',
      `The response does not validate: ${issues}${validationError.errors.length > 3 ? ` (and ${validationError.errors.length - 3} more)` : ''}`,
      bodyPlace,
    ];
  }
  return undefined;
}
