/**
 * Fuzzing through the CLI as users run it: mutated doc sets generated with the default cache
 * folder, then a warm run over a re-mutated set, then `--watch` with edits. After each step the
 * output must equal a fresh `--no-cache` build (and `--check` agree with `--check --no-cache`);
 * at the end it must compile under `tsc --strict`, import without side effects, and keep file
 * names within limits; no run may write outside `--out` and the cache folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import {
  basePages,
  fuzzCase,
  hostileMutation,
  invariantViolations,
  type FuzzCase,
} from './fuzz-cases.js';
import { BIN, TSC } from './helpers.js';

export interface CliFuzzOptions {
  seed: number;
  /** Mutated doc sets put side by side (one folder each) in the docs folder. */
  cases: number;
  /** Page edits made while `--watch` runs. */
  edits: number;
}

/** What a package path component may be: most file systems allow 255 bytes. */
const MAX_NAME_BYTES = 255;
const CACHE = path.join('node_modules', '.cache', 'docs2ts');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(cwd: string, args: string[]): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under `dir` (relative path → sha256), skipping the relative paths in `skip`. */
async function tree(dir: string, skip: string[] = []): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const rel = path.relative(dir, path.join(e.parentPath, e.name));
    if (e.isDirectory() || skip.some((s) => rel === s || rel.startsWith(s + path.sep))) continue;
    out[rel] = createHash('sha256')
      .update(await fs.readFile(path.join(dir, rel)))
      .digest('hex');
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

async function writeCase(docs: string, index: number, c: FuzzCase): Promise<void> {
  const folder = path.join(docs, `c${index}`);
  await fs.rm(folder, { recursive: true, force: true });
  for (const page of c.pages) {
    await fs.mkdir(path.dirname(path.join(folder, page.file)), { recursive: true });
    await fs.writeFile(path.join(folder, page.file), page.bytes);
  }
}

/** A fuzz case, one in three with a hostile page added (see hostileMutation). */
const cliCase: fc.Arbitrary<FuzzCase> = fc
  .tuple(fuzzCase, fc.nat(), hostileMutation)
  .map(([c, n, hostile]) => {
    if (n % 3) return c;
    const base = basePages()[n % basePages().length];
    return {
      pages: [
        ...c.pages,
        { file: `hostile-${n % 7}.md`, bytes: new Uint8Array(Buffer.from(hostile(base.text))) },
      ],
    };
  });

/** A fuzz campaign's working folder: docs, output, and the cwd whose default cache folder the runs use. */
class Workspace {
  readonly docs: string;
  readonly out: string;
  readonly problems: string[] = [];

  constructor(
    readonly root: string,
    private readonly label: string,
  ) {
    this.docs = path.join(root, 'docs');
    this.out = path.join(root, 'out');
  }

  fail(step: string, problem: string): void {
    this.problems.push(`${this.label} ${step}: ${problem}`);
  }

  /** A CLI run; afterwards, nothing outside the output and cache folders may have changed. */
  async run(step: string, args: string[], allowed = ['out', CACHE]): Promise<Run> {
    const before = await tree(this.root, allowed);
    const r = cli(this.root, args);
    const after = await tree(this.root, allowed);
    if (JSON.stringify(after) !== JSON.stringify(before))
      this.fail(
        step,
        `wrote outside --out and the cache: ${changedKeys(before, after).slice(0, 5).join(', ')}`,
      );
    if (/internal-error|RangeError|TypeError|at .*\.js:\d+/.test(r.stderr))
      this.fail(step, `stderr: ${r.stderr.slice(0, 1500)}`);
    return r;
  }

