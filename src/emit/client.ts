import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../shared/diagnostics.js';
import { STANDARD_QUERY_OPTIONS, type StandardQueryOption } from '../model/names.js';
import type { ModelIndex } from '../model/queries.js';
import {
  callsOperation,
  returnsNothing,
  type OperationModel,
  type ParameterModel,
  type TypeModel,
  type TypeRef,
} from '../model/types.js';
import { TEMPLATES } from '../shared/paths.js';
import {
  documentedPaths,
  encodeLiteral,
  needsTemplate,
  templateKey,
  type ParsedPath,
} from '../model/path-templates.js';
import type { EmitContext, EmittedFile, Emitter } from './emitter.js';
import { unionName } from './interfaces.js';
import { fileStem, type NameTable } from './names.js';
import { isIterable, operationNames, type OperationNames } from './operation-names.js';
import {
  blankBefore,
  constDeclaration,
  exportAll,
  exportFrom,
  functionDeclaration,
  importDeclaration,
  interfaceDeclaration,
  intersectionDeclaration,
  objectUnionDeclaration,
  tableDeclaration,
  type Member as LaidOutMember,
} from '../layout/declarations.js';
import { brokenObject, callWithObject, indentLines, requote } from '../layout/layout.js';
import type { Statements } from '../layout/statements.js';
import {
  isInheritedKey,
  memberAccess,
  objectKey,
  propertyKey,
  stringLiteral,
  templateText,
} from '../text/escape.js';
import { docs, sourceFile } from './source-file.js';
import { EDM_TO_TS, inheritedMemberType } from './type-text.js';
import { upperFirst } from '../text/case.js';
import { responseValidator, validatedEntry } from './validated-entry.js';

/**
 * The request stubs: `src/client/runtime.ts` (from `templates/client-runtime.ts`, as is),
 * `src/client/defaults.ts` (the service root), one `src/client/operations/<name>.ts` per
 * operation and the barrel `src/client/index.ts`.
 *
 * A stub is `name(client, path?, body?, options?)`:
 * - `path`: one property per placeholder of the operation's path (see `parsePath`); values are
 *   percent-encoded into their segment (OData string literals get their quotes doubled first).
 *   An operation documented at several paths takes a union of one shape per path (see
 *   `documentedPaths`); the runtime's `selectPath` picks the path named by `template`, else
 *   the one with the most parameters, all given. `template` is required on a shape whose
 *   parameter names an earlier path has. The path object may be left out when a path takes
 *   no parameters and nothing required follows (`getUser(client)` → `/me`).
 * - `body`: create → the type's writable properties (`Writable<T, K>`, K: the properties the docs
 *   mark read-only, except those the page's examples send) with OData annotations (`@odata.id`,
 *   `x@odata.bind`) at every depth (`Annotated<T>`); update → `Partial` of those (plus documented fields the type lacks); a POST
 *   answered with 201 whose parameter table lists the created type's properties → a create, the
 *   table's required ones required; action → an object of the documented parameters, optional
 *   unless "Required", with OData annotations. A type with derived types is its `Any…` union.
 * - `options`: `RequestOptions` (`signal`, `headers`), the OData query options that apply
 *   (`$select` typed by the property names of the returned type and its descendants, the result narrowed to `Selected<T, S>`, `$expand` by its navigation
 *   properties; collections read with GET get all of them), documented custom query
 *   parameters, and documented request headers other than Authorization, Content-Type, Content-Length and Accept.
 * - result: `void` for a response with no body (the page says so, or 202/204/205 without a
 *   type); `Page<T>` for collections; `T` otherwise (a primitive result is unwrapped from
 *   `{ value }`; `Edm.Stream`, and a redirect to a download URL, is an `ArrayBuffer`; a body
 *   with no documented type is `unknown`).
 *
 * Function names: see `operation-names.ts`.
 */
export interface ClientEmitterOptions {
  /**
   * Emit `src/validated.ts`, the operations wrapped with the generated validators of their
   * responses (`src/validators/<Type>.ts`, `validate<Type>`); off only to emit the client alone.
   */
  validators: boolean;
}

