/**
 * Every generated name is unique in the scope it is exported to (issue 17): models, `XValues`,
 * `AnyX`, validators, `xSchema`, operation functions, `iterateX`, `XPath`/`XOptions`/`XBody` and the
 * runtimes all meet in `src/index.ts`. Models are built with names drawn from a small vocabulary
 * of words that collide (`options`, `path`, `values`, `any`, `is`, `client`…), so clashes are
 * frequent; each sample is a package, and one tsc run compiles them all.
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { generateFiles } from '../src/generate.js';
import { cmp } from '../src/shared/diagnostics.js';
import type {
  Model,
  OperationModel,
  ParameterModel,
  PropertyModel,
  TypeModel,
  TypeRef,
} from '../src/model/types.js';
import { writeOutput } from '../src/build/write.js';
import { compile, EMIT_OPTIONS, tempDir } from './helpers.js';

const NS = 'microsoft.graph';
const source = { file: 'x.md', line: 1, column: 1 };
const WORDS = [
  'access',
  'assignment',
  'filter',
  'options',
  'path',
  'body',
  'values',
  'any',
  'is',
  'validate',
  'check',
  'client',
  'page',
  'list',
  'get',
  'iterate',
  'edm',
  'internal',
  'by',
  'current',
  'user',
  'schema',
  'standard',
];
const camel = (words: string[]) =>
  words.map((w, i) => (i ? w[0].toUpperCase() + w.slice(1) : w)).join('');
const string: TypeRef = { kind: 'primitive', name: 'String' };
const param = (name: string, collection = false): ParameterModel => ({
  name,
  type: string,
  collection,
  required: false,
  description: '',
  source,
});
const prop = (name: string, type: TypeRef = string): PropertyModel => ({
  name,
  type,
  collection: false,
  readOnly: false,
  description: '',
  source,
});

function type(name: string, kind: TypeModel['kind'], baseType?: string): TypeModel {
  return {
    name,
    namespace: NS,
    fullName: `${NS}.${name}`,
    kind,
    abstract: false,
    open: false,
    ...(baseType ? { baseType } : {}),
    ...(kind === 'entity' ? { key: 'id' } : {}),
    description: '',
    properties: kind === 'enum' || kind === 'unresolved' ? [] : [prop('id'), prop('displayName')],
    navigationProperties: [],
    members:
      kind === 'enum'
        ? [
            { name: 'one', description: '', source },
            { name: 'two', description: '', source },
          ]
        : [],
    derivedTypes: [],
    source,
  };
}

/** An operation of each shape that declares companions: a path, query options, a body, a collection (iterate). */
function operation(id: string, shape: number, types: TypeModel[]): OperationModel {
  const structured = types.filter((t) => t.kind === 'entity' || t.kind === 'complex');
  const target = structured[shape % Math.max(1, structured.length)];
  const post = shape % 3 === 2;
  return {
    id,
    title: id,
    description: '',
    kind: post ? 'action' : shape % 2 ? 'list' : 'get',
    method: post ? 'POST' : 'GET',
    paths: [
      `/things/{thingId}/${id.replace(/[^a-z]/g, '')}${shape % 4 === 3 ? '(ids={ids})' : ''}`,
    ],
    pathParameters: [param('thingId'), ...(shape % 4 === 3 ? [param('ids', true)] : [])],
    queryParameters: post ? [] : [param('$filter'), param('mode')],
    headers: [],
    requestBody: post
      ? { kind: 'parameters', parameters: [param('note'), param('tags', true)], source }
      : { kind: 'none' },
    response:
      target && !post
        ? {
            status: 200,
            type: { kind: 'named', name: target.fullName },
            collection: shape % 2 === 1,
          }
        : { status: 204, collection: false },
    permissions: { delegatedWork: [], delegatedPersonal: [], application: [] },
    examples: [],
    source,
  };
}

const word = fc.constantFrom(...WORDS);
const names = fc.array(word, { minLength: 1, maxLength: 4 }).map(camel);
const modelArb = fc
  .record({
    types: fc.uniqueArray(
      fc.record({
        name: names,
        kind: fc.constantFrom('entity', 'complex', 'enum', 'unresolved'),
        base: fc.nat(8),
      }),
      { minLength: 4, maxLength: 30, selector: (t) => t.name.toLowerCase() },
    ),
    ops: fc.uniqueArray(
      fc.record({ words: fc.array(word, { minLength: 2, maxLength: 4 }), shape: fc.nat(11) }),
      { minLength: 4, maxLength: 30, selector: (o) => o.words.join('-') },
    ),
  })
  .map(({ types: specs, ops }): Model => {
    const types = specs.map((s) => type(s.name, s.kind));
    // Some structured types derive from an earlier structured one, so families (`AnyX`) exist.
    types.forEach((t, i) => {
      const base = types[specs[i].base % Math.max(1, i)];
      if (
        i > 0 &&
        specs[i].base % 2 === 0 &&
        (t.kind === 'entity' || t.kind === 'complex') &&
        (base.kind === 'entity' || base.kind === 'complex') &&
        base !== t
      ) {
        t.baseType = base.fullName;
        base.derivedTypes.push(t.fullName);
      }
    });
    return {
      version: 1,
      types: types.sort((a, b) => cmp(a.fullName, b.fullName)),
      operations: ops
        .map((o) => operation(o.words.join('-'), o.shape, types))
        .sort((a, b) => cmp(a.id, b.id)),
    };
  });

/** The issue's case: an enum named like an operation's options interface. */
function issueCase(): Model {
  const assignment = type('accessPackageAssignment', 'entity');
  const options = type('accessPackageAssignmentFilterByCurrentUserOptions', 'enum');
  const op = operation('accesspackageassignment-filterbycurrentuser', 1, [assignment]);
  op.queryParameters.push({ ...param('on'), type: { kind: 'named', name: options.fullName } });
  return { version: 1, types: [assignment, options], operations: [op] };
}

test('random colliding type and operation names: every package compiles under tsc --strict (one tsc run), clashes are reported', async () => {
  const root = tempDir();
  const models = [issueCase(), ...fc.sample(modelArb, { seed: 17, numRuns: 24 })];
  let clashes = 0;
  for (const [i, model] of models.entries()) {
    const { files, diagnostics } = await generateFiles(model, EMIT_OPTIONS, { format: false });
    clashes += diagnostics.filter((d) => d.ruleId === 'emit-name-clash').length;
    if (i === 0)
      assert.ok(
        diagnostics.some(
          (d) =>
            d.ruleId === 'emit-name-clash' &&
            /AccessPackageAssignmentFilterByCurrentUserOptions/.test(d.message),
        ),
        'the issue case is reported',
      );
    await writeOutput(path.join(root, `case${i}`), files);
  }
  assert.ok(clashes > models.length, `clashes reported: ${clashes}`);
  // One project over every package's sources; the packages import only within themselves.
  await fs.writeFile(path.join(root, 'package.json'), '{ "type": "module" }\n');
  await fs.writeFile(
    path.join(root, 'tsconfig.json'),
    JSON.stringify({
      extends: './case0/tsconfig.json',
      compilerOptions: { rootDir: '.', outDir: 'dist' },
      include: models.map((_, i) => `case${i}/src`),
    }),
  );
  const errors = await compile(root, true);
  assert.equal(errors, '', errors.slice(0, 3000));
  await fs.rm(root, { recursive: true, force: true });
});
