import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { Reporter, type Diagnostic } from '../src/shared/diagnostics.js';
import { listDocs, loadPage } from '../src/read/load.js';
import { readDocs } from '../src/pipeline.js';
import { BIN, tempDir } from './helpers.js';

let pageCount = 0;
const page = () =>
  `---\ntitle: "t"\ndoc_type: resourcePageType\n---\n# widget${++pageCount} resource type\n\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n|id|String|Id.|\n`;

async function docsWith(files: string[]): Promise<string> {
  const dir = tempDir();
  for (const name of files) {
    await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await fs.writeFile(path.join(dir, name), page());
  }
  return dir;
}

const NOBODY = 65534;

/**
 * `docs2ts <command> --docs <docs>` as a user whom `locked/` does not let in. Root reads any
 * folder, so as root it runs as nobody (whom the folder's mode 000 keeps out).
 */
function runAsUnprivileged(
  docs: string,
  command: string[],
): { status: number | null; stdout: string; stderr: string } {
  const asRoot = process.getuid?.() === 0;
  // The temp folder is private to its maker; nobody needs to get in (docs2ts itself is world-readable).
  if (asRoot) chownSync(docs, NOBODY, NOBODY);
  chmodSync(path.join(docs, 'locked'), 0o000);
  const r = spawnSync(process.execPath, [BIN, ...command, '--docs', docs], {
    cwd: docs,
    encoding: 'utf8',
    timeout: 60_000,
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  chmodSync(path.join(docs, 'locked'), 0o755);
  return r;
}

test('an unreadable folder is a placed diagnostic; the other pages are read', async () => {
  const docs = await docsWith(['a.md', 'locked/b.md', 'z/c.md']);
  const check = runAsUnprivileged(docs, ['check', '--format', 'json']);
  assert.equal(check.status, 1, check.stderr);
  const unreadable = (JSON.parse(check.stdout) as Diagnostic[]).filter(
    (d) => d.ruleId === 'load-unreadable',
  );
  assert.deepEqual(
    unreadable.map((d) => [d.file, d.severity]),
    [['locked', 'error']],
  );
  assert.match(unreadable[0].message, /EACCES/);
  const model = runAsUnprivileged(docs, ['model', '--quiet']);
  assert.equal(model.status, 0, model.stderr);
  const files = (JSON.parse(model.stdout) as { types: { source: { file: string } }[] }).types.map(
    (t) => t.source.file,
  );
  assert.deepEqual(files.sort(), ['a.md', 'z/c.md']);
});

test(
  'special files are not read as pages: a named pipe does not hang the run, /proc files give nothing',
  { timeout: 30_000 },
  async () => {
    const docs = await docsWith(['a.md']);
    assert.equal(spawnSync('mkfifo', [path.join(docs, 'pipe.md')]).status, 0);
    await fs.symlink(path.join(docs, 'pipe.md'), path.join(docs, 'pipe-link.md'));
    await fs.symlink('/proc/self/environ', path.join(docs, 'environ.md'));
    await fs.symlink('/dev/zero', path.join(docs, 'zero.md'));
    const { pages, diagnostics } = await readDocs(docs);
    assert.deepEqual(
      pages.map((p) => p.file),
      ['a.md'],
    );
    const about = (file: string) => diagnostics.filter((d) => d.file === file).map((d) => d.ruleId);
    assert.deepEqual(about('pipe.md'), ['load-not-a-file']);
    assert.deepEqual(about('pipe-link.md'), ['load-not-a-file']);
    assert.deepEqual(about('zero.md'), ['load-not-a-file']);
    assert.deepEqual(about('environ.md'), ['load-empty']);
    assert.ok(!JSON.stringify(diagnostics).includes(process.env.PATH!));
    // Put in place of a page after the folder was listed: still not opened for a blocking read.
    const report = new Reporter('');
    assert.equal(await loadPage(docs, 'pipe.md', report), undefined);
    assert.deepEqual(
      report.items.map((d) => d.ruleId),
      ['load-not-a-file'],
    );
  },
);

test('a link to a folder read elsewhere is an alias, read once under its own path; only a link to an ancestor is a loop', async () => {
  const docs = await docsWith(['z/real.md', 'deep/er/x.md']);
  const outside = await docsWith(['far.md']);
  // `alias` sorts before `z`, the folder it names; `ext` names a folder outside the docs.
  await fs.symlink(path.join(docs, 'z'), path.join(docs, 'alias'));
  await fs.symlink(outside, path.join(docs, 'ext'));
  await fs.symlink(path.join(docs, 'deep'), path.join(docs, 'deep', 'er', 'up'));
  const { pages, diagnostics } = await readDocs(docs);
  assert.deepEqual(
    pages.map((p) => p.file),
    ['deep/er/x.md', 'ext/far.md', 'z/real.md'],
  );
  const rules = (rule: string) =>
    diagnostics.filter((d) => d.ruleId === rule).map((d) => [d.file, d.severity]);
  assert.deepEqual(rules('load-folder-alias'), [['alias', 'info']]);
  assert.deepEqual(rules('load-symlink-loop'), [['deep/er/up', 'warning']]);
});

test('a dot-named page is skipped with an info diagnostic', async () => {
  const docs = await docsWith(['a.md', '.draft.md', '.github/skip.md']);
  const { pages, diagnostics } = await readDocs(docs);
  assert.deepEqual(
    pages.map((p) => p.file),
    ['a.md'],
  );
  assert.deepEqual(
    diagnostics.map((d) => [d.file, d.ruleId, d.severity]),
    [['.draft.md', 'load-dot-file', 'info']],
  );
});

test('the docs are listed sorted by path, whatever the folder order, and a file two roots hold once', async () => {
  // A walk reads `a/` before `a-b/`, but `a-b/…` sorts first ('-' before '/').
  const dir = await docsWith(['a/x.md', 'a-b/y.md', 'a.md', 'inner/z.md']);
  const sorted = ['a-b/y.md', 'a.md', 'a/x.md', 'inner/z.md'];
  assert.deepEqual(await listDocs({ roots: [dir] }, new Reporter('')), sorted);
  // Paths of several roots are relative to their common parent.
  const twice = await listDocs({ roots: [dir, path.join(dir, 'inner')] }, new Reporter(''));
  assert.deepEqual(
    twice,
    sorted.map((file) => `${path.basename(dir)}/${file}`),
  );
});
