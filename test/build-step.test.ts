import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { Stage } from '../src/build/store.js';
import { generateFiles } from '../src/generate.js';
import { buildModel } from '../src/model/build.js';
import { readDocs } from '../src/pipeline.js';
import { stableStringify } from '../src/shared/stable-json.js';
import { writeOutput } from '../src/build/write.js';
import { BIN, EMIT_OPTIONS, ROOT, runCliSync, SESSIONS, snapshot, tempDir } from './helpers.js';

const isString = (v: unknown): v is string => typeof v === 'string';
const cli = (args: string[], env: Record<string, string> = {}) => runCliSync(args, { env });

async function copyDocs(): Promise<string> {
  const docs = path.join(tempDir(), 'docs');
  await fs.cp(SESSIONS, docs, { recursive: true });
  return docs;
}

test('a run that dies mid-write leaves the previous output exactly as it was', async () => {
  const docs = await copyDocs();
  const out = path.join(tempDir(), 'out');
  assert.equal(cli(['generate', '--docs', docs, '--out', out, '--no-cache', '--quiet']).code, 0);
  const before = await snapshot(out);
  const page = path.join(docs, 'resources', 'exactmatchsession.md');
  await fs.writeFile(
    page,
    (await fs.readFile(page, 'utf8')).replace('|checksum|String|', '|checksumV2|String|'),
  );
  const crashed = cli(['generate', '--docs', docs, '--out', out, '--no-cache', '--quiet'], {
    DOCS2TS_FAIL_AFTER_WRITES: '1',
  });
  assert.equal(crashed.code, 1);
  assert.match(crashed.stderr, /simulated crash/);
  assert.deepEqual(await snapshot(out), before);
  // The next run recovers: the leftover staging folder is replaced, the output is new.
  assert.equal(cli(['generate', '--docs', docs, '--out', out, '--no-cache', '--quiet']).code, 0);
  assert.match(
    await fs.readFile(path.join(out, 'src/models/ExactMatchSession.ts'), 'utf8'),
    /checksumV2/,
  );
});

test('output does not depend on page order or time zone', async () => {
  const read = await readDocs(SESSIONS);
  const shuffled = [...read.pages].reverse();
  shuffled.push(shuffled.shift()!);
  const a = buildModel(read.pages).model;
  const b = buildModel(shuffled).model;
  assert.equal(stableStringify(b), stableStringify(a));
  const filesA = (await generateFiles(a, EMIT_OPTIONS)).files;
  const filesB = (await generateFiles(b, EMIT_OPTIONS)).files;
  assert.deepEqual(filesB, filesA);
  const outUtc = path.join(tempDir(), 'out');
  const outNy = path.join(tempDir(), 'out');
  cli(['generate', '--out', outUtc, '--no-cache', '--quiet'], { TZ: 'UTC', LANG: 'C' });
  cli(['generate', '--out', outNy, '--no-cache', '--quiet'], {
    TZ: 'America/New_York',
    LANG: 'de_DE.UTF-8',
  });
  assert.deepEqual(await snapshot(outNy), await snapshot(outUtc));
});

test('a warm run reuses the cache and leaves unchanged files untouched', async () => {
  const docs = await copyDocs();
  const out = path.join(tempDir(), 'out');
  const cacheDir = path.join(tempDir(), 'cache');
  const first = JSON.parse(
    cli(['generate', '--docs', docs, '--out', out, '--cache-dir', cacheDir, '--json']).stdout,
  ) as { written: number };
  assert.ok(first.written > 10);
  const model = path.join(out, 'src/models/ExactMatchSession.ts');
  const inode = (await fs.stat(model)).ino;
  const page = path.join(docs, 'resources', 'exactmatchuploadagent.md');
  await fs.appendFile(page, '\nMore prose.\n');
  const second = JSON.parse(
    cli(['generate', '--docs', docs, '--out', out, '--cache-dir', cacheDir, '--json']).stdout,
  ) as { written: number; unchanged: number };
  assert.equal(second.written, 0);
  assert.equal(second.unchanged, first.written);
  assert.equal((await fs.stat(model)).ino, inode, 'unchanged file kept its inode');
  assert.ok((await fs.readdir(cacheDir)).some((f) => f.startsWith('pages-')));
});

