import { mkdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { foldersOf, lstatOrUndefined } from './folders.js';

/**
 * An update of an output folder docs2ts wrote before: only the files that change are written,
 * into the staging folder, then moved into place. Between the two, a commit file in the
 * staging folder lists every move and removal and holds the new manifest: a run killed
 * before it leaves the old output as it was (the next run drops the staging folder); a run
 * killed after it is finished by the next one (`finishUpdate`, which recoverOutput calls
 * first). Unchanged files are not touched: nothing is linked, copied or removed for them.
 */
const COMMIT = '.docs2ts-commit.json';

interface Commit {
  /** Paths moved from the staging folder into the output, in order. */
  moved: string[];
  /** Paths removed from the output. */
  removed: string[];
  manifest: { path: string; content: string };
}

export interface Update {
  writes: { path: string; content: string }[];
  removed: string[];
  manifest: { path: string; content: string };
}

/**
 * Whether `update` can be made in place: no file it writes is where the output has a folder,
 * or under a path the output has as a file (`existing`: the output's files docs2ts answers for).
 */
export function fitsInPlace(writes: { path: string }[], existing: string[]): boolean {
  const files = new Set(existing);
  const folders = foldersOf(existing);
  return writes.every(
    (w) => !folders.has(w.path) && ![...foldersOf([w.path])].some((f) => files.has(f)),
  );
}

/** Stage `update` in `staging` (`onWrite` after each file), commit it, and apply it to `out`. */
export function updateInPlace(
  out: string,
  staging: string,
  update: Update,
  onWrite: () => void,
): void {
  commitUpdate(staging, update, onWrite);
  finishUpdate(out, staging);
}

/** Write `update`'s files into `staging`, then its commit file: from then on, it will be applied. */
export function commitUpdate(staging: string, update: Update, onWrite = () => {}): void {
  const folders = new Set<string>();
  for (const { path: file, content } of update.writes) {
    const target = path.join(staging, file);
    const folder = path.dirname(target);
    if (!folders.has(folder)) mkdirSync(folder, { recursive: true });
    folders.add(folder);
    writeFileSync(target, content);
    onWrite();
  }
  mkdirSync(staging, { recursive: true });
  const commit: Commit = {
    moved: update.writes.map((w) => w.path),
    removed: update.removed,
    manifest: update.manifest,
  };
  const temp = path.join(staging, `${COMMIT}.tmp`);
  writeFileSync(temp, JSON.stringify(commit));
  renameSync(temp, path.join(staging, COMMIT));
}

/**
 * Apply the update committed in `staging` to `out`, whatever part of it a killed run applied
 * already; then remove the staging folder. False when nothing was committed there.
 */
export function finishUpdate(out: string, staging: string): boolean {
  let commit: Commit;
  try {
    commit = JSON.parse(readFileSync(path.join(staging, COMMIT), 'utf8')) as Commit;
  } catch {
    return false;
  }
  for (const file of commit.moved) {
    const from = path.join(staging, file);
    if (!lstatOrUndefined(from)) continue; // moved before the kill
    const target = path.join(out, file);
    makeRoom(out, file);
    renameSync(from, target);
  }
  for (const file of commit.removed) {
    rmSync(path.join(out, file), { force: true });
    removeEmptyFolders(out, path.dirname(file));
  }
  const manifest = path.join(out, commit.manifest.path);
  writeFileSync(`${manifest}.tmp`, commit.manifest.content);
  renameSync(`${manifest}.tmp`, manifest);
  rmSync(staging, { recursive: true, force: true });
  return true;
}

/**
 * Make `file`'s place in `out` free for a file: its folders made, a file standing where one of
 * them goes, or a folder where the file goes, removed. `fitsInPlace` checked this before the
 * commit; an entry made since (by hand, before a killed run is finished) must not leave every
 * later run failing here.
 */
function makeRoom(out: string, file: string): void {
  const parts = file.split('/');
  for (let i = 1; i < parts.length; i++) {
    const folder = path.join(out, ...parts.slice(0, i));
    const stat = lstatOrUndefined(folder);
    if (stat && !stat.isDirectory()) rmSync(folder, { force: true });
    if (!stat?.isDirectory()) mkdirSync(folder, { recursive: true });
  }
  const target = lstatOrUndefined(path.join(out, file));
  if (target?.isDirectory()) rmSync(path.join(out, file), { recursive: true, force: true });
}

/** Remove `folder` (relative to `out`) and its parents while they are empty. */
function removeEmptyFolders(out: string, folder: string): void {
  for (let at = folder; at !== '.' && at !== ''; at = path.dirname(at)) {
    try {
      rmdirSync(path.join(out, at));
    } catch {
      return; // not empty (or gone)
    }
  }
}
