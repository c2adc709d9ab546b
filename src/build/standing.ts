import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Reporter, type Diagnostic } from '../shared/diagnostics.js';
import { isRecord, isString } from '../shared/own.js';
import { baseOf, listDocs, type DocsSource, type FileLoad } from '../read/load.js';
import {
  inFolder,
  signatureOf,
  statOrUndefined,
  vouches,
  type Signature,
  type Taken,
} from './folders.js';
import { listOutput } from './kept.js';
import { PartHash } from './hash.js';
import { openStage } from './store.js';
import { buildFingerprint, isDiagnostic, type BuildRecord } from './up-to-date.js';
import { contentHash, MANIFEST } from './write.js';

/**
 * What a run with nothing to do checks first, before it reads the build record: one digest of
 * the signatures (see `stillHolds`) of every docs file and output file as the last run left
 * them, taken at a time they all vouch from. When the files' signatures digest the same, every
 * page and output file is as it was, so the record's build stands, and its report is here.
 *
 * Files written in the clock step their signatures were taken in (a build's output, always)
 * cannot vouch for themselves: `fresh` gives their content hashes, and they are read.
 */
export interface Standing {
  digest: string;
  /** The output folder's kept entries (kept.ts), not walked. */
  kept: string[];
  /** Output files (relative paths) known by their content hash (see `contentHash`), not their signature. */
  fresh: Record<string, string>;
  counts: BuildRecord['counts'];
  diagnostics: Diagnostic[];
}

/** The standing stage: one entry, kept by the build's settings (as the record is). */
export const openStandingStage = (cacheDir: string | undefined, out: string) =>
  openStage(cacheDir, 'standing', out, buildFingerprint(), isStanding);

function isStanding(v: unknown): v is Standing {
  return (
    isRecord(v) &&
    isString(v.digest) &&
    Array.isArray(v.kept) &&
    v.kept.every(isString) &&
    isRecord(v.fresh) &&
    Object.values(v.fresh).every(isString) &&
    isRecord(v.counts) &&
    Array.isArray(v.diagnostics) &&
    v.diagnostics.every(isDiagnostic)
  );
}

/** The digest of files' signatures: a line for each file (which side, path, size, mtime, inode), hashed as they come. */
class SignatureDigest extends PartHash {
  sign(side: 'docs' | 'out', file: string, size: number, mtimeMs: number, ino: number): void {
    this.add(`${side}\0${file}\0${size}\0${mtimeMs}\0${ino}\n`);
  }
}

/**
 * The standing of a run's files, from the signatures it took from `at` on: `pages`, every file
 * the docs list (as `loadDocs` gives them); `outputs`, the manifest's files (the manifest is
 * signed here), with `listed`, their content hashes, for those their signatures cannot vouch
 * for; `kept`, the output's kept entries. Undefined when a docs file has no signature or one
 * that cannot vouch for it: the next run checks the record instead.
 */
export function standingOf(
  out: string,
  files: { pages: Map<string, FileLoad>; outputs: Record<string, Signature>; at: number },
  made: { listed: Record<string, string>; kept: string[] },
  report: Pick<Standing, 'counts' | 'diagnostics'>,
): Standing | undefined {
  const manifest = path.join(out, MANIFEST);
  const stat = statOrUndefined(manifest);
  if (!stat) return undefined;
  const outputs: Record<string, Signature> = { ...files.outputs, [MANIFEST]: signatureOf(stat) };
  const contentOf = (file: string): string | undefined => {
    if (file !== MANIFEST) return Object.hasOwn(made.listed, file) ? made.listed[file] : undefined;
    try {
      return contentHash(readFileSync(manifest));
    } catch {
      return undefined;
    }
  };
  const { pages, at } = files;
  const digest = new SignatureDigest();
  for (const [file, { signature }] of pages) {
    if (!signature || !vouches(signature, at)) return undefined;
    digest.sign('docs', file, ...signature);
  }
  const fresh: Record<string, string> = {};
  for (const file of [...Object.keys(made.listed), MANIFEST].sort()) {
    const signature = Object.hasOwn(outputs, file) ? outputs[file] : undefined;
    if (!signature) return undefined;
    if (!vouches(signature, at)) {
      const content = contentOf(file);
      if (content === undefined) return undefined;
      fresh[file] = content;
    }
    digest.sign('out', file, ...signature);
  }
  return { digest: digest.digest(), kept: made.kept, fresh, ...report };
}