test('a one-off run links the files its output still holds without making or printing them', async () => {
  const docs = await copyDocs();
  const dir = tempDir();
  const out = path.join(dir, 'out');
  const cacheDir = path.join(dir, 'cache');
  const run = () =>
    JSON.parse(
      cli(['generate', '--docs', docs, '--out', out, '--cache-dir', cacheDir, '--json']).stdout,
    ) as { written: number; made: number; reused: number };
  const page = path.join(docs, 'resources', 'exactmatchuploadagent.md');
  const prose = () => fs.appendFile(page, '\nMore prose.\n');
  run();
  await prose();
  const second = run();
  assert.equal(second.written, 0);
  assert.equal(second.made, 0);
  // Nothing went to prettier, so the format stage holds nothing: held files were not printed to fill it.
  assert.deepEqual(
    (await fs.readdir(cacheDir)).filter((f) => f.startsWith('format-')),
    [],
    'no format stage',
  );
  // A file edited or removed by hand is not held: it is made again, as a fresh run writes it.
  const model = path.join(out, 'src/models/ExactMatchSession.ts');
  const agent = path.join(out, 'src/validators/ExactMatchUploadAgent.ts');
  await fs.appendFile(model, '// edited\n');
  await fs.rm(agent);
  await prose();
  const third = run();
  assert.equal(third.written, 2);
  assert.equal(third.made, 2);
  const fresh = path.join(dir, 'fresh');
  assert.equal(cli(['generate', '--docs', docs, '--out', fresh, '--no-cache']).code, 0);
  assert.deepEqual(await snapshot(out), await snapshot(fresh));
});

test('the page cache appends small changes to a journal and compacts when pages go away', async () => {
  const docs = await copyDocs();
  const out = path.join(tempDir(), 'out');
  const cacheDir = path.join(tempDir(), 'cache');
  const run = () =>
    JSON.parse(
      cli(['generate', '--docs', docs, '--out', out, '--cache-dir', cacheDir, '--json']).stdout,
    ) as { written: number };
  run();
  const files = async () =>
    (await fs.readdir(cacheDir)).filter((f) => f.startsWith('pages-')).sort();
  const [snapshot] = await files();
  const before = await fs.readFile(path.join(cacheDir, snapshot), 'utf8');
  const page = path.join(docs, 'resources', 'exactmatchuploadagent.md');
  const original = await fs.readFile(page, 'utf8');
  await fs.writeFile(page, original.replace('|description|String|', '|summary|String|'));
  assert.ok(run().written > 0);
  // One page changed: the snapshot is untouched, the journal holds that page.
  assert.equal(await fs.readFile(path.join(cacheDir, snapshot), 'utf8'), before);
  const journal = await fs.readFile(path.join(cacheDir, `${snapshot}.journal`), 'utf8');
  assert.equal(journal.split('\n').length, 2);
  assert.match(journal, /exactmatchuploadagent\.md/);
  // A torn last line (a crash mid-append) costs a cache miss, not a failure; output is the same.
  await fs.appendFile(path.join(cacheDir, `${snapshot}.journal`), '\n["resources/x.md", {"hash"');
  assert.equal(run().written, 0);
  // A page removed: entries went unused, so the snapshot is rewritten without it and the journal goes.
  await fs.rm(path.join(docs, 'api', 'exactmatchsession-get.md'));
  run();
  assert.deepEqual(await files(), [snapshot]);
  const compacted = await fs.readFile(path.join(cacheDir, snapshot), 'utf8');
  assert.doesNotMatch(compacted, /^"api\/exactmatchsession-get\.md"/m);
  assert.match(
    compacted.split('\n').find((l) => l.startsWith('"resources/exactmatchuploadagent.md"'))!,
    /"name":"summary"/,
  );
});

