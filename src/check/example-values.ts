import type { ModelIndex } from '../model/queries.js';
import {
  callsOperation,
  type ExampleModel,
  type OperationModel,
  type TypeRef,
} from '../model/types.js';
import { responseShapeOf } from './example-scope.js';
import { JsonPlaces } from './json-place.js';
import type { CheckContext, Rule } from './rule.js';
import { walkValue, type RepresentedProperties, type ValueProblemKind } from './value-walk.js';

/**
 * Walk every example body against its declared type and hand problems of one kind to `emit`.
 * Response bodies: the operation's response type (items of `value` for collections).
 * Request bodies: the request body type, or the action's parameters.
 */
function forEachProblem(
  context: CheckContext,
  kind: ValueProblemKind,
  emit: (file: string, place: ReturnType<JsonPlaces['at']>, message: string) => void,
): void {
  for (const op of context.model.operations) {
    for (const example of op.examples) {
      for (const side of ['request', 'response'] as const) {
        const part = example[side];
        if (!part || part.body === undefined || !part.bodyText || part.bodyLine === undefined)
          continue;
        const problems = problemsOf(op, example, side, context).filter((p) => p.kind === kind);
        if (!problems.length) continue;
        const places = new JsonPlaces(part.bodyText, part.bodyLine);
        for (const p of problems)
          emit(part.source.file, places.at(p.path, p.kind === 'unknown-property'), p.message);
      }
    }
  }
}

const cache = new WeakMap<object, Map<string, ReturnType<typeof walkValue>>>();

function problemsOf(
  op: OperationModel,
  example: ExampleModel,
  side: 'request' | 'response',
  context: CheckContext,
) {
  let perExample = cache.get(example);
  if (!perExample)
    cache.set(example, (perExample = new Map<string, ReturnType<typeof walkValue>>()));
  const hit = perExample.get(side);
  if (hit) return hit;
  const result =
    side === 'response'
      ? responseProblems(op, example, context)
      : requestProblems(op, example, context);
  perExample.set(side, result);
  return result;
}

const representations = new WeakMap<object, RepresentedProperties>();

/** What each type's JSON representation shows, from the pages (types declared on several pages: all of them). */
function representedOf({ pages }: CheckContext): RepresentedProperties {
  let map = representations.get(pages);
  if (map) return map;
  representations.set(pages, (map = new Map<string, Set<string>>()));
  for (const page of pages) {
    const own = page.types.find((t) => t.declaredBy === 'page');
    if (!own || !page.representedProperties) continue;
    const keys = map.get(own.fullName) ?? new Set();
    for (const { name } of page.representedProperties) keys.add(name);
    map.set(own.fullName, keys);
  }
  return map;
}

function responseProblems(op: OperationModel, example: ExampleModel, context: CheckContext) {
  const { index } = context;
  const represented = representedOf(context);
  const body = example.response!.body;
  const shape = responseShapeOf(op, example, index);
  if (!shape || body === null || typeof body !== 'object') return [];
  const value = Array.isArray(body) ? undefined : (body as { value?: unknown }).value;
  if (shape.collection)
    return Array.isArray(value)
      ? walkValue(value, shape.type, true, index, ['value'], represented)
      : [];
  if (Array.isArray(body)) return [];
  // A collection-shaped example for a single-object response is example-cardinality-mismatch's finding;
  // so is one object wrapped in "value": { … }, whose content is still checked.
  if (value !== null && typeof value === 'object' && !hasValueProperty(shape.type, index)) {
    return Array.isArray(value)
      ? []
      : walkValue(value, shape.type, false, index, ['value'], represented);
  }
  return walkValue(body, shape.type, false, index, [], represented);
}

export function hasValueProperty(ref: TypeRef, index: ModelIndex): boolean {
  const type = ref.kind === 'named' ? index.type(ref.name) : undefined;
  return Boolean(type && index.allProperties(type).some((p) => p.name === 'value'));
}

function requestProblems(op: OperationModel, example: ExampleModel, context: CheckContext) {
  const { index } = context;
  const represented = representedOf(context);
  const body = example.request!.body;
  const declared = op.requestBody;
  // A call of an opaque URL sends what that URL takes, not the operation's body.
  if (!callsOperation(example)) return [];
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return [];
  if (declared.kind === 'type')
    return [
      ...unlistedUpdates(op, body as Record<string, unknown>, index),
      ...walkValue(body, declared.type, declared.collection, index, [], represented),
    ];
  if (declared.kind !== 'parameters') return [];
  const problems: ReturnType<typeof walkValue> = [];
  const params = new Map(declared.parameters.map((p) => [p.name, p]));
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (key.includes('@')) continue;
    const param = params.get(key);
    if (!param)
      problems.push({
        kind: 'unknown-property',
        path: [key],
        message: `$.${key}: the request body table has no parameter "${key}".`,
      });
    else
      problems.push(...walkValue(value, param.type, param.collection, index, [key], represented));
  }
  return problems;
}

/**
 * An update documented by a table of updatable properties beside its resource (`fields`): a
 * property of the resource that an example sends, but the table does not list, is not
 * documented as updatable (ApiDoctor: "found in resource definition …, but not described in
 * markdown table"). Properties the resource lacks are walkValue's finding.
 */
function unlistedUpdates(
  { requestBody: declared }: OperationModel,
  body: Record<string, unknown>,
  index: ModelIndex,
): ReturnType<typeof walkValue> {
  if (declared.kind !== 'type' || !declared.updatable) return [];
  const type = index.structuredType(declared.type);
  if (!type) return [];
  const listed = new Set(declared.fields.map((p) => p.name.toLowerCase()));
  const properties = new Set(index.allProperties(type).map((p) => p.name));
  return Object.keys(body)
    .filter((key) => properties.has(key) && !listed.has(key.toLowerCase()))
    .map((key) => ({
      kind: 'unknown-property' as const,
      path: [key],
      message: `$.${key}: the request body table does not list "${key}" among the properties of ${type.name} to update.`,
    }));
}

/** A rule reporting one kind of value problem. */
function valueRule(id: string, kind: ValueProblemKind, description: string): Rule {
  return {
    id,
    severity: 'warning',
    description,
    run(context) {
      forEachProblem(context, kind, (file, place, message) => context.report(file, place, message));
    },
  };
}

export const examplePropertyUnknown = valueRule(
  'example-property-unknown',
  'unknown-property',
  'An example body uses a property its declared type (or the parameter table) does not have.',
);

export const exampleValueInvalid = valueRule(
  'example-value-invalid',
  'invalid-value',
  "An example value has the wrong type or format for its property (dates, GUIDs, numbers, enum members), or an @odata.type outside the declared type's family.",
);

export const examplePlaceholderValue = valueRule(
  'example-placeholder-value',
  'placeholder',
  'An example value is a placeholder such as "String (timestamp)" where a real value belongs.',
);
