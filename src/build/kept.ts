import { mkdirSync, readdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { foldersOf, inFolder } from './folders.js';
import { picomatch } from '../shared/globs.js';

/**
 * What the generated package's own tooling makes in the output folder (`npm install`,
 * `npm run build`): kept across regenerations, never reported as removed. The config's
 * `keep` globs add to these.
 */
export const DEFAULT_KEEP = [
  'node_modules',
  'dist',
  '*.tsbuildinfo',
  '.yarn',
  '.pnp.cjs',
  '.pnp.loader.mjs',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'bun.lockb',
];

/** Whether a path in the output folder (relative, `/`-separated; a file or a folder, kept whole) is kept. */
export type KeepRule = (rel: string) => boolean;

export function keepRule(keep: readonly string[] = []): KeepRule {
  // Made (picomatch loaded) for the first path that needs it: none does in an output folder
  // holding only what docs2ts wrote, as a build with nothing to do finds it.
  let isKept: KeepRule | undefined;
  return (rel) => {
    if (!isKept) {
      isKept = picomatch()([...DEFAULT_KEEP, ...keep], { dot: true });
    }
    return isKept(rel);
  };
}

export interface OutputListing {
  /** Files docs2ts answers for: every file that is not kept. */
  files: string[];
  /** The topmost kept entries (files or whole folders). */
  kept: string[];
}

/**
 * Walk an output folder. A path docs2ts writes (`generated`, files and the folders holding
 * them) is never kept, whatever the globs say; kept folders are not walked.
 */
export function listOutput(
  dir: string,
  isKept: KeepRule,
  generated: Iterable<string>,
): OutputListing {
  const files = new Set(generated);
  const folders = foldersOf(files);
  const listing: OutputListing = { files: [], kept: [] };
  const walk = (rel: string) => {
    let entries;
    try {
      entries = readdirSync(rel ? inFolder(dir, rel) : dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const p = rel ? `${rel}/${entry.name}` : entry.name;
      if (!files.has(p) && !folders.has(p) && isKept(p)) listing.kept.push(p);
      else if (entry.isDirectory()) walk(p);
      else listing.files.push(p);
    }
  };
  walk('');
  return listing;
}

/** Move entries (paths relative to both folders) from one folder to the other: renames, so node_modules moves in one step. */
export function moveEntries(from: string, to: string, entries: string[]): void {
  for (const rel of entries) {
    const target = path.join(to, rel);
    mkdirSync(path.dirname(target), { recursive: true });
    renameSync(path.join(from, rel), target);
  }
}
