import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { hash } from '../src/build/store.js';
import { runCliSync, SESSIONS, snapshot, tempDir } from './helpers.js';

/**
 * A doc set built once with a cache folder, then the cache tampered with. Every tampering must
 * end in the output a --no-cache build makes, `--check` agreeing with `--check --no-cache`,
 * and a warning on stderr.
 */
async function tampered(
  tamper: (cache: (kind: string) => Promise<string>, out: string) => Promise<void>,
  { editAfter = true, extra = async (_docs: string) => {} } = {},
) {
  const dir = tempDir();
  const docs = path.join(dir, 'docs');
  await fs.cp(SESSIONS, docs, { recursive: true });
  await extra(docs);
  const cacheDir = path.join(dir, 'cache');
  const generate = (out: string, ...flags: string[]) =>
    runCliSync(['generate', '--docs', docs, '--out', path.join(dir, out), ...flags], { cwd: dir });
  const cached = (...flags: string[]) => generate('out', '--cache-dir', cacheDir, ...flags);
  assert.equal(cached().code, 0);
  // An edit that leaves the model as it was: the next run reuses every cache.
  const edit = () => fs.appendFile(path.join(docs, 'resources', 'entity.md'), '\nMore prose.\n');
  await edit();
  assert.equal(cached().code, 0);
  const cache = async (kind: string) =>
    path.join(
      cacheDir,
      (await fs.readdir(cacheDir)).find((f) => f.startsWith(`${kind}-`) && f.endsWith('.json'))!,
    );
  await tamper(cache, path.join(dir, 'out'));
  // An entry is verified when it is asked for: the build record only while the docs are as it says.
  if (editAfter) await edit();
  const run = cached('--json');
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /docs2ts: warning: ignored .*damaged or edited/);
  assert.equal(generate('fresh', '--no-cache', '--quiet').code, 0);
  assert.deepEqual(await snapshot(path.join(dir, 'out')), await snapshot(path.join(dir, 'fresh')));
  const fresh = JSON.parse(generate('fresh', '--no-cache', '--json').stdout) as Record<
    string,
    unknown
  >;
  const summary = JSON.parse(run.stdout) as Record<string, unknown>;
  for (const k of ['pages', 'types', 'operations', 'files', 'diagnostics'])
    assert.equal(summary[k], fresh[k], k);
  assert.equal(cached('--check').code, 0);
  assert.equal(generate('out', '--check', '--no-cache').code, 0);
  // What was rebuilt is sound again: the next run warns no more.
  await edit();
  assert.doesNotMatch(cached().stderr, /warning: ignored/);
}

const edited = (file: string, from: string | RegExp, to: string) => async () => {
  const text = await fs.readFile(file, 'latin1');
  assert.ok(text.search(from) >= 0, `${String(from)} in ${file}`);
  await fs.writeFile(file, text.replace(from, to), 'latin1');
};

/**
 * A store entry as a buggy writer would leave it: the value of every entry line (`key TAB
 * inputs TAB check TAB value`) changed, its check recomputed over the wrong JSON.
 */