  /** The output must be what a fresh --no-cache build makes, and --check must agree with --check --no-cache. */
  async compareWithFresh(step: string): Promise<void> {
    const fresh = path.join(
      os.tmpdir(),
      `docs2ts-fuzz-fresh-${process.pid}-${this.label.replace(/\W/g, '')}`,
    );
    await fs.rm(fresh, { recursive: true, force: true });
    const made = cli(this.root, [
      'generate',
      '--docs',
      this.docs,
      '--out',
      fresh,
      '--no-cache',
      '--quiet',
    ]);
    if (made.code !== 0)
      this.fail(step, `fresh build exit ${made.code}: ${made.stderr.slice(0, 500)}`);
    const [ours, theirs] = [await tree(this.out), await tree(fresh)];
    if (JSON.stringify(ours) !== JSON.stringify(theirs))
      this.fail(
        step,
        `output differs from a --no-cache build: ${changedKeys(ours, theirs).slice(0, 5).join(', ')}`,
      );
    await fs.rm(fresh, { recursive: true, force: true });
    const checked = (
      await this.run(`${step} --check`, [
        'generate',
        '--docs',
        this.docs,
        '--out',
        this.out,
        '--check',
        '--quiet',
      ])
    ).code;
    const uncached = (
      await this.run(`${step} --check --no-cache`, [
        'generate',
        '--docs',
        this.docs,
        '--out',
        this.out,
        '--check',
        '--no-cache',
        '--quiet',
      ])
    ).code;
    if (checked !== 0 || uncached !== 0)
      this.fail(step, `--check exit ${checked}, --check --no-cache exit ${uncached}`);
  }

  async generate(step: string): Promise<void> {
    const r = await this.run(step, ['generate', '--docs', this.docs, '--out', this.out, '--json']);
    if (r.code !== 0) this.fail(step, `exit ${r.code}: ${r.stderr.slice(0, 500)}`);
    await this.compareWithFresh(step);
  }

  /** `generate --watch`, one edit at a time, each waited for; then the output as a fresh build. */
  async watch(edits: FuzzCase[], cases: number): Promise<void> {
    const child = spawn(
      process.execPath,
      [BIN, 'generate', '--watch', '--json', '--docs', this.docs, '--out', this.out],
      { cwd: this.root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let lines = 0;
    let stderr = '';
    child.stdout
      .setEncoding('utf8')
      .on('data', (chunk: string) => (lines += chunk.split('\n').filter(Boolean).length));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const wait = async (done: () => boolean, what: string) => {
      for (const deadline = Date.now() + 60_000; !done();) {
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`${what} (exit ${child.exitCode}); stderr: ${stderr.slice(0, 1000)}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    const outside = await tree(this.root, ['out', 'docs', CACHE]);
    try {
      await wait(() => lines > 0, 'no first build');
      for (const [i, edit] of edits.entries()) {
        const seen = lines;
        // A page of its own, so that every edit changes the folder it lands in.
        await writeCase(this.docs, i % cases, {
          pages: [...edit.pages, { file: `edit-${i}.md`, bytes: Buffer.from(`# edit ${i}\n`) }],
        });
        await wait(() => lines > seen, `no rebuild after edit ${i}`);
      }
      // Until the watcher is quiet: the last rebuild has seen every edit.
      for (let quiet = lines; ; quiet = lines) {
        await new Promise((r) => setTimeout(r, 1000));
        if (lines === quiet) break;
      }
    } catch (error) {
      this.fail('watch', String(error));
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    if (/internal-error|RangeError|TypeError/.test(stderr))
      this.fail('watch', `stderr: ${stderr.slice(0, 1500)}`);
    const after = await tree(this.root, ['out', 'docs', CACHE]);
    if (JSON.stringify(after) !== JSON.stringify(outside))
      this.fail(
        'watch',
        `wrote outside --out and the cache: ${changedKeys(outside, after).slice(0, 5).join(', ')}`,
      );
    await this.compareWithFresh('after watch');
  }
}

function changedKeys(a: Record<string, string>, b: Record<string, string>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]);
}

/** File names of the output: safe, unique ignoring case, and within the file system's limits. */
async function nameProblems(out: string): Promise<string[]> {
  const files = Object.keys(await tree(out)).map((p) => ({
    path: p.split(path.sep).join('/'),
    content: '',
  }));
  const problems = invariantViolations({ diagnostics: [], files }).filter(
    (p) => !p.includes('.docs2ts-manifest.json'),
  );
  for (const f of files)
    if (f.path.split('/').some((part) => Buffer.byteLength(part) > MAX_NAME_BYTES))
      problems.push(`file name over ${MAX_NAME_BYTES} bytes: ${f.path.slice(0, 80)}…`);
  return problems;
}

/**
 * Compile packages with one tsc run (`tsc --strict`, their own settings but one program), then
 * import every module in a fresh process from an empty folder: it must print nothing, define
 * no globals, create no files and leave nothing running.
 */
