import assert from 'node:assert/strict';
import { promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { signatureOf, stillHolds } from '../src/build/folders.js';
import type { BuildRecord } from '../src/build/up-to-date.js';
import { pageOnDisk } from '../src/read/load.js';
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

/** The build record as stored (the build stage's one entry). */
async function storedRecord(cacheDir: string): Promise<BuildRecord> {
  const name = (await fs.readdir(cacheDir)).find((f) => f.startsWith('build-'))!;
  const [, line] = (await fs.readFile(path.join(cacheDir, name), 'latin1')).split('\n');
  return JSON.parse(line.split('\t')[3]) as BuildRecord;
}

test('a run with nothing to do signs anew the output files its record cannot vouch for, once', async () => {
  const { cacheDir, cached } = await docsAndRun();
  cached();
  const built = await storedRecord(cacheDir);
  // Every file was written after the time the record vouches from: none is vouched for yet.
  assert.ok(Object.values(built.outputs).every(([, mtimeMs]) => mtimeMs >= built.writtenAt));
  // Touched into the past (not whole milliseconds: see stillHolds), as by a clock step gone by.
  const out = path.join(path.dirname(cacheDir), 'out');
  const old = (Date.now() - 60_000) / 1000 + 0.0003;
  for (const file of Object.keys(built.outputs)) await fs.utimes(path.join(out, file), old, old);
  assert.ok('upToDate' in cached().timings);
  const resigned = await storedRecord(cacheDir);
  assert.ok(resigned.writtenAt > built.writtenAt);
  assert.equal(resigned.key, built.key);
  assert.deepEqual(Object.keys(resigned.outputs).sort(), Object.keys(built.outputs).sort());
  for (const [file, [, mtimeMs]] of Object.entries(resigned.outputs))
    assert.equal(mtimeMs, statSync(path.join(out, file)).mtimeMs, file);
  // Now vouched for: the next run reads no file and leaves the record as it is.
  assert.ok('upToDate' in cached().timings);
  assert.deepEqual(await storedRecord(cacheDir), resigned);
});

test('after a one-page edit, a run with nothing to do reads the few files it wrote, and keeps the record', async () => {
  const { docs, cacheDir, cached, sameAsFresh } = await docsAndRun();
  cached();
  const out = path.join(path.dirname(cacheDir), 'out');
  const old = (Date.now() - 60_000) / 1000 + 0.0003;
  for (const file of Object.keys((await storedRecord(cacheDir)).outputs))
    await fs.utimes(path.join(out, file), old, old);
  assert.ok('upToDate' in cached().timings);
  const page = path.join(docs, 'resources', 'exactmatchsession.md');
  await fs.writeFile(
    page,
    (await fs.readFile(page, 'utf8')).replace('|checksum|String|', '|checksumV2|String|'),
  );
  const edit = cached();
  assert.ok(edit.written > 0 && edit.written * 6 < 60, `${edit.written} written`);
  const recorded = await storedRecord(cacheDir);
  // The files the edit wrote are read and found unchanged, but few: the record is not rewritten.
  for (let i = 0; i < 2; i++) {
    assert.ok('upToDate' in cached().timings);
    assert.deepEqual(await storedRecord(cacheDir), recorded);
  }
  await sameAsFresh();
});

test('an output file signed in its own clock step stays unvouched when signed anew: a same-size edit shows', async () => {
  const { cacheDir, cached, sameAsFresh } = await docsAndRun();
  cached();
  const out = path.join(path.dirname(cacheDir), 'out');
  const model = path.join(out, 'src', 'models', 'ExactMatchSession.ts');
  // An mtime ahead of the run, as for an edit landing in the clock step the check read it in.
  const soon = new Date(Date.now() + 60_000);
  await fs.utimes(model, soon, soon);
  assert.ok('upToDate' in cached().timings);
  const text = await fs.readFile(model, 'utf8');
  const edited = text.replace('checksum', 'checksuM');
  assert.ok(edited !== text && edited.length === text.length);
  await fs.writeFile(model, edited);
  await fs.utimes(model, soon, soon);
  const run = cached();
  assert.ok(!('upToDate' in run.timings) && run.written === 1);
  await sameAsFresh();
});

test('a page known by its hash reaches a parse worker with its text (structured clone)', async () => {
  const dir = tempDir();
  await fs.writeFile(path.join(dir, 'page.md'), '# Title\n');
  const page = pageOnDisk(dir, 'page.md', 'any');
  assert.deepEqual(structuredClone(page), { file: 'page.md', text: '# Title\n' });
});
