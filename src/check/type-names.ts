import type { Rule } from './rule.js';

export const typeNameMismatch: Rule = {
  id: 'type-name-mismatch',
  severity: 'warning',
  description:
    "A resource page's title names its type differently from the page's @odata.type (a capitalised first letter aside).",
  run({ pages, report }) {
    for (const page of pages) {
      const own = page.types.find((t) => t.declaredBy === 'page' && t.kind !== 'enum');
      const titled = /^(\S+)\s+resource type/i.exec(page.title)?.[1];
      // "User resource type" for `user`: titles capitalise their first word.
      if (own && titled && !sameButFirstLetterCase(titled, own.name)) {
        report(
          page.file,
          own.source,
          `The title says "${titled}" but @odata.type declares "${own.name}".`,
        );
      }
    }
  },
};

function sameButFirstLetterCase(a: string, b: string): boolean {
  return a.slice(1) === b.slice(1) && a.charAt(0).toLowerCase() === b.charAt(0).toLowerCase();
}

export const propertyDuplicate: Rule = {
  id: 'property-duplicate',
  severity: 'warning',
  description:
    'A type lists the same property twice, or two properties whose names differ only in case.',
  run({ model, report }) {
    for (const type of model.types) {
      const seen = new Map<string, string>();
      for (const p of [...type.properties, ...type.navigationProperties]) {
        const other = seen.get(p.name.toLowerCase());
        if (other !== undefined) {
          report(
            p.source.file,
            p.source,
            other === p.name
              ? `${type.name} lists "${p.name}" twice.`
              : `${type.name} has "${p.name}" and "${other}", which differ only in case.`,
          );
        } else seen.set(p.name.toLowerCase(), p.name);
      }
    }
  },
};

export const propertyAnnotationName: Rule = {
  id: 'property-annotation-name',
  severity: 'warning',
  description:
    'A property table lists an instance annotation (`@odata.etag`, `@microsoft.graph.x`) as a property.',
  run({ model, report }) {
    for (const type of model.types) {
      for (const p of [...type.properties, ...type.navigationProperties]) {
        if (!p.name.startsWith('@')) continue;
        report(
          p.source.file,
          p.source,
          `${type.name} lists the annotation "${p.name}" as a property: annotations belong in an "Instance attributes" table.`,
        );
      }
    }
  },
};
