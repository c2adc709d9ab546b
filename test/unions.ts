import { unionName } from '../src/emit/interfaces.js';
import { NameTable } from '../src/emit/names.js';
import { ModelIndex, odataTypeOf } from '../src/model/queries.js';
import type { Model, TypeModel } from '../src/model/types.js';

/**
 * A TypeScript file (for `src/` of a generated package) asserting, for base types of the model,
 * that narrowing their `AnyX` union on each member's `@odata.type` leaves exactly that member,
 * and that a tag other than a type's own is a type error. `pick` chooses the base types (all by
 * default); `members` caps the members checked per base.
 */
/** Members a base narrows to in `npm test`'s corpus compile (the sweep checks them all). */
export const NARROWED_MEMBERS = 40;

export function narrowingSource(
  model: Model,
  pick: (bases: TypeModel[]) => TypeModel[] = (b) => b,
  members = Infinity,
): { source: string; checks: number } {
  const index = new ModelIndex(model);
  const names = new NameTable(model);
  const bases = pick(
    model.types.filter(
      (t) =>
        (t.kind === 'entity' || t.kind === 'complex') && index.selfAndDescendants(t).length > 1,
    ),
  );
  const imports = new Set<string>();
  const lines: string[] = [];
  let checks = 0;
  bases.forEach((base, i) => {
    const union = unionName(base, names);
    imports.add(`import type { ${union} } from './models/${names.of(base.fullName)}.js';`);
    const family = index.selfAndDescendants(base).slice(0, members);
    lines.push(`export function narrow${i}(x: ${union}): void {`);
    for (const member of family) {
      const ident = names.of(member.fullName);
      imports.add(`import type { ${ident} } from './models/${ident}.js';`);
      lines.push(
        `  if (x['@odata.type'] === ${JSON.stringify(odataTypeOf(member))}) { const exact: Exact<typeof x, ${ident}> = true; void exact; }`,
      );
      checks++;
    }
    lines.push('}');
    // A member's tag is its own only: another member's tag is an error.
    const [first, second] = family;
    lines.push(`// @ts-expect-error: ${names.of(first.fullName)} carries its own tag only`);
    lines.push(
      `export const wrongTag${i}: ${names.of(first.fullName)} = { '@odata.type': ${JSON.stringify(odataTypeOf(second))} };`,
    );
  });
  const source = [
    ...[...imports].sort(),
    '',
    '/** `true` only when A and B are the same type. */',
    'type Exact<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;',
    '',
    ...lines,
    '',
  ].join('\n');
  return { source, checks };
}
