import fs from 'node:fs';
import path from 'node:path';
import { Reporter, type Diagnostic } from '../shared/diagnostics.js';
import { RunError } from '../shared/errors.js';
import { inFolder, signatureOf, statOrUndefined, type Signature } from '../build/folders.js';
import { hash, primeHash } from '../build/hash.js';
import { picomatch } from '../shared/globs.js';

/** Where the pages are: one or more folders, optionally narrowed by globs (relative to each folder). */
export interface DocsSource {
  roots: string[];
  include?: string[];
  exclude?: string[];
  /** Threads that parse pages (default: defaultThreads()). */
  threads?: number;
  /** No pages is an error (`NoPagesError`) rather than an info diagnostic: the CLI, unless the config's `allowEmpty`. */
  requirePages?: boolean;
}

/** The docs hold no page. */
export class NoPagesError extends RunError {}

export function docsSource(docs: string | DocsSource): DocsSource {
  return typeof docs === 'string' ? { roots: [docs] } : docs;
}

/** The folder page paths are relative to: the root itself, or the common parent of several roots. */
export function baseOf(roots: string[]): string {
  const resolved = roots.map((r) => path.resolve(r));
  if (resolved.length === 1) return resolved[0];
  let base = path.dirname(resolved[0]);
  while (!resolved.every((r) => r === base || r.startsWith(base + path.sep)))
    base = path.dirname(base);
  return base;
}

/** One page as read from disk: text decoded, BOM removed, path relative to the docs root. */
export interface LoadedPage {
  /** Path relative to the docs root, with `/` separators: stable across machines. */
  file: string;
  text: string;
}

export interface LoadResult {
  pages: LoadedPage[];
  diagnostics: Diagnostic[];
  /** Each listed file's page and load diagnostics, for the next load to reuse (see `LoadReuse`). */
  files: Map<string, FileLoad>;
}

export interface FileLoad {
  page?: LoadedPage;
  diagnostics: Diagnostic[];
  /** The page file's stat when it was read (see `stillHolds`). */
  signature?: Signature;
}

/**
 * A rebuild: the previous load's files, and which absolute paths `changed` (for a watch
 * rebuild, those the watcher reported; for a one-off run, those the last build's record cannot
 * vouch for). Listed files not changed are taken from the previous load.
 */
export interface LoadReuse {
  previous: Map<string, FileLoad>;
  changed: { has(file: string): boolean };
}

/**
 * A page known by the hash of its text (from the last build's record): the text is read only
 * if something asks for it (a page-stage miss). Should the file have changed meanwhile, the
 * page takes the hash of the text read.
 */
export function pageOnDisk(root: string, file: string, known: string): LoadedPage {
  const page = new PageOnDisk(root, file, known);
  primeHash(page, known);
  return page;
}

/**
 * A class, not an object literal with a getter (a closure and an accessor made for each of
 * thousands of pages): `text` is an own, enumerable accessor, one getter for every page, so a
 * copy sent to a parse worker (structured clone) has the text and nothing else of it.
 */
class PageOnDisk implements LoadedPage {
  declare readonly text: string;
  readonly #root: string;
  readonly #known: string;
  #text?: string;