export async function compileAndImport(packages: string[]): Promise<string[]> {
  const batch = mkdtempSync(path.join(os.tmpdir(), 'docs2ts-fuzz-batch-'));
  const problems: string[] = [];
  for (const [i, pkg] of packages.entries())
    await fs.cp(path.join(pkg, 'src'), path.join(batch, `p${i}`), { recursive: true });
  const base = JSON.parse(await fs.readFile(path.join(packages[0], 'tsconfig.json'), 'utf8')) as {
    compilerOptions: Record<string, unknown>;
  };
  await fs.writeFile(path.join(batch, 'package.json'), '{ "type": "module" }\n');
  await fs.writeFile(
    path.join(batch, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        ...base.compilerOptions,
        declaration: false,
        rootDir: '.',
        outDir: 'dist',
      },
      include: packages.map((_, i) => `p${i}`),
    }),
  );
  const tsc = spawnSync(TSC, ['-p', path.join(batch, 'tsconfig.json')], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (tsc.status !== 0) problems.push(`tsc --strict: ${(tsc.stdout + tsc.stderr).slice(0, 3000)}`);
  const modules = (
    await fs.readdir(path.join(batch, 'dist'), { recursive: true }).catch(() => [] as string[])
  ).filter((f) => f.endsWith('.js'));
  const empty = mkdtempSync(path.join(os.tmpdir(), 'docs2ts-fuzz-import-'));
  const script = `const before = new Set(Object.getOwnPropertyNames(globalThis));
for (const m of ${JSON.stringify(modules.map((m) => pathToFileURL(path.join(batch, 'dist', m)).href))}) await import(m);
const added = Object.getOwnPropertyNames(globalThis).filter((k) => !before.has(k));
if (added.length) process.stderr.write('globals defined: ' + added.join(', '));`;
  const imported = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: empty,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (imported.status !== 0 || imported.stdout || imported.stderr)
    problems.push(
      `importing ${modules.length} modules: exit ${imported.status}, stdout ${JSON.stringify(imported.stdout.slice(0, 300))}, stderr ${JSON.stringify(imported.stderr.slice(0, 1000))}`,
    );
  if ((await fs.readdir(empty)).length)
    problems.push(`importing created files: ${(await fs.readdir(empty)).join(', ')}`);
  await fs.rm(batch, { recursive: true, force: true });
  await fs.rm(empty, { recursive: true, force: true });
  return problems;
}

/**
 * One campaign: `cases` mutated doc sets generated cold (default cache), half of them mutated
 * again and generated warm, then `edits` edits under --watch. Returns the broken invariants;
 * `keep` receives the final output folder (compile it with compileAndImport), else it is removed.
 */
export async function fuzzThroughCli(
  { seed, cases, edits }: CliFuzzOptions,
  keep?: (out: string) => void,
): Promise<string[]> {
  const samples = fc.sample(cliCase, { seed, numRuns: cases * 2 + edits });
  const root = mkdtempSync(path.join(os.tmpdir(), 'docs2ts-fuzz-cli-'));
  const ws = new Workspace(root, `seed ${seed}`);
  for (let i = 0; i < cases; i++) await writeCase(ws.docs, i, samples[i]);
  await ws.generate('cold');
  if (!(await fs.readdir(path.join(root, CACHE)).catch(() => [])).length)
    ws.fail('cold', 'the default cache folder was not used');
  for (let i = 0; i < cases; i += 2) await writeCase(ws.docs, i, samples[cases + i]);
  await ws.generate('warm');
  await ws.watch(samples.slice(cases * 2), cases);
  ws.problems.push(...(await nameProblems(ws.out)).map((p) => `seed ${seed} names: ${p}`));
  const check = cli(root, ['check', '--docs', ws.docs, '--format', 'json']);
  try {
    const diagnostics = JSON.parse(check.stdout) as Parameters<
      typeof invariantViolations
    >[0]['diagnostics'];
    ws.problems.push(
      ...invariantViolations({ diagnostics, files: [] }).map((p) => `seed ${seed} check: ${p}`),
    );
  } catch {
    ws.fail('check', `no JSON report (exit ${check.code}): ${check.stderr.slice(0, 500)}`);
  }
  if (keep) keep(ws.out);
  else await fs.rm(root, { recursive: true, force: true });
  return ws.problems;
}
