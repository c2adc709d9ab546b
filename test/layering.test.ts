import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser';
import { ROOT } from './helpers.js';

// The layering rules of src/ (see the README's Architecture section) live in .dependency-cruiser.cjs.
const config = createRequire(import.meta.url)(
  path.join(ROOT, '.dependency-cruiser.cjs'),
) as IConfiguration;

async function cruiseSrc(baseDir: string): Promise<ICruiseResult> {
  const result = await cruise(['src'], {
    ...config.options,
    baseDir,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
  });
  return result.output as ICruiseResult;
}

const violations = (result: ICruiseResult) =>
  result.summary.violations.map(
    (v) =>
      `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (${v.cycle.map((c) => c.name).join(' → ')})` : ''}`,
  );

test('src/ holds its layering: no cycles, the model the only seam, no stage importing a later one', async () => {
  const result = await cruiseSrc(ROOT);
  const sources = readdirSync(path.join(ROOT, 'src'), { recursive: true }).filter((f) =>
    String(f).endsWith('.ts'),
  );
  // Every source file was read (a cruise that cannot parse TypeScript sees no modules and no violations).
  assert.equal(result.modules.length, sources.length);
  assert.deepEqual(violations(result), []);
});

test('the layering rules catch each kind of violation', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'docs2ts-layering-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const files: Record<string, string[]> = {
    'extract/page.ts': ['../emit/client.js'],
    'emit/client.ts': ['../extract/page.js', './names.js', './operation-names.js'],
    'emit/names.ts': [],
    'emit/operation-names.ts': [],
    'emit/memo.ts': ['./deferred.js'],
    'emit/deferred.ts': ['./memo.js'],
    'model/build.ts': ['../extract/page.js'],
    'text/escape.ts': ['../model/build.js'],
    'mock/server.ts': ['../emit/names.js'],
    'mock/verify.ts': ['../emit/client.js', '../emit/memo.js'],
    'diff/model-diff.ts': ['../emit/names.js', '../emit/client.js'],
    'openapi/paths.ts': ['../model/build.js'],
    'build/up-to-date.ts': ['../emit/memo.js'],
    'read/parse.ts': ['../check/rule.js'],
    'check/rule.ts': [],
    'shared/paths.ts': ['../model/build.js'],
    'emit/validators.ts': ['../format/prettier.js', '../layout/laid-out.js'],
    'emit/emitter.ts': [],
    'format/index.ts': ['../emit/emitter.js', '../emit/names.js'],
    'format/prettier.ts': [],
    'layout/print.ts': ['./laid-out.js', '../emit/emitter.js'],
    'layout/laid-out.ts': [],
  };
  for (const [file, imports] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, 'src', file)), { recursive: true });
    writeFileSync(
      path.join(dir, 'src', file),
      imports.map((i) => `import '${i}';\n`).join('') + 'export {};\n',
    );
  }
  // One violation per broken rule (a cycle is reported once, at the module where it is found first).
  const found = violations(await cruiseSrc(dir));
  assert.deepEqual(found.map((v) => v.split(' (')[0]).sort(), [
    'build-machinery-knows-no-emit-internals: src/build/up-to-date.ts → src/emit/memo.ts',
    'diff-knows-only-emitted-names: src/diff/model-diff.ts → src/emit/client.ts',
    'emit-knows-no-format: src/emit/validators.ts → src/format/prettier.ts',
    'extract-knows-no-later-stage: src/extract/page.ts → src/emit/client.ts',
    'format-knows-only-emitted-files: src/format/index.ts → src/emit/names.ts',
    'laid-out-made-by-layout-only: src/emit/validators.ts → src/layout/laid-out.ts',
    'layout-is-neutral: src/layout/print.ts → src/emit/emitter.ts',
    'model-is-the-only-seam: src/emit/client.ts → src/extract/page.ts',
    'model-knows-no-stage: src/model/build.ts → src/extract/page.ts',
    'no-cycles: src/emit/client.ts → src/extract/page.ts',
    'no-cycles: src/emit/deferred.ts → src/emit/memo.ts',
    'read-knows-no-later-stage: src/read/parse.ts → src/check/rule.ts',
    'readers-know-no-emitters: src/mock/server.ts → src/emit/names.ts',
    'shared-is-neutral: src/shared/paths.ts → src/model/build.ts',
    'text-is-neutral: src/text/escape.ts → src/model/build.ts',
    'verify-knows-only-stub-names-and-bodies: src/mock/verify.ts → src/emit/memo.ts',
  ]);
});

test('src/ keeps only entry points at its top level; the rest sits in folders', () => {
  const top = readdirSync(path.join(ROOT, 'src'), { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
  // cli.ts runs the commands; pipeline.ts (docs → model) and generate.ts (model → files) are the library's.
  assert.deepEqual(top, ['cli.ts', 'generate.ts', 'pipeline.ts']);
});
