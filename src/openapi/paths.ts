import { STATUS_CODES } from 'node:http';
import { encodeLiteral, parsePath, type PathArg } from '../model/path-templates.js';
import type { ModelIndex } from '../model/queries.js';
import {
  callsOperation,
  type ExampleModel,
  type OperationModel,
  type ParameterModel,
  type TypeRef,
} from '../model/types.js';
import {
  describe,
  ODATA_ERROR,
  primitiveSchema,
  refSchema,
  schemaRef,
  valueSchema,
  type Schema,
} from './schemas.js';
import { setOwn } from '../shared/own.js';

export const SECURITY_SCHEME = 'azureAdOAuth2';
export const ERROR_RESPONSE = 'error';

const METHOD_ORDER = ['get', 'put', 'post', 'patch', 'delete'] as const;

/** One documented path of one operation, normalised into an OpenAPI path template. */
interface Candidate {
  op: OperationModel;
  pathIndex: number;
  /** The path as documented. */
  documented: string;
  /** Literal text and arguments; `{name}` placeholders use `args[i].prop`. */
  pieces: ({ text: string } | { arg: number })[];
  args: PathArg[];
  /**
   * Lower-case names of query parameters that became path arguments, on this path or on another
   * path of the operation (`f(date={date})` and `f(period='{period}')`: neither is a query option).
   */
  consumed: Set<string>;
  /** The template with every placeholder as `{}`: paths equal under it are one path item. */
  key: string;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byCandidate = (a: Candidate, b: Candidate) =>
  byText(a.op.id, b.op.id) || a.pathIndex - b.pathIndex;

/**
 * A documented path as a template OpenAPI accepts:
 * - the query string and fragment are dropped;
 * - stand-ins `<address>` become placeholders, so `range(<address>)` takes an argument;
 * - placeholders get unique identifier names (`{id | userPrincipalName}` → `{id}`, a second `{id}` → `{id2}`),
 *   function arguments become placeholders too (see parsePath);
 * - literal text that is not allowed in a URL path is percent-encoded, and a trailing `/` is dropped.
 */
function candidate(op: OperationModel, documented: string, pathIndex: number): Candidate {
  let raw = documented.replace(/[?#].*$/s, '').trim();
  raw = raw.replace(/<([A-Za-z_][\w-]*)>/g, '{$1}');
  const parsed = parsePath({ ...op, paths: [raw] });
  const pieces: Candidate['pieces'] = [];
  for (const part of parsed.parts) {
    if ('arg' in part) pieces.push({ arg: parsed.args.indexOf(part.arg) });
    else pieces.push({ text: encodeLiteral(part.text).replace(/\/{2,}/g, '/') });
  }
  const last = pieces[pieces.length - 1];
  if (last && 'text' in last) {
    last.text = last.text.replace(/\/+$/, '');
    if (!last.text) pieces.pop();
  }
  const first = pieces[0];
  if (!first || !('text' in first) || !first.text.startsWith('/')) pieces.unshift({ text: '/' });
  const key = pieces.map((p) => ('text' in p ? p.text : '{}')).join('');
  return { op, pathIndex, documented, pieces, args: parsed.args, consumed: parsed.consumed, key };
}

function template(c: Candidate, names: string[]): string {
  return c.pieces.map((p) => ('text' in p ? p.text : `{${names[p.arg]}}`)).join('');
}

// ── parameters ─────────────────────────────────────────────────────────────────────────────

function scalarSchema(type: TypeRef | undefined, collection: boolean, index: ModelIndex): Schema {
  if (!type || collection) return { type: 'string' };
  if (type.kind === 'primitive')
    return type.name === 'Json' || type.name === 'Stream'
      ? { type: 'string' }
      : primitiveSchema(type.name);
  return index.type(type.name)?.kind === 'enum' ? refSchema(type, index) : { type: 'string' };
}

function pathParameter(name: string, arg: PathArg, index: ModelIndex): Schema {
  const p = arg.parameter;
  const alternatives = arg.placeholder
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean);
  const description =
    p?.description.trim() ||
    (alternatives.length > 1
      ? `One of: ${alternatives.join(', ')}.`
      : `\`${arg.placeholder.trim()}\` in the documented path.`);
  return {
    name,
    in: 'path',
    required: true,
    description,
    schema: arg.quoted ? { type: 'string' } : scalarSchema(p?.type, p?.collection ?? false, index),
  };
}

const ODATA_QUERY: Record<string, { schema: Schema; description: string; list?: boolean }> = {
  $select: {
    schema: { type: 'array', items: { type: 'string' }, uniqueItems: true },
    description: 'Properties to return.',
    list: true,
  },
  $expand: {
    schema: { type: 'array', items: { type: 'string' }, uniqueItems: true },
    description: 'Related entities to include.',
    list: true,
  },
  $orderby: {
    schema: { type: 'array', items: { type: 'string' }, uniqueItems: true },
    description: 'Order of the results.',
    list: true,
  },
  $filter: { schema: { type: 'string' }, description: 'Filter the results.' },
  $search: { schema: { type: 'string' }, description: 'Search the results.' },
  $top: {
    schema: { type: 'integer', minimum: 0 },
    description: 'Return at most this many results.',
  },
  $skip: { schema: { type: 'integer', minimum: 0 }, description: 'Skip this many results.' },
  $count: { schema: { type: 'boolean' }, description: 'Include a count of the results.' },
  $skiptoken: { schema: { type: 'string' }, description: 'Paging token.' },
  $deltatoken: { schema: { type: 'string' }, description: 'Delta token.' },
  $format: { schema: { type: 'string' }, description: 'Response format.' },
};

function queryParameter(p: ParameterModel, index: ModelIndex): Schema {
  const odata = Object.hasOwn(ODATA_QUERY, p.name.toLowerCase())
    ? ODATA_QUERY[p.name.toLowerCase()]
    : undefined;
  const description = p.description.trim() || odata?.description;
  let schema: Schema;
  let list = odata?.list ?? false;
  if (odata) schema = structuredClone(odata.schema);
  else if (p.collection) {
    schema = { type: 'array', items: scalarSchema(p.type, false, index) };
    list = true;
  } else schema = scalarSchema(p.type, false, index);
  return {
    name: p.name,
    in: 'query',
    ...(p.required ? { required: true } : {}),
    ...(description ? { description } : {}),
    ...(list ? { style: 'form', explode: false } : {}),
    schema,
  };
}

/** Covered by `security`, the request body's media type and the responses' media types. */
const IMPLIED_HEADERS = new Set(['authorization', 'content-type', 'accept']);

function parameters(c: Candidate, names: string[], index: ModelIndex): Schema[] {
  const out: Schema[] = c.args.map((arg, i) => pathParameter(names[i], arg, index));
  const seen = new Set<string>();
  for (const q of c.op.queryParameters) {
    const lower = q.name.toLowerCase();
    if (c.consumed.has(lower) || seen.has(lower) || !q.name.trim()) continue;
    seen.add(lower);
    out.push(queryParameter(q, index));
  }
  const headers = new Set<string>();
  for (const h of c.op.headers) {
    const lower = h.name.toLowerCase();
    if (
      IMPLIED_HEADERS.has(lower) ||
      headers.has(lower) ||
      !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(h.name)
    )
      continue;
    headers.add(lower);
    out.push({
      name: h.name,
      in: 'header',
      ...(h.required ? { required: true } : {}),
      ...(h.description.trim() ? { description: h.description.trim() } : {}),
      schema: { type: 'string' },
    });
  }
  // The preference that brings the representation (see responses), unless the page documents `Prefer`.
  const { representation, status } = c.op.response;
  if (representation && !headers.has('prefer'))
    out.push({
      name: 'Prefer',
      in: 'header',
      description: `\`return=representation\` asks for the object back (${representation.status} ${statusText(representation.status)}) instead of ${status} ${statusText(status)}.`,
      schema: { type: 'string', enum: ['return=representation'] },
    });
  return out;
}

// ── bodies ─────────────────────────────────────────────────────────────────────────────────

const isStream = (type: TypeRef | undefined) =>
  type?.kind === 'primitive' && type.name === 'Stream';
const STREAM = { type: 'string', contentMediaType: 'application/octet-stream' };

/** Example maps keyed by example name (`example1`… when unnamed), unique. */
function namedExamples(
  examples: ExampleModel[],
  pick: (e: ExampleModel) => unknown,
): Record<string, Schema> | undefined {
  const out: Record<string, Schema> = {};
  examples.forEach((e, i) => {
    const value = pick(e);
    if (value === undefined) return;
    const base = e.name?.trim() || `example${i + 1}`;
    let name = base;
    for (let n = 2; Object.hasOwn(out, name); n++) name = `${base}-${n}`;
    setOwn(out, name, { value });
  });
  return Object.keys(out).length ? out : undefined;
}

function requestBody(op: OperationModel, index: ModelIndex): Schema | undefined {
  if (op.method === 'GET') return undefined;
  const examples = namedExamples(op.examples.filter(callsOperation), (e) => e.request?.body);
  const body = op.requestBody;
  if (body.kind === 'type') {
    if (isStream(body.type) && !body.collection)
      return { required: true, content: { 'application/octet-stream': { schema: STREAM } } };
    const schema = valueSchema(body.type, body.collection, false, index);
    return {
      required: true,
      content: { 'application/json': { schema, ...(examples ? { examples } : {}) } },
    };
  }
  if (body.kind === 'parameters') {
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const p of body.parameters) {
      if (!p.name.trim() || Object.hasOwn(properties, p.name)) continue;
      setOwn(
        properties,
        p.name,
        describe(valueSchema(p.type, p.collection, !!p.nullable, index), p.description.trim()),
      );
      if (p.required) required.push(p.name);
    }
    const schema: Schema = { type: 'object', properties, ...(required.length ? { required } : {}) };
    return {
      required: required.length > 0,
      content: { 'application/json': { schema, ...(examples ? { examples } : {}) } },
    };
  }
  if (!examples) return undefined;
  return {
    description: 'Not documented; the examples send this body.',
    content: { 'application/json': { schema: {}, ...(examples ? { examples } : {}) } },
  };
}

/** Wrapped responses (collections, primitive values) carry the metadata URL. */
const CONTEXT = { '@odata.context': { type: 'string' } };

function statusText(status: number | string): string {
  return STATUS_CODES[Number(status)] ?? 'Response';
}

function responses(op: OperationModel, index: ModelIndex): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  const r = op.response;
  const status = String(r.status);
  const main: Schema = { description: statusText(status) };
  let media: string | undefined;
  if (r.type && r.status !== 204) {
    let schema: Schema;
    if (isStream(r.type) && !r.collection) {
      media = 'application/octet-stream';
      schema = STREAM;
    } else {
      media = 'application/json';
      if (r.collection) {
        schema = {
          type: 'object',
          properties: {
            ...CONTEXT,
            value: { type: 'array', items: refSchema(r.type, index) },
            '@odata.nextLink': { type: 'string' },
          },
        };
      } else if (r.type.kind === 'primitive')
        schema = { type: 'object', properties: { ...CONTEXT, value: refSchema(r.type, index) } };
      else schema = refSchema(r.type, index);
    }
    main.content = { [media]: { schema } };
  }
  if (r.status >= 300 && r.status < 400)
    main.headers = {
      Location: { description: 'Where the content is.', schema: { type: 'string' } },
    };
  out[status] = main;
  // The representation a request can ask for (`Prefer: return=representation`).
  const asked = r.representation;
  if (asked && String(asked.status) !== status)
    out[String(asked.status)] = {
      description: `${statusText(asked.status)} (when the request asks \`Prefer: return=representation\`)`,
      content: { 'application/json': { schema: refSchema(asked.type, index) } },
    };

