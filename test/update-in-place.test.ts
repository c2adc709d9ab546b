import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { commitUpdate, fitsInPlace } from '../src/build/update-in-place.js';
import { recoverOutput, writeOutput } from '../src/build/write.js';
import { snapshot, tempDir } from './helpers.js';

const files = (entries: Record<string, string>) =>
  Object.entries(entries).map(([p, content]) => ({ path: p, content }));

const OLD = { 'src/a.ts': 'a1\n', 'src/b/b.ts': 'b1\n', 'src/c/c.ts': 'c1\n', 'README.md': 'r\n' };
// b changes, c goes away (and its folder with it), d is new.
const NEW = { 'src/a.ts': 'a1\n', 'src/b/b.ts': 'b2\n', 'src/d/d.ts': 'd1\n', 'README.md': 'r\n' };

async function written(entries: Record<string, string>) {
  const out = path.join(tempDir(), 'out');
  await writeOutput(out, files(entries));
  return out;
}

test('an update in place writes only what changed, removes what went away, and matches a fresh write', async () => {
  const out = await written(OLD);
  const untouched = (await fs.stat(path.join(out, 'src/a.ts'))).ino;
  await fs.writeFile(path.join(out, 'stray.txt'), 'left by hand');
  const stats = await writeOutput(out, files(NEW));
  assert.deepEqual(stats, { written: 2, unchanged: 2 });
  assert.equal((await fs.stat(path.join(out, 'src/a.ts'))).ino, untouched);
  await assert.rejects(fs.stat(path.join(out, 'src/c')), 'the emptied folder is removed');
  assert.deepEqual(await snapshot(out), await snapshot(await written(NEW)));
  assert.deepEqual(
    (await fs.readdir(path.dirname(out))).filter((n) => n.includes('docs2ts-')),
    [],
    'no staging folder left',
  );
});

test('a run killed after its commit is finished by the next; one killed before leaves the old output', async () => {
  const target = await written(NEW);
  const fresh = await snapshot(target);
  const manifest = {
    path: '.docs2ts-manifest.json',
    content: await fs.readFile(path.join(target, '.docs2ts-manifest.json'), 'utf8'),
  };
  const writes = files({ 'src/b/b.ts': 'b2\n', 'src/d/d.ts': 'd1\n' });
  for (const movedBeforeKill of [0, 1, 2]) {
    const out = await written(OLD);
    const staging = path.join(path.dirname(out), '.out.docs2ts-staging');
    commitUpdate(staging, { writes, removed: ['src/c/c.ts'], manifest });
    // What a kill during the moves leaves: some files moved already.
    for (const { path: file } of writes.slice(0, movedBeforeKill)) {
      await fs.mkdir(path.dirname(path.join(out, file)), { recursive: true });
      await fs.rename(path.join(staging, file), path.join(out, file));
    }
    await recoverOutput(out);
    assert.deepEqual(await snapshot(out), fresh, `${movedBeforeKill} moved before the kill`);
    await assert.rejects(fs.stat(staging));
  }
  // Something made by hand where a committed file goes, before the next run finishes the update:
  // a folder at a file's path, a file at a folder's. The update still completes.
  {
    const out = await written(OLD);
    const staging = path.join(path.dirname(out), '.out.docs2ts-staging');
    commitUpdate(staging, { writes, removed: ['src/c/c.ts'], manifest });
    await fs.rm(path.join(out, 'src/b/b.ts'));
    await fs.mkdir(path.join(out, 'src/b/b.ts/x'), { recursive: true });
    await fs.writeFile(path.join(out, 'src/d'), 'in the way');
    await recoverOutput(out);
    assert.deepEqual(await snapshot(out), fresh, 'entries in the way');
  }
  // Killed while staging (no commit file yet): the staging folder is dropped, the old output stays.
  const out = await written(OLD);
  const before = await snapshot(out);
  const staging = path.join(path.dirname(out), '.out.docs2ts-staging');
  assert.throws(() =>
    commitUpdate(staging, { writes, removed: [], manifest }, () => {
      throw new Error('killed');
    }),
  );
  await recoverOutput(out);
  assert.deepEqual(await snapshot(out), before);
  await assert.rejects(fs.stat(staging));
});

test('a file where the output has a folder, or under one of its files, is not updated in place', async () => {
  const existing = ['src/a.ts', 'src/b/b.ts'];
  assert.ok(fitsInPlace([{ path: 'src/b/c.ts' }, { path: 'src/e.ts' }], existing));
  assert.ok(!fitsInPlace([{ path: 'src/b' }], existing));
  assert.ok(!fitsInPlace([{ path: 'src/a.ts/x.ts' }], existing));
  // writeOutput then swaps the whole output instead, with the same result.
  const out = await written({ 'src/a.ts': 'a\n', 'src/b/b.ts': 'b\n' });
  const next = { 'src/a.ts/x.ts': 'x\n', 'src/b': 'b\n' };
  await writeOutput(out, files(next));
  assert.deepEqual(await snapshot(out), await snapshot(await written(next)));
});