export function createClientEmitter(settings: ClientEmitterOptions): Emitter {
  return {
    name: 'client',
    emit(context: EmitContext): EmittedFile[] {
      const { index } = context;
      // Names come from the whole model (spellings, clashes): kept across watch builds while it is the same.
      const named = context.computed(
        'operation names',
        [context.model.types, context.model.operations, context.names.key()],
        () => {
          const diagnostics: Diagnostic[] = [];
          return {
            opNames: operationNames(context.model, context.names, diagnostics),
            diagnostics,
          };
        },
      );
      context.diagnostics.push(...named.diagnostics);
      const { opNames } = named;
      const files: EmittedFile[] = [
        {
          path: 'src/client/runtime.ts',
          content: readFileSync(path.join(TEMPLATES, 'client-runtime.ts'), 'utf8'),
          formatted: true,
        },
        sourceFile('src/client/defaults.ts', [
          constDeclaration(
            { docs: [{ description: 'The service root the docs document.' }] },
            'export const DEFAULT_BASE_URL',
            stringLiteral(context.options.baseUrl),
          ),
        ]),
      ];
      const headerNames = canonicalHeaders(context.model.operations);
      const ops = [...context.model.operations].sort((a, b) =>
        opNames.get(a.id)!.fn < opNames.get(b.id)!.fn ? -1 : 1,
      );
      for (const op of ops) {
        const names = opNames.get(op.id)!;
        const path = `src/client/operations/${fileStem(names.fn)}.ts`;
        // Besides the model, a stub reads its names, its headers' spellings and the settings.
        const subject = [op, names, op.headers.map((h) => headerNames.get(h.name.toLowerCase()))];
        files.push(
          sourceFile(
            path,
            context.statements(path, subject, () =>
              new StubWriter(op, names, context.names, index, headerNames).statements(),
            ),
          ),
        );
      }
      const barrel = [
        exportAll('./runtime.js'),
        exportFrom(['DEFAULT_BASE_URL'], './defaults.js'),
        ...ops.map((op) => exportAll(`./operations/${fileStem(opNames.get(op.id)!.fn)}.js`)),
      ];
      files.push(sourceFile('src/client/index.ts', barrel));
      if (settings.validators) {
        // The entry reads of each response type only whether it has a validator, and its name:
        // found here, outside the memo's recording, so an edit to a type's properties leaves it be.
        const validators = new Map(
          ops.map((op) => [op.id, responseValidator(op, index, context.names)]),
        );
        const subject = ops.map((op) => [
          op.id,
          opNames.get(op.id),
          validators.get(op.id),
          isIterable(op),
        ]);
        files.push(
          sourceFile(
            'src/validated.ts',
            context.statements('src/validated.ts', subject, () =>
              validatedEntry(ops, opNames, validators),
            ),
          ),
        );
      }
      return files;
    },
  };
}

/** The client emitter as registered: with the `validated` entry (response validation through the generated validators). */
export const clientEmitter: Emitter = createClientEmitter({ validators: true });

/**
 * Whether an operation's stub takes a `body` argument (after `path`, before `options`), and how
 * it is sent: `raw` for an `Edm.Stream` body, `json` otherwise. GET stubs never take a body.
 */
export function stubBody(op: OperationModel): 'none' | 'json' | 'raw' {
  const { requestBody, method } = op;
  if (method === 'GET' || requestBody.kind === 'none') return 'none';
  return requestBody.kind === 'type' &&
    requestBody.type.kind === 'primitive' &&
    requestBody.type.name === 'Stream'
    ? 'raw'
    : 'json';
}

/** What a relative path member's doc adds (see `addressesByPath`). */
const RELATIVE_PATH_DOC =
  'A path: `/` separates its segments (`folder/file.txt`), each one escaped.';

/** Headers the runtime sets itself (or that browsers forbid scripts to set). */
const RUNTIME_HEADERS = new Set([
  'authorization',
  'content-type',
  'content-length',
  'accept',
  'host',
]);

/** A doc comment of lines of docs text (printed as a block: see `docs` and `printDocs`). */
const jsdoc = (lines: (string | undefined)[], ...tags: { tagName: string; text: string }[]) => ({
  docs: docs(lines.filter((l) => l !== undefined).join('\n'), ...tags),
  block: true,
});

/**
 * An option read: `options.name`, or for a name every object inherits (`toString`,
 * `constructor`, `__proto__`…) the runtime's `own(options, 'name')`, which is `undefined`
 * unless the caller set it.
 */
function optionRead(key: string, runtime: Set<string>): string {
  if (!isInheritedKey(key)) return memberAccess('options', key);
  runtime.add('own');
  return `own(options, ${stringLiteral(key)})`;
}

