import { readFileSync } from 'node:fs';
import path from 'node:path';
import { admitsNull, type ModelIndex } from '../model/queries.js';
import type { PropertyModel, TypeModel, TypeRef } from '../model/types.js';
import { TEMPLATES } from '../shared/paths.js';
import type { EmitContext, EmittedFile, Emitter } from './emitter.js';
import { valueTypeName } from './interfaces.js';
import { fileStem, validatorNames, type NameTable } from './names.js';
import {
  callStatement,
  exportAll,
  functionDeclaration,
  importDeclaration,
  namespaceImport,
  pureCallDeclaration,
} from '../layout/declarations.js';
import { listOrFlat, tupleArray, WIDTH } from '../layout/layout.js';
import type { Statements } from '../layout/statements.js';
import { stringLiteral } from '../text/escape.js';
import { docs, sourceFile } from './source-file.js';

/**
 * `src/validators/<Type>.ts`: `validateX`, `isX`, `assertX` and the internal `checkX` per model
 * type, `src/validators/runtime.ts` (copied from `templates/validators-runtime.ts`) and a barrel.
 *
 * The rules mirror the interfaces emitter: values, collections too, may be null unless the docs
 * say "Not nullable" or the property is a key (admitsNull); collections hold no nulls; every
 * property is optional. `@odata.type` selects the type or a descendant; keys holding `@`
 * (control information, instance annotations) are always allowed; unknown properties are
 * errors only in strict mode and never on open types or types with an undescribed base.
 */
export const validatorsEmitter: Emitter = {
  name: 'validators',
  emit({ model, names, options, index, statements }: EmitContext): EmittedFile[] {
    const files: EmittedFile[] = [
      {
        path: 'src/validators/runtime.ts',
        content: withStrictDefault(
          readFileSync(path.join(TEMPLATES, 'validators-runtime.ts'), 'utf8'),
          options.strict === true,
        ),
        formatted: true,
      },
    ];
    for (const type of model.types) {
      const path = `src/validators/${names.fileOf(type.fullName)}.ts`;
      files.push(
        sourceFile(
          path,
          statements(path, [type], () => statementsFor(type, index, names)),
        ),
      );
    }
    const barrel = [
      exportAll('./runtime.js'),
      ...model.types.map((t) => exportAll(`./${names.fileOf(t.fullName)}.js`)),
    ];
    files.push(sourceFile('src/validators/index.ts', barrel));
    return files;
  },
};

const ERRORS = 'rt.ValidationError[]';
const OPTIONS = 'rt.ValidateOptions';

function statementsFor(type: TypeModel, index: ModelIndex, names: NameTable): Statements {
  const ident = names.of(type.fullName);
  const imports = new Set<string>();
  // The guards' type: a value may be of any descendant (`AnyX`), as the checker accepts them.
  const guarded = valueTypeName(type.fullName, names, index);
  const statements: Statements = [
    importDeclaration([guarded], `../models/${fileStem(ident)}.js`, true),
    namespaceImport('rt', './runtime.js'),
  ];
  let body: string;
  let description: string;
  if (type.kind === 'unresolved') {
    description = `\`${type.fullName}\` has no page in the docs: any value is accepted.`;
    body = '';
  } else if (type.kind === 'enum') {
    description = type.members.length
      ? `A member of the enum \`${type.fullName}\`, as a string.`
      : `\`${type.fullName}\` is an enum without documented members: any string is accepted.`;
    statements[0] = importDeclaration(
      [`${ident}Values`, `type ${ident}`],
      `../models/${fileStem(ident)}.js`,
    );
    statements.push(
      callStatement({
        blankBefore: true,
        head: 'const members: ReadonlySet<string> = new Set<string>',
        args: [`${ident}Values`],
        tail: ';',
      }),
    );
    body = listOrFlat(
      2,
      'rt.enumValue',
      [stringLiteral(type.fullName), 'members', 'value', 'path', 'errors'],
      ';',
    );
  } else {
    description = `An object of the ${type.kind} type \`${type.fullName}\` or a type derived from it (selected by \`@odata.type\`).`;
    const keys = new Set(
      [type, ...index.ancestors(type)].map((t) => t.key).filter((k): k is string => !!k),
    );
    const properties = index
      .allProperties(type)
      .map((p) => propertyEntry(p, keys, type, index, names, imports));
    const derived = index
      .selfAndDescendants(type)
      .slice(1)
      .map((d) => {
        imports.add(names.of(d.fullName));
        return [stringLiteral(d.fullName), validatorNames(names.of(d.fullName)).check];
      });
    statements.push(
      specDeclaration(stringLiteral(type.fullName), isOpen(type, index), properties, derived),
    );
    body = 'rt.objectValue(spec, value, path, errors, options);';
  }
  imports.delete(ident);
  statements.splice(
    2,
    0,
    ...[...imports]
      .sort()
      .map((n) => importDeclaration([validatorNames(n).check], `./${fileStem(n)}.js`)),
  );
  statements.push(
    ...functions(ident, guarded, type, body, description),
    schemaDeclaration(ident, guarded),
  );
  return statements;
}

/** Open types, and types whose ancestry the docs do not fully describe, take unknown properties. */
function isOpen(type: TypeModel, index: ModelIndex): boolean {
  const chain = [type, ...index.ancestors(type)];
  const top = chain[chain.length - 1];
  return (
    chain.some((t) => t.open || t.kind === 'unresolved') ||
    (!!top.baseType && !index.type(top.baseType))
  );
}

