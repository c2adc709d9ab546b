import type { PageResult, RepresentedProperty } from '../model/page-facts.js';
import type { ModelIndex } from '../model/queries.js';
import type { PropertyModel, TypeModel } from '../model/types.js';
import type { CheckContext, Rule } from './rule.js';

/** A resource page's JSON representation beside the properties its type has, inherited ones included. */
interface Represented {
  page: PageResult;
  type: TypeModel;
  shown: RepresentedProperty[];
  properties: Map<string, PropertyModel>;
}

function* representations({ pages, index }: CheckContext): Generator<Represented> {
  for (const page of pages) {
    const own = page.types.find((t) => t.declaredBy === 'page' && t.kind !== 'enum');
    const type = own && index.type(own.fullName);
    if (!type || type.kind === 'unresolved' || !page.representedProperties) continue;
    yield {
      page,
      type,
      shown: page.representedProperties,
      properties: new Map(allOf(index, type).map((p) => [p.name, p])),
    };
  }
}

function allOf(index: ModelIndex, type: TypeModel): PropertyModel[] {
  return [type, ...index.ancestors(type)].flatMap((t) => [
    ...t.properties,
    ...t.navigationProperties,
  ]);
}

export const representationCollectionMismatch: Rule = {
  id: 'representation-collection-mismatch',
  severity: 'warning',
  description:
    "A property is a collection in the type's table but a single value in its JSON representation, or the reverse.",
  run(context) {
    for (const { page, type, shown, properties } of representations(context)) {
      for (const r of shown) {
        const p = properties.get(r.name);
        if (!p || p.collection === r.collection) continue;
        const [table, json] = p.collection
          ? ['a collection', 'one value']
          : ['one value', 'an array'];
        context.report(
          page.file,
          r,
          `${type.name}.${r.name} is ${table} in the table (line ${p.source.line}) but ${json} in the JSON representation.`,
        );
      }
    }
  },
};

export const representationNameCase: Rule = {
  id: 'representation-name-case',
  severity: 'warning',
  description:
    "A property's name in the JSON representation differs in case from its name in the type's table.",
  run(context) {
    for (const { page, type, shown, properties } of representations(context)) {
      const byLowerCase = new Map([...properties.keys()].map((n) => [n.toLowerCase(), n]));
      for (const r of shown) {
        const named = byLowerCase.get(r.name.toLowerCase());
        if (properties.has(r.name) || !named) continue;
        context.report(
          page.file,
          r,
          `The JSON representation writes "${r.name}" where the table of ${type.name} says "${named}".`,
        );
      }
    }
  },
};

/** Keys that are example data of an open type's dynamic properties, not names: GUIDs, `String-value`. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Reader rules for a table row that could not be read as a property. */
const UNREAD_ROW = new Set(['table-type-missing', 'type-cell-unreadable', 'table-name-unreadable']);

export const representationPropertyUndocumented: Rule = {
  id: 'representation-property-undocumented',
  severity: 'warning',
  description:
    "The JSON representation shows a property that neither the type's tables nor its base types' list.",
  run(context) {
    for (const { page, type, shown, properties } of representations(context)) {
      // Open types show dynamic keys; a page whose table lists no names ("names are not documented")
      // or has rows the reader could not read (reported as such) is not this rule's.
      if (type.open || !(type.properties.length + type.navigationProperties.length)) continue;
      if (page.diagnostics.some((d) => UNREAD_ROW.has(d.ruleId))) continue;
      const lowerCase = new Set([...properties.keys()].map((n) => n.toLowerCase()));
      for (const r of shown) {
        // Another casing is representation-name-case's.
        if (!NAME.test(r.name) || lowerCase.has(r.name.toLowerCase())) continue;
        context.report(
          page.file,
          r,
          `The JSON representation shows "${r.name}", which no table of ${type.name}${type.baseType ? ' or its base types' : ''} lists.`,
        );
      }
    }
  },
};
