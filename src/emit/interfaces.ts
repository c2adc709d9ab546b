import type { StatementStructures } from 'ts-morph';
import { Kind } from './structure-kind.js';
import { admitsNull, odataTypeOf, type ModelIndex } from '../model/queries.js';
import type { PropertyModel, TypeModel } from '../model/types.js';
import type { EmitContext, EmittedFile, Emitter } from './emitter.js';
import { propertyKey, type NameTable } from './names.js';
import { constArray, quote } from '../format/layout.js';
import { docs, sourceFile, typeImports } from './source-file.js';
import { referencedNames, typeText } from './type-text.js';

/**
 * `src/models/<Type>.ts`: an interface per entity/complex type, a string-literal union plus a
 * `const` member list per enum, `unknown` for unresolved types, and `src/models/index.ts`.
 *
 * Every property is optional (`$select` and the docs' "returned by default" rules mean any
 * property may be absent); values (collections too) are `| null` unless the docs say
 * "Not nullable" or the property is the key (see admitsNull).
 */
export const interfacesEmitter: Emitter = {
  name: 'interfaces',
  emit({ model, names, index, statements }: EmitContext): EmittedFile[] {
    const files = model.types.map((type) => {
      const path = `src/models/${names.of(type.fullName)}.ts`;
      return sourceFile(path, statements(path, [type], () => statementsFor(type, index, names)));
    });
    const barrel = model.types.map((t) => `export * from './${names.of(t.fullName)}.js';`);
    files.push(sourceFile('src/models/index.ts', barrel));
    return files;
  },
};

/** Name of the union of a base type and all its descendants. */
export function unionName(type: TypeModel, names: NameTable): string {
  return `Any${names.of(type.fullName)}`;
}

export function propertyTypeText(p: PropertyModel, type: TypeModel, names: NameTable): string {
  const base = typeText(p.type, names);
  const value = p.collection ? `${base}[]` : base;
  return !admitsNull(p, type.key) || value === 'unknown' ? value : `${value} | null`;
}

function statementsFor(type: TypeModel, index: ModelIndex, names: NameTable): (string | StatementStructures)[] {
  const name = names.of(type.fullName);
  const see = { tagName: 'see', text: `${type.source.file}:${type.source.line}` };
  if (type.kind === 'unresolved') {
    return [{ kind: Kind.TypeAlias, isExported: true, name, type: 'unknown', docs: docs(`\`${type.fullName}\` is referenced but has no page in the docs, so its shape is unknown.`, see) }];
  }
  if (type.kind === 'enum') {
    const members = type.members.map((m) => quote(m.name));
    const head = `export const ${name}Values = `;
    return [
      { kind: Kind.TypeAlias, isExported: true, name, type: members.length ? members.join(' | ') : 'string', docs: docs(type.description, see) },
      `/** Members of {@link ${name}}, in documented order. */\n${constArray(head, members, ' as const;') ?? `${head}[${members.join(', ')}] as const;`}`,
    ];
  }
  const own = index.ownProperties(type);
  const family = index.selfAndDescendants(type);
  // An unresolved base is `unknown`, which an interface cannot extend.
  const declaredBase = type.baseType ? index.type(type.baseType) : undefined;
  const base = declaredBase?.kind === 'unresolved' ? undefined : declaredBase;
  const imports = referencedNames([...own.map((p) => p.type), ...(base ? [{ kind: 'named' as const, name: base.fullName }] : []), ...family.map((t) => ({ kind: 'named' as const, name: t.fullName }))], names, index);
  const statements: (string | StatementStructures)[] = [...typeImports(imports, name)];
  statements.push({
    kind: Kind.Interface,
    isExported: true,
    name,
    extends: base ? [names.of(base.fullName)] : [],
    docs: docs(type.description, see),
    properties: [
      { name: propertyKey('@odata.type'), hasQuestionToken: true, type: family.map((t) => JSON.stringify(odataTypeOf(t))).join(' | '), docs: docs('The OData type of the payload: this type or a type derived from it.') },
      ...own.map((p) => ({
        name: propertyKey(p.name),
        hasQuestionToken: true,
        isReadonly: false,
        type: propertyTypeText(p, type, names),
        docs: docs(p.description),
      })),
    ],
  });
  if (family.length > 1) {
    statements.push({
      kind: Kind.TypeAlias, isExported: true, name: unionName(type, names),
      type: family.map((t) => names.of(t.fullName)).join(' | '),
      docs: docs(`{@link ${name}} or any type derived from it; narrow on \`@odata.type\` or with the generated \`is\` guards.`),
    });
  }
  return statements;
}
