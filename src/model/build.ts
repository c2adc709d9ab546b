import { cmp, Reporter, type Diagnostic } from '../shared/diagnostics.js';
import { pageKeyOfFile } from './names.js';
import type { ModelFacts, RawType } from './page-facts.js';
import { TypeResolver } from './resolve.js';
import { isReferencePath } from './path-templates.js';
import { settleEnumMembers } from './enum-members.js';
import {
  MODEL_VERSION,
  type TypeRef,
  type Model,
  type OperationModel,
  type ParameterModel,
  type PropertyModel,
  type RequestBodyModel,
  type TypeModel,
} from './types.js';

export interface BuiltModel {
  model: Model;
  diagnostics: Diagnostic[];
}

/** Merge the pages' results into one model and link every type reference. */
export function buildModel(unordered: ModelFacts[]): BuiltModel {
  // Page order decides merges and ids (first declaration wins): make it independent of the caller.
  const pages = [...unordered].sort((a, b) => cmp(a.file, b.file));
  const report = new Reporter('');
  const raws = mergeTypes(pages, report);
  const byPage = new Map<string, TypeModel>();
  for (const page of pages) {
    const own = page.types.find((t) => t.declaredBy === 'page');
    const merged = own && raws.get(own.fullName.toLowerCase());
    if (merged) byPage.set(pageKeyOfFile(page.file), merged);
  }
  const resolver = new TypeResolver([...raws.values()], byPage, report);
  settleBases([...raws.values()], resolver, report);
  const allTypes = [...raws.values()].map((raw) => linkType(raw, resolver));
  allTypes.push(...resolver.unresolved.values());
  settleKindsAndDerived(allTypes, report);
  const operations = mergeOperations(pages, report).map((op) => linkOperation(op, resolver));
  // Unresolved types found while linking operations join the list too.
  for (const type of resolver.unresolved.values())
    if (!allTypes.includes(type)) allTypes.push(type);
  const model: Model = {
    version: MODEL_VERSION,
    types: allTypes.sort(
      (a, b) =>
        cmp(a.fullName.toLowerCase(), b.fullName.toLowerCase()) || cmp(a.fullName, b.fullName),
    ),
    operations: operations.sort((a, b) => cmp(a.id, b.id)),
  };
  settleEnumMembers(model, report);
  return { model, diagnostics: report.items };
}

/**
 * One type per full name (case-insensitive). A page's own type beats an `X values` section;
 * among pages, the one named after the type (user.md for user) is primary. Other page
 * declarations are partial views (Intune splits deviceManagement over many pages): their
 * extra properties are merged in, and the repetition is reported.
 */
function mergeTypes(pages: ModelFacts[], report: Reporter): Map<string, RawType> {
  const declarations = new Map<string, RawType[]>();
  for (const page of pages) {
    for (const raw of page.types) {
      const key = raw.fullName.toLowerCase();
      const list = declarations.get(key) ?? [];
      const primary =
        raw.declaredBy === 'page' && pageKeyOfFile(page.file) === raw.name.toLowerCase();
      if (primary) list.unshift(raw);
      else list.push(raw);
      declarations.set(key, list);
    }
  }
  const types = new Map<string, RawType>();
  for (const [key, list] of declarations) {
    const pagesFirst = [
      ...list.filter((t) => t.declaredBy === 'page'),
      ...list.filter((t) => t.declaredBy === 'section'),
    ];
    const [first, ...rest] = pagesFirst;
    const merged: RawType = {
      ...first,
      properties: [...first.properties],
      navigationProperties: [...first.navigationProperties],
      members: [...first.members],
    };
    for (const other of rest) {
      if (other.declaredBy !== 'page') continue;
      report.report(
        'type-duplicate',
        'warning',
        `Type ${other.fullName} is also declared in ${first.source.file}; properties merged.`,
        other.source,
        other.source.file,
      );
      mergeByName(merged.properties, other.properties);
      mergeByName(merged.navigationProperties, other.navigationProperties);
      mergeByName(merged.members, other.members);
      merged.baseRef ??= other.baseRef;
    }
    types.set(key, merged);
  }
  return types;
}

/**
 * Bases the docs state other than on the type's own page, or do not state at all, in this order:
 * a base's "Derived types" list; then, for a type with `keyProperty: id` that names no base and
 * whose rows name none either, `entity` (reported as `base-inferred`, an info: the service's
 * typings derive most such types from entity); then the most derived type the property rows say
 * they are "Inherited from"; then `entity` again for what is still without one.
 */