test('cache files are ASCII, and non-ASCII text comes back exactly from the snapshot and the journal', async () => {
  const file = path.join(tempDir(), 'cache', 'texts.json');
  const texts = [
    'café – “quoted”',
    'emoji 🚀 and 中文',
    'lone \ud800 surrogate',
    '\u007f\u0080\u00ff\uffff',
    'plain',
  ];
  const first = await Stage.open(file, 'v1', isString);
  texts.forEach((text, i) => first.set(`k${i}`, 'h', text));
  await first.save();
  const second = await Stage.open(file, 'v1', isString);
  assert.deepEqual(
    texts.map((_, i) => second.get(`k${i}`, 'h')),
    texts,
  );
  second.set('k0', 'h2', 'journal: naïve ☃');
  await second.save();
  const journal = await fs.readFile(`${file}.journal`);
  assert.ok(
    journal.length > 0 &&
      (await fs.readFile(file)).every((byte) => byte < 0x80) &&
      journal.every((byte) => byte < 0x80),
  );
  const third = await Stage.open(file, 'v1', isString);
  assert.equal(third.get('k0', 'h2'), 'journal: naïve ☃');
  assert.equal(third.get('k1', 'h'), texts[1]);
  // A file of an older layout (same code fingerprint, another layout tag) is not read: a miss, not mojibake.
  await fs.writeFile(
    file,
    JSON.stringify({ fingerprint: 'v1', entries: { old: { hash: 'h', value: 'café' } } }),
  );
  await fs.rm(`${file}.journal`);
  assert.equal((await Stage.open(file, 'v1', isString)).get('old', 'h'), undefined);
});

