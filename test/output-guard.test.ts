import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { runCliSync, SEEDS, snapshot, tempDir } from './helpers.js';

const generate = (docs: string, out: string) =>
  runCliSync(['generate', '--docs', docs, '--out', out, '--no-cache', '--quiet']);

/** Refused as a usage error: exit 2, one line naming the folder, no stack. */
function assertRefused(r: { code: number | null; stderr: string }, why: RegExp): void {
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /^docs2ts: Refusing output folder [^\n]+\.\n$/);
  assert.match(r.stderr, why);
}

async function docsCopy(parent = tempDir()): Promise<string> {
  const docs = path.join(parent, 'docs');
  await fs.cp(SEEDS, docs, { recursive: true });
  return docs;
}

test('--docs through a symlink into the output folder is refused; the docs in it stay', async () => {
  const out = path.join(tempDir(), 'out');
  assert.equal(generate(await docsCopy(), out).code, 0);
  const inside = await docsCopy(out);
  const link = path.join(tempDir(), 'docs-link');
  await fs.symlink(inside, link);
  const before = await snapshot(out);
  assertRefused(generate(link, out), /it contains the docs folder .*docs-link \(.*out\/docs\)/);
  assert.deepEqual(await snapshot(out), before);
});

test('--out a symlink to the docs, or the docs through a symlinked parent, is refused', async () => {
  const docs = await docsCopy();
  const before = await snapshot(docs);
  const link = path.join(tempDir(), 'out-link');
  await fs.symlink(docs, link);
  assertRefused(generate(docs, link), /contains the docs folder/);
  const parentLink = path.join(tempDir(), 'parent-link');
  await fs.symlink(path.dirname(docs), parentLink);
  assertRefused(
    generate(docs, path.join(parentLink, 'docs', 'generated')),
    /inside the docs folder/,
  );
  assert.deepEqual(await snapshot(docs), before);
});

test('--out inside the docs folder is refused, and nothing is made there', async () => {
  const docs = await docsCopy();
  const before = await snapshot(docs);
  assertRefused(generate(docs, path.join(docs, 'generated')), /it is inside the docs folder/);
  assertRefused(
    generate(docs, path.join(docs, 'deeper', 'generated')),
    /it is inside the docs folder/,
  );
  assert.deepEqual(await snapshot(docs), before);
  assert.deepEqual(
    (await fs.readdir(docs)).sort(),
    (await fs.readdir(SEEDS)).sort(),
    'no staging folder or lock in the docs',
  );
});

test('--out naming a file, or a path through a file, is refused; the file stays', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'notes.txt');
  await fs.writeFile(file, 'precious');
  const docs = await docsCopy();
  assertRefused(generate(docs, file), /it is a file, not a folder/);
  assertRefused(generate(docs, path.join(file, 'out')), /notes\.txt is a file/);
  assert.equal(await fs.readFile(file, 'utf8'), 'precious');
  assert.deepEqual(await fs.readdir(dir), ['notes.txt'], 'no staging folder or lock beside it');
});

test('--out / is a one-line usage error, no stack', async () => {
  const r = generate(await docsCopy(), '/');
  assertRefused(r, /it is the file system root/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});
