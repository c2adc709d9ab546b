import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  existsSync,
  openSync,
  promises as fs,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { writeFileAtomic } from '../src/build/write.js';
import { BIN, ROOT, runCliSync, SESSIONS, SEEDS, tempDir } from './helpers.js';

test('generate says "reading pages" once', () => {
  const r = runCliSync(['generate', '--docs', SESSIONS, '--out', path.join(tempDir(), 'out')], {
    cwd: tempDir(),
    env: { CI: '1' },
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr.match(/reading pages/g)?.length, 1, r.stderr);
});

test('an empty docs folder is an error (exit 1, one line) unless the config allows it', async () => {
  const cwd = tempDir();
  const docs = path.join(cwd, 'docs');
  await fs.mkdir(docs);
  await fs.writeFile(path.join(docs, 'notes.txt'), 'not a page\n');
  const out = path.join(cwd, 'out');
  for (const command of [['generate', '--out', out], ['check'], ['model'], ['openapi']]) {
    const r = runCliSync([...command, '--docs', docs], { cwd });
    assert.equal(r.code, 1, command[0]);
    assert.match(
      r.stderr,
      /(^|\n)docs2ts: No pages in .*docs: .*Set "allowEmpty": true in the config to allow it\.\n$/,
      command[0],
    );
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
  await assert.rejects(fs.stat(out), 'nothing written');
  await fs.writeFile(path.join(cwd, 'docs2ts.config.json'), JSON.stringify({ allowEmpty: true }));
  const allowed = runCliSync(['check', '--docs', docs, '--format', 'json'], { cwd });
  assert.equal(allowed.code, 0, allowed.stderr);
  assert.deepEqual(
    (JSON.parse(allowed.stdout) as { ruleId: string; severity: string }[]).map((d) => [
      d.ruleId,
      d.severity,
    ]),
    [['load-no-pages', 'info']],
  );
  assert.equal(runCliSync(['generate', '--docs', docs, '--out', out, '--quiet'], { cwd }).code, 0);
  await fs.writeFile(path.join(cwd, 'docs2ts.config.json'), JSON.stringify({ allowEmpty: 'yes' }));
  const bad = runCliSync(['check', '--docs', docs], { cwd });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /"allowEmpty" must be true or false/);
});

test('model and openapi --out write through a fresh temporary file, never through one planted at a guessable name', async () => {
  const dir = tempDir();
  const victim = path.join(dir, 'victim.txt');
  await fs.writeFile(victim, 'precious');
  const target = path.join(dir, 'model.json');
  // The name the old writer used for this process.
  await fs.symlink(victim, `${target}.${process.pid}.tmp`);
  await writeFileAtomic(target, '{"ok":true}\n');
  assert.equal(await fs.readFile(victim, 'utf8'), 'precious');
  assert.equal(await fs.readFile(target, 'utf8'), '{"ok":true}\n');
  assert.deepEqual(
    (await fs.readdir(dir)).filter((f) => f.endsWith('.tmp') && !f.includes(String(process.pid))),
    [],
    'no temporary file left',
  );

  for (const command of ['model', 'openapi']) {
    const out = path.join(dir, `${command}.json`);
    assert.equal(runCliSync([command, '--docs', SEEDS, '--out', out, '--quiet']).code, 0);
    assert.ok(JSON.parse(readFileSync(out, 'utf8')));
    const folder = runCliSync([command, '--docs', SEEDS, '--out', dir]);
    assert.equal(folder.code, 2);
    assert.match(folder.stderr, /^docs2ts: --out .*: a folder; name a file\.\n$/);
  }
  assert.deepEqual(
    readdirSync(dir).filter((f) => /\.[0-9a-f]{16}\.tmp$/.test(f)),
    [],
  );
});

test('an --out whose folder cannot be made is one line, exit 1, and ends (no endless mkdir under /proc)', () => {
  for (const command of [
    ['model', '--out', '/proc/docs2ts-none/model.json'],
    ['generate', '--out', '/proc/docs2ts-none/out'],
  ]) {
    const r = spawnSync(process.execPath, [BIN, ...command, '--docs', SEEDS, '--quiet'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(r.status, 1, `${command[0]}: ${r.error ?? r.stderr}`);
    assert.match(
      r.stderr,
      /^docs2ts: ENOENT: no such file or directory, mkdir '\/proc\/docs2ts-none'\n$/,
    );
  }
});

/** Wait until `check` holds, polling. */
async function until(check: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100)))
    if (await check()) return true;
  return false;
}

