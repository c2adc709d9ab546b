import { createHash } from 'node:crypto';
import {
  closeSync,
  promises as fs,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type { ModelFacts } from '../model/page-facts.js';
import { installedReadingVersions } from './library-versions.js';
import { hash, hashOnce, primeHash } from './hash.js';
import { isAlive } from './output-lock.js';
import { SRC_ROOT, VERSION } from '../shared/paths.js';
import { isRecord } from '../shared/own.js';

/**
 * The one store of docs2ts: every stage that caches (pages read, statements emitted, files
 * formatted, the last build) keeps its entries in a `Stage` of it, keyed by name and valid
 * while the hash of their inputs matches; one content hash (`hash`) and one fingerprint of
 * the code that computes them (`fingerprint`) serve all of them.
 */

export { hash, hashOnce, primeHash };

const fingerprints = new Map<string, string>();

/**
 * The fingerprint of what a stage computes with: docs2ts' version, the compiled files and
 * folders `code` names (relative to src/, or absolute; folders with everything under them)
 * and `also` (library versions, options). A stage written with another fingerprint is
 * ignored, so a fix to the code is never hidden by the store.
 */
export function fingerprint(code: readonly string[], ...also: unknown[]): string {
  const id = JSON.stringify([code, also]);
  let known = fingerprints.get(id);
  if (known) return known;
  const digest = createHash('sha256').update(VERSION).update('\0').update(JSON.stringify(also));
  for (const name of code) {
    const at = path.resolve(SRC_ROOT, name);
    const files = name.endsWith('.js')
      ? [at]
      : readdirSync(at, { recursive: true, withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => path.join(e.parentPath, e.name))
          .sort();
    for (const file of files)
      digest
        .update('\0')
        .update(path.relative(SRC_ROOT, file))
        .update('\0')
        .update(readFileSync(file));
  }
  fingerprints.set(id, (known = digest.digest('hex').slice(0, 32)));
  return known;
}

/**
 * The compiled files and folders a page's reading runs (a test holds this to their imports):
 * the page stage's fingerprint, with the versions of the libraries the reader reproduces.
 */
export const READER_CODE = [
  'read/parse.js',
  'read/skim.js',
  'read/load.js',
  'shared/diagnostics.js',
  'read/input-limits.js',
  'shared/json-depth.js',
  'shared/globs.js',
  'shared/own.js',
  'build/library-versions.js',
  'build/hash.js',
  'shared/paths.js',
  'shared/errors.js',
  'build/folders.js',
  'lift',
  'extract',
  'text',
  'model/names.js',
  'model/page-facts.js',
  'model/path-templates.js',
  'model/types.js',
];

/**
 * Cache files hold ASCII-only JSON (other characters escaped) and are read as latin1: the
 * text is then a one-byte string, several times quicker to read than UTF-8 with a few
 * non-ASCII characters in 20 MB. The tag keeps files of another layout from being read.
 */
const STORE_FORMAT = 'ascii-lines-2';
const NON_ASCII = /[\u0080-\uffff]/g;
const escapeChar = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
const asciiJson = (value: unknown) => JSON.stringify(value).replace(NON_ASCII, escapeChar);

/**
 * One entry: `hash` of its inputs (the key's content), and its value as stored JSON `text`
 * with `check`, the hash of that text. Entries read from the file are parsed and verified
 * on first use; entries set by this run have a `value` and get their text when saved.
 */
interface Entry<T> {
  hash: string;
  value?: T;
  text?: string;
  check?: string;
}

/** Whether a value read back has the shape the cache's user stores (a wrong shape is a miss). */
export type Shape<T> = (value: unknown) => value is T;

/** How one entry is stored: a line of `key TAB hash TAB check TAB value` (ASCII JSON has no raw tabs or newlines). */
function lineOf(key: string, entry: Entry<unknown>): string {
  return `${asciiJson(key)}\t${entry.hash}\t${entry.check}\t${entry.text}`;
}

/**
 * One stage's entries: keyed by name (page path, output path) and valid while the hash of
 * their inputs matches. It is kept as a snapshot plus a journal, both of entry
 * lines: a run that changes a few entries appends them (rewriting a 20 MB snapshot would be
 * half a warm run), and the snapshot is rewritten when entries went unused (deleted pages,
 * so the cache does not grow) or the journal outgrows it.
 *
 * Nothing read is trusted: an entry is used only when its text hashes to its check and
 * parses to the shape the user stores. A torn line (a crash mid-append) or an edited entry
 * is a miss, counted in `rejected`, and the value is made again.
 */
export class Stage<T> {
  private used = new Map<string, Entry<T>>();
  private changed = new Set<string>();
  /** Entries read from the file that failed verification (damaged or edited). */
  rejected = 0;

  private constructor(
    readonly file: string | undefined,
    private readonly stored: Map<string, Entry<T>>,
    private readonly fingerprint: string,
    private readonly shape: Shape<T>,
    private journalBytes: number,
    private snapshotBytes: number,
  ) {}

  static async open<T>(
    file: string | undefined,
    codeVersion: string,
    shape: Shape<T>,
  ): Promise<Stage<T>> {
    const fingerprint = JSON.stringify(`${STORE_FORMAT} ${codeVersion}`);
    const stored = new Map<string, Entry<T>>();
    const cache = (snapshot: number, journal: number) =>
      new Stage<T>(file, stored, fingerprint, shape, journal, snapshot);
    if (!file) return cache(0, 0);
    const snapshot = readOrEmpty(file);
    if (!readLines(snapshot, fingerprint, stored)) return cache(0, 0);
    const journal = readOrEmpty(`${file}.journal`);
    return cache(snapshot.length, readLines(journal, fingerprint, stored) ? journal.length : 0);
  }

  /** The value kept for `key` if it was made from inputs hashing to `inputs`, else `compute()`'s, kept. */
  memo(key: string, inputs: string, compute: () => T): T {
    let value = this.get(key, inputs);
    if (value === undefined) this.set(key, inputs, (value = compute()));
    return value;
  }

  get(key: string, inputs: string): T | undefined {
    const hit = this.used.get(key) ?? this.stored.get(key);
    if (hit?.hash !== inputs) return undefined;
    if (hit.value === undefined && !this.verify(hit)) {
      this.rejected++;
      this.stored.delete(key);
      return undefined;
    }
    this.used.set(key, hit);
    return hit.value;
  }

  /** Keep the entry for `key` made from inputs hashing to `inputs`, if there is one, without reading it. */
  touch(key: string, inputs: string): void {
    const hit = this.used.get(key) ?? this.stored.get(key);
    if (hit?.hash === inputs) this.used.set(key, hit);
  }

  /** Parse a stored entry's text into its value when the text is as written and the value has the stored shape. */
  private verify(entry: Entry<T>): boolean {
    if (entry.text === undefined || hash(entry.text) !== entry.check) return false;
    try {
      const value: unknown = JSON.parse(entry.text);
      if (!this.shape(value)) return false;
      entry.value = value;
      return true;
    } catch {
      return false;
    }
  }

  set(key: string, inputs: string, value: T): void {
    this.used.set(key, { hash: inputs, value });
    this.changed.add(key);
  }

  /** Persist entries used since the last save; start a new round of use tracking. */
  async save(): Promise<void> {
    const pruned = [...this.stored.keys()].some((k) => !this.used.has(k));
    if (this.file && (this.changed.size || pruned)) {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      // A first save or one that drops entries writes the snapshot; a few changes go to the journal.
      const changed = pruned || !this.snapshotBytes ? [] : [...this.changed];
      const lines = changed.filter((k) => serialise(this.used.get(k)!));
      const bytes = lines.reduce((n, k) => n + this.used.get(k)!.text!.length + k.length + 70, 0);
      if (!changed.length || this.journalBytes + bytes > this.snapshotBytes / 2)
        this.writeSnapshot();
      else {
        const text =
          (this.journalBytes ? '\n' : `${this.fingerprint}\n`) +
          lines.map((k) => lineOf(k, this.used.get(k)!)).join('\n');
        await fs.appendFile(`${this.file}.journal`, text);
        this.journalBytes += text.length;
      }
    }
    this.stored.clear();
    for (const [k, v] of this.used) this.stored.set(k, v);
    this.used = new Map();
    this.changed.clear();
  }

  /**
   * Write every entry in use to a temp file, a line at a time (a snapshot's text is never
   * whole in memory: on a cold run it would add a third to the peak), then rename it over the
   * snapshot. The text of an entry this run set is dropped once written (its value stays).
   */
  private writeSnapshot(): void {
    const file = this.file!;
    const temp = `${file}.${process.pid}.tmp`;
    const fd = openSync(temp, 'w');
    let bytes = 0;
    try {
      let chunk = this.fingerprint;
      for (const [key, entry] of this.used) {
        const made = entry.text === undefined;
        if (!serialise(entry)) continue;
        chunk += '\n' + lineOf(key, entry);
        if (made) entry.text = entry.check = undefined;
        if (chunk.length > 1 << 20) {
          writeFileSync(fd, chunk, 'latin1');
          bytes += chunk.length;
          chunk = '';
        }
      }
      writeFileSync(fd, chunk, 'latin1');
      bytes += chunk.length;
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
    rmSync(`${file}.journal`, { force: true });
    this.snapshotBytes = bytes;
    this.journalBytes = 0;
  }
}

/** A store file's text ('' when missing), read synchronously: quicker than the async pool for one file. */
function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'latin1');
  } catch {
    return '';
  }
}