interface Member {
  key: string;
  type: string;
  optional: boolean;
  doc?: string;
}

/** Interface members, keys quoted where they must be. */
function members(list: Member[]): LaidOutMember[] {
  return list.map((m) => ({
    docs: docs(m.doc ?? ''),
    key: requote(propertyKey(m.key)),
    optional: m.optional,
    // An optional member named like an inherited one also holds the inherited value when absent.
    type: m.optional ? `${m.type}${inheritedMemberType(m.key)}` : m.type,
  }));
}

/** Builds the statements of one operation file. */
class StubWriter {
  private readonly runtime = new Set<string>();
  private readonly runtimeTypes = new Set<string>(['Client']);
  /** Model file → identifiers imported from it. */
  private readonly models = new Map<string, Set<string>>();
  /** The documented paths (see `documentedPaths`); `path` is the first. */
  private readonly paths: ParsedPath[];
  private readonly path: ParsedPath;
  /** Lower-case names of query parameters that are function arguments in some path. */
  private readonly consumed: Set<string>;
  private readonly base: string;

  constructor(
    private readonly op: OperationModel,
    private readonly names: OperationNames,
    private readonly table: NameTable,
    private readonly index: ModelIndex,
    private readonly headerNames: Map<string, string>,
  ) {
    this.paths = documentedPaths(op);
    this.path = this.paths[0];
    this.consumed = new Set(this.paths.flatMap((p) => [...p.consumed]));
    this.base = upperFirst(names.fn);
  }

