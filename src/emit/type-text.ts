import { EDM_JSON_TYPE } from '../model/names.js';
import type { EdmPrimitive, TypeRef } from '../model/types.js';
import type { ModelIndex } from '../model/queries.js';
import type { NameTable } from './names.js';
import { isInheritedKey, stringLiteral } from '../text/escape.js';

/** Edm → TypeScript: the primitive's JSON type (model/names.ts). */
export const EDM_TO_TS: Record<EdmPrimitive, string> = EDM_JSON_TYPE;

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
