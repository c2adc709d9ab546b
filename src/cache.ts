import { createHash } from 'node:crypto';
import { promises as fs, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PageResult } from './extract/page.js';
import { installedReadingVersions } from './library-versions.js';
import { VERSION } from './paths.js';

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

const objectHashes = new WeakMap<object, string>();

/**
 * `hashText(text(object))`, computed once per object: objects kept across watch builds
 * (loaded pages, emitted statements) are never changed, so their hash is kept with them.
 */
export function hashOnce<T extends object>(object: T, text: (object: T) => string): string {
  let hash = objectHashes.get(object);
  if (hash === undefined) objectHashes.set(object, (hash = hashText(text(object))));
  return hash;
}

/** Give `object` the hash `hashOnce` would compute for it (known from an earlier run). */
export function primeHash(object: object, hash: string): void {
  objectHashes.set(object, hash);
}

/** Hash of compiled source files and folders (relative to this one) and the package version. */
export function codeFingerprint(...names: string[]): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const files = names.flatMap((name) => (name.endsWith('.js') ? [name] : readdirSync(path.join(here, name)).sort().map((f) => `${name}/${f}`)));
  const hash = createHash('sha256').update(VERSION);
  for (const f of files) hash.update(f).update(readFileSync(path.join(here, f)));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Fingerprint of the code that turns a page into a PageResult: a cache written by another
 * build of the extractors is ignored, so a fix to an extractor is never hidden by the cache.
 */
const readerFingerprint = () => `${codeFingerprint('parse.js', 'skim.js', 'load.js', 'diagnostics.js', 'lift', 'extract')} ${installedReadingVersions()}`;

/**
 * Cache files hold ASCII-only JSON (other characters escaped) and are read as latin1: the
 * text is then a one-byte string, several times quicker to read than UTF-8 with a few
 * non-ASCII characters in 20 MB. The tag keeps files of another layout from being read.
 */
const STORE_FORMAT = 'ascii-json-1';
const NON_ASCII = /[\u0080-\uffff]/g;
const escapeChar = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
const asciiJson = (value: unknown) => JSON.stringify(value).replace(NON_ASCII, escapeChar);

interface Stored<T> {
  fingerprint: string;
  entries: Record<string, { hash: string; value: T }>;
}

type Entry<T> = { hash: string; value: T };

/**
 * A content-addressed store: entries are keyed by name (page path, output path) and valid
 * while the content hash matches. It is kept as a JSON snapshot plus a journal of JSON lines:
 * a run that changes a few entries appends them (rewriting a 20 MB snapshot would be half a
 * warm run), and the snapshot is rewritten when entries went unused (deleted pages, so the
 * cache does not grow) or the journal outgrows it. A torn journal line is skipped on reading:
 * entries are checked by hash, so a lost one is only a miss.
 */
export class HashCache<T> {
  private used = new Map<string, Entry<T>>();
  private changed = new Set<string>();

  private constructor(
    private readonly file: string | undefined,
    private readonly stored: Map<string, Entry<T>>,
    private readonly fingerprint: string,
    private journalBytes: number,
    private snapshotBytes: number,
  ) {}

  static async open<T>(file: string | undefined, codeVersion: string): Promise<HashCache<T>> {
    const fingerprint = `${STORE_FORMAT} ${codeVersion}`;
    const stored = new Map<string, Entry<T>>();
    if (!file) return new HashCache<T>(undefined, stored, fingerprint, 0, 0);
    let snapshotBytes = 0;
    let journalBytes = 0;
    try {
      const text = await fs.readFile(file, 'latin1');
      const data = JSON.parse(text) as Stored<T>;
      if (data.fingerprint === fingerprint) {
        for (const [k, v] of Object.entries(data.entries)) stored.set(k, v);
        snapshotBytes = text.length;
      }
    } catch {
      // missing or unreadable: start empty
    }
    const journal = await fs.readFile(`${file}.journal`, 'latin1').catch(() => '');
    const [head, ...lines] = journal.split('\n');
    if (snapshotBytes && head === JSON.stringify(fingerprint)) {
      journalBytes = journal.length;
      for (const line of lines) {
        try {
          const [key, entry] = JSON.parse(line) as [string, Entry<T>];
          stored.set(key, entry);
        } catch {
          // a line torn by a crash: a cache miss, nothing more
        }
      }
    }
    return new HashCache(file, stored, fingerprint, journalBytes, snapshotBytes);
  }

  get(key: string, hash: string): T | undefined {
    const hit = this.used.get(key) ?? this.stored.get(key);
    if (hit?.hash !== hash) return undefined;
    this.used.set(key, hit);
    return hit.value;
  }

  set(key: string, hash: string, value: T): void {
    this.used.set(key, { hash, value });
    this.changed.add(key);
  }

  /** Persist entries used since the last save; start a new round of use tracking. */
  async save(): Promise<void> {
    const pruned = [...this.stored.keys()].some((k) => !this.used.has(k));
    if (this.file && (this.changed.size || pruned)) {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      const lines = [...this.changed].map((k) => asciiJson([k, this.used.get(k)])).join('\n');
      if (pruned || !this.snapshotBytes || this.journalBytes + lines.length > this.snapshotBytes / 2) await this.writeSnapshot();
      else {
        const text = (this.journalBytes ? '\n' : `${JSON.stringify(this.fingerprint)}\n`) + lines;
        await fs.appendFile(`${this.file}.journal`, text);
        this.journalBytes += text.length;
      }
    }
    this.stored.clear();
    for (const [k, v] of this.used) this.stored.set(k, v);
    this.used = new Map();
    this.changed.clear();
  }

  private async writeSnapshot(): Promise<void> {
    const file = this.file!;
    const text = asciiJson({ fingerprint: this.fingerprint, entries: Object.fromEntries(this.used) } satisfies Stored<T>);
    const temp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(temp, text);
    await fs.rename(temp, file);
    await fs.rm(`${file}.journal`, { force: true });
    this.snapshotBytes = text.length;
    this.journalBytes = 0;
  }
}

/** Where caches live: `node_modules/.cache/docs2ts` under the working folder, one file per docs folder. */
export function cacheFile(cacheDir: string | undefined, kind: string, docs: string): string | undefined {
  return cacheDir ? path.join(cacheDir, `${kind}-${hashText(path.resolve(docs)).slice(0, 12)}.json`) : undefined;
}

export const DEFAULT_CACHE_DIR = path.join(process.cwd(), 'node_modules', '.cache', 'docs2ts');

export async function openPageCache(cacheDir: string | undefined, docs: string): Promise<HashCache<PageResult>> {
  return HashCache.open<PageResult>(cacheFile(cacheDir, 'pages', docs), readerFingerprint());
}