function settleBases(raws: RawType[], resolver: TypeResolver, report: Reporter): void {
  const open = (t: RawType | undefined): t is RawType => !!t && !t.baseRef && !t.noBase;
  const rawOf = (ref: TypeRef) =>
    ref.kind === 'named' ? (resolver.find(ref.name, ref.link) as RawType | undefined) : undefined;
  for (const base of raws) {
    for (const ref of base.derivedRefs ?? []) {
      const derived = rawOf(ref);
      if (open(derived) && derived !== base && derived.kind !== 'enum')
        derived.baseRef = { kind: 'named', name: base.fullName };
    }
  }
  const entity = resolver.find('entity') as RawType | undefined;
  const inferEntity = (t: RawType) => {
    if (!entity || t === entity || t.key !== 'id' || !open(t) || t.declaredBy !== 'page') return;
    t.baseRef = { kind: 'named', name: entity.fullName };
    report.report(
      'base-inferred',
      'info',
      `${t.fullName} names no base type; with keyProperty "id" it is read as deriving from ${entity.fullName}. State it ("Inherits from [${entity.name}](${entity.name.toLowerCase()}.md).") if that is right.`,
      t.source,
      t.source.file,
    );
  };
  for (const t of raws) if (!t.inheritedRefs) inferEntity(t);
  for (const t of raws) {
    if (!open(t) || !t.inheritedRefs) continue;
    const candidates = t.inheritedRefs.map(rawOf).filter((c): c is RawType => !!c && c !== t);
    const chains = candidates.map((c) => resolver.ancestry(c));
    const deepest = candidates.find((_, i) =>
      candidates.every((c) => chains[i].includes(c.fullName)),
    );
    if (deepest) t.baseRef = { kind: 'named', name: deepest.fullName };
  }
  for (const t of raws) inferEntity(t);
}

function mergeByName<T extends { name: string }>(into: T[], from: T[]): void {
  const names = new Set(into.map((x) => x.name.toLowerCase()));
  for (const item of from) if (!names.has(item.name.toLowerCase())) into.push(item);
}

function linkType(raw: RawType, resolver: TypeResolver): TypeModel {
  const {
    baseRef,
    declaredBy: _declaredBy,
    inheritedRefs: _rows,
    derivedRefs: _derived,
    noBase: _noBase,
    ...type
  } = raw;
  const linked: TypeModel = {
    ...type,
    properties: raw.properties.map((p) => linkProperty(p, resolver, raw.namespace)),
    navigationProperties: raw.navigationProperties.map((p) =>
      linkProperty(p, resolver, raw.namespace),
    ),
    members: raw.members,
    derivedTypes: [],
  };
  if (baseRef) {
    const base = resolver.resolve(baseRef, raw.source, raw.namespace);
    if (base.kind === 'named' && base.name.toLowerCase() !== type.fullName.toLowerCase())
      linked.baseType = base.name;
  }
  return linked;
}

function linkProperty<T extends PropertyModel | ParameterModel>(
  p: T,
  resolver: TypeResolver,
  namespace?: string,
): T {
  return { ...p, type: resolver.resolve(p.type, p.source, namespace) };
}

/** Entities are types with a key or an entity ancestor; base cycles are cut and reported. */
function settleKindsAndDerived(types: TypeModel[], report: Reporter): void {
  const byName = new Map(types.map((t) => [t.fullName, t]));
  for (const type of types) {
    const seen = new Set<string>([type.fullName]);
    let base = type.baseType ? byName.get(type.baseType) : undefined;
    while (base) {
      if (seen.has(base.fullName)) {
        report.report(
          'type-base-cycle',
          'error',
          `Base types of ${type.fullName} form a cycle.`,
          type.source,
          type.source.file,
        );
        delete type.baseType;
        break;
      }
      seen.add(base.fullName);
      if (base.kind === 'entity' && type.kind === 'complex') type.kind = 'entity';
      base = base.baseType ? byName.get(base.baseType) : undefined;
    }
  }
  for (const type of types) {
    const base = type.baseType ? byName.get(type.baseType) : undefined;
    if (base) base.derivedTypes.push(type.fullName);
  }
  for (const type of types) type.derivedTypes.sort(cmp);
}

function mergeOperations(pages: ModelFacts[], report: Reporter): OperationModel[] {
  const ids = new Set<string>();
  const ops: OperationModel[] = [];
  for (const page of pages) {
    const op = page.operation;
    if (!op) continue;
    let id = op.id;
    for (let n = 2; ids.has(id); n++) id = `${op.id}-${n}`;
    if (id !== op.id)
      report.report(
        'operation-duplicate-id',
        'warning',
        `Another page is also named ${op.id}; this operation is ${id}.`,
        op.source,
        op.source.file,
      );
    ids.add(id);
    ops.push({ ...op, id });
  }
  return ops;
}

