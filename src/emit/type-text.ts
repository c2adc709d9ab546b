import type { EdmPrimitive, TypeRef } from '../model/types.js';
import type { ModelIndex } from '../model/queries.js';
import type { NameTable } from './names.js';
import { isInheritedKey, stringLiteral } from '../text/escape.js';

/**
 * Edm → TypeScript. JSON has no 64-bit integers or decimals, so Int64 and Decimal are
 * `number` (Graph sends them as JSON numbers); dates, times, durations, GUIDs and base64
 * binary are strings in a documented format, checked by the validators.
 */
export const EDM_TO_TS: Record<EdmPrimitive, string> = {
  String: 'string',
  Boolean: 'boolean',
  Byte: 'number',
  SByte: 'number',
  Int16: 'number',
  Int32: 'number',
  Int64: 'number',
  Single: 'number',
  Double: 'number',
  Decimal: 'number',
  DateTimeOffset: 'string',
  Date: 'string',
  TimeOfDay: 'string',
  Duration: 'string',
  Guid: 'string',
  Binary: 'string',
  Stream: 'string',
  Json: 'unknown',
};

/** TypeScript text for a reference (no collection or null added). */
export function typeText(ref: TypeRef, names: NameTable): string {
  return ref.kind === 'primitive' ? EDM_TO_TS[ref.name] : names.of(ref.name);
}

/** Identifiers of named types a list of references needs imported. */
export function referencedNames(refs: TypeRef[], names: NameTable, index: ModelIndex): string[] {
  const set = new Set<string>();
  for (const ref of refs)
    if (ref.kind === 'named' && index.type(ref.name)) set.add(names.of(ref.name));
  return [...set].sort();
}

/**
 * ` | Object['name']` for an optional member named like a member every object inherits
 * (`toString`, `constructor`, `valueOf`…): when the property is absent, reading it gives the
 * inherited value, and without it no object literal (not even `{}`) would be assignable.
 */
export function inheritedMemberType(name: string): string {
  return name !== '__proto__' && isInheritedKey(name) ? ` | Object[${stringLiteral(name)}]` : '';
}
