import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as prettier from 'prettier';
import { Kind } from '../src/layout/structure-kind.js';
import { formatFiles, PRETTIER_OPTIONS } from '../src/format/index.js';
import { formatTexts } from '../src/format/prettier.js';
import { HEADER, printWithTsMorph } from '../src/layout/print.js';
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
