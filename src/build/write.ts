import { randomBytes } from 'node:crypto';
import {
  promises as fs,
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import path from 'node:path';
import type { EmittedFile } from '../emit/emitter.js';
import { lstatOrUndefined, makeFolders, stillHolds, type Signature } from './folders.js';
import { keepRule, listOutput, moveEntries } from './kept.js';
import { hash } from './store.js';
import { finishUpdate, fitsInPlace, updateInPlace } from './update-in-place.js';

export const MANIFEST = '.docs2ts-manifest.json';

export interface OutputChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

/** How many files `changes` adds, changes or removes. */
export function changeCount(changes: OutputChanges): number {
  return changes.added.length + changes.changed.length + changes.removed.length;
}

/** Content hashes of the last write, by path: watch rebuilds hash only what changed. */
const lastHashes = new Map<string, { content: string; hash: string }>();

/** The hash the manifest lists for a file's content: the store's, its first 16 digits. */
export function contentHash(content: string | Buffer): string {
  return hash(content).slice(0, 16);
}

function hashesOf(files: EmittedFile[]): Record<string, string> {
  return Object.fromEntries(
    files.map((f) => {
      if (f.held !== undefined) return [f.path, f.held];
      const last = lastHashes.get(f.path);
      if (last?.content === f.content) return [f.path, last.hash];
      const hash = contentHash(f.content);
      lastHashes.set(f.path, { content: f.content, hash });
      return [f.path, hash];
    }),
  );
}

function manifestOf(files: EmittedFile[], hashes = hashesOf(files)): EmittedFile {
  return {
    path: MANIFEST,
    content: JSON.stringify({ generator: 'docs2ts', files: hashes }, null, 2) + '\n',
  };
}

export interface OutputOptions {
  /** Globs of files the output folder keeps (beside DEFAULT_KEEP, see kept.ts). */
  keep?: readonly string[];
  /** Signatures of the files the last build wrote, taken from `at` on (its record): see `stillHolds`. */
  written?: { outputs: Record<string, Signature>; at: number };
}

/** What writing `files` would change in `out`; kept files are neither removed nor reported. */
export async function diffOutput(
  out: string,
  files: EmittedFile[],
  { keep }: OutputOptions = {},
): Promise<OutputChanges> {
  const all = [...files, manifestOf(files)];
  const existing = new Set(
    listOutput(
      out,
      keepRule(keep),
      all.map((f) => f.path),
    ).files,
  );
  const changes: OutputChanges = { added: [], changed: [], removed: [] };
  for (const file of all) {
    if (!existing.has(file.path)) changes.added.push(file.path);
    else if (
      file.held === undefined &&
      (await fs.readFile(path.join(out, file.path), 'utf8')) !== file.content
    )
      changes.changed.push(file.path);
    existing.delete(file.path);
  }
  changes.removed = [...existing].sort();
  return changes;
}

/**
 * The old output is removed after the swap without waiting (thousands of unlinks, 0.1 s
 * of a watch-mode rebuild); the next write waits for it, and the process does before it exits.
 */
let oldOutputRemoved: Promise<unknown> = Promise.resolve();

function twins(abs: string): { staging: string; old: string } {
  return {
    staging: path.join(path.dirname(abs), `.${path.basename(abs)}.docs2ts-staging`),
    old: path.join(path.dirname(abs), `.${path.basename(abs)}.docs2ts-old`),
  };
}

/** Resolves when the last swap's old output is removed: a lock on the output is held until then. */
export const outputSettled = (): Promise<unknown> => oldOutputRemoved;

/**
 * Undo a run killed during the swap: if the output folder is missing but its old twin exists,
 * the old output goes back, and so do the kept files (node_modules, …) already moved into the
 * staging folder: whatever in it its manifest does not list. Then the staging folder is removed.
 */
export async function recoverOutput(out: string): Promise<void> {
  await oldOutputRemoved;
  const abs = path.resolve(out);
  const { staging, old } = twins(abs);
  if (finishUpdate(abs, staging)) return;
  const exists = (p: string) =>
    fs.stat(p).then(
      () => true,
      () => false,
    );
  if (!(await exists(abs)) && (await exists(old))) await fs.rename(old, abs);
  else await fs.rm(old, { recursive: true, force: true });
  const listed = Object.keys((await readManifest(staging)) ?? {});
  if (listed.length && (await exists(abs))) {
    const moved = listOutput(staging, () => true, [...listed, MANIFEST]).kept;
    moveEntries(
      staging,
      abs,
      moved.filter((rel) => !lstatOrUndefined(path.join(abs, rel))),
    );
  }
  await fs.rm(staging, { recursive: true, force: true });
}

async function readManifest(out: string): Promise<Record<string, string> | undefined> {
  try {
    const { files } = JSON.parse(await fs.readFile(path.join(out, MANIFEST), 'utf8')) as {
      files?: unknown;
    };
    return files && typeof files === 'object' ? (files as Record<string, string>) : undefined;
  } catch {
    return undefined;
  }
}

export interface WriteStats {
  written: number;
  unchanged: number;
}

/**
 * Write the output through a staging twin of `out` (same parent, so renames are atomic). An
 * output docs2ts wrote before is updated in place (update-in-place.ts): only the files that
 * change are staged, then moved in. A first output, or one where a file must replace a
 * folder, is written whole into the staging folder and swapped in; files whose content is
 * unchanged are hard-linked from the old output, and kept files (see kept.ts) are moved into
 * the staging folder just before the swap. Either way a run that dies before its commit
 * leaves the old output untouched, and unchanged files keep their inode and mtime, so
 * watchers and incremental builds downstream see no change. The caller holds the output's
 * lock (output-lock.ts).
 */
export async function writeOutput(
  out: string,
  files: EmittedFile[],
  { keep, written }: OutputOptions = {},
): Promise<WriteStats> {
  const abs = path.resolve(out);
  const { staging, old } = twins(abs);
  // Also removes a staging folder left by a crash.
  await recoverOutput(abs);
  const previous = (await readManifest(abs)) ?? {};
  const isKept = keepRule(keep);
  const hashes = hashesOf(files);
  const manifest = manifestOf(files, hashes);
  for (const file of files) {
    if (!path.join(staging, file.path).startsWith(staging + path.sep))
      throw new Error(`Refusing to write ${file.path}: outside the output folder.`);
  }
  // The manifest says what docs2ts wrote; the bytes on disk are compared too, in case of hand
  // edits, unless the file's signature in the last build's record vouches for them.
  const vouched = (file: string) => {
    const signature = written?.outputs[file];
    return signature !== undefined && stillHolds(path.join(abs, file), signature, written!.at);
  };
  const unchanged = new Set(
    files.filter(
      (f) =>
        previous[f.path] === hashes[f.path] &&
        (f.held !== undefined || vouched(f.path) || holds(path.join(abs, f.path), f.content)),
    ),
  );
  const listing = () => listOutput(abs, isKept, [...files.map((f) => f.path), MANIFEST]);
  if (
    unchanged.size === files.length &&
    readOrUndefined(path.join(abs, MANIFEST)) === manifest.content &&
    listing().files.length === files.length + 1
  ) {
    return { written: 0, unchanged: files.length };
  }
  const changed = files.filter((f) => !unchanged.has(f));
  const existing = Object.keys(previous).length ? listing().files : undefined;
  if (existing && fitsInPlace(changed, existing)) {
    const wanted = new Set([...files.map((f) => f.path), MANIFEST]);
    const removed = existing.filter((file) => !wanted.has(file));
    updateInPlace(abs, staging, { writes: changed, removed, manifest }, failureInjection);
    for (const file of changed) remember(path.join(abs, file.path), file.content);
    return { written: changed.length, unchanged: files.length - changed.length };
  }
  const stats: WriteStats = { written: 0, unchanged: 0 };
  const folders = new Set<string>();
  // Synchronous file calls: for thousands of small files they are several times faster than the async pool.
  for (const file of [...files, manifest]) {
    const target = path.join(staging, file.path);
    const folder = path.dirname(target);
    if (!folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      folders.add(folder);
    }
    if (unchanged.has(file) && linked(path.join(abs, file.path), target)) {
      stats.unchanged++;
      continue;
    }
    writeFileSync(target, file.content);
    if (file !== manifest) stats.written++;
    failureInjection();
  }
  await fs.rm(old, { recursive: true, force: true });
  const hadOutput = await fs.stat(abs).then(
    () => true,
    () => false,
  );
  // The kept files' moves and the two renames back to back, synchronously: a kill can only
  // fall between them, and then recoverOutput() (run first by every write) puts back the old output.
  if (hadOutput) moveEntries(abs, staging, listing().kept);
  if (hadOutput) renameSync(abs, old);
  renameSync(staging, abs);
  for (const file of files)
    if (!unchanged.has(file)) remember(path.join(abs, file.path), file.content);
  if (hadOutput)
    oldOutputRemoved = fs.rm(old, { recursive: true, force: true }).catch(() => undefined);
  return stats;
}

/**
 * Output files whose bytes this process knows, with their stat at the time: a watch rebuild
 * compares inode, size and mtime (links change ctime) instead of reading every file again;
 * a hand edit changes them.
 */
const known = new Map<string, { content: string; stat: Stats }>();

function remember(file: string, content: string): void {
  try {
    known.set(file, { content, stat: statSync(file) });
  } catch {
    known.delete(file);
  }
}

/** Whether `file` holds exactly `content`. */
function holds(file: string, content: string): boolean {
  const last = known.get(file);
  if (last?.content === content) {
    try {
      const now = statSync(file);
      if (
        now.ino === last.stat.ino &&
        now.size === last.stat.size &&
        now.mtimeMs === last.stat.mtimeMs
      )
        return true;
    } catch {
      return false;
    }
  }
  const same = readOrUndefined(file) === content;
  if (same) remember(file, content);
  return same;
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function linked(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch {
    return false;
  }
}

/**
 * Write one file (model JSON, OpenAPI document) via a temporary name, so a reader never sees
 * half of it. The temporary file has a random name and is created exclusively: a file or
 * symlink planted at a guessable name is never written through.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  makeFolders(path.dirname(path.resolve(file)));
  const temp = `${file}.${randomBytes(8).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o666);
  try {
    try {
      writeFileSync(fd, text);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // Already renamed or gone.
    }
    throw error;
  }
}

/** Tests set DOCS2TS_FAIL_AFTER_WRITES=n to make a run die mid-write, as a crash would. */
let writesLeft = Number(process.env.DOCS2TS_FAIL_AFTER_WRITES ?? Infinity);
function failureInjection(): void {
  if (--writesLeft < 0) throw new Error('DOCS2TS_FAIL_AFTER_WRITES: simulated crash while writing');
}
