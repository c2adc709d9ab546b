import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { lockFileOf } from '../src/build/output-lock.js';
import { contentHash, MANIFEST } from '../src/build/write.js';
import { BIN, runCliSync, SESSIONS, snapshot, tempDir } from './helpers.js';

/**
 * Two doc sets that generate different packages, so a run's output can be told apart from the
 * other's; `extra` small types beside the fixtures make the write longer, the window where two
 * runs collide (with 100, five runs without the lock broke the output in every trial).
 */
async function twoDocSets(extra = 0): Promise<[string, string]> {
  const a = path.join(tempDir(), 'docs');
  const b = path.join(tempDir(), 'docs');
  await fs.cp(SESSIONS, a, { recursive: true });
  const table =
    '|Property|Type|Description|\n|:--|:--|:--|\n|id|String|Id.|\n|count|Int32|How many.|\n|when|DateTimeOffset|When.|\n';
  for (let i = 0; i < extra; i++) {
    await fs.writeFile(
      path.join(a, 'resources', `extra${i}.md`),
      `---\ntitle: "extra${i} resource type"\ndoc_type: resourcePageType\n---\n# extra${i} resource type\n\nNamespace: microsoft.graph\n\n## Properties\n${table}`,
    );
  }
  await fs.cp(a, b, { recursive: true });
  const page = path.join(b, 'resources', 'exactmatchsession.md');
  await fs.writeFile(
    page,
    (await fs.readFile(page, 'utf8')).replace('|checksum|String|', '|checksumV2|String|'),
  );
  return [a, b];
}

/** `generate` as users run it (default cache folder in the working folder), in its own process. */
function generate(
  docs: string,
  out: string,
  cwd: string,
  env: Record<string, string> = {},
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [BIN, 'generate', '--docs', docs, '--out', out, '--quiet'],
      { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('close', (code) => resolve({ code, stderr }));
  });
}

/** The manifest lists exactly the files there, each with its content's hash. */
function assertComplete(out: string): void {
  const { files } = JSON.parse(readFileSync(path.join(out, MANIFEST), 'utf8')) as {
    files: Record<string, string>;
  };
  for (const [file, hash] of Object.entries(files))
    assert.equal(contentHash(readFileSync(path.join(out, file))), hash, file);
}

test('N generate runs into one folder at once: each ends with one complete build in place', async () => {
  const [a, b] = await twoDocSets(100);
  const builds: string[] = [];
  for (const docs of [a, b]) {
    const out = path.join(tempDir(), 'out');
    assert.equal(
      runCliSync(['generate', '--docs', docs, '--out', out, '--no-cache', '--quiet']).code,
      0,
    );
    builds.push(JSON.stringify(await snapshot(out)));
  }
  const parent = tempDir();
  const out = path.join(parent, 'out');
  for (let round = 0; round < 3; round++) {
    // Each round writes over the last one's output; with a cold cache (a fresh working folder), then a warm one.
    const cwd = round === 1 ? tempDir() : parent;
    const runs = await Promise.all(
      Array.from({ length: 5 }, (_, i) => generate(i % 2 ? b : a, out, cwd)),
    );
    for (const run of runs) assert.equal(run.code, 0, run.stderr);
    const state = JSON.stringify(await snapshot(out));
    assert.ok(builds.includes(state), `round ${round}: the output is neither build`);
    assertComplete(out);
    assert.deepEqual(
      (await fs.readdir(parent)).filter((f) => f.startsWith('.')),
      [],
      'no staging folder, old twin or lock is left',
    );
  }
});

test('a run that finds the output locked by a live run waits, then gives up with a message naming it', async () => {
  const [docs] = await twoDocSets();
  const out = path.join(tempDir(), 'out');
  assert.equal(
    runCliSync(['generate', '--docs', docs, '--out', out, '--no-cache', '--quiet']).code,
    0,
  );
  const before = await snapshot(out);
  const page = path.join(docs, 'resources', 'exactmatchsession.md');
  await fs.writeFile(
    page,
    (await fs.readFile(page, 'utf8')).replace('|checksum|String|', '|checksumV3|String|'),
  );
  // This test process is alive: its lock is not stale.
  const lock = lockFileOf(out);
  await fs.writeFile(
    lock,
    JSON.stringify({
      pid: process.pid,
      hostname: os.hostname(),
      started: new Date().toISOString(),
    }),
  );
  const started = Date.now();
  const locked = await generate(docs, out, tempDir(), { DOCS2TS_LOCK_TIMEOUT_MS: '600' });
  assert.equal(locked.code, 1);
  assert.ok(Date.now() - started >= 600, 'it waited');
  assert.match(
    locked.stderr,
    new RegExp(
      `^docs2ts: .*out is being written by another docs2ts run \\(pid ${process.pid} on .*\\); gave up after 1 s\\. If no such run is going, delete .*docs2ts-lock\\.\n$`,
    ),
  );
  assert.deepEqual(await snapshot(out), before, 'nothing written');
  // Once the lock is released, the waiting run goes on.
  const waiting = generate(docs, out, tempDir());
  await new Promise((resolve) => setTimeout(resolve, 300));
  await fs.rm(lock);
  assert.equal((await waiting).code, 0);
  assert.match(
    await fs.readFile(path.join(out, 'src/models/ExactMatchSession.ts'), 'utf8'),
    /checksumV3/,
  );
});

test('a lock left by a run that died is taken over, also when its pid was reused', async () => {
  const [docs] = await twoDocSets();
  const dead = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => dead.once('exit', resolve));
  // This test process is alive, but started after this lock was made: the lock's run is gone.
  const reused = { pid: process.pid, started: '2001-01-01T00:00:00.000Z' };
  for (const holder of [{ pid: dead.pid, started: new Date().toISOString() }, reused]) {
    const out = path.join(tempDir(), 'out');
    await fs.writeFile(lockFileOf(out), JSON.stringify({ ...holder, hostname: os.hostname() }));
    const run = await generate(docs, out, tempDir(), { DOCS2TS_LOCK_TIMEOUT_MS: '2000' });
    assert.equal(run.code, 0, run.stderr);
    assertComplete(out);
    await assert.rejects(fs.stat(lockFileOf(out)), 'the lock is released');
  }
});

test(
  'a watcher holds the lock only while it rebuilds: a one-off run between rebuilds does not wait',
  { timeout: 60_000 },
  async () => {
    const [docs] = await twoDocSets();
    const out = path.join(tempDir(), 'out');
    const watcher = spawn(
      process.execPath,
      [BIN, 'generate', '--watch', '--docs', docs, '--out', out, '--no-cache'],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    try {
      let printed = '';
      await new Promise<void>((resolve) =>
        watcher.stdout.on(
          'data',
          (chunk: Buffer) => (printed += chunk.toString()) && /written/.test(printed) && resolve(),
        ),
      );
      // Released once the build's old output is removed, just after the summary line.
      let locked = true;
      for (let i = 0; i < 40 && locked; i++)
        locked = await fs.stat(lockFileOf(out)).then(
          () => new Promise((r) => setTimeout(() => r(true), 50)),
          () => false,
        );
      assert.ok(!locked, 'no lock between rebuilds');
      const run = await generate(docs, out, tempDir(), { DOCS2TS_LOCK_TIMEOUT_MS: '1' });
      assert.equal(run.code, 0, run.stderr);
      assertComplete(out);
    } finally {
      watcher.kill('SIGTERM');
    }
  },
);
