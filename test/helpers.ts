import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, mkdtempSync, promises as fs, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { readPage } from '../src/extract/page.js';
import { generateFiles, type GenerateResult } from '../src/generate.js';
import { PACKAGE_ROOT } from '../src/shared/paths.js';
import { readDocs, type ReadResult } from '../src/pipeline.js';
import { writeOutput } from '../src/build/write.js';

export const ROOT = PACKAGE_ROOT;
export const FIXTURES = path.join(ROOT, 'fixtures');
export const SESSIONS = path.join(FIXTURES, 'sessions');
export const BROKEN = path.join(FIXTURES, 'broken');
export const SEEDS = path.resolve(ROOT, '../shared/seeds');
export const CORPUS = path.resolve(ROOT, '../shared/corpus/graph-v1.0');
export const TSC = path.join(ROOT, 'node_modules/.bin/tsc');
export const BIN = path.join(ROOT, 'bin', 'docs2ts.js');

const run = promisify(execFile);

const made: string[] = [];

/**
 * A new folder in the system's temporary folder, removed when the test process exits, so runs
 * of the suite do not pile up output folders (set DOCS2TS_KEEP_TEMP=1 to keep them and look).
 */
export function tempDir(prefix = 'docs2ts-test-', parent = os.tmpdir()): string {
  const dir = mkdtempSync(path.join(parent, prefix));
  if (!made.length && !process.env.DOCS2TS_KEEP_TEMP) process.once('exit', removeTempDirs);
  made.push(dir);
  return dir;
}

/**
 * A folder in memory (`/dev/shm`) where the machine has one, else the temporary folder: for a
 * test that writes tens of thousands of files, which on a disk mounted with `discard` takes
 * half a minute to write and remove and slows the file creation of the tests beside it.
 */
export function memoryTempDir(prefix?: string): string {
  const shm = '/dev/shm';
  try {
    accessSync(shm, constants.W_OK);
    return tempDir(prefix, shm);
  } catch {
    return tempDir(prefix);
  }
}

function removeTempDirs(): void {
  for (const dir of made) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // A child process may still hold it (a server stopping): left to the system's cleaning.
    }
  }
}

const reads = new Map<string, Promise<ReadResult>>();
/** Read a doc set once per test process (the corpus takes a while). */
export function readOnce(docs: string): Promise<ReadResult> {
  if (!reads.has(docs)) reads.set(docs, readDocs(docs));
  return reads.get(docs)!;
}

export const EMIT_OPTIONS = {
  packageName: 'test-api',
  packageVersion: '1.0.0',
  baseUrl: 'https://graph.microsoft.com/v1.0',
};

/** Generate a doc set's package into a fresh temp folder. */
export async function generateInto(
  docs: string,
): Promise<{ out: string; read: ReadResult; generated: GenerateResult }> {
  const read = await readOnce(docs);
  const generated = await generateFiles(read.model, EMIT_OPTIONS);
  const out = path.join(tempDir(), 'out');
  await writeOutput(out, generated.files);
  return { out, read, generated };
}

/** `tsc --strict` over a generated package; emits JS to `<out>/dist` unless noEmit. Returns tsc's output ('' when clean). */
export async function compile(out: string, noEmit = false): Promise<string> {
  try {
    await run(TSC, ['-p', path.join(out, 'tsconfig.json'), ...(noEmit ? ['--noEmit'] : [])], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout || error);
  }
}

/** Import a module of a compiled generated package, e.g. `validators/index.js`. */
export async function importGenerated<T>(out: string, module: string): Promise<T> {
  return (await import(path.join(out, 'dist', module))) as T;
}

export async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

/** Every file under `dir` (relative path → sha256), for byte-for-byte comparisons of outputs. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (rel: string) => {
    const entries = await fs.readdir(path.join(dir, rel), { withFileTypes: true }).catch(() => []);
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(p);
      else
        out[p] = createHash('sha256')
          .update(await fs.readFile(path.join(dir, p)))
          .digest('hex');
    }
  };
  await walk('');
  return out;
}

/** Run the CLI in a child process; a non-zero exit is a result, not an error. */
export async function runCli(
  args: string[],
  cwd = ROOT,
  nodeArgs: string[] = [],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [...nodeArgs, BIN, ...args],
      { cwd, maxBuffer: 512 * 1024 * 1024 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** Run the CLI and wait, for tests whose steps must run in order. */
export function runCliSync(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Milliseconds to read a page: the fastest of five timings, since a collector pause or the other tests' load only ever adds time. */
export function timeRead(text: string): number {
  let fastest = Infinity;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    readPage('x.md', text);
    fastest = Math.min(fastest, performance.now() - t);
  }
  return fastest;
}

/**
 * Reading `make(4 * small)` costs under 8× reading `make(small)`: a quadratic reader costs 16×.
 * `small` is large enough that fixed costs do not dominate it; `name` says which input failed.
 */
export function assertReadLinear(make: (n: number) => string, name: string, small = 1000): void {
  timeRead(make(Math.round(small / 10))); // warm up
  const one = timeRead(make(small));
  const four = timeRead(make(4 * small));
  assert.ok(
    four < one * 8 + 20,
    `${name}: 4× input took ${(four / one).toFixed(1)}× (${one.toFixed(1)} → ${four.toFixed(1)} ms)`,
  );
}