function propertyEntry(
  p: PropertyModel,
  keys: Set<string>,
  owner: TypeModel,
  index: ModelIndex,
  names: NameTable,
  imports: Set<string>,
): string[] {
  const { check, typeName } = checkerFor(p.type, owner, index, names, imports);
  const nullable = admitsNull(p, keys);
  const shape = p.collection
    ? nullable
      ? 'nullableCollection'
      : 'collection'
    : nullable
      ? 'nullable'
      : 'single';
  return [stringLiteral(p.name), stringLiteral(typeName), check, `'${shape}'`];
}

/** `const spec = rt.objectSpec(name, open, [properties], [derived]);` laid out as prettier does. */
function specDeclaration(name: string, open: boolean, properties: string[][], derived: string[][]) {
  // Two arrays last: prettier hugs neither. Flat when all fits on one line, else one argument
  // per line; an array that fails to lay out stays flat (for prettier).
  const tables = [properties, derived];
  const flat = tables.map((r) => tupleArray(0, r, ')'));
  const oneLine = `const spec = rt.objectSpec(${name}, ${open}, ${flat.join(', ')});`;
  const arrays =
    flat.every((r) => r !== undefined && !r.includes('\n')) && oneLine.length <= WIDTH
      ? (flat as string[])
      : tables.map(
          (r) => tupleArray(2, r, ',') ?? `[${r.map((t) => `[${t.join(', ')}]`).join(', ')}]`,
        );
  return callStatement({
    blankBefore: true,
    head: 'const spec = rt.objectSpec',
    args: [name, String(open), ...arrays],
    tail: ';',
  });
}

function checkerFor(
  ref: TypeRef,
  owner: TypeModel,
  index: ModelIndex,
  names: NameTable,
  imports: Set<string>,
): { check: string; typeName: string } {
  if (ref.kind === 'primitive') return { check: `rt.edm.${ref.name}`, typeName: `Edm.${ref.name}` };
  const target = index.type(ref.name);
  // Undescribed types accept anything, null included (also as collection items).
  if (!target || target.kind === 'unresolved') return { check: 'rt.anyValue', typeName: ref.name };
  const ident = names.of(target.fullName);
  if (target !== owner) imports.add(ident);
  return { check: validatorNames(ident).check, typeName: target.fullName };
}

function functions(
  ident: string,
  guarded: string,
  type: TypeModel,
  body: string,
  description: string,
) {
  const v = validatorNames(ident);
  const see = { tagName: 'see', text: `${type.source.file}:${type.source.line}` };
  const valueParams = ['value: unknown'];
  const options = `options?: ${OPTIONS}`;
  return [
    functionDeclaration({
      blankBefore: true,
      docs: docs('Internal: check a value at `path`, adding problems to `errors`.'),
      head: `export function ${v.check}`,
      params: [...valueParams, 'path: string', `errors: ${ERRORS}`, `options: ${OPTIONS}`],
      returns: 'void',
      body: body ? [body] : [],
    }),
    functionDeclaration({
      blankBefore: true,
      docs: docs(`Validate a value, collecting every problem. ${description}`, see),
      head: `export function ${v.validate}`,
      params: [...valueParams, options],
      returns: 'rt.ValidationResult',
      body: [listOrFlat(2, 'return rt.runChecker', [v.check, 'value', 'options'], ';')],
    }),
    functionDeclaration({
      blankBefore: true,
      docs: docs(`Whether {@link ${v.validate}} finds no problem.`),
      head: `export function ${v.is}`,
      params: [...valueParams, options],
      returns: `value is ${guarded}`,
      body: [`return ${v.validate}(value, options).valid;`],
    }),
    functionDeclaration({
      blankBefore: true,
      docs: docs(`Throw an \`Error\` listing the problems {@link ${v.validate}} finds.`),
      head: `export function ${v.assert}`,
      params: [...valueParams, options],
      returns: `asserts value is ${guarded}`,
      body: [
        listOrFlat(
          2,
          'rt.throwIfInvalid',
          [`${v.validate}(value, options)`, stringLiteral(ident)],
          ';',
        ),
      ],
    }),
  ];
}

/**
 * `export const xSchema = rt.standardSchemaOf<AnyX>(checkX);`: the Standard Schema v1 object
 * (pure, so bundlers drop it when unused).
 */
function schemaDeclaration(ident: string, guarded: string) {
  const v = validatorNames(ident);
  return pureCallDeclaration({
    blankBefore: true,
    docs: [
      {
        description: `Standard Schema v1 of {@link ${v.validate}} (tRPC, Hono, react-hook-form and others take it).`,
      },
    ],
    head: `export const ${v.schema}`,
    prefix: '/* @__PURE__ */ ',
    callee: `rt.standardSchemaOf<${guarded}>`,
    args: [v.check],
  });
}

/** The runtime template with the configured default strictness. */
function withStrictDefault(runtime: string, strict: boolean): string {
  const line = 'export const DEFAULT_STRICT: boolean = false;';
  if (!runtime.includes(line))
    throw new Error('templates/validators-runtime.ts lost its DEFAULT_STRICT line');
  return runtime.replace(line, `export const DEFAULT_STRICT: boolean = ${strict};`);
}
