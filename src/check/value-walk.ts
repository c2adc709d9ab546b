import { edm, type ValidationError } from '../../templates/validators-runtime.js';
import { admitsNull, type ModelIndex } from '../model/queries.js';
import type { TypeModel, TypeRef } from '../model/types.js';
import { pathText, type JsonPath } from './json-place.js';

/** Per type full name, the properties its page's JSON representation shows. */
export type RepresentedProperties = Map<string, Set<string>>;

export type ValueProblemKind = 'unknown-property' | 'invalid-value' | 'placeholder';

export interface ValueProblem {
  kind: ValueProblemKind;
  path: JsonPath;
  message: string;
}

/** Values doc writers leave where a real example belongs: `"String (timestamp)"`, `"Int32"`, `"TODO"`. */
const PLACEHOLDER =
  /^(string|int(16|32|64|eger)?|boolean|double|guid|datetimeoffset|date|binary|timestamp|number)( \([^)]*\))?$|^\s*todo\b/i;

export function isPlaceholder(value: unknown): boolean {
  return typeof value === 'string' && PLACEHOLDER.test(value);
}

/**
 * Walk an example value against a model type: the docs-side twin of the generated validators,
 * sharing their Edm format checkers. Control annotations (`@odata.*`, `x@odata.type`) are allowed.
 */
export function walkValue(
  value: unknown,
  ref: TypeRef,
  collection: boolean,
  index: ModelIndex,
  path: JsonPath = [],
  represented: RepresentedProperties = new Map(),
): ValueProblem[] {
  const problems: ValueProblem[] = [];
  visit(value, ref, collection, path);
  return problems;

  function visit(v: unknown, r: TypeRef, many: boolean, at: JsonPath, nullable = true): void {
    if (v === null) {
      if (!nullable)
        problems.push({
          kind: 'invalid-value',
          path: at,
          message: `${pathText(at)} is null but is not nullable.`,
        });
      return;
    }
    if (many) {
      if (!Array.isArray(v)) {
        problems.push({
          kind: 'invalid-value',
          path: at,
          message: `${pathText(at)} should be a collection (array) of ${refName(r)}.`,
        });
        return;
      }
      v.forEach((item, i) => visit(item, r, false, [...at, i]));
      return;
    }
    if (isPlaceholder(v) && !(r.kind === 'primitive' && r.name === 'String')) {
      problems.push({
        kind: 'placeholder',
        path: at,
        message: `${pathText(at)} is the placeholder ${JSON.stringify(v)}, not a ${refName(r)} value.`,
      });
      return;
    }
    if (r.kind === 'primitive') {
      const errors: ValidationError[] = [];
      edm[r.name](v, pathText(at), errors, {});
      for (const e of errors)
        problems.push({ kind: 'invalid-value', path: at, message: e.message });
      return;
    }
    const type = index.type(r.name);
    if (!type || type.kind === 'unresolved') return;
    if (type.kind === 'enum') return visitEnum(v, type, at);
    visitObject(v, type, at);
  }

  function visitEnum(v: unknown, type: TypeModel, at: JsonPath): void {
    if (!type.members.length) return;
    const names = new Set(type.members.map((m) => m.name));
    // Flags enums are written as comma-separated members.
    const parts = typeof v === 'string' ? v.split(',').map((s) => s.trim()) : [];
    if (typeof v !== 'string' || parts.some((p) => !names.has(p))) {
      problems.push({
        kind: 'invalid-value',
        path: at,
        message: `${pathText(at)} is ${JSON.stringify(v)}, not a member of ${type.name} (${[...names].slice(0, 6).join(', ')}${names.size > 6 ? ', …' : ''}).`,
      });
    }
  }

  function visitObject(v: unknown, declared: TypeModel, at: JsonPath): void {
    if (typeof v !== 'object' || Array.isArray(v)) {
      problems.push({
        kind: 'invalid-value',
        path: at,
        message: `${pathText(at)} should be a ${declared.name} object, not ${Array.isArray(v) ? 'an array' : typeof v}.`,
      });
      return;
    }
    const record = v as Record<string, unknown>;
    // `@odata.type` selects the declared type or one derived from it. A type the docs define
    // outside this family is a finding; an unknown one is example-odata-type-unknown's.
    const odataType = record['@odata.type'];
    const family = typeof odataType === 'string' ? index.selfAndDescendants(declared) : [];
    // `Microsoft.Teams.GraphSvc.aadUserNotificationRecipient`, `educationLinkResource`: a family member by its own name.
    const written =
      typeof odataType === 'string'
        ? odataType.replace(/^#/, '').split('.').pop()!.toLowerCase()
        : undefined;
    const named =
      typeof odataType === 'string'
        ? (index.typeOfAnnotation(odataType) ??
          family.find((t) => t.name.toLowerCase() === written))
        : undefined;
    const inFamily = named && family.includes(named);
    if (named && !inFamily) {
      problems.push({
        kind: 'invalid-value',
        path: [...at, '@odata.type'],
        message: `${pathText([...at, '@odata.type'])} is "${String(odataType)}", which the docs do not derive from ${declared.name}.`,
      });
    }
    const type = inFamily ? named : declared;
    const properties = new Map(index.allProperties(type).map((p) => [p.name, p]));
    // Which properties the object may have is unknown when its type is not the declared one's (reported
    // above) or not in the docs, or when its type's page lists none ("names are not documented: an open type").
    const unknownType = typeof odataType === 'string' && !inFamily;
    const open =
      unknownType ||
      properties.size === 0 ||
      type.open ||
      [type, ...index.ancestors(type)].some((t) => t.open || t.kind === 'unresolved');
    for (const key of Object.keys(record)) {
      if (key.includes('@')) continue;
      const property = properties.get(key);
      if (!property) {
        // A property the type's JSON representation shows is the type's, though its table lacks it.
        const shown = [type, ...index.ancestors(type)].some((t) =>
          represented.get(t.fullName)?.has(key),
        );
        if (!open && !shown)
          problems.push({
            kind: 'unknown-property',
            path: [...at, key],
            message: `${pathText([...at, key])}: ${type.name} has no property "${key}".`,
          });
        continue;
      }
      visit(
        record[key],
        property.type,
        property.collection,
        [...at, key],
        admitsNull(property, type.key),
      );
    }
  }
}

function refName(ref: TypeRef): string {
  return ref.kind === 'primitive' ? `Edm.${ref.name}` : ref.name;
}