const answers = (url: string) =>
  fetch(url).then(
    () => true,
    () => false,
  );

/** Processes whose command line mentions `marker` (this test's own temp folder): a server left behind is stopped. */
function stopLeftovers(marker: string): void {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) process.kill(Number(pid));
    } catch {
      // Gone already.
    }
  }
}

/** The environment without what an outer `npm test` set (its prefix would point npx at this repository). */
const withoutNpmSettings = () =>
  Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));

/** A project with docs2ts installed as its own bin, as `npx docs2ts` finds it. */
async function projectWithBin(): Promise<string> {
  const dir = tempDir('docs2ts-npx-');
  await fs.writeFile(
    path.join(dir, 'package.json'),
    '{"name":"wrapped","version":"1.0.0","private":true}\n',
  );
  await fs.mkdir(path.join(dir, 'node_modules', '.bin'), { recursive: true });
  await fs.symlink(BIN, path.join(dir, 'node_modules', '.bin', 'docs2ts'));
  await fs.cp(SESSIONS, path.join(dir, 'docs'), { recursive: true });
  return dir;
}

for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
  test(
    `killing the npx docs2ts mock wrapper (${signal}) stops the server`,
    { timeout: 60_000 },
    async () => {
      const dir = await projectWithBin();
      const urlFile = path.join(dir, 'url.txt');
      const fd = openSync(urlFile, 'w');
      let npx: ChildProcess | undefined;
      try {
        npx = spawn('npx', ['docs2ts', 'mock', '--docs', path.join(dir, 'docs'), '--quiet'], {
          cwd: dir,
          stdio: ['ignore', fd, 'ignore'],
          env: {
            ...withoutNpmSettings(),
            npm_config_offline: 'true',
            npm_config_update_notifier: 'false',
          },
        });
        const url = () => readFileSync(urlFile, 'utf8').trim();
        assert.ok(await until(() => /^http:/.test(url()), 30_000), 'the mock started');
        assert.ok(await answers(url()));
        const exited = new Promise((r) => npx!.once('exit', r));
        npx.kill(signal);
        await exited;
        assert.ok(
          await until(async () => !(await answers(url())), 5_000),
          'the server stopped with its wrapper',
        );
      } finally {
        closeSync(fd);
        npx?.kill('SIGKILL');
        stopLeftovers(dir);
      }
    },
  );
}

test(
  'generate --watch ends when the process that started it is killed',
  { timeout: 60_000 },
  async () => {
    const dir = await projectWithBin();
    const out = path.join(dir, 'out');
    const shell = spawn(
      'sh',
      [
        '-c',
        `"${process.execPath}" "${BIN}" generate --watch --docs "${path.join(dir, 'docs')}" --out "${out}" --quiet; echo`,
      ],
      { stdio: 'ignore' },
    );
    try {
      assert.ok(
        await until(() => readdirSync(dir).includes('out'), 30_000),
        'the first build was written',
      );
      const watcherRunning = () =>
        readdirSync('/proc').some(
          (p) =>
            /^\d+$/.test(p) &&
            (() => {
              try {
                return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(`${dir}/docs`);
              } catch {
                return false;
              }
            })(),
        );
      assert.ok(watcherRunning());
      shell.kill('SIGKILL');
      assert.ok(await until(() => !watcherRunning(), 5_000), 'the watcher ended with its parent');
    } finally {
      shell.kill('SIGKILL');
      stopLeftovers(dir);
    }
  },
);

test("a test process's temporary folders are removed when it exits (the suite leaves none behind)", () => {
  const helpers = pathToFileURL(path.join(ROOT, 'dist/test/helpers.js')).href;
  const script = `import(${JSON.stringify(helpers)}).then(({ tempDir }) => {
    const dir = tempDir();
    require('node:fs').writeFileSync(require('node:path').join(dir, 'x.txt'), 'x');
    console.log(dir);
  });`;
  const run = (env: NodeJS.ProcessEnv) =>
    execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env }).trim();
  const { DOCS2TS_KEEP_TEMP: _, ...env } = process.env;
  const removed = run(env);
  assert.ok(removed.startsWith(os.tmpdir()), removed);
  assert.equal(existsSync(removed), false);
  const kept = run({ ...env, DOCS2TS_KEEP_TEMP: '1' });
  assert.equal(existsSync(path.join(kept, 'x.txt')), true);
  rmSync(kept, { recursive: true });
});