  // Examples: on the response with their status (the documented one when they have none).
  const byStatus = new Map<string, ExampleModel[]>();
  for (const e of op.examples.filter(callsOperation)) {
    if (!e.response || e.response.body === undefined) continue;
    const s = String(e.response.status ?? r.status);
    byStatus.set(s, [...(byStatus.get(s) ?? []), e]);
  }
  for (const [s, list] of [...byStatus].sort((a, b) => byText(a[0], b[0]))) {
    const examples = namedExamples(list, (e) => e.response?.body);
    if (!examples) continue;
    if (s === status) {
      if (media === 'application/json')
        (main.content as Record<string, Schema>)[media].examples = examples;
      continue;
    }
    if (!/^[1-5][0-9][0-9]$/.test(s)) continue;
    if (asked && s === String(asked.status)) {
      (out[s].content as Record<string, Schema>)['application/json'].examples = examples;
      continue;
    }
    out[s] ??= {
      description: `${statusText(s)} (shown in the examples, not documented)`,
      content: { 'application/json': { examples } },
    };
  }
  out['4XX'] = { $ref: `#/components/responses/${ERROR_RESPONSE}` };
  out.default = { $ref: `#/components/responses/${ERROR_RESPONSE}` };
  return out;
}

/** Every permission of an operation: delegated and application, deduplicated and sorted. */
export function scopesOf(op: OperationModel): string[] {
  const p = op.permissions;
  return [
    ...new Set(
      [...p.delegatedWork, ...p.delegatedPersonal, ...p.application]
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ].sort(byText);
}

// ── paths ──────────────────────────────────────────────────────────────────────────────────

function operationObject(
  c: Candidate,
  operationId: string,
  names: string[],
  duplicates: Candidate[],
  index: ModelIndex,
): Schema {
  const op = c.op;
  const out: Schema = { operationId, summary: op.title.trim() || op.id };
  if (op.description.trim()) out.description = op.description.trim();
  const params = parameters(c, names, index);
  if (params.length) out.parameters = params;
  const body = requestBody(op, index);
  if (body) out.requestBody = body;
  out.responses = responses(op, index);
  const scopes = scopesOf(op);
  if (scopes.length) out.security = [{ [SECURITY_SCHEME]: scopes }];
  if (c.documented !== template(c, names)) out['x-docs2ts-documented-path'] = c.documented;
  if (duplicates.length) {
    out['x-docs2ts-duplicates'] = duplicates.map((d) => ({
      operationId: d.op.id,
      path: d.documented,
    }));
  }
  return out;
}

/**
 * The `paths` object: one path item per normalised template; paths equal but for placeholder
 * names are one item, named after the first operation (by id) on it. Of several operations with
 * the same method on one item, the first by id is kept and the others are listed in its
 * `x-docs2ts-duplicates`. operationIds are the operation ids; an operation on several paths
 * gets `-2`, `-3`… on the later ones.
 */
export function buildPaths(
  operations: OperationModel[],
  index: ModelIndex,
): Record<string, Schema> {
  const ops = [...operations].sort((a, b) => byText(a.id, b.id));
  const groups = new Map<string, Candidate[]>();
  for (const op of ops) {
    const candidates = op.paths.map((p, i) => candidate(op, p, i));
    const consumed = new Set(candidates.flatMap((c) => [...c.consumed]));
    for (const c of candidates) {
      c.consumed = consumed;
      groups.set(c.key, [...(groups.get(c.key) ?? []), c]);
    }
  }
  // Keep one candidate per (item, method), the first by operation id.
  interface Kept {
    c: Candidate;
    duplicates: Candidate[];
  }
  const items = new Map<
    string,
    { names: string[]; template: string; methods: Map<string, Kept> }
  >();
  for (const key of [...groups.keys()].sort(byText)) {
    const list = groups.get(key)!.sort(byCandidate);
    const names = list[0].args.map((a) => a.prop);
    const methods = new Map<string, Kept>();
    for (const c of list) {
      const method = c.op.method.toLowerCase();
      const kept = methods.get(method);
      if (!kept) methods.set(method, { c, duplicates: [] });
      else if (kept.c.op !== c.op) kept.duplicates.push(c);
    }
    items.set(key, { names, template: template(list[0], names), methods });
  }
  // operationIds in (operation id, path index) order.
  const taken = new Set(ops.map((o) => o.id));
  const ids = new Map<Candidate, string>();
  const firstUse = new Set<string>();
  const kept = [...items.values()]
    .flatMap((i) => [...i.methods.values()].map((k) => k.c))
    .sort(byCandidate);
  for (const c of kept) {
    let id = c.op.id;
    if (firstUse.has(id)) {
      let n = 2;
      while (taken.has(`${c.op.id}-${n}`)) n++;
      id = `${c.op.id}-${n}`;
      taken.add(id);
    }
    firstUse.add(c.op.id);
    ids.set(c, id);
  }
  const paths: Record<string, Schema> = {};
  for (const item of [...items.values()].sort((a, b) => byText(a.template, b.template))) {
    const pathItem: Schema = {};
    for (const method of METHOD_ORDER) {
      const k = item.methods.get(method);
      if (k)
        pathItem[method] = operationObject(k.c, ids.get(k.c)!, item.names, k.duplicates, index);
    }
    setOwn(paths, item.template, pathItem);
  }
  return paths;
}

export const errorResponse = (): Schema => ({
  description: 'An error: the OData error payload.',
  content: { 'application/json': { schema: schemaRef(ODATA_ERROR) } },
});