  constructor(
    root: string,
    readonly file: string,
    known: string,
  ) {
    this.#root = root;
    this.#known = known;
    Object.defineProperty(this, 'text', PageOnDisk.#textProperty);
  }

  static readonly #textProperty: PropertyDescriptor = {
    enumerable: true,
    get(this: PageOnDisk) {
      if (this.#text === undefined) {
        const text = decodePage(
          fs.readFileSync(path.join(this.#root, this.file)),
          this.file,
          new Reporter(''),
        );
        if (hash(text) !== this.#known) primeHash(this, hash(text));
        this.#text = text;
      }
      return this.#text;
    },
  };
}

/**
 * Pages are recognised by extension: `.md` and `.markdown` always; `.txt` only when the
 * content looks like a page (front matter, an H1, or a docs annotation comment).
 */
const PAGE_EXTENSIONS = new Set(['.md', '.markdown', '.txt']);
const MAX_PAGE_BYTES = 16 * 1024 * 1024;
const MAX_PAGES = 200_000;
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

export function looksLikePage(file: string, text: string): boolean {
  if (path.extname(file).toLowerCase() !== '.txt') return true;
  return /^(---\r?\n|#\s)/.test(text) || /^#\s|<!--\s*\{/m.test(text.slice(0, 64 * 1024));
}

/**
 * Read every page of the source, sorted by path; problems become diagnostics, never throws for
 * a page. `listed`: the source's files as `listDocs` listed them with no finding, if done already.
 */
export async function loadDocs(
  docs: string | DocsSource,
  reuse?: LoadReuse,
  listed?: string[],
): Promise<LoadResult> {
  const source = docsSource(docs);
  const report = new Reporter('');
  const base = baseOf(source.roots);
  const pages: LoadedPage[] = [];
  const loads = new Map<string, FileLoad>();
  for (const file of listed ?? (await listDocs(source, report))) {
    let load =
      reuse && !reuse.changed.has(inFolder(base, file)) ? reuse.previous.get(file) : undefined;
    if (!load) {
      const own = new Reporter('');
      let signature: Signature | undefined;
      const page = await loadPage(base, file, own, (stat) => (signature = signatureOf(stat)));
      load = { page, diagnostics: own.items, signature };
    }
    loads.set(file, load);
    if (load.diagnostics.length) report.items.push(...load.diagnostics);
    if (load.page) pages.push(load.page);
  }
  if (pages.length === 0) {
    const where = `${source.roots.join(', ')}${source.include?.length || source.exclude?.length ? ' (with the include and exclude globs)' : ''}`;
    const message = `No pages in ${where}: no .md or .markdown file, nor a .txt file that reads as a page.`;
    if (source.requirePages)
      throw new NoPagesError(`${message} Set "allowEmpty": true in the config to allow it.`);
    report.report('load-no-pages', 'info', message, undefined, '');
  }
  return { pages, diagnostics: report.items, files: loads };
}

/**
 * The files of the docs a load reads, sorted: paths relative to `baseOf(source.roots)`, through
 * the include and exclude globs (`.txt` files among them are pages only if they read as one).
 */
export async function listDocs(source: DocsSource, report: Reporter): Promise<string[]> {
  const base = baseOf(source.roots);
  const include = source.include?.length ? picomatch()(source.include, { dot: false }) : () => true;
  const exclude = source.exclude?.length ? picomatch()(source.exclude) : () => false;
  const files: string[] = [];
  for (const root of source.roots) {
    const prefix = path.relative(base, path.resolve(root)).split(path.sep).join('/');
    for (const file of await listPageFiles(root, report)) {
      if (include(file) && !exclude(file)) files.push(prefix ? `${prefix}/${file}` : file);
    }
  }
  // One root lists each file once (a folder is read once), in folder order, mostly sorted
  // already: a 10,000-page set is then checked, not sorted (15 ms of a run with nothing to do).
  const unique = source.roots.length > 1 ? [...new Set(files)] : files;
  return isSorted(unique) ? unique : unique.sort();
}

function isSorted(list: string[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i - 1] > list[i]) return false;
  return true;
}

/**
 * The page files under `root`, relative to it. Folders are walked in sorted order, folders
 * reached through a symlink last: a folder is read once, under the path that needs no link
 * when there is one. A link to a folder on the path walked to it (an ancestor) is a loop.
 */
export async function listPageFiles(root: string, report: Reporter): Promise<string[]> {
  const found: string[] = [];
  /** Real path → the folder it was read as. */
  const read = new Map<string, string>();
  const linked: { dir: string; ancestors: string[] }[] = [];
  const rel = (p: string) => path.relative(root, p).split(path.sep).join('/') || '.';
  const visit = (dir: string, ancestors: string[]): void => {
    let real: string;
    let entries: fs.Dirent[];
    try {
      real = fs.realpathSync(dir);
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      // A docs folder that is not there is the caller's mistake; one that cannot be read, a finding.
      if (
        dir === root &&
        ['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')
      )
        throw error;
      report.report(
        'load-unreadable',
        'error',
        `Cannot read folder ${rel(dir)}; its pages are left out: ${(error as Error).message}`,
        undefined,
        rel(dir),
      );
      return;
    }
    if (ancestors.includes(real)) {
      report.report(
        'load-symlink-loop',
        'warning',
        `Folder ${rel(dir)} links back to ${rel(read.get(real) ?? real)}, a folder it is in (symlink loop); skipped.`,
        undefined,
        rel(dir),
      );
      return;
    }
    const first = read.get(real);
    if (first !== undefined) {
      report.report(
        'load-folder-alias',
        'info',
        `Folder ${rel(dir)} is the folder ${rel(first)}, already read; its pages are read once, as ${rel(first)}.`,
        undefined,
        rel(dir),
      );
      return;
    }
    read.set(real, dir);
    const chain = [...ancestors, real];
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // Entries' paths as `rel` gives them, without path.relative for each of thousands of pages.
    const inside = rel(dir);
    for (const entry of entries) {
      if (SKIPPED_DIRS.has(entry.name)) continue;
      const relPath = inside === '.' ? entry.name : `${inside}/${entry.name}`;
      // path.extname's answer for a name (a dot after its first character), without its checks.
      const dot = entry.name.lastIndexOf('.');
      const named = dot > 0 && PAGE_EXTENSIONS.has(entry.name.slice(dot).toLowerCase());
      if (entry.name.startsWith('.')) {
        if (named && !entry.isDirectory())
          report.report(
            'load-dot-file',
            'info',
            `${relPath} is dot-named (hidden); not read as a page.`,
            undefined,
            relPath,
          );
        continue;
      }
      // Only links need a stat of their own: a directory entry already says what it is.
      const stat = entry.isSymbolicLink() ? statOrUndefined(path.join(dir, entry.name)) : entry;
      if (!stat) {
        report.report(
          'load-unreadable',
          'warning',
          `Cannot read ${relPath} (broken link?).`,
          undefined,
          relPath,
        );
      } else if (stat.isDirectory()) {
        if (named)
          report.report(
            'load-not-a-file',
            'warning',
            `${relPath} is named like a page but is a directory; reading inside it.`,
            undefined,
            relPath,
          );
        const full = path.join(dir, entry.name);
        if (entry.isSymbolicLink()) linked.push({ dir: full, ancestors: chain });
        else visit(full, chain);
      } else if (named && !stat.isFile()) {
        report.report(
          'load-not-a-file',
          'warning',
          `${relPath} is named like a page but is a ${specialKind(stat)}, not a regular file; not read.`,
          undefined,
          relPath,
        );
      } else if (named) {
        if (found.length >= MAX_PAGES) {
          report.report(
            'load-too-many-pages',
            'error',
            `More than ${MAX_PAGES} pages; the rest are not read.`,
            undefined,
            relPath,
          );
          return;
        }
        found.push(relPath);
      }
    }
  };
  visit(root, []);
  for (let i = 0; i < linked.length; i++) visit(linked[i].dir, linked[i].ancestors);
  return found;
}

function specialKind(stat: fs.Stats | fs.Dirent): string {
  if (stat.isFIFO()) return 'named pipe';
  if (stat.isSocket()) return 'socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'device';
  return 'special file';
}

/**
 * One page, read synchronously: thousands of small local files read several times faster than
 * through the async pool. Only a regular file is read, and only the size it had when opened:
 * opening does not block (a named pipe put in its place), and a file that reports no size
 * but yields bytes (`/proc/self/environ`) gives none.
 */
export async function loadPage(
  root: string,
  file: string,
  report: Reporter,
  onStat?: (stat: fs.Stats) => void,
): Promise<LoadedPage | undefined> {
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    fd = fs.openSync(path.join(root, file), fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    const stat = fs.fstatSync(fd);
    onStat?.(stat);
    if (!stat.isFile()) {
      report.report(
        'load-not-a-file',
        'warning',
        `Page is a ${specialKind(stat)}, not a regular file; not read.`,
        undefined,
        file,
      );
      return undefined;
    }
    if (stat.size > MAX_PAGE_BYTES) {
      report.report(
        'load-too-large',
        'error',
        `Page is ${stat.size} bytes, over the ${MAX_PAGE_BYTES}-byte limit; not read.`,
        undefined,
        file,
      );
      return undefined;
    }
    bytes = Buffer.alloc(stat.size);
    let length = 0;
    for (let n = 1; n > 0 && length < bytes.length; length += n)
      n = fs.readSync(fd, bytes, length, bytes.length - length, length);
    bytes = bytes.subarray(0, length);
  } catch (error) {
    report.report(
      'load-unreadable',
      'error',
      `Cannot read page: ${(error as Error).message}`,
      undefined,
      file,
    );
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  const text = decodePage(bytes, file, report);
  if (!looksLikePage(file, text)) return undefined;
  if (text.trim() === '') {
    report.report('load-empty', 'warning', 'Page is empty.', undefined, file);
    return undefined;
  }
  return { file, text };
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
const LENIENT_UTF8 = new TextDecoder('utf-8');

/**
 * UTF-8 decode; invalid bytes are reported at their line and column and replaced with U+FFFD.
 * A lone CR ends a line for CommonMark but not for the line-based readers here, so it becomes
 * an LF (one character for one: offsets and columns hold, and lines count as remark counts them).
 */
export function decodePage(bytes: Uint8Array, file: string, report: Reporter): string {
  let text: string;
  try {
    text = withLineFeeds(STRICT_UTF8.decode(bytes));
  } catch {
    text = withLineFeeds(LENIENT_UTF8.decode(bytes));
    const at = text.indexOf('\uFFFD');
    const before = text.slice(0, Math.max(at, 0));
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    report.report(
      'load-invalid-utf8',
      'warning',
      'Page is not valid UTF-8; invalid bytes were replaced with U+FFFD.',
      { line, column },
      file,
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\0')) {
    report.report(
      'load-nul-byte',
      'warning',
      'Page contains NUL bytes; they were removed.',
      undefined,
      file,
    );
    text = text.replace(/\0/g, '');
  }
  return text;
}

function withLineFeeds(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}