/**
 * What `stillStands` found: the fresh files still unvouched when the standing holds; else
 * the stats it took and the docs' listing, when it got that far, for the build to use.
 */
export type StandingCheck =
  | { holds: true; fresh: Record<string, string> }
  | { holds: false; taken?: Taken; pages?: string[] };

/**
 * Whether `standing` still holds for the docs and `out`: the same files, each with the same
 * signature, and every fresh one with its content hash. `fresh`: the fresh files that a
 * standing taken from `at` on would still not vouch for; the others were read, found as they
 * were, and now vouch for themselves. When it does not hold, the stats taken, for the build
 * to use (each file is stat'ed once).
 */
export async function stillStands(
  standing: Standing,
  docs: DocsSource,
  out: string,
  at: number,
): Promise<StandingCheck> {
  const report = new Reporter('');
  const pages = await listDocs(docs, report);
  if (report.items.length) return { holds: false };
  const base = baseOf(docs.roots);
  const kept = new Set(standing.kept);
  const outputs = listOutput(out, (rel) => kept.has(rel), []).files.sort();
  const ours = statsOf(pages.map((file) => inFolder(base, file)));
  const stats = statsOf(outputs.map((file) => inFolder(out, file)));
  return settle(standing, at, { base, pages, ours }, { out, outputs, stats });
}

/**
 * The stats of `paths` in one array, three numbers each (size, mtime, inode; size -1: not
 * there): not an array for each of thousands of files, which the collector would copy.
 */
function statsOf(paths: string[]): Float64Array {
  const stats = new Float64Array(3 * paths.length);
  for (let i = 0; i < paths.length; i++) {
    const stat = statOrUndefined(paths[i]);
    stats[3 * i] = stat ? stat.size : -1;
    if (!stat) continue;
    stats[3 * i + 1] = stat.mtimeMs;
    stats[3 * i + 2] = stat.ino;
  }
  return stats;
}

/** `stillStands` once the stats are taken: the digest compared, the fresh files read. */
function settle(
  standing: Standing,
  at: number,
  docs: { base: string; pages: string[]; ours: Float64Array },
  output: { out: string; outputs: string[]; stats: Float64Array },
): StandingCheck {
  const { base, pages, ours } = docs;
  const { out, outputs, stats } = output;
  const signatureIn = (array: Float64Array, i: number): Signature | undefined =>
    array[3 * i] < 0 ? undefined : [array[3 * i], array[3 * i + 1], array[3 * i + 2]];
  const digest = new SignatureDigest();
  const sign = (side: 'docs' | 'out', files: string[], array: Float64Array) => {
    for (let i = 0; i < files.length; i++)
      if (array[3 * i] >= 0)
        digest.sign(side, files[i], array[3 * i], array[3 * i + 1], array[3 * i + 2]);
  };
  sign('docs', pages, ours);
  sign('out', outputs, stats);
  const fails = () => {
    const taken: Taken = new Map();
    pages.forEach((file, i) => taken.set(inFolder(base, file), signatureIn(ours, i)));
    outputs.forEach((file, i) => taken.set(inFolder(out, file), signatureIn(stats, i)));
    return { holds: false as const, taken, pages };
  };
  if (digest.digest() !== standing.digest) return fails();
  const fresh: Record<string, string> = {};
  for (let i = 0; i < outputs.length; i++) {
    const file = outputs[i];
    if (!Object.hasOwn(standing.fresh, file)) continue;
    const content = standing.fresh[file];
    if (!asHashed(inFolder(out, file), content)) return fails();
    if (!vouches(signatureIn(stats, i)!, at)) fresh[file] = content;
  }
  return { holds: true, fresh };
}

/** Whether the file at `abs` reads and hashes as `content` (a content hash). */
function asHashed(abs: string, content: string): boolean {
  try {
    return contentHash(readFileSync(abs)) === content;
  } catch {
    return false;
  }
}
