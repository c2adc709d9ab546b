import type { Model, OperationModel } from '../model/types.js';
import type { Rule } from './rule.js';

/** The path's segments that are names (not placeholders, keys or function calls). */
function nameSegments(path: string): string[] {
  return path
    .split('?')[0]
    .split('/')
    .filter((s) => /^[A-Za-z_]\w*$/.test(s));
}

export const propertyNameCaseInPaths: Rule = {
  id: 'property-name-case-in-paths',
  severity: 'warning',
  description:
    "A property's name appears in the doc set's HTTP request paths only with other casing.",
  run({ model, report }) {
    const spellings = new Map<string, Set<string>>();
    for (const op of model.operations)
      for (const path of op.paths)
        for (const s of nameSegments(path)) {
          const key = s.toLowerCase();
          spellings.set(key, (spellings.get(key) ?? new Set()).add(s));
        }
    for (const type of model.types)
      for (const p of [...type.properties, ...type.navigationProperties]) {
        const written = spellings.get(p.name.toLowerCase());
        if (!written || written.has(p.name)) continue;
        report(
          p.source.file,
          p.source,
          `${type.name}.${p.name} is written ${[...written].map((s) => `"${s}"`).join(', ')} in the request paths.`,
        );
      }
  },
};

/** GET pages by the last name segment of their paths. */
function getsByLastSegment(model: Model): Map<string, Set<OperationModel>> {
  const byLast = new Map<string, Set<OperationModel>>();
  for (const op of model.operations) {
    if (op.method !== 'GET') continue;
    for (const path of op.paths) {
      const last = path.split('?')[0].replace(/\/$/, '').split('/').pop() ?? '';
      let ops = byLast.get(last);
      if (!ops) byLast.set(last, (ops = new Set()));
      ops.add(op);
    }
  }
  return byLast;
}

export const relationshipCardinalityMismatch: Rule = {
  id: 'relationship-cardinality-mismatch',
  severity: 'warning',
  description:
    "A property is one value in its type's table, but the GET pages for its path (`…/name`) return a collection of its type.",
  run({ model, report }) {
    const byLast = getsByLastSegment(model);
    for (const type of model.types)
      for (const p of [...type.properties, ...type.navigationProperties]) {
        // One value is also what a Response sentence that could not be read defaults to; a collection is stated.
        if (p.collection || p.type.kind !== 'named') continue;
        const name = p.type.name;
        const gets = [...(byLast.get(p.name) ?? [])].filter(
          (op) => op.response.type?.kind === 'named' && op.response.type.name === name,
        );
        if (!gets.length || gets.some((op) => !op.response.collection)) continue;
        report(
          p.source.file,
          p.source,
          `${type.name}.${p.name} is one value in the table, but ${gets.map((op) => op.id).join(', ')} ${gets.length > 1 ? 'return' : 'returns'} a collection of ${name.split('.').pop()} for …/${p.name}.`,
        );
      }
  },
};
