import assert from 'node:assert/strict';
import { promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { signatureOf, stillHolds } from '../src/build/folders.js';
import { runCliSync, SESSIONS, snapshot, tempDir } from './helpers.js';

test('a signature holds while size, mtime and inode stay, and only when older than the clock step', async () => {
  const file = path.join(tempDir(), 'page.md');
  await fs.writeFile(file, 'one');
  const old = new Date(Date.now() - 60_000);
  await fs.utimes(file, old, old);
  const signature = signatureOf(statSync(file));
  assert.ok(stillHolds(file, signature, Date.now()));
  // Taken in the same clock step as the last change: an edit right after could keep the mtime.
  assert.ok(!stillHolds(file, signature, old.getTime() + 50));
  await fs.writeFile(file, 'two');
  assert.ok(!stillHolds(file, signature, Date.now()), 'same size, new mtime');
  await fs.writeFile(file, 'three');
  await fs.utimes(file, old, old);
  assert.ok(!stillHolds(file, signature, Date.now()), 'another size');
  await fs.rm(file);
  assert.ok(!stillHolds(file, signature, Date.now()), 'gone');
});

async function docsAndRun() {
  const dir = tempDir();
  const docs = path.join(dir, 'docs');
  await fs.cp(SESSIONS, docs, { recursive: true });
  const cacheDir = path.join(dir, 'cache');
  const run = (out: string, ...flags: string[]) => {
    const r = runCliSync(['generate', '--docs', docs, '--out', path.join(dir, out), ...flags], {
      cwd: dir,
    });
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout || '{}') as { timings: Record<string, number>; written: number };
  };
  const cached = () => run('out', '--cache-dir', cacheDir, '--json');
  const sameAsFresh = async () => {
    run('fresh', '--no-cache', '--quiet');
    assert.deepEqual(
      await snapshot(path.join(dir, 'out')),
      await snapshot(path.join(dir, 'fresh')),
    );
  };
  return { docs, cacheDir, cached, sameAsFresh };
}

test('pages the build record vouches for are read when the page stage misses them', async () => {
  const { docs, cacheDir, cached, sameAsFresh } = await docsAndRun();
  const old = new Date(Date.now() - 60_000);
  for (const file of await fs.readdir(docs, { recursive: true }))
    await fs.utimes(path.join(docs, file), old, old);
  cached();
  // The page stage gone, the record kept: every page is known by its hash only, and must be read.
  for (const file of await fs.readdir(cacheDir))
    if (file.startsWith('pages-')) await fs.rm(path.join(cacheDir, file));
  const page = path.join(docs, 'resources', 'exactmatchsession.md');
  await fs.writeFile(
    page,
    (await fs.readFile(page, 'utf8')).replace('|checksum|String|', '|checksumV2|String|'),
  );
  assert.ok(cached().written > 0);
  await sameAsFresh();
});

test('a page whose signature was taken in its own clock step is read again, even with size and mtime kept', async () => {
  const { docs, cached, sameAsFresh } = await docsAndRun();
  const page = path.join(docs, 'resources', 'exactmatchsession.md');
  // An mtime ahead of the run: as for an edit landing in the clock step the run read it in.
  const soon = new Date(Date.now() + 60_000);
  await fs.utimes(page, soon, soon);
  cached();
  const text = await fs.readFile(page, 'utf8');
  const edited = text.replace('|checksum|String|', '|checksuM|String|');
  assert.equal(edited.length, text.length);
  await fs.writeFile(page, edited);
  await fs.utimes(page, soon, soon);
  const run = cached();
  assert.ok(!('upToDate' in run.timings) && run.written > 0);
  await sameAsFresh();
});
