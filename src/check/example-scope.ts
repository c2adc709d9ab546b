import { addressesByPath, withCalledArguments } from '../model/path-templates.js';
import { escapeRegex } from '../text/case.js';
import type { ModelIndex } from '../model/queries.js';
import {
  callsOperation,
  type ExampleModel,
  type OperationModel,
  type TypeModel,
  type TypeRef,
} from '../model/types.js';

/**
 * `/users/{id | userPrincipalName}/events` as a pattern: placeholders match one segment (or a
 * function argument), a relative path (`root:/{item-path}:`) one or more.
 */
function templatePattern(template: string): RegExp {
  const lower = template.toLowerCase();
  let source = '';
  let at = 0;
  for (const m of lower.matchAll(/\{[^}]*\}/g)) {
    source += escapeRegex(lower.slice(at, m.index));
    at = m.index + m[0].length;
    source += addressesByPath(lower.slice(0, m.index), lower.slice(at)) ? '.+' : '[^/]+';
  }
  source += escapeRegex(lower.slice(at));
  return new RegExp(`^${source.replace(/'/g, "'?")}/?$`);
}

/**
 * The templates an operation is called at: as documented, and as its stubs call them where
 * those differ (a function's argument list that only the examples write, `cell(row={row},…)`).
 */
function callableTemplates(op: OperationModel): string[] {
  let templates = TEMPLATES.get(op);
  if (!templates) {
    templates = [...new Set([...op.paths, ...op.paths.map((t) => withCalledArguments(op, t))])];
    TEMPLATES.set(op, templates);
  }
  return templates;
}
const TEMPLATES = new WeakMap<OperationModel, string[]>();

/** Whether a request path is one the page's HTTP request section documents. */
export function documentsPath(op: OperationModel, path: string): boolean {
  const clean = path.toLowerCase().replace(/\/$/, '');
  return callableTemplates(op).some(
    (t) =>
      templatePattern(t).test(clean) ||
      (/\{[^}]*\}/.test(clean) && templatePattern(clean).test(t.toLowerCase())),
  );
}

const COLLECTION = /^collection\((.*)\)$/i;

/** The type a response annotation names (`Collection(microsoft.graph.thumbnail)`), when the docs define it. */
export function annotatedType(
  example: ExampleModel,
  index: ModelIndex,
): { type: TypeModel; collection: boolean } | undefined {
  const written = example.response?.odataType;
  const type = written ? index.typeOfAnnotation(written.replace(COLLECTION, '$1')) : undefined;
  return type && type.kind !== 'unresolved'
    ? { type, collection: COLLECTION.test(written!) }
    : undefined;
}

/**
 * A sub-example: its request asks for something else than the page's Response section
 * describes, and its annotation says what. Either the request's path is not one the page
 * documents (`/shares/{id}/driveItem` on the shares page, `$expand` on the parent
 * message), or it ends in a property of the declared type whose type is the annotated one
 * (`/mailboxSettings/automaticRepliesSetting`). A call of an opaque URL always is one.
 */
export function isSubExample(
  op: OperationModel,
  example: ExampleModel,
  index: ModelIndex,
): boolean {
  if (!callsOperation(example)) return true;
  const request = example.request;
  const annotated = annotatedType(example, index);
  const declared =
    op.response.type?.kind === 'named' ? index.type(op.response.type.name) : undefined;
  if (!request?.url || !annotated || !declared || declared.kind === 'unresolved') return false;
  if (index.selfAndDescendants(declared).includes(annotated.type)) return false;
  if (!documentsPath(op, request.path)) return true;
  const last = request.path.replace(/\/$/, '').split('/').pop()!.toLowerCase();
  return index
    .allProperties(declared)
    .some(
      (p) =>
        p.name.toLowerCase() === last &&
        p.type.kind === 'named' &&
        p.type.name === annotated.type.fullName,
    );
}

/** A 4xx or 5xx example shows how the method fails: an error body, not the Response section's type. */
export function isErrorExample(example: ExampleModel): boolean {
  return (example.response?.status ?? 0) >= 400;
}

/** The type a response example's body is checked against: the Response section's, one derived from it that the annotation names, or a sub-example's own. */
export function responseShapeOf(
  op: OperationModel,
  example: ExampleModel,
  index: ModelIndex,
): { type: TypeRef; collection: boolean } | undefined {
  if (isErrorExample(example)) return undefined;
  const annotated = annotatedType(example, index);
  // Checked against its own annotated type; a call of an opaque URL that names none, not at all.
  if (isSubExample(op, example, index))
    return (
      annotated && {
        type: { kind: 'named', name: annotated.type.fullName },
        collection: annotated.collection,
      }
    );
  const declared = op.response.type;
  if (!declared) return undefined;
  // A Response section that names no one type ("a [mailboxSettings] or an [automaticRepliesSetting]",
  // read as Json): the annotation says which of them the example is.
  if (annotated && declared.kind === 'primitive' && declared.name === 'Json') {
    return {
      type: { kind: 'named', name: annotated.type.fullName },
      collection: annotated.collection,
    };
  }
  // `GET /places/microsoft.graph.room` on a page returning places, annotated `microsoft.graph.room`: the example is of the derived type.
  const base = declared.kind === 'named' ? index.type(declared.name) : undefined;
  if (
    annotated &&
    base &&
    annotated.type !== base &&
    index.selfAndDescendants(base).includes(annotated.type)
  ) {
    return {
      type: { kind: 'named', name: annotated.type.fullName },
      collection: op.response.collection,
    };
  }
  return { type: declared, collection: op.response.collection };
}
