import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT, runCliSync, SEEDS, tempDir } from './helpers.js';

const cli = (args: string[], cwd = ROOT) => runCliSync(args, { cwd });

test('--help lists the commands', () => {
  const r = cli(['--help']);
  assert.equal(r.code, 0);
  for (const command of ['generate', 'model'])
    assert.match(r.stdout, new RegExp(`docs2ts ${command}`));
});

test('usage errors exit 2 with a clear message', () => {
  const unknown = cli(['model', '--no-such-flag']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /Unknown argument/i);
  const missing = cli(['model', '--docs', path.join(tempDir(), 'missing')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /Docs folder not found/);
  assert.equal(cli([]).code, 2);
  const threads = cli(['model', '--threads', '0']);
  assert.equal(threads.code, 2);
  assert.match(threads.stderr, /--threads 0: expected 1-64/);
});

test('model --out writes the model as stable JSON with a version', async () => {
  const out = path.join(tempDir(), 'model.json');
  const r = cli(['model', '--docs', SEEDS, '--out', out, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  const text = await fs.readFile(out, 'utf8');
  const model = JSON.parse(text) as {
    version: number;
    types: { name: string }[];
    operations: unknown[];
  };
  assert.equal(model.version, 1);
  assert.equal(model.operations.length, 4);
  const again = path.join(tempDir(), 'model.json');
  cli(['model', '--docs', SEEDS, '--out', again, '--quiet']);
  assert.equal(await fs.readFile(again, 'utf8'), text, 'byte-identical across runs');
});

test('with no --docs, model reads the shipped fixtures; a config file sets defaults', async () => {
  const dir = tempDir();
  const r = cli(['model'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(
    (JSON.parse(r.stdout) as { types: { name: string }[] }).types.some(
      (t) => t.name === 'exactMatchSession',
    ),
  );
  await fs.writeFile(path.join(dir, 'docs2ts.config.json'), JSON.stringify({ docs: SEEDS }));
  const seeds = JSON.parse(cli(['model', '--quiet'], dir).stdout) as { operations: unknown[] };
  assert.equal(seeds.operations.length, 4);
  await fs.writeFile(path.join(dir, 'docs2ts.config.json'), JSON.stringify({ dcos: SEEDS }));
  const bad = cli(['model'], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown key "dcos"/);
});

test('generated/ is what the fixtures produce (generate --check)', () => {
  const r = cli(['generate', '--check', '--out', path.join(ROOT, 'generated')]);
  assert.equal(r.code, 0, `generated/ is stale; run npm run regen\n${r.stdout}`);
});

test('generate --check reports added, changed and removed files and exits 1', async () => {
  const out = path.join(tempDir(), 'out');
  assert.equal(cli(['generate', '--docs', SEEDS, '--out', out, '--quiet']).code, 0);
  assert.equal(cli(['generate', '--docs', SEEDS, '--out', out, '--check']).code, 0);
  const someModel = (await fs.readdir(path.join(out, 'src/models'))).find((f) => f !== 'index.ts')!;
  await fs.appendFile(path.join(out, 'src/models', someModel), '// edited\n');
  await fs.writeFile(path.join(out, 'src/extra.ts'), '');
  await fs.rm(path.join(out, 'README.md'));
  const r = cli(['generate', '--docs', SEEDS, '--out', out, '--check']);
  assert.equal(r.code, 1);
  assert.match(r.stdout, new RegExp(`changed +src/models/${someModel}`));
  assert.match(r.stdout, /removed +src\/extra\.ts/);
  assert.match(r.stdout, /added +README\.md/);
});

test('generate refuses an output folder holding the docs, or one it did not write', async () => {
  const docs = tempDir();
  await fs.copyFile(path.join(SEEDS, (await fs.readdir(SEEDS))[0]), path.join(docs, 'page.txt'));
  assert.equal(cli(['generate', '--docs', docs, '--out', docs]).code, 2);
  const foreign = tempDir();
  await fs.writeFile(path.join(foreign, 'precious.txt'), 'keep me');
  const r = cli(['generate', '--docs', docs, '--out', foreign]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /not written by docs2ts/);
  assert.equal(await fs.readFile(path.join(foreign, 'precious.txt'), 'utf8'), 'keep me');
});
