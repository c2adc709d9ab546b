import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import path from 'node:path';
import { interfacesEmitter } from '../src/emit/interfaces.js';
import { generateFiles } from '../src/generate.js';
import { NameTable } from '../src/emit/names.js';
import { packageEmitter } from '../src/emit/package.js';
import { validatorsEmitter } from '../src/emit/validators.js';
import type {
  ExampleResponseModel,
  Model,
  OperationModel,
  PropertyModel,
  TypeModel,
  TypeRef,
} from '../src/model/types.js';
import { writeOutput } from '../src/build/write.js';
import {
  compile,
  CORPUS,
  EMIT_OPTIONS,
  generateInto,
  importGenerated,
  readOnce,
  SEEDS,
  SESSIONS,
  tempDir,
} from './helpers.js';

// The shapes of the generated validators/index.js this test uses.
interface ValidationError {
  path: string;
  expected: string;
  actual: string;
  message: string;
}
interface ValidationResult {
  valid: boolean;
  errors: ValidationError[];
}
interface ValidateOptions {
  strict?: boolean;
}
type Checker = (
  value: unknown,
  path: string,
  errors: ValidationError[],
  options: ValidateOptions,
) => void;
type Validate = (value: unknown, options?: ValidateOptions) => ValidationResult;
interface Validators {
  edm: Record<string, Checker>;
  runChecker(check: Checker, value: unknown, options?: ValidateOptions): ValidationResult;
  [name: string]: unknown;
}

interface Generated {
  model: Model;
  names: NameTable;
  compileOutput: string;
  v: Validators;
}

/**
 * Generate, compile (tsc --strict) and import one doc set's package. `only`: just the models,
 * validators and package files, unformatted (the whole corpus package takes too long to format
 * and compile for one test file; the full package is compiled for the fixtures and the seeds).
 */
async function build(docs: string | Model, only = false): Promise<Generated> {
  const { out, read } =
    only || typeof docs !== 'string' ? await generateOnly(docs) : await generateInto(docs);
  const compileOutput = await compile(out);
  const v = compileOutput
    ? ({} as Validators)
    : await importGenerated<Validators>(out, 'validators/index.js');
  return { model: read.model, names: new NameTable(read.model), compileOutput, v };
}

/** Models, validators and package files only, unformatted (prettier adds nothing tsc needs). */
async function generateOnly(docs: string | Model) {
  const read = typeof docs === 'string' ? await readOnce(docs) : { model: docs };
  const { files } = await generateFiles(read.model, EMIT_OPTIONS, {
    emitters: [interfacesEmitter, validatorsEmitter, packageEmitter],
    format: false,
  });
  const out = path.join(tempDir(), 'out');
  await writeOutput(out, files);
  return { out, read };
}

function fn<T>(v: Validators, name: string): T {
  assert.equal(typeof v[name], 'function', `generated ${name}`);
  return v[name] as T;
}

interface Checked {
  op: OperationModel;
  response: ExampleResponseModel;
  where: string;
  result: ValidationResult;
}

/**
 * Every JSON example response body (2xx) of an operation with a declared response type,
 * through that type's validator: strict unless the example is marked truncated; collection
 * responses (and primitive ones) validate each item of (or the) `value`.
 */
