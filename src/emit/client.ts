import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import type { ModelIndex } from '../model/queries.js';
import type { OperationModel, ParameterModel, TypeModel, TypeRef } from '../model/types.js';
import { TEMPLATES } from '../paths.js';
import { encodeLiteral, parsePath, type ParsedPath } from './client-paths.js';
import type { EmitContext, EmittedFile, Emitter } from './emitter.js';
import { unionName } from './interfaces.js';
import { propertyKey, type NameTable } from './names.js';
import { isIterable, operationNames, type OperationNames } from './operation-names.js';
import { annotation, brokenObject, callWithObject, docBlock, importDeclaration, indentLines, listOrFlat, quote, requote } from '../format/layout.js';
import { sourceFile } from './source-file.js';
import { EDM_TO_TS } from './type-text.js';

/**
 * The request stubs: `src/client/runtime.ts` (from `templates/client-runtime.ts`, as is),
 * `src/client/defaults.ts` (the service root), one `src/client/operations/<name>.ts` per
 * operation and the barrel `src/client/index.ts`.
 *
 * A stub is `name(client, path?, body?, options?)`:
 * - `path`: one property per placeholder of the operation's first documented path (see
 *   `parsePath`); values are percent-encoded into their segment (OData string literals get
 *   their quotes doubled first).
 * - `body`: create → the type; update → `Partial<type>` (plus documented fields the type lacks);
 *   action → an object of the documented parameters, optional unless "Required". A type with
 *   derived types is its `Any…` union.
 * - `options`: `RequestOptions` (`signal`, `headers`), the OData query options that apply
 *   (`$select` typed by the returned type's property names, `$expand` by its navigation
 *   properties; collections read with GET get all of them), documented custom query
 *   parameters, and documented request headers other than Authorization, Content-Type, Content-Length and Accept.
 * - result: `void` for 202/204 without a type; `Page<T>` for collections; `T` otherwise (a
 *   primitive result is unwrapped from `{ value }`; `Edm.Stream` is an `ArrayBuffer`; a body
 *   with no documented type is `unknown`).
 *
 * Function names: see `operation-names.ts`.
 */
export interface ClientEmitterOptions {
  /**
   * Wire `validate: true` of the client to the generated validators
   * (`src/validators/<Type>.ts`, `validate<Type>`); off only to emit the client alone.
   */
  validators: boolean;
}

export function createClientEmitter(settings: ClientEmitterOptions): Emitter {
  return {
    name: 'client',
    emit(context: EmitContext): EmittedFile[] {
      const { index } = context;
      // Names come from the whole model (spellings, clashes): kept across watch builds while it is the same.
      const named = context.computed('operation names', [context.model.types, context.model.operations, context.names.key()], () => {
        const diagnostics: Diagnostic[] = [];
        return { opNames: operationNames(context.model, context.names, diagnostics), diagnostics };
      });
      context.diagnostics.push(...named.diagnostics);
      const { opNames } = named;
      const files: EmittedFile[] = [
        { path: 'src/client/runtime.ts', content: readFileSync(path.join(TEMPLATES, 'client-runtime.ts'), 'utf8'), formatted: true },
        sourceFile('src/client/defaults.ts', [`/** The service root the docs document. */\nexport const DEFAULT_BASE_URL = ${quote(context.options.baseUrl)};`]),
      ];
      const headerNames = canonicalHeaders(context.model.operations);
      const ops = [...context.model.operations].sort((a, b) => (opNames.get(a.id)!.fn < opNames.get(b.id)!.fn ? -1 : 1));
      for (const op of ops) {
        const names = opNames.get(op.id)!;
        const path = `src/client/operations/${names.fn}.ts`;
        // Besides the model, a stub reads its names, its headers' spellings and the settings.
        const subject = [op, names, op.headers.map((h) => headerNames.get(h.name.toLowerCase())), settings];
        files.push(sourceFile(path, context.statements(path, subject, () => new StubWriter(op, names, context.names, index, settings, headerNames).statements())));
      }
      const barrel = [
        `export * from './runtime.js';`,
        `export { DEFAULT_BASE_URL } from './defaults.js';`,
        ...ops.map((op) => `export * from './operations/${opNames.get(op.id)!.fn}.js';`),
      ];
      files.push(sourceFile('src/client/index.ts', barrel));
      return files;
    },
  };
}

/** The client emitter as registered: with response validation through the generated validators. */
export const clientEmitter: Emitter = createClientEmitter({ validators: true });

