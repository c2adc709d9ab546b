import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { installedVersion, unverified, VERIFIED_VERSIONS } from '../src/build/library-versions.js';
import { ROOT, tempDir } from './helpers.js';

test('library versions: the installed libraries are the ones the fast paths were proven against', () => {
  // Fails after a bump until the equivalence tests have been run and the table updated.
  assert.deepEqual(unverified('reading'), []);
  assert.deepEqual(unverified('layout'), []);
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  for (const { name, via, version } of [
    ...VERIFIED_VERSIONS.reading,
    ...VERIFIED_VERSIONS.layout,
  ]) {
    if (via.length === 0)
      assert.equal(
        manifest.dependencies[name],
        version,
        `${name} is pinned to the verified version in package.json`,
      );
  }
  assert.equal(installedVersion('no-such-package-docs2ts', []), undefined);
});

test("library versions: another installed remark turns lifting off, and the tree is still remark's", () => {
  // A copy of docs2ts whose node_modules holds every package as installed, but remark-frontmatter
  // claims another version, as an install with a newer remark would.
  const root = tempDir();
  cpSync(path.join(ROOT, 'dist', 'src'), path.join(root, 'dist', 'src'), { recursive: true });
  writeFileSync(path.join(root, 'package.json'), readFileSync(path.join(ROOT, 'package.json')));
  mkdirSync(path.join(root, 'node_modules'));
  for (const entry of readdirSync(path.join(ROOT, 'node_modules'))) {
    if (entry !== 'remark-frontmatter')
      symlinkSync(path.join(ROOT, 'node_modules', entry), path.join(root, 'node_modules', entry));
  }
  const copy = path.join(root, 'node_modules', 'remark-frontmatter');
  cpSync(path.join(ROOT, 'node_modules', 'remark-frontmatter'), copy, { recursive: true });
  const manifest = JSON.parse(readFileSync(path.join(copy, 'package.json'), 'utf8')) as {
    version: string;
  };
  writeFileSync(path.join(copy, 'package.json'), JSON.stringify({ ...manifest, version: '5.0.1' }));
  const page =
    '---\ntitle: t\n---\n# Title\n\n| a | b |\n|---|---|\n| c | d |\n\nSome `code` and a [link](x.md).\n';
  const script = `import('./dist/src/read/parse.js').then((r) => {
    const page = ${JSON.stringify(page)};
    const read = r.parseMarkdown(page);
    const remark = r.parseMarkdown(page, { lift: false });
    process.stdout.write(JSON.stringify({ lifted: read.lifted, same: JSON.stringify(read.tree) === JSON.stringify(remark.tree) }));
  })`;
  const inCopy = JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    }),
  ) as { lifted: number; same: boolean };
  const here = JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
    }),
  ) as { lifted: number; same: boolean };
  assert.ok(here.lifted > 0, 'with the verified versions the page is lifted');
  assert.equal(inCopy.lifted, 0, 'with another version nothing is lifted');
  assert.ok(inCopy.same && here.same);
});