/** Give an entry set by this run its stored text and check; false (not stored) for a value JSON cannot hold. */
function serialise(entry: Entry<unknown>): boolean {
  if (entry.text !== undefined) return true;
  try {
    entry.text = asciiJson(entry.value);
  } catch {
    return false; // too deep for JSON.stringify: kept in memory, made again by the next process
  }
  entry.check = hash(entry.text);
  return true;
}

/** Read entry lines after a fingerprint line into `into`; false when the text is not of this layout and code. */
function readLines<T>(text: string, fingerprint: string, into: Map<string, Entry<T>>): boolean {
  const lines = text.split('\n');
  if (lines[0] !== fingerprint) return false;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    const a = line.indexOf('\t');
    const b = line.indexOf('\t', a + 1);
    const c = line.indexOf('\t', b + 1);
    if (a < 0 || b < 0 || c < 0) continue; // a torn line: a miss
    try {
      into.set(JSON.parse(line.slice(0, a)) as string, {
        hash: line.slice(a + 1, b),
        check: line.slice(b + 1, c),
        text: line.slice(c + 1),
      });
    } catch {
      // a torn or edited key: a miss
    }
  }
  return true;
}

/** A cache file or some of its entries failed verification: say so (the run rebuilds what they held). */
export function warnDamaged(file: string, entries?: number): void {
  const what =
    entries === undefined ? file : `${entries} entr${entries === 1 ? 'y' : 'ies'} of ${file}`;
  process.stderr.write(
    `docs2ts: warning: ignored ${what}: damaged or edited since it was written; rebuilt instead.\n`,
  );
}

