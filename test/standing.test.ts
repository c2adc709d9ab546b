import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { Standing } from '../src/build/standing.js';
import { runCliSync, SESSIONS, snapshot, tempDir } from './helpers.js';

/** A copy of the sessions fixture, its pages dated a minute back, and the CLI run on it with a cache folder. */
async function docsAndRun() {
  const dir = tempDir();
  const docs = path.join(dir, 'docs');
  await fs.cp(SESSIONS, docs, { recursive: true });
  const old = new Date(Date.now() - 60_000);
  for (const file of await fs.readdir(docs, { recursive: true }))
    await fs.utimes(path.join(docs, file), old, old);
  const out = path.join(dir, 'out');
  const cacheDir = path.join(dir, 'cache');
  const cached = () => {
    const r = runCliSync(
      ['generate', '--docs', docs, '--out', out, '--cache-dir', cacheDir, '--json'],
      {
        cwd: dir,
      },
    );
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout) as { timings: Record<string, number>; written: number };
    return { ...summary, upToDate: 'upToDate' in summary.timings, stderr: r.stderr };
  };
  const sameAsFresh = async () => {
    const fresh = path.join(dir, 'fresh');
    assert.equal(
      runCliSync(['generate', '--docs', docs, '--out', fresh, '--no-cache', '--quiet']).code,
      0,
    );
    assert.deepEqual(await snapshot(out), await snapshot(fresh));
  };
  const cacheFile = async (kind: string) =>
    path.join(
      cacheDir,
      (await fs.readdir(cacheDir)).find((f) => f.startsWith(`${kind}-`) && f.endsWith('.json'))!,
    );
  /** The standing as stored: the journal's entry when there is one, else the snapshot's. */
  const standing = async (): Promise<Standing> => {
    const file = await cacheFile('standing');
    const text = await fs
      .readFile(`${file}.journal`, 'latin1')
      .catch(() => fs.readFile(file, 'latin1'));
    return JSON.parse(text.trimEnd().split('\n').at(-1)!.split('\t')[3]) as Standing;
  };
  return { docs, out, cached, sameAsFresh, cacheFile, standing };
}

test('with the standing holding, a run with nothing to do does not read the build record', async () => {
  const { docs, cached, sameAsFresh, cacheFile } = await docsAndRun();
  cached();
  // The record made unreadable: a run that read it would warn and build again.
  await fs.writeFile(await cacheFile('build'), 'not a store file');
  const same = cached();
  assert.ok(same.upToDate && same.written === 0, JSON.stringify(same));
  assert.equal(same.stderr, '');
  // Once a page changes, the record is needed again: the build it makes is a fresh one's.
  const page = path.join(docs, 'resources', 'exactmatchsession.md');
  await fs.writeFile(
    page,
    (await fs.readFile(page, 'utf8')).replace('|checksum|String|', '|checksumV2|String|'),
  );
  const edit = cached();
  assert.ok(!edit.upToDate && edit.written > 0);
  await sameAsFresh();
});

test('a file the standing cannot vouch for is read: a same-size edit with its mtime kept shows', async () => {
  const { out, cached, sameAsFresh, standing } = await docsAndRun();
  cached();
  const file = 'src/models/ExactMatchSession.ts';
  const model = path.join(out, file);
  // An mtime ahead of the run, as for a file written in the clock step its signature is taken in.
  const soon = new Date(Date.now() + 60_000);
  await fs.utimes(model, soon, soon);
  assert.ok(cached().upToDate);
  assert.ok(Object.hasOwn((await standing()).fresh, file));
  const text = await fs.readFile(model, 'utf8');
  const edited = text.replace('checksum', 'checksuM');
  assert.ok(edited !== text && edited.length === text.length);
  await fs.writeFile(model, edited);
  await fs.utimes(model, soon, soon);
  const run = cached();
  assert.ok(!run.upToDate && run.written === 1, JSON.stringify(run));
  await sameAsFresh();
});

test('after a cold build, the next run reads the files it wrote once; then the standing vouches for them', async () => {
  const { cached, cacheFile, standing } = await docsAndRun();
  cached();
  const built = await standing();
  const outputs = Object.keys(built.fresh).length;
  assert.ok(outputs > 10, `${outputs} fresh`);
  // A clock step later, the files read and found as written vouch for themselves from now on.
  await new Promise((resolve) => setTimeout(resolve, 150));
  assert.ok(cached().upToDate);
  const signed = await standing();
  assert.deepEqual(signed.fresh, {});
  assert.equal(signed.digest, built.digest);
  const file = await cacheFile('standing');
  const before = await fs.readFile(file, 'latin1');
  assert.ok(cached().upToDate);
  assert.equal(
    await fs.readFile(file, 'latin1'),
    before,
    'a run that reads nothing leaves it as it is',
  );
});

test('a file added to the output is removed and a page added is read; a kept folder is left alone', async () => {
  const { docs, out, cached, sameAsFresh, standing } = await docsAndRun();
  cached();
  await fs.writeFile(path.join(out, 'src', 'stray.ts'), 'export {};\n');
  assert.ok(!cached().upToDate);
  await assert.rejects(fs.stat(path.join(out, 'src', 'stray.ts')));
  await fs.mkdir(path.join(out, 'node_modules', 'some-package'), { recursive: true });
  await fs.writeFile(path.join(out, 'node_modules', 'some-package', 'index.js'), '');
  assert.ok(cached().upToDate);
  assert.deepEqual((await standing()).kept, ['node_modules']);
  // A change inside a kept folder is none of the output's.
  await fs.writeFile(path.join(out, 'node_modules', 'some-package', 'index.js'), 'changed');
  assert.ok(cached().upToDate);
  const page = path.join(docs, 'resources', 'exactmatchsession.md');
  await fs.copyFile(page, path.join(docs, 'resources', 'copied.md'));
  assert.ok(!cached().upToDate);
  await fs.rm(path.join(out, 'node_modules'), { recursive: true });
  await sameAsFresh();
  await fs.rm(path.join(docs, 'resources', 'copied.md'));
  assert.ok(!cached().upToDate);
  await sameAsFresh();
});
