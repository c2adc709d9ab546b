import { createHash } from 'node:crypto';
import { promises as fs, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PageResult } from './extract/page.js';
import { VERSION } from './paths.js';

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/**
 * Fingerprint of the code that turns a page into a PageResult: a cache written by another
 * build of the extractors is ignored, so a fix to an extractor is never hidden by the cache.
 */
function readerFingerprint(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const files = ['parse.js', 'skim.js', 'load.js', 'diagnostics.js', ...readdirSync(path.join(here, 'extract')).sort().map((f) => `extract/${f}`)];
  const hash = createHash('sha256').update(VERSION);
  for (const f of files) hash.update(f).update(readFileSync(path.join(here, f)));
  return hash.digest('hex').slice(0, 16);
}

interface Stored<T> {
  fingerprint: string;
  entries: Record<string, { hash: string; value: T }>;
}

/**
 * A content-addressed store kept as one JSON file: entries are keyed by name (page path,
 * output path) and valid while the content hash matches. Only entries used in this run
 * are saved, so the file does not grow with deleted pages.
 */
export class HashCache<T> {
  private used = new Map<string, { hash: string; value: T }>();
  private dirty = false;

  private constructor(private readonly file: string | undefined, private readonly stored: Map<string, { hash: string; value: T }>, private readonly fingerprint: string) {}

  static async open<T>(file: string | undefined, fingerprint: string): Promise<HashCache<T>> {
    if (!file) return new HashCache<T>(undefined, new Map(), fingerprint);
    try {
      const data = JSON.parse(await fs.readFile(file, 'utf8')) as Stored<T>;
      if (data.fingerprint === fingerprint) return new HashCache(file, new Map(Object.entries(data.entries)), fingerprint);
    } catch {
      // missing or unreadable: start empty
    }
    return new HashCache<T>(file, new Map(), fingerprint);
  }

  get(key: string, hash: string): T | undefined {
    const hit = this.used.get(key) ?? this.stored.get(key);
    if (hit?.hash !== hash) return undefined;
    this.used.set(key, hit);
    return hit.value;
  }

  set(key: string, hash: string, value: T): void {
    this.used.set(key, { hash, value });
    this.dirty = true;
  }

  /** Write entries used since the last save (atomically); start a new round of use tracking. */
  async save(): Promise<void> {
    const pruned = this.used.size !== this.stored.size;
    if (this.file && (this.dirty || pruned)) {
      const data: Stored<T> = { fingerprint: this.fingerprint, entries: Object.fromEntries(this.used) };
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      await fs.writeFile(temp, JSON.stringify(data));
      await fs.rename(temp, this.file);
    }
    this.stored.clear();
    for (const [k, v] of this.used) this.stored.set(k, v);
    this.used = new Map();
    this.dirty = false;
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