  /** A model type by full name, its `Any…` union when it has derived types. */
  private named(fullName: string, union = true): string {
    const type = this.index.type(fullName);
    if (!type) return 'unknown';
    const ident = this.table.of(fullName);
    // The interfaces emitter declares `Any…` exactly when the type has descendants in the model.
    const name =
      union && type.kind !== 'unresolved' && this.index.selfAndDescendants(type).length > 1
        ? unionName(type, this.table)
        : ident;
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

  /** A body parameter's type: `| null` where the docs say the value may be null. */
  private bodyParamType(p: ParameterModel): string {
    return p.nullable ? `${this.paramType(p)} | null` : this.paramType(p);
  }

  /**
   * A path or query parameter's type: it goes into the URL, so a structured or unknown type
   * (a complex type documented as a query parameter) is taken as its text, a string.
   */
  private urlParamType(p: ParameterModel): string {
    const t = p.type.kind === 'named' ? this.index.type(p.type.name) : undefined;
    const fits =
      p.type.kind === 'primitive' ? EDM_TO_TS[p.type.name] !== 'unknown' : t?.kind === 'enum';
    return fits ? this.paramType(p) : p.collection ? 'string[]' : 'string';
  }

  private responseType(): TypeModel | undefined {
    const t = this.op.response.type;
    return t?.kind === 'named' ? this.index.type(t.name) : undefined;
  }

  statements(): Statements {
    const op = this.op;
    const fn = this.names.fn;
    const out: Statements = [];

    // Path object: one interface, or a union of one shape per documented path.
    const multi = this.paths.length > 1;
    const pathType = multi || this.path.args.length ? `${this.base}Path` : undefined;
    if (pathType && !multi) {
      out.push(
        interfaceDeclaration({
          ...jsdoc([`Path parameters of {@link ${fn}}.`]),
          head: `export interface ${pathType}`,
          members: members(this.pathMembers(this.path)),
        }),
      );
    } else if (pathType) {
      const key = templateKey(this.paths);
      const named = needsTemplate(this.paths);
      const shapes = this.paths.map((p, i) =>
        members([
          {
            key,
            type: stringLiteral(p.template),
            optional: !named[i],
            doc: `Selects \`${op.method} ${p.template}\`${named[i] ? '' : ' (the default for these parameters)'}.`,
          },
          ...this.pathMembers(p),
        ]),
      );
      out.push(
        objectUnionDeclaration({
          ...jsdoc([
            `Path parameters of {@link ${fn}}: one shape per documented path. Without \`${key}\`, the path is the one with the most parameters, all given (the first documented on a tie).`,
          ]),
          head: `export type ${pathType}`,
          shapes,
        }),
      );
      this.runtime.add('selectPath');
      this.runtimeTypes.add('PathTemplate');
      const rows = this.paths.map((p) => ({
        items: [
          stringLiteral(p.template),
          `[${p.args.map((a) => stringLiteral(a.prop)).join(', ')}]`,
        ],
        arrow: { params: `(${p.args.length ? 'p' : ''})`, body: this.pathExpression(p, 'p') },
      }));
      out.push(
        tableDeclaration({
          blankBefore: true,
          ...jsdoc([
            `The documented paths of {@link ${fn}}: template, parameter names, the encoded path.`,
          ]),
          head: 'const paths: readonly PathTemplate[]',
          rows,
        }),
      );
    }
    // A blank line after the `paths` table (ts-morph puts one only after a closing brace).
    const afterPaths = out.length;

    // Body.
    const body = this.body();
    if (body?.declaration) out.push(body.declaration);

    // Options.
    const options = this.options();
    if (options.declaration) out.push(options.declaration);

    // Result: with a typed `$select`, what the selection returns (`Selected<T, S>`, all of T by default).
    const result = this.result();
    const typeParameter = options.select
      ? `S extends ${options.select} = never`
      : options.representation && 'R extends boolean = false';
    if (options.representation) result.type = `R extends true ? ${options.representation} : void`;
    if (options.select) {
      this.runtimeTypes.add('Selected');
      if (result.item) {
        result.item = `Selected<${result.item}, S>`;
        result.type = `Page<${result.item}>`;
      } else result.type = `Selected<${result.type}, S>`;
    }

    const params = ['client: Client'];
    const callArgs = ['client'];
    // `getUser(client)` for `/me` when a documented path has no parameters and nothing required follows.
    const pathOptional =
      multi &&
      this.paths.some((p) => !p.args.length) &&
      !(body && !body.optional) &&
      !options.required;
    if (pathType) {
      params.push(`path: ${pathType}${pathOptional ? ' = {}' : ''}`);
      callArgs.push('path');
    }
    if (body) {
      params.push(body.optional ? `body: ${body.type} = {}` : `body: ${body.type}`);
      callArgs.push('body');
    }
    params.push(options.required ? `options: ${options.type}` : `options: ${options.type} = {}`);
    callArgs.push('options');

    const pathExpression = multi
      ? templateKey(this.paths) === 'template'
        ? 'selectPath(path, paths)'
        : `selectPath(path, paths, ${stringLiteral(templateKey(this.paths))})`
      : this.pathExpression(this.path, 'path');
    const request: string[] = [
      `method: '${op.method}'`,
      `path: ${options.cast ? withCastSegment(pathExpression) : pathExpression}`,
    ];
    const headerEntries = options.headers.map(
      (h) => `${requote(objectKey(h))}: ${optionRead(h, this.runtime)}`,
    );
    if (options.representation)
      headerEntries.push(
        `Prefer: options.returnRepresentation ? 'return=representation' : undefined`,
      );
    if (options.query.length)
      request.push(
        `query: ${brokenObject(options.query.map(([k, v]) => `${requote(objectKey(k))}: ${v}`))}`,
      );
    if (headerEntries.length) request.push(`headers: ${brokenObject(headerEntries)}`);
    if (body) request.push('body');
    if (body?.raw) request.push(`bodyKind: 'raw'`);
    if (result.binary) request.push(`responseKind: 'binary'`);
    if (result.unwrap) request.push('unwrapValue: true');
    if (op.response.collection) request.push('collection: true');

    const named = needsTemplate(this.paths);
    const key = templateKey(this.paths);
    const choices = this.paths.map((p, i) => {
      const keys = [...(named[i] ? [key] : []), ...p.args.map((a) => a.prop)];
      return `- \`${op.method} ${p.template}\`: \`{${keys.length ? ` ${keys.join(', ')} ` : ''}}\``;
    });
    const doc = jsdoc(
      [
        op.title ? `${op.title}.` : undefined,
        op.description ? `\n${op.description}` : undefined,
        ...(multi
          ? [
              '',
              '`path` selects one of the documented paths by its parameters (or `' + key + '`):',
              ...choices,
            ]
          : [`\n\`${op.method} ${this.path.template}\``]),
      ],
      ...permissionTags(op),
      { tagName: 'see', text: `${op.source.file}:${op.source.line}` },
    );
    // The request object is written broken, so prettier breaks every argument of the call.
    const call = `return client.request<${result.type}>(\n  ${indentLines(brokenObject(request), 2)},\n  options,\n);`;
    out.push(
      functionDeclaration({
        ...doc,
        head: `export async function ${fn}`,
        typeParameter,
        params,
        returns: `Promise<${result.type}>`,
        body: [call],
      }),
    );

    if (this.names.iterate && isIterable(op)) {
      this.runtime.add('iterate');
      const item = result.item!;
      const entries = ['signal: options.signal', 'headers: options.headers'];
      if (headerEntries.length) entries.push(`linkHeaders: ${brokenObject(headerEntries)}`);
      const head = `yield* iterate<${item}>`;
      const args = ['client', `${fn}(${callArgs.join(', ')})`];
      const call =
        callWithObject(2, head, args, entries, ';', headerEntries.length > 0) ??
        `${head}(${args.join(', ')}, { ${entries.join(', ')} });`;
      out.push(
        functionDeclaration({
          ...jsdoc([`Every item of {@link ${fn}}, following \`@odata.nextLink\` across pages.`]),
          head: `export async function* ${this.names.iterate}`,
          typeParameter,
          params,
          returns: `AsyncGenerator<${item}, void, undefined>`,
          body: [call],
        }),
      );
    }

    if (multi && out[afterPaths]) out[afterPaths] = blankBefore(out[afterPaths]);
    out[0] = blankBefore(out[0]);
    return [...this.imports(), ...out];
  }

  private imports(): Statements {
    const lines: Statements = [];
    const runtime = [
      ...[...this.runtime].sort(),
      ...[...this.runtimeTypes]
        .filter((t) => !this.runtime.has(t))
        .sort()
        .map((t) => `type ${t}`),
    ];
    lines.push(importDeclaration(runtime, '../runtime.js'));
    for (const [file, idents] of [...this.models].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      lines.push(importDeclaration([...idents].sort(), `../../models/${fileStem(file)}.js`, true));
    }
    return lines;
  }

  /** The encoded path of one template, as a template literal reading the arguments from `object`. */
  private pathExpression(path: ParsedPath, object: string): string {
    let text = '';
    for (const part of path.parts) {
      if ('text' in part) {
        text += templateText(encodeLiteral(part.text));
      } else {
        const fn = part.arg.parameter?.collection
          ? 'encodeCollection'
          : part.arg.quoted
            ? 'encodeStringLiteral'
            : part.arg.relativePath
              ? 'encodePath'
              : 'encodeSegment';
        this.runtime.add(fn);
        text += `\${${fn}(${memberAccess(object, part.arg.prop)})}`;
      }
    }
    return `\`${text}\``;
  }

  /** The members of a path object for one template: its arguments, typed by their documented parameters. */
  private pathMembers(path: ParsedPath): Member[] {
    return path.args.map((a) => ({
      key: a.prop,
      type: a.parameter ? this.urlParamType(a.parameter) : 'string',
      optional: false,
      doc:
        [
          [a.placeholder !== a.prop ? `\`${a.placeholder}\`` : '', a.parameter?.description ?? '']
            .filter(Boolean)
            .join(': '),
          a.relativePath ? RELATIVE_PATH_DOC : '',
        ]
          .filter(Boolean)
          .join('\n\n') || undefined,
    }));
  }

  private result(): { type: string; item?: string; unwrap?: boolean; binary?: boolean } {
    const { response } = this.op;
    if (response.download) return { type: 'ArrayBuffer', binary: true };
    if (!response.type) return { type: returnsNothing(response) ? 'void' : 'unknown' };
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

  private body():
    | { type: string; optional: boolean; raw?: boolean; declaration?: Statements[number] }
    | undefined {
    const { requestBody, kind } = this.op;
    const shape = stubBody(this.op);
    if (shape === 'none' || requestBody.kind === 'none') return undefined;
    if (requestBody.kind === 'type') {
      if (shape === 'raw') {
        return {
          type: 'Blob | ArrayBuffer | ArrayBufferView | ReadableStream<Uint8Array> | string',
          optional: false,
          raw: true,
        };
      }
      // Creates and updates send the writable properties (and OData annotations such as `@odata.id`).
      const writable =
        kind === 'create' || kind === 'update' ? this.writable(requestBody.type) : undefined;
      if (writable) {
        const item =
          kind === 'update' && !requestBody.collection
            ? `Annotated<Partial<${writable}>>`
            : `Annotated<${writable}>`;
        return { type: requestBody.collection ? `(${item})[]` : item, optional: false };
      }
      const type = this.typeOf(requestBody.type, requestBody.collection);
      return {
        type: kind === 'update' && !requestBody.collection ? `Partial<${type}>` : type,
        optional: false,
      };
    }
    const bodyType = `${this.base}Body`;
    const seen = new Set<string>();
    const params = requestBody.parameters.filter((p) => !seen.has(p.name) && seen.add(p.name));
    // A POST answered with `201 Created` and the resource, whose table lists properties of that
    // resource, creates it: the writable properties, the table's required ones required.
    const created = this.createdType(params);
    if (created) {
      const base = `Annotated<${this.writable({ kind: 'named', name: created.fullName })!}>`;
      const required = params.filter((p) => p.required);
      if (!required.length) return { type: base, optional: false };
      return {
        type: bodyType,
        optional: false,
        declaration: intersectionDeclaration({
          ...jsdoc([
            `Request body of {@link ${this.names.fn}}: the writable properties of the type, those the page marks required required.`,
          ]),
          head: `export type ${bodyType}`,
          base,
          members: members(
            required.map((p) => ({
              key: p.name,
              type: this.bodyParamType(p),
              optional: false,
              doc: p.description,
            })),
          ),
        }),
      };
    }
    const target = kind === 'update' ? this.index.structuredType(this.op.response.type) : undefined;
    if (target) {
      // An update documents the properties it changes: the type's properties, all optional.
      const known = new Set(this.index.allProperties(target).map((p) => p.name));
      const extra = params.filter((p) => !known.has(p.name));
      const partial = `Annotated<Partial<${this.writable({ kind: 'named', name: target.fullName })!}>>`;
      if (!extra.length) return { type: partial, optional: false };
      return {
        type: bodyType,
        optional: false,
        declaration: intersectionDeclaration({
          ...jsdoc([
            `Request body of {@link ${this.names.fn}}: properties of the type, plus documented fields it does not declare.`,
          ]),
          head: `export type ${bodyType}`,
          base: partial,
          members: members(
            extra.map((p) => ({
              key: p.name,
              type: this.bodyParamType(p),
              optional: true,
              doc: p.description,
            })),
          ),
        }),
      };
    }
    // OData annotations (`@odata.type`, `x@odata.bind`) may be in any JSON body.
    this.runtimeTypes.add('ODataAnnotations');
    const list = params.map((p) => ({
      key: p.name,
      type: this.bodyParamType(p),
      optional: kind === 'update' || !p.required,
      doc: p.description,
    }));
    return {
      type: bodyType,
      optional: list.every((m) => m.optional),
      declaration: interfaceDeclaration({
        ...jsdoc([`Request body of {@link ${this.names.fn}}.`]),
        head: `export interface ${bodyType}`,
        extends: 'ODataAnnotations',
        members: members(list),
      }),
    };
  }

  /** The type a POST with a parameter table creates (see `body`), if it is one. */
  private createdType(params: ParameterModel[]): TypeModel | undefined {
    const type = this.index.structuredType(this.op.response.type);
    if (
      !type ||
      this.op.method !== 'POST' ||
      this.op.response.status !== 201 ||
      this.op.response.collection ||
      !params.length
    )
      return undefined;
    const known = new Set(this.index.allProperties(type).map((p) => p.name));
    return params.every((p) => known.has(p.name)) ? type : undefined;
  }

  /**
   * A structured type as a request body: its `Any…` union without the properties the docs mark
   * read-only in any member (`Writable<T, K>`), except those the page's examples send; undefined
   * for other types.
   */
  private writable(ref: TypeRef): string | undefined {
    const type = this.index.structuredType(ref);
    if (!type) return undefined;
    const readOnly = new Set<string>();
    // The docs' "Read-only" is sometimes conditional ("Read-only for synced users") or contradicted by
    // the page's own request example (a deep insert): a property an example sends stays writable.
    const sent = new Set(
      this.op.examples
        .filter(callsOperation)
        .flatMap((e) =>
          [e.request?.body]
            .flat()
            .flatMap((b) => (typeof b === 'object' && b !== null ? Object.keys(b) : [])),
        ),
    );
    for (const member of this.index.selfAndDescendants(type))
      for (const p of this.index.allProperties(member))
        if (p.readOnly && !sent.has(p.name)) readOnly.add(p.name);
    this.runtimeTypes.add('Annotated');
    const union = this.named(type.fullName);
    if (!readOnly.size) return union;
    this.runtimeTypes.add('Writable');
    return `Writable<${union}, ${[...readOnly].sort().map(stringLiteral).join(' | ')}>`;
  }

  /**
   * The options object. With a typed `$select` (a structured response), the interface takes the
   * selected names as `S` (`$select?: S[]`, all names by default), and `select` is their constraint.
   */
  private options(): {
    type: string;
    required: boolean;
    declaration?: Statements[number];
    query: [string, string][];
    headers: string[];
    select?: string;
    /** The stub takes `returnRepresentation` (see `representation`): the type it then returns. */
    representation?: string;
    /** The stub takes `cast`, an OData cast segment ending its path (see ModelIndex.castTargets). */
    cast?: boolean;
  } {
    const op = this.op;
    let select: string | undefined;
    const list: Member[] = [];
    const query: [string, string][] = [];
    const headers: string[] = [];
    // RequestOptions' own members: a documented option of the same name would clash with them.
    const used = new Set(['signal', 'headers', 'query', 'retry']);
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
      if (this.consumed.has(lower)) continue;
      const standard = STANDARD_QUERY_OPTIONS.find((s) => s === lower);
      if (standard) documented.set(standard, p);
      else custom.push(p);
    }

    const type = this.responseType();
    const entity = type && type.kind === 'entity' ? type : undefined;
    const structured = this.index.structuredType(op.response.type);
    const reading = op.method === 'GET' && !!op.response.type;
    // Collections of entities and complex values read with GET take every query option.
    const pageRead = reading && op.response.collection && !!structured;
    const applies = (name: StandardQueryOption): boolean => {
      if (documented.has(name)) return true;
      if (name === '$select') return reading && !!entity;
      if (name === '$expand') return reading && !!entity && this.navigationNames(entity).length > 0;
      return pageRead;
    };
    const docOf = (name: StandardQueryOption) =>
      documented.get(name)?.description || STANDARD_DOCS[name];
    for (const name of STANDARD_QUERY_OPTIONS) {
      if (!applies(name)) continue;
      let t: string;
      switch (name) {
        case '$select':
          if (structured) {
            // The names of the type and its descendants: a collection of a base type holds derived items.
            this.runtimeTypes.add('SelectOf');
            select = `SelectOf<${this.named(structured.fullName)}>`;
            t = 'S[]';
          } else t = 'string[]';
          break;
        case '$expand': {
          const nav = structured ? this.navigationNames(structured) : [];
          if (nav.length) {
            this.runtimeTypes.add('ExpandOf');
            t = `ExpandOf<${nav.map(stringLiteral).join(' | ')}>[]`;
          } else t = 'string[]';
          break;
        }
        case '$orderby':
          t = 'string | string[]';
          break;
        case '$top':
        case '$skip':
          t = 'number';
          break;
        case '$count':
          t = 'boolean';
          break;
        default:
          t = 'string';
      }
      if (add({ key: name, type: t, optional: true, doc: docOf(name) }))
        query.push([name, `options.${name}`]);
    }
    const casts = this.index.castTargets(op);
    const cast =
      casts.length > 0 &&
      add({
        key: 'cast',
        type: `CastOf<${this.named(casts[0].fullName)}>`,
        optional: true,
        doc: `Only the items of this type (an OData cast: the path ends in \`/${casts[1].fullName}\`, say); they are typed as any member still, so narrow on \`@odata.type\`.`,
      });
    if (cast) {
      this.runtimeTypes.add('CastOf');
      this.runtime.add('castSegment');
    }
    for (const p of custom) {
      if (
        add({ key: p.name, type: this.urlParamType(p), optional: !p.required, doc: p.description })
      )
        query.push([p.name, optionRead(p.name, this.runtime)]);
    }
    for (const h of op.headers) {
      if (RUNTIME_HEADERS.has(h.name.toLowerCase())) continue;
      const key = this.headerNames.get(h.name.toLowerCase()) ?? h.name;
      if (
        add({
          key,
          type: 'string',
          optional: true,
          doc: [
            `\`${key}\` request header${h.required ? ' (documented as required)' : ''}.`,
            h.description,
          ]
            .filter(Boolean)
            .join(' '),
        })
      )
        headers.push(key);
    }

    const representation = this.representation(headers);
    if (
      representation &&
      !add({
        key: 'returnRepresentation',
        type: 'R',
        optional: true,
        doc: `Ask for the ${op.kind === 'update' ? 'updated ' : ''}object back (\`Prefer: return=representation\`): the call then returns it (\`${op.response.representation!.status}\`) instead of nothing (\`${op.response.status}\`).`,
      })
    )
      return { ...this.optionsInterface(list, query, headers, select), cast };
    return { ...this.optionsInterface(list, query, headers, select, representation), cast };
  }

  /** The options interface of `options()`'s members. */
  private optionsInterface(
    list: Member[],
    query: [string, string][],
    headers: string[],
    select?: string,
    representation?: string,
  ): ReturnType<StubWriter['options']> {
    this.runtimeTypes.add('RequestOptions');
    if (!list.length) return { type: 'RequestOptions', required: false, query, headers };
    const name = `${this.base}Options`;
    return {
      type: select ? `${name}<S>` : representation ? `${name}<R>` : name,
      required: list.some((m) => !m.optional),
      declaration: interfaceDeclaration({
        ...jsdoc([
          `Options of {@link ${this.names.fn}}: query options, documented headers, and per-call settings.`,
        ]),
        head: `export interface ${name}`,
        typeParameter: select
          ? `S extends ${select} = ${select}`
          : representation && 'R extends boolean = false',
        extends: 'RequestOptions',
        members: members(list),
      }),
      query,
      headers,
      ...(select ? { select } : {}),
      ...(representation ? { representation } : {}),
    };
  }

  /**
   * The type of the representation a request can ask for (`ResponseModel.representation`), for
   * a stub that returns nothing by default; undefined when it cannot (the page documents a
   * `Prefer` header of its own, or the representation is not one structured object).
   */
  private representation(headers: string[]): string | undefined {
    const type = this.index.structuredType(this.op.response.representation?.type);
    if (!type) return;
    if (headers.some((h) => h.toLowerCase() === 'prefer')) return;
    return this.named(type.fullName);
  }

  /** Navigation property names of a type and its ancestors, sorted. */
  private navigationNames(type: TypeModel): string[] {
    const set = new Set<string>();
    for (const t of [type, ...this.index.ancestors(type)])
      for (const p of t.navigationProperties) set.add(p.name);
    return [...set].sort();
  }
}

const PERMISSION_KINDS = [
  ['delegatedWork', 'Delegated (work or school account)'],
  ['delegatedPersonal', 'Delegated (personal Microsoft account)'],
  ['application', 'Application'],
] as const;

/** The page's permission scopes as a TSDoc `@remarks` block (kinds without scopes are left out). */
function permissionTags(op: OperationModel): { tagName: string; text: string }[] {
  const rows = PERMISSION_KINDS.filter(([kind]) => op.permissions[kind].length).map(
    ([kind, label]) => `- ${label}: ${op.permissions[kind].join(', ')}`,
  );
  return rows.length
    ? [
        {
          tagName: 'remarks',
          text: ['Permissions (least to most privileged):', ...rows].join('\n'),
        },
      ]
    : [];
}

/** One spelling per header name (its most frequent one, ties in code-unit order), so every stub uses the same option key. */
function canonicalHeaders(ops: OperationModel[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const op of ops) {
    for (const h of op.headers) {
      const lower = h.name.toLowerCase();
      let m = counts.get(lower);
      if (!m) counts.set(lower, (m = new Map<string, number>()));
      m.set(h.name, (m.get(h.name) ?? 0) + 1);
    }
  }
  return new Map(
    [...counts].map(([lower, m]) => [
      lower,
      [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0],
    ]),
  );
}

const STANDARD_DOCS: Record<StandardQueryOption, string> = {
  $select: 'Properties to return (`$select`).',
  $expand: 'Related entities to include (`$expand`); `name($select=…)` is allowed.',
  $filter: 'A filter expression (`$filter`).',
  $orderby: 'Sort order (`$orderby`): `name` or `name desc`; several are joined by commas.',
  $top: 'Page size (`$top`).',
  $skip: 'Items to skip (`$skip`).',
  $count: 'Include `@odata.count` (`$count`).',
  $search: 'A search expression (`$search`), quotes included, e.g. `"displayName:room"`.',
};

/**
 * A path expression ending in the cast segment `options.cast` asks for, inside one template
 * literal (never a `+`, which prettier would break): appended to a template literal, else
 * around the expression.
 */
function withCastSegment(expression: string): string {
  const cast = '${castSegment(options.cast)}';
  return expression.startsWith('`') && expression.endsWith('`')
    ? `${expression.slice(0, -1)}${cast}\``
    : `\`\${${expression}}${cast}\``;
}