function checkExamples({ model, names, v }: Generated, strict?: boolean): Checked[] {
  const out: Checked[] = [];
  for (const op of model.operations) {
    const ref = op.response.type;
    if (!ref) continue;
    const check =
      ref.kind === 'primitive' ? v.edm[ref.name] : fn<Checker>(v, `check${names.of(ref.name)}`);
    assert.equal(typeof check, 'function', `checker for ${JSON.stringify(ref)}`);
    for (const { response } of op.examples) {
      if (!response || response.body === undefined || response.body === null) continue;
      if (response.status !== undefined && (response.status < 200 || response.status > 299))
        continue;
      const wrapped = op.response.collection || ref.kind === 'primitive';
      const checker: Checker = (body, path, errors, options) => {
        if (!wrapped) return check(body, path, errors, options);
        const value =
          body && typeof body === 'object' && Object.prototype.hasOwnProperty.call(body, 'value')
            ? (body as { value: unknown }).value
            : undefined;
        if (!op.response.collection) return check(value, `${path}.value`, errors, options);
        if (!Array.isArray(value)) {
          errors.push({
            path: `${path}.value`,
            expected: 'a collection response: an object with a value array',
            actual: kindOf(value),
            message: 'no value array',
          });
          return;
        }
        value.forEach((item, i) => check(item, `${path}.value[${i}]`, errors, options));
      };
      const result = v.runChecker(checker, response.body, {
        strict: strict ?? !response.truncated,
      });
      out.push({
        op,
        response,
        where: `${response.source.file}:${response.bodyLine ?? response.source.line}`,
        result,
      });
    }
  }
  return out;
}

const kindOf = (value: unknown) =>
  value === undefined
    ? 'no value'
    : Array.isArray(value)
      ? 'array'
      : value === null
        ? 'null'
        : typeof value;

/** A failing example's category, from its first error. */
function category(e: ValidationError): string {
  if (e.message === 'no value array')
    return 'collection response without a value array (page says collection, example is one object)';
  if (
    /-value"$|^string ""$|^string "(String|string|Boolean|Date|Integer|String \(timestamp\))"$/.test(
      e.actual,
    )
  )
    return 'placeholder instead of a value ("datetime-value", "String", "")';
  if (e.path.endsWith('["@odata.type"]'))
    return '@odata.type names a type the docs do not derive from the declared type';
  if (e.message.includes('not a documented member'))
    return 'enum value not among the documented members (case, drift)';
  if (e.actual === 'null') return 'null where the model says not nullable, or a null collection';
  if (e.actual.startsWith('unknown property'))
    return 'property the type page does not document (strict)';
  if (e.expected.startsWith('Edm.') && e.actual.startsWith('string'))
    return 'primitive in the wrong format (date for date-time, bad base64)';
  return 'wrong JSON shape (object vs scalar, single vs array)';
}

// Start reading the corpus now (it takes the longest) so it overlaps the small doc sets.
readOnce(CORPUS).catch(() => undefined);