test('a one-off generate into output the last build left as it was does nothing; any change to docs, settings or output makes it build', async () => {
  const dir = tempDir();
  const docs = await copyDocs();
  // Pages with problems, so that there are diagnostics to report.
  for (const name of ['broken-json.md', 'unknown-type.md'])
    await fs.copyFile(path.join(ROOT, 'fixtures', 'broken', name), path.join(docs, 'api', name));
  const out = path.join(dir, 'out');
  const cacheDir = path.join(dir, 'cache');
  const run = (...flags: string[]) => {
    const r = runCliSync(['generate', '--docs', docs, '--cache-dir', cacheDir, ...flags], {
      cwd: dir,
    });
    return {
      ...r,
      summary: (r.stdout.startsWith('{') ? JSON.parse(r.stdout) : {}) as Record<string, number> & {
        timings: Record<string, number>;
        stale?: boolean;
      },
    };
  };
  const counts = (s: Record<string, number>) => [
    s.pages,
    s.types,
    s.operations,
    s.files,
    s.diagnostics,
    s.errors,
  ];
  const upToDate = (r: ReturnType<typeof run>) => 'upToDate' in r.summary.timings;
  const full = run('--out', out, '--json');
  assert.ok(full.summary.written > 0 && !upToDate(full));
  const again = run('--out', out, '--json');
  assert.ok(upToDate(again), JSON.stringify(again.summary.timings));
  assert.deepEqual(counts(again.summary), counts(full.summary));
  assert.ok(again.summary.written === 0 && again.summary.unchanged === full.summary.files);
  // The printed report is the full build's: the same diagnostics summary on stderr (progress lines aside).
  const report = (stderr: string) =>
    stderr
      .split('\n')
      .filter((l) => !l.startsWith('docs2ts: '))
      .join('\n');
  const printed = run('--out', out);
  assert.match(printed.stderr, /diagnostics \(docs2ts check for details\)/);
  assert.equal(
    report(printed.stderr),
    report(
      runCliSync(['generate', '--docs', docs, '--out', path.join(dir, 'other'), '--no-cache'], {
        cwd: dir,
      }).stderr,
    ),
  );
  assert.match(printed.stdout, /0 written/);

  // A hand edit of an output file, or a file added to the output: built again, the output restored.
  const model = path.join(out, 'src', 'models', 'ExactMatchSession.ts');
  const original = await fs.readFile(model, 'utf8');
  await fs.appendFile(model, '// edited by hand\n');
  const restored = run('--out', out, '--json');
  assert.ok(!upToDate(restored) && restored.summary.written === 1);
  assert.equal(await fs.readFile(model, 'utf8'), original);
  await fs.writeFile(path.join(out, 'stray.ts'), 'export {};\n');
  assert.ok(!upToDate(run('--out', out, '--json')));
  await assert.rejects(fs.stat(path.join(out, 'stray.ts')));
  assert.ok(upToDate(run('--out', out, '--json')));

  // --check agrees without building; a hand edit makes it build and report the file.
  assert.equal(run('--out', out, '--check').stdout.trim(), `${out} is up to date.`);
  await fs.appendFile(model, '// edited by hand\n');
  const check = run('--out', out, '--check', '--json');
  assert.ok(check.code === 1 && check.summary.stale && !upToDate(check));
  await fs.writeFile(model, original);

  // Settings and docs: a config value the output depends on, then a page.
  assert.ok(upToDate(run('--out', out, '--json')));
  await fs.writeFile(
    path.join(dir, 'docs2ts.config.json'),
    JSON.stringify({ packageName: '@acme/types' }),
  );
  const renamed = run('--out', out, '--json');
  assert.ok(!upToDate(renamed) && renamed.summary.written > 0);
  assert.match(await fs.readFile(path.join(out, 'package.json'), 'utf8'), /@acme\/types/);
  assert.ok(upToDate(run('--out', out, '--json')));
  const page = path.join(docs, 'resources', 'exactmatchsession.md');
  await fs.writeFile(
    page,
    (await fs.readFile(page, 'utf8')).replace('|checksum|String|', '|checksumV2|String|'),
  );
  const edited = run('--out', out, '--json');
  assert.ok(!upToDate(edited) && edited.summary.written > 0);
  assert.match(await fs.readFile(model, 'utf8'), /checksumV2/);
  // Without a cache folder there is no record: always a full build.
  const uncached = JSON.parse(
    runCliSync(['generate', '--docs', docs, '--out', out, '--no-cache', '--json'], { cwd: dir })
      .stdout,
  ) as { timings: Record<string, number> };
  assert.ok('parse' in uncached.timings && !('upToDate' in uncached.timings));
});

