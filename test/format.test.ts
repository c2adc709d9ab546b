import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import * as prettier from 'prettier';
import { sourceFile } from '../src/emit/source-file.js';
import { exportAll, importDeclaration } from '../src/layout/declarations.js';
import { Kind } from '../src/layout/structure-kind.js';
import { LaidOut } from '../src/layout/laid-out.js';
import { formatFiles, PRETTIER_OPTIONS } from '../src/format/index.js';
import { formatTexts } from '../src/format/prettier.js';
import { HEADER, printStatements, printWithTsMorph } from '../src/layout/print.js';
import { generateFiles } from '../src/generate.js';
import { loadDocs } from '../src/read/load.js';
import { buildModel } from '../src/model/build.js';
import { safeReadPage } from '../src/pipeline.js';
import { CORPUS, EMIT_OPTIONS, readOnce, SESSIONS } from './helpers.js';

test('batched formatting gives the bytes prettier gives each file alone (a slice of the corpus)', async () => {
  const { pages } = await loadDocs(CORPUS);
  const { model } = buildModel(
    pages.filter((_, i) => i % 12 === 0).map((p) => safeReadPage(p.file, p.text)),
  );
  const { files } = await generateFiles(model, EMIT_OPTIONS, { format: false });
  const ts = files.filter((f) => f.path.endsWith('.ts'));
  assert.ok(ts.length > 300, `${ts.length} files`);
  const batched = await formatFiles(ts);
  for (const [i, file] of ts.entries()) {
    const alone = await prettier.format(file.content, {
      ...PRETTIER_OPTIONS,
      parser: 'typescript',
    });
    assert.equal(batched[i].content, alone, file.path);
  }
});

test("the layouts print the whole corpus byte for byte as prettier formats ts-morph's print of it", async () => {
  const { model } = await readOnce(CORPUS);
  const { files } = await generateFiles(model, EMIT_OPTIONS, { format: false });
  const ts = files.filter((f) => f.statements);
  assert.ok(ts.length > 4000, `${ts.length} files`);
  const ours = await formatFiles(ts);
  const reference = await formatTexts(
    ts.map((f) => HEADER + printWithTsMorph(f.statements!)),
    'babel-ts',
  );
  const differing = ts.filter((_, i) => ours[i].content !== reference[i]).map((f) => f.path);
  assert.deepEqual(differing, []);
  // And the builders lay out every statement: prettier need not run (nor load) at all.
  const left = ts.flatMap((f) => printStatements(f.statements!).filter((p) => !p.settled));
  assert.deepEqual(
    left.map((p) => p.text.slice(0, 200)),
    [],
  );
});

test('plain text is never trusted: statements written as strings come out as prettier prints their file', async () => {
  // Short, ASCII and under 100 columns, yet not as prettier prints them.
  const examples = [
    'const x = {a: 1};',
    'const y = "q";',
    'fetchIt().then((a) => a).then((b) => b).then((c) => c);',
  ];
  for (const text of examples) {
    assert.equal(printStatements([text])[0].settled, false, text);
    const [file] = await formatFiles([sourceFile('src/x.ts', [text])]);
    const expected = await prettier.format(`${HEADER}${text}\n`, {
      ...PRETTIER_OPTIONS,
      parser: 'typescript',
    });
    assert.equal(file.content, expected, text);
    assert.notEqual(file.content, `${HEADER}${text}\n`, text);
  }
});

