import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { before, test } from 'node:test';
import { NameTable, validatorNames } from '../src/emit/names.js';
import type { Model, TypeModel } from '../src/model/types.js';
import { compile, generateInto, importGenerated, ROOT, SESSIONS } from './helpers.js';

// The shapes of the generated validators/index.js this test uses.
interface ValidationResult {
  valid: boolean;
  errors: { path: string; message: string }[];
}
interface Issue {
  message: string;
  path?: readonly (PropertyKey | { key: PropertyKey })[];
}
interface Schema {
  '~standard': {
    version: number;
    vendor: string;
    validate(
      value: unknown,
      options?: { libraryOptions?: Record<string, unknown> },
    ): { value?: unknown; issues?: readonly Issue[] };
  };
}
type Validators = Record<string, unknown> & { pathKeys(path: string): PropertyKey[] };

let out: string;
let model: Model;
let names: NameTable;
let v: Validators;

before(async () => {
  const generated = await generateInto(SESSIONS);
  ({ out } = generated);
  model = generated.read.model;
  names = new NameTable(model);
  assert.equal(await compile(out), '');
  v = await importGenerated<Validators>(out, 'validators/index.js');
});

const objects = () => model.types.filter((t) => t.kind === 'entity' || t.kind === 'complex');

/** Values with problems at several depths and under keys of every path form. */
function samples(type: TypeModel): unknown[] {
  const props = type.properties;
  const wrong = Object.fromEntries(props.map((p, i) => [p.name, i % 2 ? 12345 : [true, null]]));
  return [
    null,
    'text',
    [],
    {},
    { '@odata.type': 7 },
    { '@odata.type': '#microsoft.graph.notThisOne' },
    wrong,
    { 'odd key': 1, ...wrong },
    { value: [wrong] },
    ...props.map((p) => ({ [p.name]: { nested: [wrong] } })),
  ];
}

test('schema[~standard].validate reports the issues validateX does, for every type and strictness', () => {
  assert.ok(objects().length > 3);
  let issues = 0;
  for (const type of model.types) {
    const ident = names.of(type.fullName);
    const schema = v[validatorNames(ident).schema] as Schema;
    const validate = v[`validate${ident}`] as (
      value: unknown,
      options?: { strict?: boolean },
    ) => ValidationResult;
    assert.equal(schema['~standard'].version, 1);
    assert.equal(schema['~standard'].vendor, 'docs2ts');
    for (const value of samples(type)) {
      for (const strict of [false, true]) {
        const expected = validate(value, { strict });
        const result = schema['~standard'].validate(value, { libraryOptions: { strict } });
        if (expected.valid) {
          assert.deepEqual(result, { value }, `${ident} ${JSON.stringify(value)}`);
          assert.equal(result.value, value);
          continue;
        }
        issues += expected.errors.length;
        assert.deepEqual(
          result.issues?.map((i) => i.message),
          expected.errors.map((e) => e.message),
        );
        assert.deepEqual(
          result.issues?.map((i) => i.path),
          expected.errors.map((e) => v.pathKeys(e.path)),
        );
      }
    }
  }
  assert.ok(issues > 100, `${issues} issues compared`);
});

test('issue paths are the keys, whatever characters the keys hold', () => {
  const pathKeys = (path: string) => v.pathKeys(path);
  assert.deepEqual(pathKeys('$'), []);
  assert.deepEqual(pathKeys('$.value[12].createdDateTime'), ['value', 12, 'createdDateTime']);
  assert.deepEqual(pathKeys('$["@odata.type"]["a\\"b]["][3]'), ['@odata.type', 'a"b][', 3]);
  const owner = objects().find((t) =>
    t.properties.some((p) => p.type.kind === 'primitive' && p.type.name === 'String'),
  )!;
  const prop = owner.properties.find(
    (p) => p.type.kind === 'primitive' && p.type.name === 'String',
  )!;
  const schema = v[validatorNames(names.of(owner.fullName)).schema] as Schema;
  assert.deepEqual(
    schema['~standard'].validate({ [prop.name]: 5 }).issues?.map((i) => i.path),
    [[prop.name]],
  );
  assert.deepEqual(schema['~standard'].validate({ [prop.name]: 'x' }), {
    value: { [prop.name]: 'x' },
  });
});

test('types: each schema is a StandardSchemaV1 (from @standard-schema/spec) of its guarded type, under tsc --strict', async () => {
  const lines = objects().flatMap((t) => {
    const ident = names.of(t.fullName);
    return [
      `export const ${ident}_: StandardSchemaV1<unknown, Guarded<typeof v.is${ident}>> = v.${validatorNames(ident).schema};`,
      `export const ${ident}Same: Equal<StandardSchemaV1.InferOutput<typeof v.${validatorNames(ident).schema}>, Guarded<typeof v.is${ident}>> = true;`,
    ];
  });
  const [a, b] = objects()
    .filter((t) => t.kind === 'complex' && !t.derivedTypes.length)
    .map((t) => names.of(t.fullName));
  assert.ok(a && b, 'two complex types without descendants');
  const usage = `import type { StandardSchemaV1 } from '@standard-schema/spec';
import * as v from './index.js';

type Guarded<F> = F extends (value: unknown, options?: never) => value is infer T ? T : never;
type Equal<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;
${lines.join('\n')}

export async function parse<S extends StandardSchemaV1>(schema: S, value: unknown): Promise<StandardSchemaV1.InferOutput<S>> {
  const result = await schema['~standard'].validate(value);
  if (result.issues) throw new Error(result.issues.map((i) => i.message).join('; '));
  return result.value;
}
export const parsed: Promise<v.${a}> = parse(v.${validatorNames(a).schema}, {});
// @ts-expect-error: the schema of another type
export const wrong: StandardSchemaV1<unknown, { [K in keyof v.${a}]-?: v.${a}[K] } & { onlyOnB: 1 }> = v.${validatorNames(a).schema};
`;
  await fs.writeFile(path.join(out, 'src/usage.ts'), usage);
  await fs.symlink(path.join(ROOT, 'node_modules'), path.join(out, 'node_modules'));
  assert.equal(await compile(out, true), '');
  await fs.writeFile(
    path.join(out, 'src/usage.ts'),
    usage.replace('// @ts-expect-error: the schema of another type\n', ''),
  );
  assert.match(
    await compile(out, true),
    /error TS2322/,
    'the wrong assignment fails without the expectation',
  );
});

test('the generated package has no dependency for it', async () => {
  const pkg = JSON.parse(await fs.readFile(path.join(out, 'package.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  assert.equal(pkg.dependencies, undefined);
  const runtime = await fs.readFile(path.join(out, 'src/validators/runtime.ts'), 'utf8');
  assert.doesNotMatch(runtime, /from '@standard-schema/);
  assert.match(runtime, /export interface StandardSchemaV1</);
});
