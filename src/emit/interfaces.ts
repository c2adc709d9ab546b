import { Kind } from '../layout/structure-kind.js';
import { admitsNull, odataTypeOf, type ModelIndex } from '../model/queries.js';
import type { PropertyModel, TypeModel } from '../model/types.js';
import type { EmitContext, EmittedFile, Emitter } from './emitter.js';
import { fileStem, type NameTable } from './names.js';
import { constArrayDeclaration, exportAll, importDeclaration } from '../layout/declarations.js';
import type { Statements } from '../layout/statements.js';
import { propertyKey, stringLiteral } from '../text/escape.js';
import { docs, sourceFile } from './source-file.js';
import { inheritedMemberType, typeText } from './type-text.js';

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
      const path = `src/models/${names.fileOf(type.fullName)}.ts`;
      return sourceFile(
        path,
        statements(path, [type], () => statementsFor(type, index, names)),
      );
    });
    const barrel = model.types.map((t) => exportAll(`./${names.fileOf(t.fullName)}.js`));
    files.push(sourceFile('src/models/index.ts', barrel));
    return files;
  },
};

/** Name of the union of a base type and all its descendants. */
export function unionName(type: TypeModel, names: NameTable): string {
  return `Any${names.of(type.fullName)}`;
}

/**
 * The TypeScript name for a value of a type: `AnyX` when the type has descendants (a value may be
 * any of them, each with its own `@odata.type`), else `X`.
 */
export function valueTypeName(fullName: string, names: NameTable, index: ModelIndex): string {
  const type = index.type(fullName);
  return type && type.kind !== 'unresolved' && index.selfAndDescendants(type).length > 1
    ? unionName(type, names)
    : names.of(fullName);
}

export function propertyTypeText(
  p: PropertyModel,
  type: TypeModel,
  names: NameTable,
  index: ModelIndex,
): string {
  const base =
    p.type.kind === 'named' && index.type(p.type.name)
      ? valueTypeName(p.type.name, names, index)
      : typeText(p.type, names);
  const value = p.collection ? `${base}[]` : base;
  return !admitsNull(p, type.key) || value === 'unknown' ? value : `${value} | null`;
}

function statementsFor(type: TypeModel, index: ModelIndex, names: NameTable): Statements {
  const name = names.of(type.fullName);
  const see = { tagName: 'see', text: `${type.source.file}:${type.source.line}` };
  if (type.kind === 'unresolved') {
    return [
      {
        kind: Kind.TypeAlias,
        isExported: true,
        name,
        type: 'unknown',
        docs: docs(
          `\`${type.fullName}\` is referenced but has no page in the docs, so its shape is unknown.`,
          see,
        ),
      },
    ];
  }
  if (type.kind === 'enum') {
    const members = type.members.map((m) => stringLiteral(m.name));
    return [
      {
        kind: Kind.TypeAlias,
        isExported: true,
        name,
        type: members.length ? members.join(' | ') : 'string',
        docs: docs(type.description, see),
      },
      constArrayDeclaration({
        docs: [{ description: `Members of {@link ${name}}, in documented order.` }],
        head: `export const ${name}Values`,
        items: members,
        tail: ' as const;',
      }),
    ];
  }
  const own = index.ownProperties(type);
  const family = index.selfAndDescendants(type);
  // An unresolved base is `unknown`, which an interface cannot extend.
  const declaredBase = type.baseType ? index.type(type.baseType) : undefined;
  const base = declaredBase?.kind === 'unresolved' ? undefined : declaredBase;
  // Model file → the identifiers used from it: the base, the family (for `AnyX`), and property
  // types (a property of a type with descendants holds its `Any…` union, declared in that type's file).
  const used = new Map<string, Set<string>>();
  const use = (fullName: string, ident: string) => {
    const file = names.of(fullName);
    if (file !== name) (used.get(file) ?? used.set(file, new Set()).get(file)!).add(ident);
  };
  if (base) use(base.fullName, names.of(base.fullName));
  if (family.length > 1) for (const t of family) use(t.fullName, names.of(t.fullName));
  for (const p of own)
    if (p.type.kind === 'named' && index.type(p.type.name))
      use(p.type.name, valueTypeName(p.type.name, names, index));
  const statements: Statements = [
    ...[...used]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([file, idents]) =>
        importDeclaration([...idents].sort(), `./${fileStem(file)}.js`, true),
      ),
  ];
  statements.push({
    kind: Kind.Interface,
    isExported: true,
    name,
    // Each interface carries its own tag only, so `AnyX` unions narrow on `@odata.type`: the
    // base's tag is left out of what a derived interface inherits.
    extends: base ? [`Omit<${names.of(base.fullName)}, '@odata.type'>`] : [],
    docs: docs(type.description, see),
    properties: [
      {
        name: propertyKey('@odata.type'),
        hasQuestionToken: true,
        type: stringLiteral(odataTypeOf(type)),
        docs: docs(
          family.length > 1
            ? `The OData type of the payload. A payload of a derived type is that type's interface: see {@link ${unionName(type, names)}}.`
            : 'The OData type of the payload.',
        ),
      },
      ...own.map((p) => ({
        name: propertyKey(p.name),
        hasQuestionToken: true,
        isReadonly: false,
        type: `${propertyTypeText(p, type, names, index)}${inheritedMemberType(p.name)}`,
        docs: docs(p.description),
      })),
    ],
    // An open type that documents no properties is a dictionary (plannerAssignments: user ids to
    // assignments): its keys are the data's, so any may be written.
    ...(type.open && !type.properties.length && !type.navigationProperties.length
      ? {
          indexSignatures: [
            {
              keyName: 'key',
              keyType: 'string',
              returnType: 'unknown',
              docs: docs('A property of this open type: the docs name none, the data does.'),
            },
          ],
        }
      : {}),
  });
  if (family.length > 1) {
    // Each member has its own `@odata.type` literal: narrowing on it leaves exactly one interface.
    statements.push({
      kind: Kind.TypeAlias,
      isExported: true,
      name: unionName(type, names),
      type: family.map((t) => names.of(t.fullName)).join(' | '),
      docs: docs(
        `{@link ${name}} or any type derived from it; narrowing on \`@odata.type\` selects one.`,
      ),
    });
  }
  return statements;
}