/**
 * Whether an operation's stub takes a `body` argument (after `path`, before `options`), and how
 * it is sent: `raw` for an `Edm.Stream` body, `json` otherwise. GET stubs never take a body.
 */
export function stubBody(op: OperationModel): 'none' | 'json' | 'raw' {
  const { requestBody, method } = op;
  if (method === 'GET' || requestBody.kind === 'none') return 'none';
  return requestBody.kind === 'type' && requestBody.type.kind === 'primitive' && requestBody.type.name === 'Stream' ? 'raw' : 'json';
}

const STANDARD_QUERY = ['$select', '$expand', '$filter', '$orderby', '$top', '$skip', '$count', '$search'] as const;
type StandardQuery = (typeof STANDARD_QUERY)[number];

/** Headers the runtime sets itself (or that browsers forbid scripts to set). */
const RUNTIME_HEADERS = new Set(['authorization', 'content-type', 'content-length', 'accept', 'host']);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const access = (object: string, key: string) => (IDENTIFIER.test(key) ? `${object}.${key}` : `${object}[${quote(key)}]`);
const upperFirst = (s: string) => s[0].toUpperCase() + s.slice(1);

/** A TSDoc block; `*\/` in docs text cannot end it early. */
function jsdoc(lines: (string | undefined)[], indent = ''): string {
  const body = lines
    .filter((l): l is string => l !== undefined)
    .join('\n')
    .replace(/\*\//g, '*\\/')
    .trim();
  return body ? docBlock(body.split('\n'), indent) : '';
}

/** Text for a template literal: backticks, backslashes and `$` escaped. */
const templateText = (text: string) => text.replace(/[`\\$]/g, (c) => `\\${c}`);

interface Member {
  key: string;
  type: string;
  optional: boolean;
  doc?: string;
}

/** Interface members at indent 2; a type prettier would break the way layout.ts does not know is left flat for prettier. */
function members(list: Member[]): string {
  return list
    .map((m) => {
      const prefix = `${requote(propertyKey(m.key))}${m.optional ? '?' : ''}: `;
      const line = annotation(2, prefix, m.type, ';') ?? `${prefix}${m.type};`;
      return `${jsdoc([m.doc], '  ')}  ${indentLines(line, 2)}`;
    })
    .join('\n');
}

/** Builds the statements of one operation file. */
class StubWriter {
  private readonly runtime = new Set<string>();
  private readonly runtimeTypes = new Set<string>(['Client']);
  /** Model file → identifiers imported from it. */
  private readonly models = new Map<string, Set<string>>();
  private readonly validators = new Map<string, string>();
  private readonly path: ParsedPath;
  private readonly base: string;

  constructor(
    private readonly op: OperationModel,
    private readonly names: OperationNames,
    private readonly table: NameTable,
    private readonly index: ModelIndex,
    private readonly settings: ClientEmitterOptions,
    private readonly headerNames: Map<string, string>,
  ) {
    this.path = parsePath(op);
    this.base = upperFirst(names.fn);
  }

  /** A model type by full name, its `Any…` union when it has derived types. */
  private named(fullName: string, union = true): string {
    const type = this.index.type(fullName);
    if (!type) return 'unknown';
    const ident = this.table.of(fullName);
    // The interfaces emitter declares `Any…` exactly when the type has descendants in the model.
    const name = union && type.kind !== 'unresolved' && this.index.selfAndDescendants(type).length > 1 ? unionName(type, this.table) : ident;
    let set = this.models.get(ident);
    if (!set) this.models.set(ident, (set = new Set()));
    set.add(name);
    return name;
  }

  private typeOf(ref: TypeRef, collection = false): string {
    const base = ref.kind === 'primitive' ? EDM_TO_TS[ref.name] : this.named(ref.name);
    return collection ? (base.includes(' ') ? `(${base})[]` : `${base}[]`) : base;
  }

  private paramType(p: ParameterModel): string {
    return this.typeOf(p.type, p.collection);
  }

  /**
   * A path or query parameter's type: it goes into the URL, so a structured or unknown type
   * (a complex type documented as a query parameter) is taken as its text, a string.
   */
  private urlParamType(p: ParameterModel): string {
    const t = p.type.kind === 'named' ? this.index.type(p.type.name) : undefined;
    const fits = p.type.kind === 'primitive' ? EDM_TO_TS[p.type.name] !== 'unknown' : t?.kind === 'enum';
    return fits ? this.paramType(p) : p.collection ? 'string[]' : 'string';
  }

  private responseType(): TypeModel | undefined {
    const t = this.op.response.type;
    return t?.kind === 'named' ? this.index.type(t.name) : undefined;
  }

  statements(): string[] {
    const op = this.op;
    const fn = this.names.fn;
    const out: string[] = [];

    // Path object.
    const pathArgs = this.path.args;
    const pathType = pathArgs.length ? `${this.base}Path` : undefined;
    if (pathType) {
      out.push(`${jsdoc([`Path parameters of {@link ${fn}}.`])}export interface ${pathType} {\n${members(pathArgs.map((a) => ({
        key: a.prop,
        type: a.parameter ? this.urlParamType(a.parameter) : 'string',
        optional: false,
        doc: [a.placeholder !== a.prop ? `\`${a.placeholder}\`` : '', a.parameter?.description ?? ''].filter(Boolean).join(': ') || undefined,
      })))}\n}`);
    }

    // Body.
    const body = this.body();
    if (body?.declaration) out.push(body.declaration);

    // Options.
    const options = this.options();
    if (options.declaration) out.push(options.declaration);

    // Result.
    const result = this.result();
    const validator = this.validatorFor();

    const params = ['client: Client'];
    const callArgs = ['client'];
    if (pathType) { params.push(`path: ${pathType}`); callArgs.push('path'); }
    if (body) { params.push(body.optional ? `body: ${body.type} = {}` : `body: ${body.type}`); callArgs.push('body'); }
    params.push(options.required ? `options: ${options.type}` : `options: ${options.type} = {}`);
    callArgs.push('options');

    const request: string[] = [`method: '${op.method}'`, `path: ${this.pathExpression()}`];
    const headerEntries = options.headers.map((h) => `${requote(propertyKey(h))}: ${access('options', h)}`);
    if (options.query.length) request.push(`query: ${brokenObject(options.query.map(([k, v]) => `${requote(propertyKey(k))}: ${v}`))}`);
    if (options.headers.length) request.push(`headers: ${brokenObject(headerEntries)}`);
    if (body) request.push('body');
    if (body?.raw) request.push(`bodyKind: 'raw'`);
    if (result.binary) request.push(`responseKind: 'binary'`);
    if (result.unwrap) request.push('unwrapValue: true');
    if (validator) request.push(`validator: ${validator}`);
    if (op.response.collection) request.push('collection: true');

    const other = op.paths.slice(1, 4).map((p) => `- \`${op.method} ${p}\``);
    const doc = jsdoc([
      op.title ? `${op.title}.` : undefined,
      op.description ? `\n${op.description}` : undefined,
      `\n\`${op.method} ${this.path.template}\``,
      ...(other.length ? ['', `Also documented at (not used by this stub):`, ...other, ...(op.paths.length > 4 ? [`- … ${op.paths.length - 4} more`] : [])] : []),
      `\n@see ${op.source.file}:${op.source.line}`,
    ]);
    const signature = (head: string, returns: string) => listOrFlat(0, head, params, `: ${returns} {`);
    // The request object is written broken, so prettier breaks every argument of the call.
    const call = `return client.request<${result.type}>(\n  ${indentLines(brokenObject(request), 2)},\n  options,\n);`;
    out.push(`${doc}${signature(`export async function ${fn}`, `Promise<${result.type}>`)}\n  ${indentLines(call, 2)}\n}`);

    if (this.names.iterate && isIterable(op)) {
      this.runtime.add('iterate');
      const item = result.item!;
      const entries = ['signal: options.signal', 'headers: options.headers', ...(validator ? [`validator: ${validator}`] : [])];
      if (headerEntries.length) entries.push(`linkHeaders: ${brokenObject(headerEntries)}`);
      const head = `yield* iterate<${item}>`;
      const args = ['client', `${fn}(${callArgs.join(', ')})`];
      const call = callWithObject(2, head, args, entries, ';', headerEntries.length > 0) ?? `${head}(${args.join(', ')}, { ${entries.join(', ')} });`;
      out.push(`${jsdoc([`Every item of {@link ${fn}}, following \`@odata.nextLink\` across pages.`])}${signature(`export async function* ${this.names.iterate}`, `AsyncGenerator<${item}, void, undefined>`)}\n  ${indentLines(call, 2)}\n}`);
    }

    out[0] = '\n' + out[0];
    return [...this.imports(), ...out];
  }

  private imports(): string[] {
    const lines: string[] = [];
    const runtime = [...[...this.runtime].sort(), ...[...this.runtimeTypes].filter((t) => !this.runtime.has(t)).sort().map((t) => `type ${t}`)];
    lines.push(importDeclaration(runtime, '../runtime.js'));
    for (const [file, idents] of [...this.models].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      lines.push(importDeclaration([...idents].sort(), `../../models/${file}.js`, true));
    }
    for (const [file, ident] of [...this.validators].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      lines.push(importDeclaration([ident], `../../validators/${file}.js`));
    }
    return lines;
  }

  private pathExpression(): string {
    let text = '';
    for (const part of this.path.parts) {
      if ('text' in part) {
        text += templateText(encodeLiteral(part.text));
      } else {
        const fn = part.arg.parameter?.collection ? 'encodeCollection' : part.arg.quoted ? 'encodeStringLiteral' : 'encodeSegment';
        this.runtime.add(fn);
        text += `\${${fn}(${access('path', part.arg.prop)})}`;
      }
    }
    return `\`${text}\``;
  }

  private validatorFor(): string | undefined {
    if (!this.settings.validators) return undefined;
    const type = this.responseType();
    if (!type || (type.kind !== 'entity' && type.kind !== 'complex')) return undefined;
    const ident = this.table.of(type.fullName);
    const name = `validate${ident}`;
    this.validators.set(ident, name);
    return name;
  }

  private result(): { type: string; item?: string; unwrap?: boolean; binary?: boolean } {
    const { response } = this.op;
    if (!response.type) {
      return { type: response.status === 202 || response.status === 204 || response.status === 205 ? 'void' : 'unknown' };
    }
    if (response.collection) {
      this.runtimeTypes.add('Page');
      const item = this.typeOf(response.type);
      return { type: `Page<${item}>`, item };
    }
    if (response.type.kind === 'primitive') {
      if (response.type.name === 'Stream') return { type: 'ArrayBuffer', binary: true };
      if (response.type.name === 'Json') return { type: 'unknown' };
      return { type: EDM_TO_TS[response.type.name], unwrap: true };
    }
    // An enum value comes wrapped like a primitive: `{ "value": "member" }`.
    return { type: this.typeOf(response.type), unwrap: this.responseType()?.kind === 'enum' };
  }

  private body(): { type: string; optional: boolean; raw?: boolean; declaration?: string } | undefined {
    const { requestBody, kind } = this.op;
    const shape = stubBody(this.op);
    if (shape === 'none' || requestBody.kind === 'none') return undefined;
    if (requestBody.kind === 'type') {
      if (shape === 'raw') {
        return { type: 'Blob | ArrayBuffer | ArrayBufferView | ReadableStream<Uint8Array> | string', optional: false, raw: true };
      }
      const type = this.typeOf(requestBody.type, requestBody.collection);
      return { type: kind === 'update' && !requestBody.collection ? `Partial<${type}>` : type, optional: false };
    }
    const bodyType = `${this.base}Body`;
    const seen = new Set<string>();
    const params = requestBody.parameters.filter((p) => !seen.has(p.name) && seen.add(p.name));
    const target = kind === 'update' ? this.responseType() : undefined;
    if (target && (target.kind === 'entity' || target.kind === 'complex')) {
      // An update documents the properties it changes: the type's properties, all optional.
      const known = new Set(this.index.allProperties(target).map((p) => p.name));
      const extra = params.filter((p) => !known.has(p.name));
      const partial = `Partial<${this.named(target.fullName)}>`;
      if (!extra.length) return { type: partial, optional: false };
      return {
        type: bodyType,
        optional: false,
        declaration: `${jsdoc([`Request body of {@link ${this.names.fn}}: properties of the type, plus documented fields it does not declare.`])}export type ${bodyType} = ${partial} & {\n${members(extra.map((p) => ({ key: p.name, type: this.paramType(p), optional: true, doc: p.description })))}\n};`,
      };
    }
    const list = params.map((p) => ({ key: p.name, type: this.paramType(p), optional: kind === 'update' || !p.required, doc: p.description }));
    return {
      type: bodyType,
      optional: list.every((m) => m.optional),
      declaration: `${jsdoc([`Request body of {@link ${this.names.fn}}.`])}export interface ${bodyType} {\n${members(list)}\n}`,
    };
  }

  private options(): { type: string; required: boolean; declaration?: string; query: [string, string][]; headers: string[] } {
    const op = this.op;
    const list: Member[] = [];
    const query: [string, string][] = [];
    const headers: string[] = [];
    const used = new Set(['signal', 'headers']);
    const add = (m: Member) => {
      if (used.has(m.key.toLowerCase())) return false;
      used.add(m.key.toLowerCase());
      list.push(m);
      return true;
    };

    const documented = new Map<string, ParameterModel>();
    const custom: ParameterModel[] = [];
    for (const p of op.queryParameters) {
      const lower = p.name.toLowerCase();
      if (this.path.consumed.has(lower)) continue;
      const standard = STANDARD_QUERY.find((s) => s === lower);
      if (standard) documented.set(standard, p);
      else custom.push(p);
    }

    const type = this.responseType();
    const entity = type && type.kind === 'entity' ? type : undefined;
    const structured = type && (type.kind === 'entity' || type.kind === 'complex') ? type : undefined;
    const reading = op.method === 'GET' && !!op.response.type;
    // Collections of entities and complex values read with GET take every query option.
    const pageRead = reading && op.response.collection && !!structured;
    const applies = (name: StandardQuery): boolean => {
      if (documented.has(name)) return true;
      if (name === '$select') return reading && !!entity;
      if (name === '$expand') return reading && !!entity && this.navigationNames(entity).length > 0;
      return pageRead;
    };
    const docOf = (name: StandardQuery) => documented.get(name)?.description || STANDARD_DOCS[name];
    for (const name of STANDARD_QUERY) {
      if (!applies(name)) continue;
      let t: string;
      switch (name) {
        case '$select':
          if (structured) {
            this.runtimeTypes.add('SelectOf');
            t = `SelectOf<${this.named(structured.fullName, false)}>[]`;
          } else t = 'string[]';
          break;
        case '$expand': {
          const nav = structured ? this.navigationNames(structured) : [];
          if (nav.length) {
            this.runtimeTypes.add('ExpandOf');
            t = `ExpandOf<${nav.map(quote).join(' | ')}>[]`;
          } else t = 'string[]';
          break;
        }
        case '$orderby': t = 'string | string[]'; break;
        case '$top': case '$skip': t = 'number'; break;
        case '$count': t = 'boolean'; break;
        default: t = 'string';
      }
      if (add({ key: name, type: t, optional: true, doc: docOf(name) })) query.push([name, `options.${name}`]);
    }
    for (const p of custom) {
      if (add({ key: p.name, type: this.urlParamType(p), optional: !p.required, doc: p.description })) query.push([p.name, access('options', p.name)]);
    }
    for (const h of op.headers) {
      if (RUNTIME_HEADERS.has(h.name.toLowerCase())) continue;
      const key = this.headerNames.get(h.name.toLowerCase()) ?? h.name;
      if (add({ key, type: 'string', optional: true, doc: [`\`${key}\` request header${h.required ? ' (documented as required)' : ''}.`, h.description].filter(Boolean).join(' ') })) headers.push(key);
    }

    this.runtimeTypes.add('RequestOptions');
    if (!list.length) return { type: 'RequestOptions', required: false, query, headers };
    const name = `${this.base}Options`;
    return {
      type: name,
      required: list.some((m) => !m.optional),
      declaration: `${jsdoc([`Options of {@link ${this.names.fn}}: query options, documented headers, and per-call settings.`])}export interface ${name} extends RequestOptions {\n${members(list)}\n}`,
      query,
      headers,
    };
  }

  /** Navigation property names of a type and its ancestors, sorted. */
  private navigationNames(type: TypeModel): string[] {
    const set = new Set<string>();
    for (const t of [type, ...this.index.ancestors(type)]) for (const p of t.navigationProperties) set.add(p.name);
    return [...set].sort();
  }
}

/** One spelling per header name (its most frequent one, ties in code-unit order), so every stub uses the same option key. */
function canonicalHeaders(ops: OperationModel[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const op of ops) {
    for (const h of op.headers) {
      const lower = h.name.toLowerCase();
      let m = counts.get(lower);
      if (!m) counts.set(lower, (m = new Map()));
      m.set(h.name, (m.get(h.name) ?? 0) + 1);
    }
  }
  return new Map([...counts].map(([lower, m]) => [lower, [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0]]));
}

const STANDARD_DOCS: Record<StandardQuery, string> = {
  $select: 'Properties to return (`$select`).',
  $expand: 'Related entities to include (`$expand`); `name($select=…)` is allowed.',
  $filter: 'A filter expression (`$filter`).',
  $orderby: 'Sort order (`$orderby`): `name` or `name desc`; several are joined by commas.',
  $top: 'Page size (`$top`).',
  $skip: 'Items to skip (`$skip`).',
  $count: 'Include `@odata.count` (`$count`).',
  $search: 'A search expression (`$search`), quotes included, e.g. `"displayName:room"`.',
};
