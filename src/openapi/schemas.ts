import type { EdmPrimitive, Model, PropertyModel, TypeModel, TypeRef } from '../model/types.js';
import { admitsNull, odataTypeOf, type ModelIndex } from '../model/queries.js';
import { setOwn } from '../shared/own.js';

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses it): plain data. */
export type Schema = Record<string, unknown>;

export const ODATA_ERROR = 'ODataError';

/** `#/components/schemas/<name>` */
export function schemaRef(name: string): Schema {
  return { $ref: `#/components/schemas/${name}` };
}

const INT = (min: number, max: number): Schema => ({
  type: 'integer',
  format: 'int32',
  minimum: min,
  maximum: max,
});

/**
 * Edm → JSON Schema. JSON has no 64-bit integers or decimals: Int64 and Decimal are JSON numbers
 * (as Graph sends them); dates, times, durations and GUIDs are strings in a format.
 */
const EDM_SCHEMA: Record<EdmPrimitive, Schema> = {
  String: { type: 'string' },
  Boolean: { type: 'boolean' },
  Guid: { type: 'string', format: 'uuid' },
  DateTimeOffset: { type: 'string', format: 'date-time' },
  Date: { type: 'string', format: 'date' },
  TimeOfDay: { type: 'string', format: 'time' },
  Duration: { type: 'string', format: 'duration' },
  Binary: { type: 'string', contentEncoding: 'base64' },
  Stream: { type: 'string' },
  Byte: INT(0, 255),
  SByte: INT(-128, 127),
  Int16: INT(-32768, 32767),
  Int32: INT(-2147483648, 2147483647),
  Int64: { type: 'integer', format: 'int64' },
  Single: { type: 'number', format: 'float' },
  Double: { type: 'number', format: 'double' },
  Decimal: { type: 'number' },
  Json: {},
};

export function primitiveSchema(name: EdmPrimitive): Schema {
  return structuredClone(EDM_SCHEMA[name]);
}

/** Types that get a component schema: everything but `unresolved` (whose names are not valid component names). */
export function hasComponent(type: TypeModel | undefined): type is TypeModel {
  return !!type && type.kind !== 'unresolved';
}

/** The schema of one value of a reference (no collection, no null). */
export function refSchema(ref: TypeRef, index: ModelIndex): Schema {
  if (ref.kind === 'primitive') return primitiveSchema(ref.name);
  const type = index.type(ref.name);
  if (hasComponent(type)) return schemaRef(type.fullName);
  return {
    description: `Unresolved type \`${ref.name}\`: the docs name it, but no page declares it.`,
  };
}

/** Add `null` to a schema: `type: [X, 'null']`, or `anyOf` with `{ type: 'null' }` for a `$ref`. Any-schemas already allow null. */
export function withNull(schema: Schema): Schema {
  if (typeof schema.type === 'string') return { ...schema, type: [schema.type, 'null'] };
  if (schema.$ref) return { anyOf: [schema, { type: 'null' }] };
  return schema;
}

/** Attach a description; a bare `$ref` is wrapped (`allOf`) because `$ref` siblings are ignored by many tools. */
export function describe(schema: Schema, description: string | undefined): Schema {
  if (!description) return schema;
  if (schema.$ref) return { description, allOf: [schema] };
  if (schema.description)
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- descriptions are strings by construction
    return { ...schema, description: `${description}\n\n${String(schema.description)}` };
  return { description, ...schema };
}

/** A value of a reference, as a collection (`array`) or a single value, nullable or not. */
export function valueSchema(
  ref: TypeRef,
  collection: boolean,
  nullable: boolean,
  index: ModelIndex,
): Schema {
  const one = refSchema(ref, index);
  const value: Schema = collection ? { type: 'array', items: one } : one;
  return nullable ? withNull(value) : value;
}

function propertySchema(
  property: PropertyModel,
  key: string | undefined,
  index: ModelIndex,
): Schema {
  const schema = describe(
    valueSchema(property.type, property.collection, admitsNull(property, key), index),
    property.description.trim(),
  );
  return property.readOnly ? { ...schema, readOnly: true } : schema;
}

/** The key of a type, its own or the nearest ancestor's. */
function keyOf(type: TypeModel, index: ModelIndex): string | undefined {
  return type.key ?? index.ancestors(type).find((t) => t.key)?.key;
}

function structuredSchema(type: TypeModel, index: ModelIndex): Schema {
  const key = keyOf(type, index);
  const properties: Schema = {};
  const descendants = index.selfAndDescendants(type);
  const polymorphic = descendants.length > 1;
  const base = type.baseType ? index.type(type.baseType) : undefined;
  const derived = hasComponent(base) && base.kind !== 'enum';
  // Declared on every root (derived types inherit it): payloads may carry it, and a root with descendants discriminates on it.
  if (!derived || polymorphic)
    properties['@odata.type'] = {
      type: 'string',
      description: 'The type of the payload, e.g. `' + odataTypeOf(type) + '`.',
    };
  for (const property of index.ownProperties(type))
    setOwn(properties, property.name, propertySchema(property, key, index));
  const own: Schema = { type: 'object', properties };
  const schema: Schema = derived ? { allOf: [schemaRef(base.fullName), own] } : own;
  if (polymorphic) {
    const mapping: Record<string, string> = {};
    for (const t of descendants)
      if (hasComponent(t)) setOwn(mapping, odataTypeOf(t), schemaRef(t.fullName).$ref);
    schema.discriminator = { propertyName: '@odata.type', mapping };
  }
  return describe(schema, type.description.trim());
}

function enumSchema(type: TypeModel): Schema {
  const members = [...new Set(type.members.map((m) => m.name))];
  const schema: Schema = members.length ? { type: 'string', enum: members } : { type: 'string' };
  return describe(schema, type.description.trim());
}

/** One component schema per entity, complex and enum type, by full name, in name order. */
export function componentSchemas(model: Model, index: ModelIndex): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  const types = model.types
    .filter(hasComponent)
    .sort((a, b) => (a.fullName < b.fullName ? -1 : a.fullName > b.fullName ? 1 : 0));
  for (const type of types)
    setOwn(
      out,
      type.fullName,
      type.kind === 'enum' ? enumSchema(type) : structuredSchema(type, index),
    );
  return out;
}

/** The OData error payload: `{ error: { code, message, innerError } }`. */
export function odataErrorSchema(): Schema {
  return {
    type: 'object',
    description: 'The OData error payload a failed request returns.',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string' },
          message: { type: 'string' },
          target: { type: ['string', 'null'] },
          details: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                target: { type: ['string', 'null'] },
              },
            },
          },
          innerError: {
            type: 'object',
            description: 'Service-specific details: request id, date, client request id.',
            additionalProperties: true,
          },
        },
      },
    },
  };
}