test('watch mode picks up an edit, survives a broken page, recovers when it is fixed, and sees pages come and go', async () => {
  const docs = await copyDocs();
  const out = path.join(tempDir(), 'out');
  const child = spawn(
    process.execPath,
    [BIN, 'generate', '--watch', '--json', '--docs', docs, '--out', out, '--no-cache'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: string[] = [];
  let stderr = '';
  child.stdout
    .setEncoding('utf8')
    .on('data', (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean)));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const nextSummary = async (count: number) => {
    const deadline = Date.now() + 30_000;
    while (lines.length < count) {
      if (Date.now() > deadline) throw new Error(`no rebuild after 30 s; stderr: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return JSON.parse(lines[count - 1]) as { diagnostics: number; errors: number; types: number };
  };
  try {
    const initial = await nextSummary(1);
    assert.equal(initial.diagnostics, 0);
    const page = path.join(docs, 'resources', 'exactmatchuploadagent.md');
    const original = await fs.readFile(page, 'utf8');
    await fs.writeFile(page, original.replace('|description|String|', '|summary|String|'));
    await nextSummary(2);
    assert.match(
      await fs.readFile(path.join(out, 'src/models/ExactMatchUploadAgent.ts'), 'utf8'),
      /summary\?/,
    );
    await fs.writeFile(
      page,
      original
        .replace('"blockType": "resource"', '"blockType": "resource",,')
        .slice(0, original.length - 40),
    );
    const broken = await nextSummary(3);
    assert.ok(broken.errors > 0, 'the broken page is reported');
    assert.equal(child.exitCode, null, 'still watching');
    await fs.writeFile(page, original);
    const fixed = await nextSummary(4);
    assert.equal(fixed.diagnostics, 0);
    assert.match(
      await fs.readFile(path.join(out, 'src/models/ExactMatchUploadAgent.ts'), 'utf8'),
      /description\?/,
    );
    // A page added, then removed: rebuilds read only reported files, but list the folder anew.
    const added = path.join(docs, 'resources', 'exactmatchuploadagentcopy.md');
    await fs.writeFile(
      added,
      original.replace(/exactMatchUploadAgent/g, 'exactMatchUploadAgentCopy'),
    );
    await nextSummary(5);
    assert.match(
      await fs.readFile(path.join(out, 'src/models/ExactMatchUploadAgentCopy.ts'), 'utf8'),
      /description\?/,
    );
    await fs.rm(added);
    await nextSummary(6);
    await assert.rejects(fs.stat(path.join(out, 'src/models/ExactMatchUploadAgentCopy.ts')));
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
});

test('config: strict validators by default, base URL, and a subset of artifacts', async () => {
  const dir = tempDir();
  const out = path.join(dir, 'out');
  await fs.writeFile(
    path.join(dir, 'docs2ts.config.json'),
    JSON.stringify({
      docs: SESSIONS,
      out: 'out',
      strict: true,
      baseUrl: 'https://api.example.test/v2',
      emit: ['validators'],
    }),
  );
  const r = runCliSync(['generate', '--no-cache', '--quiet'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    await fs.readFile(path.join(out, 'src/validators/runtime.ts'), 'utf8'),
    /export const DEFAULT_STRICT: boolean = true;/,
  );
  assert.ok(!(await fs.readdir(path.join(out, 'src'))).includes('client'), 'client not emitted');
  assert.match(await fs.readFile(path.join(out, 'src/index.ts'), 'utf8'), /models[^]*validators/);
  await fs.writeFile(
    path.join(dir, 'docs2ts.config.json'),
    JSON.stringify({
      docs: SESSIONS,
      out: 'out',
      baseUrl: 'https://api.example.test/v2',
      emit: ['client'],
    }),
  );
  assert.equal(runCliSync(['generate', '--no-cache', '--quiet'], { cwd: dir }).code, 0);
  assert.match(
    await fs.readFile(path.join(out, 'src/client/defaults.ts'), 'utf8'),
    /https:\/\/api\.example\.test\/v2/,
  );
  assert.match(
    await fs.readFile(path.join(out, 'src/validators/runtime.ts'), 'utf8'),
    /DEFAULT_STRICT: boolean = false;/,
  );
  await fs.writeFile(path.join(dir, 'docs2ts.config.json'), JSON.stringify({ emit: ['sdk'] }));
  const bad = runCliSync(['generate'], { cwd: dir });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /"emit" must be an array of interfaces, validators, client/);
});

test('within one process, a hand-edited output file is rewritten and unchanged ones are linked', async () => {
  const out = path.join(tempDir(), 'out');
  const files = [
    { path: 'a.ts', content: 'export const a = 1;\n' },
    { path: 'b.ts', content: 'export const b = 2;\n' },
  ];
  assert.deepEqual(await writeOutput(out, files), { written: 2, unchanged: 0 });
  const inode = async (file: string) => (await fs.stat(path.join(out, file))).ino;
  const before = await inode('b.ts');
  // Same size, other bytes: a hand edit between two watch rebuilds.
  await fs.writeFile(path.join(out, 'a.ts'), 'export const a = 9;\n');
  assert.deepEqual(await writeOutput(out, files), { written: 1, unchanged: 1 });
  assert.equal(await fs.readFile(path.join(out, 'a.ts'), 'utf8'), 'export const a = 1;\n');
  assert.equal(await inode('b.ts'), before, 'the unchanged file keeps its inode');
  assert.deepEqual(await writeOutput(out, files), { written: 0, unchanged: 2 });
});
