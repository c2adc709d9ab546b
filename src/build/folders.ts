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

export function lstatOrUndefined(p: string): Stats | undefined {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}

export function statOrUndefined(p: string): Stats | undefined {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}
