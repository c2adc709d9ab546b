import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { MANIFEST, recoverOutput } from '../src/build/write.js';
import { compile, runCliSync, SESSIONS, snapshot, tempDir } from './helpers.js';

/** A project folder (config, default cache) with its docs and the generated package in `out`. */
async function project(config: object = {}): Promise<{ cwd: string; docs: string; out: string }> {
  const cwd = tempDir();
  const docs = path.join(cwd, 'docs');
  await fs.cp(SESSIONS, docs, { recursive: true });
  await fs.writeFile(
    path.join(cwd, 'docs2ts.config.json'),
    JSON.stringify({ docs: 'docs', out: 'out', ...config }),
  );
  return { cwd, docs, out: path.join(cwd, 'out') };
}

/** What `npm install && npm run build` leaves in the package: installed modules, a lock file, the compiled output. */
async function installAndBuild(out: string): Promise<void> {
  await fs.mkdir(path.join(out, 'node_modules', 'typescript'), { recursive: true });
  await fs.writeFile(
    path.join(out, 'node_modules', 'typescript', 'package.json'),
    '{"name":"typescript","version":"5.9.0"}\n',
  );
  await fs.writeFile(path.join(out, 'node_modules', '.package-lock.json'), '{}\n');
  await fs.writeFile(path.join(out, 'package-lock.json'), '{"lockfileVersion":3}\n');
  assert.equal(await compile(out), '');
}

const kept = (s: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(s).filter(([f]) =>
      /^(node_modules|dist)\/|^package-lock\.json$|^coverage\/|^notes\.md$/.test(f),
    ),
  );

test('regenerating keeps node_modules, dist and the lock file; --check and the up-to-date check do not count them', async () => {
  const { cwd, docs, out } = await project();
  const cli = (...args: string[]) => runCliSync(['generate', ...args], { cwd });
  assert.equal(cli('--quiet').code, 0);
  await installAndBuild(out);
  const tooling = kept(await snapshot(out));
  assert.ok(
    Object.keys(tooling).some((f) => f.startsWith('dist/')) &&
      tooling['package-lock.json'] &&
      tooling['node_modules/typescript/package.json'],
  );

  // Nothing changed: up to date (with the cache's record, and without), nothing removed.
  for (const flags of [[], ['--no-cache']]) {
    const check = cli('--check', ...flags);
    assert.equal(check.code, 0, check.stdout);
    assert.doesNotMatch(check.stdout, /removed/);
  }
  const again = cli();
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /\(0 written/);
  assert.deepEqual(kept(await snapshot(out)), tooling);

  // A changed page: the package is rewritten, and what the tooling made is still there.
  const page = path.join(docs, 'resources', 'exactmatchsession.md');
  await fs.writeFile(
    page,
    (await fs.readFile(page, 'utf8')).replace('|checksum|String|', '|checksumV2|String|'),
  );
  assert.equal(cli('--check').code, 1);
  assert.doesNotMatch(cli('--check').stdout, /removed +(node_modules|dist|package-lock)/);
  const rebuilt = cli();
  assert.equal(rebuilt.code, 0, rebuilt.stderr);
  assert.doesNotMatch(rebuilt.stdout, /\(0 written/);
  assert.match(
    await fs.readFile(path.join(out, 'src/models/ExactMatchSession.ts'), 'utf8'),
    /checksumV2/,
  );
  assert.deepEqual(kept(await snapshot(out)), tooling);
  assert.equal(cli('--check', '--no-cache').code, 0);
});

test("the config's keep globs keep more; a file nothing keeps is still removed", async () => {
  const { cwd, out } = await project({ keep: ['coverage/**', 'notes.md'] });
  const cli = (...args: string[]) => runCliSync(['generate', ...args], { cwd });
  assert.equal(cli('--quiet').code, 0);
  await fs.mkdir(path.join(out, 'coverage'));
  await fs.writeFile(path.join(out, 'coverage', 'lcov.info'), 'TN:\n');
  await fs.writeFile(path.join(out, 'notes.md'), 'mine\n');
  await fs.writeFile(path.join(out, 'src', 'extra.ts'), 'export {};\n');
  const check = cli('--check');
  assert.equal(check.code, 1);
  assert.deepEqual(
    check.stdout.split('\n').filter((l) => /^(added|changed|removed)/.test(l)),
    ['removed  src/extra.ts'],
  );
  assert.equal(cli('--quiet').code, 0);
  const after = await snapshot(out);
  assert.ok(after['coverage/lcov.info'] && after['notes.md'] && !after['src/extra.ts']);
  assert.equal(cli('--check').code, 0);
});

test('keep in the config is validated', async () => {
  for (const keep of ['dist', ['/etc/**'], ['../x'], [''], [3]]) {
    const { cwd } = await project({ keep });
    const r = runCliSync(['generate', '--quiet'], { cwd });
    assert.equal(r.code, 2, JSON.stringify(keep));
    assert.match(r.stderr, /"keep" must be an array of globs relative to the output folder/);
  }
});

test('a run killed during the swap gets the kept files back, with the old output', async () => {
  const parent = tempDir();
  const out = path.join(parent, 'out');
  const staging = path.join(parent, '.out.docs2ts-staging');
  const old = path.join(parent, '.out.docs2ts-old');
  // The state between the two renames: the old output moved aside, node_modules already moved into staging.
  await fs.mkdir(path.join(old, 'src'), { recursive: true });
  await fs.writeFile(path.join(old, 'src', 'index.ts'), 'old\n');
  await fs.writeFile(
    path.join(old, MANIFEST),
    JSON.stringify({ generator: 'docs2ts', files: { 'src/index.ts': 'x' } }),
  );
  await fs.mkdir(path.join(staging, 'src'), { recursive: true });
  await fs.writeFile(path.join(staging, 'src', 'index.ts'), 'new\n');
  await fs.writeFile(
    path.join(staging, MANIFEST),
    JSON.stringify({ generator: 'docs2ts', files: { 'src/index.ts': 'y' } }),
  );
  await fs.mkdir(path.join(staging, 'node_modules', 'typescript'), { recursive: true });
  await fs.writeFile(path.join(staging, 'node_modules', 'typescript', 'package.json'), '{}');
  await fs.writeFile(path.join(staging, 'package-lock.json'), '{}');
  await recoverOutput(out);
  assert.deepEqual(Object.keys(await snapshot(out)).sort(), [
    MANIFEST,
    'node_modules/typescript/package.json',
    'package-lock.json',
    'src/index.ts',
  ]);
  assert.equal(await fs.readFile(path.join(out, 'src', 'index.ts'), 'utf8'), 'old\n');
  assert.deepEqual(await fs.readdir(parent), ['out']);
});