/** A temp file this old is a killed run's even if its pid is alive again (reused by another process). */
const STALE_TEMP_MS = 10 * 60_000;

/**
 * Remove what killed runs left in the cache folder: `<file>.<pid>.tmp` (a snapshot or record
 * being written, 3–12 MB each) whose process is gone or that is over ten minutes old. A
 * concurrent run's temp file is neither, so it is left alone.
 */
export async function removeStaleTemps(dir: string): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names.map(async (name) => {
      const pid = Number(/\.(\d+)\.tmp$/.exec(name)?.[1]);
      if (!pid || pid === process.pid) return;
      const file = path.join(dir, name);
      const stat = await fs.lstat(file).catch(() => undefined);
      if (stat?.isFile() && (!isAlive(pid) || Date.now() - stat.mtimeMs > STALE_TEMP_MS))
        await fs.rm(file, { force: true });
    }),
  );
}

/**
 * Where the store lives: `node_modules/.cache/docs2ts` under the working folder, one file per
 * stage and scope (the docs folders for pages, the output folder for the rest).
 */
export function stageFile(
  cacheDir: string | undefined,
  stage: string,
  scope: string,
): string | undefined {
  return cacheDir
    ? path.join(cacheDir, `${stage}-${hash(path.resolve(scope)).slice(0, 12)}.json`)
    : undefined;
}

export const DEFAULT_CACHE_DIR = path.join(process.cwd(), 'node_modules', '.cache', 'docs2ts');

/** A stage of the store in `cacheDir` (in memory only without one). */
export function openStage<T>(
  cacheDir: string | undefined,
  stage: string,
  scope: string,
  code: string,
  shape: Shape<T>,
): Promise<Stage<T>> {
  return Stage.open(stageFile(cacheDir, stage, scope), code, shape);
}

/** The page stage: a page's model facts (all `generate` reads of it) by the hash of its text. */
export function openPageStage(
  cacheDir: string | undefined,
  docs: string,
): Promise<Stage<ModelFacts>> {
  const code = fingerprint(READER_CODE, installedReadingVersions());
  return openStage(cacheDir, 'pages', docs, code, isModelFacts);
}

/** The shape of a page's model facts at the top level (the value hash vouches for the rest). */
function isModelFacts(value: unknown): value is ModelFacts {
  const v = value as Record<string, unknown>;
  return (
    isRecord(v) &&
    ['file', 'pageType', 'title'].every((k) => typeof v[k] === 'string') &&
    ['types', 'diagnostics'].every((k) => Array.isArray(v[k])) &&
    (v.operation === undefined || isRecord(v.operation)) &&
    (v.diagnostics as unknown[]).every(isRecord) &&
    (v.types as unknown[]).every(isRecord)
  );
}
