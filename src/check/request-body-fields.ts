import type { Rule } from './rule.js';

export const requestBodyPropertyUnknown: Rule = {
  id: 'request-body-property-unknown',
  severity: 'warning',
  description:
    "A row of a request-body property table names a property the body's type (and the types derived from it) does not have.",
  run({ model, index, report }) {
    for (const op of model.operations) {
      const body = op.requestBody;
      if (body.kind !== 'type') continue;
      const type = index.structuredType(body.type);
      if (!type) continue;
      const names = new Map(index.allProperties(type).map((p) => [p.name.toLowerCase(), p.name]));
      // A table may list a derived type's properties: the body can be that type (`@odata.type`).
      let derived: Set<string> | undefined;
      const ofDerived = (name: string) =>
        (derived ??= new Set(
          index.selfAndDescendants(type).flatMap((t) => index.allProperties(t).map((p) => p.name)),
        )).has(name);
      for (const field of body.fields) {
        const match = names.get(field.name.toLowerCase());
        if (match === field.name || (!match && ofDerived(field.name))) continue;
        report(
          field.source.file,
          field.source,
          match
            ? `Request body property "${field.name}" is spelled "${match}" on ${type.name}.`
            : `${type.name} has no property "${field.name}".`,
        );
      }
    }
  },
};
