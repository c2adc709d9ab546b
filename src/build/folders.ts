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
export function stillHolds(file: string, was: Signature, at: number): boolean {
  return signatureHolds(statOrUndefined(file), was, at);
}

/** `stillHolds` for a stat already taken (`now`, undefined for a file that is gone). */
export function signatureHolds(now: Stats | undefined, was: Signature, at: number): boolean {
  const step = was[1] % 1000 === 0 ? 2000 : 100;
  return (
    now !== undefined &&
    now.size === was[0] &&
    now.mtimeMs === was[1] &&
    now.ino === was[2] &&
    was[1] < at - step
  );
}