/**
 * Update pages often give only a table of updatable properties; the body is then the resource
 * itself, named by the response or the page title ("Update user").
 */
function updateBodyOf(op: OperationModel, resolver: TypeResolver): RequestBodyModel {
  const body = op.requestBody;
  // A reference (`PUT …/manager/$ref`) is not the resource.
  if (op.kind !== 'update' || body.kind !== 'parameters' || op.paths.some(isReferencePath))
    return body;
  const named =
    op.response.type?.kind === 'named'
      ? resolver.find(op.response.type.name, op.response.type.link)
      : undefined;
  const type = named ?? titledType(op.title, resolver);
  // A body described in prose (no rows) whose resource cannot be named: nothing to send is known.
  if ((!type || type.kind === 'enum') && !body.parameters.length) return { kind: 'none' };
  if (!type || type.kind === 'enum') return body;
  return {
    kind: 'type',
    type: { kind: 'named', name: type.fullName },
    collection: false,
    fields: body.parameters,
    source: body.source,
    ...(body.fromExample && { fromExample: body.fromExample }),
    ...(body.parameters.length && { updatable: true as const }),
  };
}

/**
 * The type an update's title names after its verb: the longest run of its last words that is a
 * type's name ("Update conversation thread": conversationThread; "Update user": user).
 */
function titledType(title: string, resolver: TypeResolver): TypeModel | undefined {
  const words = title.match(/\w+/g) ?? [];
  for (let n = Math.min(3, words.length - 1); n >= 1; n--) {
    const type = resolver.find(words.slice(-n).join(''));
    if (type) return type;
  }
  return words.length === 1 ? resolver.find(words[0]) : undefined;
}

/**
 * A POST whose body was read from its example (no Request body section) creates the object it
 * returns when that object's type has every property the example sends (`POST
 * /teams/{id}/schedule/shifts` with a shift); otherwise the example's properties stay parameters.
 */
function createBodyOf(op: OperationModel, resolver: TypeResolver): RequestBodyModel | undefined {
  const { requestBody: body, response } = op;
  if (op.method !== 'POST' || body.kind !== 'parameters' || !body.fromExample) return undefined;
  if (response.type?.kind !== 'named' || response.collection) return undefined;
  const type = resolver.find(response.type.name, response.type.link);
  if (!type || (type.kind !== 'entity' && type.kind !== 'complex')) return undefined;
  const names = new Set<string>();
  for (const name of resolver.ancestry(type))
    for (const p of properties(resolver.find(name))) names.add(p.name);
  if (!body.parameters.every((p) => names.has(p.name))) return undefined;
  const { source, fromExample } = body;
  const named: TypeRef = { kind: 'named', name: type.fullName };
  return { kind: 'type', type: named, collection: false, fields: [], source, fromExample };
}

const properties = (type: TypeModel | undefined) =>
  type ? [...type.properties, ...type.navigationProperties] : [];

function linkResponse(op: OperationModel, resolver: TypeResolver): OperationModel['response'] {
  const { type, representation, ...rest } = op.response;
  const linked = type && resolver.resolveSoft(type, op.response.source ?? op.source);
  if (representation)
    Object.assign(rest, {
      representation: {
        ...representation,
        type: resolver.resolve(representation.type, op.response.source ?? op.source),
      },
    });
  return linked
    ? { ...rest, type: linked }
    : { ...rest, collection: linked === undefined && type ? false : rest.collection };
}

function linkOperation(op: OperationModel, resolver: TypeResolver): OperationModel {
  const created = createBodyOf(op, resolver);
  const body = created ?? updateBodyOf(op, resolver);
  return {
    ...op,
    ...(created && { kind: 'create' }),
    pathParameters: op.pathParameters.map((p) => linkProperty(p, resolver)),
    queryParameters: op.queryParameters.map((p) => linkProperty(p, resolver)),
    requestBody:
      body.kind === 'type'
        ? {
            ...body,
            type: resolver.resolve(body.type, body.source),
            fields: body.fields.map((p) => linkProperty(p, resolver)),
          }
        : body.kind === 'parameters'
          ? { ...body, parameters: body.parameters.map((p) => linkProperty(p, resolver)) }
          : body,
    response: linkResponse(op, resolver),
  };
}