const rewritten = (file: string, change: (value: Record<string, unknown>) => void) => async () => {
  const lines = (await fs.readFile(file, 'latin1')).split('\n');
  const entries = lines.slice(1).map((line) => {
    const [key, inputs, , json] = line.split('\t');
    const value = JSON.parse(json) as Record<string, unknown>;
    change(value);
    const text = JSON.stringify(value).replace(
      /[\u0080-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    return [key, inputs, hash(text), text].join('\t');
  });
  await fs.writeFile(file, [lines[0], ...entries].join('\n'), 'latin1');
};

/**
 * A stub too long for the layouts (its name alone is near the line width) goes to prettier, and
 * the format cache keeps prettier's text of it. Its output file is edited by hand too, so that
 * the run cannot link it as the last build wrote it and asks the cache for it.
 */
const longStub = 'listExactMatchDataStoreEveryDataStoreOfTheDataClassificationServiceInTheTenant';
const withLongStub = async (docs: string) => {
  const page = await fs.readFile(path.join(docs, 'api', 'exactmatchdatastore-list.md'), 'utf8');
  await fs.writeFile(
    path.join(
      docs,
      'api',
      'exactmatchdatastore-list-every-data-store-of-the-data-classification-service-in-the-tenant.md',
    ),
    page.replace(/^title: .*$/m, 'title: "List exactMatchDataStores of the tenant"'),
  );
};

test('an edited format-cache entry is not printed into the output', () =>
  tampered(
    async (cache, out) => {
      await edited(await cache('format'), "method: 'GET'", "method: 'PUT'")();
      await fs.appendFile(path.join(out, 'src', 'client', 'operations', `${longStub}.ts`), '//');
    },
    { extra: withLongStub },
  ));

test('an edited page-cache entry (a renamed property) is not read into the model', () =>
  tampered(async (cache) => {
    await edited(await cache('pages'), '"name":"checksum"', '"name":"checksumX"')();
  }));

test('a journal line appended by hand (an entry with another value) is not used', () =>
  tampered(async (cache) => {
    const file = await cache('pages');
    const line = (await fs.readFile(file, 'latin1'))
      .split('\n')
      .find((l) => l.startsWith('"resources/exactmatchsession.md"'))!;
    const journal = `${file}.journal`;
    const head =
      (await fs.readFile(journal, 'latin1').catch(() => '')) ||
      (await fs.readFile(file, 'latin1')).split('\n')[0];
    await fs.writeFile(
      journal,
      `${head}\n${line.replace('"name":"checksum"', '"name":"checksumX"')}`,
      'latin1',
    );
  }));

test('memo entries of the wrong shape (names: null), or edited, are ignored', async () => {
  await tampered(async (cache) => rewritten(await cache('memo'), (file) => (file.names = null))());
  await tampered(async (cache) =>
    edited(await cache('memo'), /"statements":"[0-9a-f]+"/, '"statements":"0"')(),
  );
});

test('statement keys of the wrong shape (a number for a key), or edited, are ignored', async () => {
  await tampered(async (cache) =>
    rewritten(await cache('keys'), (keys) => (keys['src/index.ts'] = 0 as unknown as string))(),
  );
  await tampered(async (cache) => edited(await cache('keys'), /"[0-9a-f]{32}"/, '"0"')());
});

/** The standing gone (see standing.ts), a run with nothing to do goes by the build record. */
const withoutStanding = async (cache: (kind: string) => Promise<string>) =>
  fs.rm(await cache('standing'));

test('a build record of the wrong shape (no diagnostics), or with edited content, is ignored', async () => {
  await tampered(
    async (cache) => {
      await rewritten(await cache('build'), (record) => delete record.diagnostics)();
      await withoutStanding(cache);
    },
    { editAfter: false },
  );
  await tampered(
    async (cache) => {
      await edited(await cache('build'), /"pages":\d+/, '"pages":1')();
      await withoutStanding(cache);
    },
    { editAfter: false },
  );
});

/** The standing's entry as stored: in its journal when the last run appended it there, else in the snapshot. */
const standingFile = async (cache: (kind: string) => Promise<string>) => {
  const snapshot = await cache('standing');
  const journal = `${snapshot}.journal`;
  return (await fs.stat(journal).catch(() => undefined)) ? journal : snapshot;
};

test('a standing of the wrong shape (no diagnostics), or with edited content, is ignored', async () => {
  await tampered(
    async (cache) =>
      rewritten(await standingFile(cache), (standing) => delete standing.diagnostics)(),
    { editAfter: false },
  );
  await tampered(async (cache) => edited(await standingFile(cache), /"pages":\d+/, '"pages":1')(), {
    editAfter: false,
  });
});

test("temp files of killed runs are removed from the cache folder; a live run's recent one is kept", async () => {
  const dir = tempDir();
  const cacheDir = path.join(dir, 'cache');
  await fs.mkdir(cacheDir);
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  }).stdout;
  const temp = (pid: string | number) => path.join(cacheDir, `pages-0123456789ab.json.${pid}.tmp`);
  await fs.writeFile(temp(dead), 'x'.repeat(1 << 20));
  await fs.writeFile(temp(process.pid), 'a live run is writing this');
  await fs.writeFile(temp(1), 'old');
  const old = new Date(Date.now() - 60 * 60_000);
  await fs.utimes(temp(1), old, old);
  assert.equal(
    runCliSync(
      [
        'generate',
        '--docs',
        SESSIONS,
        '--out',
        path.join(dir, 'out'),
        '--cache-dir',
        cacheDir,
        '--quiet',
      ],
      { cwd: dir },
    ).code,
    0,
  );
  const left = (await fs.readdir(cacheDir)).filter((f) => f.endsWith('.tmp'));
  assert.deepEqual(left, [path.basename(temp(process.pid))]);
});