test("formatFiles gives prettier's bytes for random unformatted statements among laid-out ones", async () => {
  const ident = fc.constantFrom('a', 'b', 'value', 'options');
  const space = fc.constantFrom('', ' ', '  ');
  const quoted = fc
    .tuple(fc.constantFrom("'", '"'), fc.stringMatching(/^[a-z' ]{0,12}$/))
    .map(([q, t]) => (q === "'" ? `'${t.replace(/'/g, "\\'")}'` : `"${t}"`));
  const { expr, call } = fc.letrec<{ expr: string; object: string; array: string; call: string }>(
    (tie) => ({
      expr: fc.oneof(
        { depthSize: 'small' },
        fc.integer({ min: 0, max: 99999 }).map(String),
        quoted,
        ident,
        tie('object'),
        tie('array'),
        tie('call'),
      ),
      object: fc
        .array(fc.tuple(ident, space, tie('expr')), { maxLength: 4 })
        .map(
          (es) =>
            `{${[...new Map(es.map(([k, s, v]) => [k, `${k}:${s}${v}`])).values()].join(',')}}`,
        ),
      array: fc.array(tie('expr'), { maxLength: 5 }).map((xs) => `[${xs.join(' ,')}]`),
      call: fc
        .tuple(ident, fc.array(tie('expr'), { maxLength: 3 }), fc.array(ident, { maxLength: 4 }))
        .map(
          ([f, args, thens]) =>
            `${f}(${args.join(',')})${thens.map((t) => `.then((${t})=>${t})`).join('')}`,
        ),
    }),
  );
  // Statements of a file, each declaring a name of its own (`#` stands for its index).
  const statement = fc.oneof(
    fc.tuple(space, expr).map(([s, e]) => `const v#${s}=${s}${e};`),
    fc.tuple(call, space, fc.constantFrom('', ';')).map(([c, s, end]) => `${c}${s}${end}`),
    fc
      .tuple(fc.uniqueArray(ident, { minLength: 1 }), quoted)
      .map(
        ([names, from]) => `import {${names.map((n) => `${n} as i#${n}`).join(',')}} from ${from};`,
      ),
    fc
      .array(fc.tuple(ident, fc.constantFrom('string', 'number', "X | 'y'")), { maxLength: 4 })
      .map(
        (ms) =>
          `export interface I# {${[...new Map(ms).entries()].map(([k, t]) => `${k}: ${t}`).join('; ')}}`,
      ),
    fc.constant('laid out'),
  );
  await fc.assert(
    fc.asyncProperty(fc.array(statement, { maxLength: 8 }), async (texts) => {
      const statements = texts.map((t, i) =>
        t === 'laid out'
          ? i % 2
            ? exportAll(`./m${i}.js`)
            : importDeclaration([`l${i}`, `type L${i}`], `./l${i}.js`)
          : t.replace(/#/g, String(i)),
      );
      const file = sourceFile('src/x.ts', statements);
      const [formatted] = await formatFiles([file]);
      const expected = await prettier.format(file.content, {
        ...PRETTIER_OPTIONS,
        parser: 'typescript',
      });
      assert.equal(formatted.content, expected);
    }),
    { numRuns: 150 },
  );
});

test('files emitted as already formatted (the templates) are as prettier prints them', async () => {
  const { model } = await readOnce(SESSIONS);
  const parsers: Record<string, string> = { ts: 'typescript', json: 'json', md: 'markdown' };
  for (const options of [
    EMIT_OPTIONS,
    {
      ...EMIT_OPTIONS,
      strict: true,
      packageName: '@scope/some_api.v2',
      packageVersion: '0.1.0-beta.1',
    },
  ]) {
    const { files } = await generateFiles(model, options, { format: false });
    const formatted = files.filter((f) => f.formatted);
    assert.deepEqual(
      formatted.map((f) => f.path),
      [
        'README.md',
        'package.json',
        'src/client/runtime.ts',
        'src/validators/runtime.ts',
        'tsconfig.json',
      ],
    );
    for (const file of formatted) {
      const parser = parsers[file.path.split('.').pop()!];
      assert.equal(
        await prettier.format(file.content, { ...PRETTIER_OPTIONS, parser }),
        file.content,
        file.path,
      );
    }
  }
  const { files } = await generateFiles(
    model,
    { ...EMIT_OPTIONS, packageName: 'odd *name*' },
    { format: false },
  );
  assert.ok(
    !files.find((f) => f.path === 'README.md')!.formatted,
    'values prettier might escape leave the file to prettier',
  );
});

test("the structure kinds emitters use without loading ts-morph are ts-morph's own", async () => {
  const { StructureKind } = await import('ts-morph');
  for (const [name, value] of Object.entries(Kind))
    assert.equal(value, StructureKind[name as keyof typeof StructureKind], name);
});

test('statements handed back unchanged (a watch rebuild reusing a file) are not printed again', async () => {
  const laidOut = importDeclaration(['A'], './a.js', true);
  assert.ok(laidOut instanceof LaidOut);
  let reads = 0;
  // A laid-out statement that counts how often a printer reads its text.
  const counted = Object.create(LaidOut.prototype, {
    text: {
      get: () => {
        reads++;
        return laidOut.text;
      },
    },
  }) as LaidOut;
  const statements = [counted];
  const file = () => ({ path: 'src/a.ts', content: '', statements });
  const [first] = await formatFiles([file()]);
  const [again] = await formatFiles([file()]);
  assert.equal(reads, 1);
  assert.equal(again.content, first.content);
  assert.match(first.content, /^import type \{ A \} from '\.\/a\.js';$/m);
  // Other statements with the same text are printed for themselves.
  const [other] = await formatFiles([{ ...file(), statements: [...statements] }]);
  assert.equal(reads, 2);
  assert.equal(other.content, first.content);
});
