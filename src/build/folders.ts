import { lstatSync, mkdirSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';

/**
 * `mkdir -p` that ends: Node's recursive mkdir spins forever where a file system answers
 * ENOENT to making a folder in an existing one (/proc). Each missing level is made on its own.
 */
export function makeFolders(dir: string): void {
  const missing: string[] = [];
  for (
    let at = path.resolve(dir);
    !lstatOrUndefined(at) && path.dirname(at) !== at;
    at = path.dirname(at)
  )
    missing.unshift(at);
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      // Made meanwhile by a concurrent run.
      if (
        (error as NodeJS.ErrnoException).code !== 'EEXIST' ||
        !statOrUndefined(folder)?.isDirectory()
      )
        throw error;
    }
  }
}

/**
 * `path.join(folder, rel)` for a path as docs2ts lists them (relative, `/`-separated,
 * normalised: a page, an output file): a concatenation where `/` is the separator, since a run
 * joins one for each of thousands of files.
 */
export function inFolder(folder: string, rel: string): string {
  if (path.sep !== '/') return path.join(folder, rel);
  return folder.endsWith('/') ? folder + rel : `${folder}/${rel}`;
}

/**
 * Every folder holding one of `files` (relative, `/`-separated paths), each found once: up
 * from each file to the first folder already known.
 */
export function foldersOf(files: Iterable<string>): Set<string> {
  const folders = new Set<string>();
  for (const file of files) {
    for (let end = file.lastIndexOf('/'); end > 0; end = file.lastIndexOf('/', end - 1)) {
      const folder = file.slice(0, end);
      if (folders.has(folder)) break;
      folders.add(folder);
    }
  }
  return folders;
}

export function lstatOrUndefined(p: string): Stats | undefined {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}

export function statOrUndefined(p: string): Stats | undefined {
  try {
    // No error made for a missing file: quicker where many are checked.
    return statSync(p, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/**
 * Stats taken earlier in a run, by absolute path (undefined: no such file), for a later step
 * to use instead of taking its own: see `Generator.standing`.
 */
export type Taken = Map<string, Signature | undefined>;

/** The signature of `abs` now (undefined: no such file): the one taken earlier in the run if there is one. */
export function signatureNow(abs: string, taken?: Taken): Signature | undefined {
  if (taken?.has(abs)) return taken.get(abs);
  const stat = statOrUndefined(abs);
  return stat && signatureOf(stat);
}

/** What a file's stat says of its content: size, mtime (ms) and inode. */
export type Signature = [size: number, mtimeMs: number, ino: number];

export const signatureOf = (stat: Stats): Signature => [stat.size, stat.mtimeMs, stat.ino];

/**
 * Whether `file` still holds what it held when its signature `was` was taken at `at` (ms):
 * the same size, mtime and inode, and an mtime older than `at` by more than the file
 * system's clock step (a whole second where mtimes are whole seconds). An edit in the same
 * step as the one before it could keep the mtime, so a newer signature proves nothing and
 * the file is read instead, as git treats "racily clean" index entries.
 */
export function stillHolds(file: string, was: Signature, at: number, taken?: Taken): boolean {
  return signatureHolds(signatureNow(file, taken), was, at);
}

/** `stillHolds` for a signature already taken (`now`, undefined for a file that is gone). */
export function signatureHolds(now: Signature | undefined, was: Signature, at: number): boolean {
  return (
    now !== undefined &&
    now[0] === was[0] &&
    now[1] === was[1] &&
    now[2] === was[2] &&
    vouches(was, at)
  );
}

/** Whether a signature taken at `at` (ms) or later vouches for its file: its mtime is older than `at` by more than the clock step. */
export function vouches(signature: Signature, at: number): boolean {
  const step = signature[1] % 1000 === 0 ? 2000 : 100;
  return signature[1] < at - step;
}