describe('validators on the fixtures', () => {
  let g: Generated;
  before(async () => {
    g = await build(SESSIONS);
  });
  const validate = (type: string) => fn<Validate>(g.v, `validate${type}`);
  const errorsOf = (type: string, value: unknown, options?: ValidateOptions) =>
    validate(type)(value, options).errors;
  const pathsOf = (type: string, value: unknown, options?: ValidateOptions) =>
    errorsOf(type, value, options).map((e) => e.path);

  test('the generated package compiles under tsc --strict', () => {
    assert.equal(g.compileOutput, '');
  });

  test('every example response body validates against the operation response type', () => {
    const checked = checkExamples(g);
    assert.ok(checked.length >= 7, `examples checked: ${checked.length}`);
    for (const c of checked) assert.deepEqual(c.result.errors, [], c.where);
    // The fixture examples are complete apart from the truncation mark: strict mode passes too.
    for (const c of checkExamples(g, true))
      assert.deepEqual(c.result.errors, [], `${c.where} (strict)`);
  });

  test('a valid object passes, strict and lenient; validate/is/assert agree', () => {
    const session = {
      '@odata.context':
        "https://graph.microsoft.com/v1.0/$metadata#dataClassification/exactMatchDataStores('x')/sessions/$entity",
      '@odata.type': '#microsoft.graph.exactMatchSession',
      id: '3989975e-975e-3989-5e97-89395e978939',
      creationDateTime: '2016-12-31T23:57:35.2754224+03:00',
      completionDateTime: null,
      remainingBlockCount: 2147483647,
      fields: ['name', 'email'],
      state: 'completed',
      error: { code: 'E1', message: 'm', target: null, details: [{ code: 'E2', message: 'n' }] },
    };
    assert.deepEqual(errorsOf('ExactMatchSession', session, { strict: true }), []);
    assert.equal(fn<Validate>(g.v, 'isExactMatchSession')(session, { strict: true }), true);
    assert.doesNotThrow(() => fn<(v: unknown) => void>(g.v, 'assertExactMatchSession')(session));
    assert.equal(fn<Validate>(g.v, 'isExactMatchSession')({ id: 5 }), false);
    assert.throws(
      () => fn<(v: unknown) => void>(g.v, 'assertExactMatchSession')({ id: 5, fileName: false }),
      (e: Error & { errors?: ValidationError[] }) => {
        assert.match(e.message, /not a valid ExactMatchSession/);
        assert.match(e.message, /\$\.id: expected Edm\.String, got number 5/);
        assert.match(e.message, /\$\.fileName/);
        assert.equal(e.errors?.length, 2);
        return true;
      },
    );
  });

  // `{ fields: null }` passes: a collection may be null unless the docs say "Not nullable" (admitsNull).
  test('wrong JSON types, and every error is collected with its JSON path', () => {
    const errors = errorsOf('ExactMatchDataStore', {
      displayName: 7,
      sessions: [
        { fileName: [] },
        'x',
        null,
        { fields: 'a' },
        { fields: null },
        { fields: ['a', null, 1] },
      ],
    });
    assert.deepEqual(
      errors.map((e) => [e.path, e.expected, e.actual]),
      [
        ['$.displayName', 'Edm.String', 'number 7'],
        ['$.sessions[0].fileName', 'Edm.String', 'array(0)'],
        ['$.sessions[1]', 'object (microsoft.graph.exactMatchSession)', 'string "x"'],
        ['$.sessions[2]', 'microsoft.graph.exactMatchSession', 'null'],
        ['$.sessions[3].fields', 'array of Edm.String', 'string "a"'],
        ['$.sessions[5].fields[1]', 'Edm.String', 'null'],
        ['$.sessions[5].fields[2]', 'Edm.String', 'number 1'],
      ],
    );
    for (const value of [null, 'x', 3, [], undefined])
      assert.deepEqual(pathsOf('ExactMatchSession', value), ['$'], String(value));
    assert.match(errors[0].message, /^\$\.displayName: expected Edm\.String, got number 7/);
  });

  test('DateTimeOffset and Int32 properties are checked by format and range', () => {
    assert.deepEqual(
      pathsOf('ExactMatchSession', {
        creationDateTime: 'String (timestamp)',
        startDateTime: '2021-02-30T00:00:00Z',
        lastUpdatedDateTime: '2021-07-01T12:30:00',
        completionDateTime: '2021-07-01T12:30:00.1234567Z',
      }),
      ['$.creationDateTime', '$.startDateTime', '$.lastUpdatedDateTime'],
    );
    assert.deepEqual(
      pathsOf('ExactMatchSession', {
        remainingBlockCount: 2147483648,
        totalBlockCount: -2147483649,
        rowsPerBlock: 1.5,
        totalJobCount: '3',
        remainingJobCount: -2147483648,
      }),
      ['$.remainingBlockCount', '$.totalBlockCount', '$.rowsPerBlock', '$.totalJobCount'],
    );
  });

  test('enums: documented members only, case-sensitive', () => {
    assert.deepEqual(pathsOf('ExactMatchSession', { state: 'done' }), ['$.state']);
    assert.deepEqual(pathsOf('ExactMatchSession', { state: 'Completed' }), ['$.state']);
    assert.deepEqual(pathsOf('ExactMatchSession', { state: 'unknownFutureValue' }), []);
    assert.equal(validate('LookupMode')('caseInsensitive').valid, true);
    const [e] = errorsOf('LookupMode', 'fuzzy');
    assert.equal(e.path, '$');
    assert.match(e.expected, /microsoft\.graph\.lookupMode \("exact" \| "caseInsensitive"/);
    assert.deepEqual(pathsOf('LookupMode', 1), ['$']);
  });

  test('nullability: keys and "Not nullable" properties reject null, others accept it', () => {
    assert.deepEqual(
      errorsOf('ExactMatchSession', { id: null }).map((e) => [e.path, e.actual]),
      [['$.id', 'null']],
    );
    assert.deepEqual(
      pathsOf('ExactMatchDataStore', {
        id: null,
        displayName: null,
        description: null,
        dataLastUpdatedDateTime: null,
      }),
      ['$.id', '$.displayName'],
    );
    assert.deepEqual(
      pathsOf('ExactMatchSession', { checksum: null, error: null, uploadAgent: null, state: null }),
      [],
    );
  });

  test('unknown properties: allowed by default, errors in strict mode; OData annotations always allowed', () => {
    const value = {
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#x',
      '@odata.etag': 'W/"1"',
      '@odata.nextLink': 'https://graph.microsoft.com/v1.0/x?$skiptoken=1',
      'uploadAgent@odata.navigationLink': 'https://graph.microsoft.com/v1.0/x/uploadAgent',
      'state@odata.type': '#microsoft.graph.sessionState',
      '@microsoft.graph.tips': 'x',
      id: 'x',
      bogus: 1,
    };
    assert.deepEqual(errorsOf('ExactMatchSession', value), []);
    const strict = errorsOf('ExactMatchSession', value, { strict: true });
    assert.deepEqual(
      strict.map((e) => e.path),
      ['$.bogus'],
    );
    assert.match(
      strict[0].message,
      /microsoft\.graph\.exactMatchSession has no property "bogus" \(strict mode\)/,
    );
    // Nested values follow the same options.
    assert.deepEqual(
      pathsOf(
        'ExactMatchDataStore',
        { sessions: [{ error: { innerError: { nope: 1 } } }] },
        { strict: true },
      ),
      ['$.sessions[0].error.innerError.nope'],
    );
  });

  test('@odata.type selects the type or a descendant; any other type is an error', () => {
    // Validated as exactMatchSession: its properties are known, its rules apply.
    const session = {
      '@odata.type': '#microsoft.graph.exactMatchSession',
      id: 'x',
      fileName: 'a.csv',
      state: 'failed',
    };
    assert.deepEqual(errorsOf('Entity', session, { strict: true }), []);
    assert.deepEqual(pathsOf('Entity', { ...session, state: 'bogus' }, { strict: true }), [
      '$.state',
    ]);
    // No '#', other case: still the session type.
    assert.deepEqual(
      errorsOf(
        'ExactMatchJobBase',
        { ...session, '@odata.type': 'Microsoft.Graph.ExactMatchSession' },
        { strict: true },
      ),
      [],
    );
    // Without @odata.type the declared type's properties are all there is.
    assert.deepEqual(pathsOf('Entity', { id: 'x', fileName: 'a.csv' }, { strict: true }), [
      '$.fileName',
    ]);
    // A type that is not the declared one or below it.
    const wrong = errorsOf('ExactMatchJobBase', {
      '@odata.type': '#microsoft.graph.exactMatchDataStore',
      id: 'x',
    });
    assert.deepEqual(
      wrong.map((e) => [e.path, e.expected, e.actual]),
      [
        [
          '$["@odata.type"]',
          '#microsoft.graph.exactMatchJobBase or a type derived from it',
          'string "#microsoft.graph.exactMatchDataStore"',
        ],
      ],
    );
    assert.deepEqual(pathsOf('ExactMatchSession', { '@odata.type': '#microsoft.graph.entity' }), [
      '$["@odata.type"]',
    ]);
    assert.deepEqual(pathsOf('ExactMatchSession', { '@odata.type': 5 }), ['$["@odata.type"]']);
    // Complex types too: classificationError derives from classificationErrorBase.
    assert.deepEqual(
      pathsOf(
        'ClassificationErrorBase',
        { '@odata.type': '#microsoft.graph.classificationError', code: 'c', details: 'x' },
        { strict: true },
      ),
      ['$.details'],
    );
    assert.deepEqual(
      pathsOf('ClassificationErrorBase', { code: 'c', details: [] }, { strict: true }),
      ['$.details'],
    );
  });

  test('prototype keys in data are plain data', () => {
    const value = JSON.parse(
      '{"id": "x", "__proto__": {"id": 5}, "constructor": 1, "toString": "a", "hasOwnProperty": 2}',
    ) as object;
    assert.deepEqual(errorsOf('ExactMatchSession', value), []);
    assert.deepEqual(pathsOf('ExactMatchSession', value, { strict: true }), [
      '$.__proto__',
      '$.constructor',
      '$.toString',
      '$.hasOwnProperty',
    ]);
    assert.equal(({} as Record<string, unknown>).id, undefined);
    assert.deepEqual(
      errorsOf('LookupMode', 'constructor').map((e) => e.path),
      ['$'],
    );
    assert.deepEqual(
      errorsOf('LookupMode', '__proto__').map((e) => e.path),
      ['$'],
    );
  });

  test('Edm primitive checkers', () => {
    const ok = (name: string, value: unknown) =>
      assert.equal(
        g.v.runChecker(g.v.edm[name], value).valid,
        true,
        `${name} ${JSON.stringify(value)} should pass`,
      );
    const bad = (name: string, value: unknown) =>
      assert.equal(
        g.v.runChecker(g.v.edm[name], value).valid,
        false,
        `${name} ${JSON.stringify(value)} should fail`,
      );
    for (const v of [
      '3989975e-975e-3989-5e97-89395e978939',
      '00000000-0000-0000-0000-000000000000',
      'ABCDEF01-2345-6789-ABCD-EF0123456789',
    ])
      ok('Guid', v);
    for (const v of [
      'customerId-value',
      '3989975e975e39895e9789395e978939',
      '{3989975e-975e-3989-5e97-89395e978939}',
      '3989975e-975e-3989-5e97-89395e97893g',
      5,
    ])
      bad('Guid', v);
    for (const v of [
      '2021-07-01T12:30:00Z',
      '2016-12-31T23:57:35.2754224+03:00',
      '2017-01-01T00:01:50.447451+00:00',
      '2021-07-01T12:30Z',
      '2020-02-29T23:59:59.1-08:00',
      '0001-01-01T00:00:00Z',
    ])
      ok('DateTimeOffset', v);
    for (const v of [
      'String (timestamp)',
      'datetime-value',
      '2021-07-01',
      '2021-07-01T12:30:00',
      '2021-07-01 12:30:00Z',
      '2021-13-01T00:00:00Z',
      '2021-02-29T00:00:00Z',
      '2021-07-01T24:00:00Z',
      '2021-07-01T12:60:00Z',
      '2021-07-01T12:30:00+0300',
      0,
    ])
      bad('DateTimeOffset', v);
    for (const v of ['2021-07-01', '2020-02-29']) ok('Date', v);
    for (const v of ['2021-02-29', '2021-7-1', '2021-07-01T00:00:00Z', 'Date']) bad('Date', v);
    for (const v of ['08:00:00', '23:59:59.9999999', '08:00']) ok('TimeOfDay', v);
    for (const v of ['24:00:00', '8:00:00', '08:00:00Z', 'String']) bad('TimeOfDay', v);
    for (const v of ['PT1H', 'P1D', '-PT5M', 'PT0S', 'P1DT2H3M4.5S', 'P2W', 'P1Y2M'])
      ok('Duration', v);
    for (const v of ['P', 'PT', '1H', 'P1H', 'PT1D', 'P1DT', '01:00:00', 60]) bad('Duration', v);
    for (const v of ['', 'SGVsbG8=', 'SGVsbG8', 'SGVsbA==', 'a-_b', 'AAAA']) ok('Binary', v);
    for (const v of ['Adfsdfsdfsdfw==', 'base64Y3YxN2E1MWFlYw==', 'a', 'SGVs bG8=', 'SGVsbG8=='])
      bad('Binary', v);
    for (const [name, min, max] of [
      ['Int32', -2147483648, 2147483647],
      ['Int16', -32768, 32767],
      ['Byte', 0, 255],
      ['SByte', -128, 127],
    ] as const) {
      ok(name, min);
      ok(name, max);
      ok(name, 0);
      bad(name, min - 1);
      bad(name, max + 1);
      bad(name, 1.5);
      bad(name, '1');
      bad(name, null);
    }
    for (const v of [0, -1, 2 ** 53 + 2, '9223372036854775807', '-9223372036854775808', '42'])
      ok('Int64', v);
    for (const v of [1.5, '9223372036854775808', '1.0', 'x', '', true]) bad('Int64', v);
    for (const name of ['Double', 'Single', 'Decimal']) {
      for (const v of [0, 1.5, -2e300, 'INF', '-INF', 'NaN']) ok(name, v);
      for (const v of ['inf', 'Infinity', true, null]) bad(name, v);
    }
    ok('Decimal', '12.50');
    bad('Double', '12.50');
    ok('Boolean', false);
    bad('Boolean', 'true');
    bad('Boolean', 'Boolean');
    ok('String', '');
    bad('String', 1);
    ok('Stream', 'abc');
    bad('Stream', {});
    for (const v of [null, 1, 'x', {}, []]) ok('Json', v);
  });
});

describe('validators on the seeds', () => {
  let g: Generated;
  before(async () => {
    g = await build(SEEDS);
  });

  test('the generated package compiles under tsc --strict', () => {
    assert.equal(g.compileOutput, '');
  });

  test('example responses: the create example carries placeholders, the others pass', () => {
    const checked = checkExamples(g);
    assert.equal(checked.length, 4);
    const failing = checked.filter((c) => !c.result.valid);
    assert.deepEqual(
      failing.map((c) => c.op.id),
      ['002_d86fb493a67a73a8'],
    );
    const errors = failing[0].result.errors;
    assert.ok(
      errors.some(
        (e) =>
          e.path === '$.creationDateTime' &&
          e.expected === 'Edm.DateTimeOffset' &&
          e.actual === 'string "String (timestamp)"',
      ),
    );
    assert.ok(
      errors.some(
        (e) =>
          e.path === '$.remainingBlockCount' &&
          e.expected === 'Edm.Int32' &&
          e.actual === 'string "Integer"',
      ),
    );
  });

  test('unresolved types accept anything', () => {
    for (const value of [null, 1, 'x', { a: 1 }])
      assert.equal(
        fn<Validate>(g.v, 'validateExactMatchUploadAgent')(value, { strict: true }).valid,
        true,
      );
    // Its base type is unresolved, so exactMatchSession takes unknown properties even in strict mode.
    assert.equal(
      fn<Validate>(g.v, 'validateExactMatchSession')(
        { id: 'x', somethingElse: 1 },
        { strict: true },
      ).valid,
      true,
    );
  });
});

describe('validators on the v1.0 corpus', () => {
  let g: Generated;
  before(async () => {
    g = await build(CORPUS, true);
  });

  test('the generated package compiles under tsc --strict', () => {
    assert.equal(g.compileOutput, '');
  });

  test('example response bodies validate against the declared response types', () => {
    const checked = checkExamples(g);
    const failing = checked.filter((c) => !c.result.valid);
    const passed = checked.length - failing.length;
    const rate = passed / checked.length;
    const byCategory = new Map<string, string[]>();
    for (const c of failing) {
      const key = category(c.result.errors[0]);
      byCategory.set(key, [
        ...(byCategory.get(key) ?? []),
        `${c.where} ${c.result.errors[0].message}`,
      ]);
    }
    console.log(
      `validators: ${checked.length} example responses, ${passed} pass (${(rate * 100).toFixed(1)} %), ${failing.length} fail; strict: ${checked.filter((c) => !c.response.truncated).length}`,
    );
    for (const [key, items] of [...byCategory].sort((a, b) => b[1].length - a[1].length)) {
      console.log(`  ${items.length} ${key}`);
      for (const item of items.slice(0, 2)) console.log(`      ${item.slice(0, 220)}`);
    }
    assert.ok(checked.length >= 900, `examples checked: ${checked.length}`);
    // Measured: 823 of 959 (85.8 %); every failure sampled is a defect in the docs.
    assert.ok(rate >= 0.84, `pass rate ${(rate * 100).toFixed(1)} %`);
  });

  test('spot checks on real pages', () => {
    const validate = (type: string) => fn<Validate>(g.v, `validate${type}`);
    // directoryObject is open (so are its descendants); assignedLicense is not.
    assert.equal(validate('DirectoryObject')({ id: 'x', extra: 1 }, { strict: true }).valid, true);
    assert.deepEqual(
      validate('AssignedLicense')({ extra: 1 }, { strict: true }).errors.map((e) => e.path),
      ['$.extra'],
    );
    // user-get's example, with the keys Graph adds.
    const user = {
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users/$entity',
      '@odata.type': '#microsoft.graph.user',
      id: '87d349ed-44d7-43e1-9a83-5f2406dee5bd',
      businessPhones: ['+1 425 555 0109'],
      displayName: 'Adele Vance',
      accountEnabled: true,
      assignedLicenses: [{ disabledPlans: [], skuId: '189a915c-fe4f-4ffa-bde4-85b9628d07a0' }],
      createdDateTime: '2017-12-31T23:57:35Z',
    };
    assert.deepEqual(validate('User')(user, { strict: true }).errors, []);
    // A user is a directoryObject and an entity.
    assert.deepEqual(validate('DirectoryObject')(user, { strict: true }).errors, []);
    assert.deepEqual(validate('Entity')(user, { strict: true }).errors, []);
    assert.deepEqual(
      validate('Group')(user).errors.map((e) => e.path),
      ['$["@odata.type"]'],
    );
    assert.deepEqual(
      validate('User')({ assignedLicenses: [{ skuId: 'skuId-value' }] }).errors.map((e) => e.path),
      ['$.assignedLicenses[0].skuId'],
    );
  });
});

/** A hand-made model for what the docs sets do not have: open types, empty enums, awkward names. */
function syntheticModel(): Model {
  const source = { file: 'resources/synthetic.md', line: 1, column: 1 };
  const prop = (name: string, type: TypeRef, more: Partial<PropertyModel> = {}): PropertyModel => ({
    name,
    type,
    collection: false,
    readOnly: false,
    description: '',
    source,
    ...more,
  });
  const str = { kind: 'primitive', name: 'String' } as const;
  const named = (name: string) => ({ kind: 'named', name: `microsoft.graph.${name}` }) as const;
  const type = (
    name: string,
    kind: TypeModel['kind'],
    more: Partial<TypeModel> = {},
  ): TypeModel => ({
    name,
    namespace: 'microsoft.graph',
    fullName: `microsoft.graph.${name}`,
    kind,
    abstract: false,
    open: false,
    description: '',
    properties: [],
    navigationProperties: [],
    members: [],
    derivedTypes: [],
    source,
    ...more,
  });
  return {
    version: 1,
    operations: [],
    types: [
      type('thing', 'entity', {
        key: 'id',
        properties: [
          prop('id', str),
          prop('__proto__', str),
          prop('constructor', { kind: 'primitive', name: 'Int32' }),
          prop('guid', named('guid')),
          prop('mode', named('anything')),
          prop('blob', { kind: 'primitive', name: 'Json' }),
          prop('stuff', named('missing')),
          prop('stuffs', named('missing'), { collection: true }),
          prop('span', { kind: 'primitive', name: 'Duration' }, { nullable: false }),
        ],
      }),
      type('guid', 'complex', { properties: [prop('value', { kind: 'primitive', name: 'Guid' })] }),
      type('anything', 'enum'),
      type('missing', 'unresolved'),
      type('openThing', 'complex', {
        open: true,
        properties: [prop('a', str)],
        derivedTypes: ['microsoft.graph.openChild'],
      }),
      type('openChild', 'complex', {
        baseType: 'microsoft.graph.openThing',
        properties: [prop('b', str)],
      }),
      type('validationResult', 'complex', {
        properties: [prop('valid', { kind: 'primitive', name: 'Boolean' })],
      }),
    ],
  };
}

describe('validators on a synthetic model', () => {
  let g: Generated;
  before(async () => {
    g = await build(syntheticModel());
  });
  const validate = (type: string) => fn<Validate>(g.v, `validate${type}`);
  const pathsOf = (type: string, value: unknown, options?: ValidateOptions) =>
    validate(type)(value, options).errors.map((e) => e.path);

  test('the generated package compiles under tsc --strict (type names like Guid do not clash with the runtime)', () => {
    assert.equal(g.compileOutput, '');
    assert.equal(typeof g.v.validateGuid, 'function');
    assert.equal(typeof g.v.validateValidationResultType, 'function');
  });

  test('documented properties named __proto__ and constructor are checked as data', () => {
    assert.deepEqual(
      pathsOf('Thing', JSON.parse('{"__proto__": "x", "constructor": 5}'), { strict: true }),
      [],
    );
    assert.deepEqual(
      pathsOf('Thing', JSON.parse('{"__proto__": 5, "constructor": "x"}'), { strict: true }),
      ['$.__proto__', '$.constructor'],
    );
    assert.deepEqual(pathsOf('Thing', JSON.parse('{"toString": 5}'), { strict: true }), [
      '$.toString',
    ]);
  });

  test('nested types, Duration, Json, unresolved and empty enums', () => {
    assert.deepEqual(pathsOf('Thing', { guid: { value: 'not-a-guid' }, span: 'PT1H' }), [
      '$.guid.value',
    ]);
    assert.deepEqual(pathsOf('Thing', { span: '1 hour' }), ['$.span']);
    assert.deepEqual(pathsOf('Thing', { span: null }), ['$.span']);
    assert.deepEqual(
      pathsOf(
        'Thing',
        { mode: 'whatever', blob: { any: [1, null] }, stuff: null, stuffs: [1, null, 'x'] },
        { strict: true },
      ),
      [],
    );
    assert.deepEqual(pathsOf('Thing', { mode: 3, stuffs: {} }), ['$.mode', '$.stuffs']);
    assert.equal(validate('Anything')('any string at all').valid, true);
    for (const value of [undefined, null, 0, 'x', [], {}])
      assert.equal(validate('Missing')(value, { strict: true }).valid, true);
  });

  test('open types and their descendants take unknown properties in strict mode', () => {
    assert.deepEqual(pathsOf('OpenThing', { a: 'x', extra: 1 }, { strict: true }), []);
    assert.deepEqual(pathsOf('OpenThing', { a: 1, extra: 1 }, { strict: true }), ['$.a']);
    assert.deepEqual(
      pathsOf(
        'OpenThing',
        { '@odata.type': '#microsoft.graph.openChild', b: 2, extra: 1 },
        { strict: true },
      ),
      ['$.b'],
    );
    assert.deepEqual(pathsOf('OpenChild', { b: 'x', extra: 1 }, { strict: true }), []);
    assert.deepEqual(
      pathsOf(
        'Guid',
        { value: '00000000-0000-0000-0000-000000000000', extra: 1 },
        { strict: true },
      ),
      ['$.extra'],
    );
  });
});
