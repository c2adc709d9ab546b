import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fingerprint, hash, hashOnce, openStage } from './store.js';
import { isRecord, isString } from '../shared/own.js';
import type { Diagnostic } from '../shared/diagnostics.js';
import {
  baseOf,
  pageOnDisk,
  type DocsSource,
  type FileLoad,
  type LoadResult,
  type LoadReuse,
} from '../read/load.js';
import {
  inFolder,
  signatureHolds,
  signatureOf,
  signatureNow,
  statOrUndefined,
  stillHolds,
  type Signature,
  type Taken,
} from './folders.js';
import { PACKAGE_ROOT, TEMPLATES } from '../shared/paths.js';
import { keepRule, listOutput } from './kept.js';
import { contentHash, MANIFEST } from './write.js';

/**
 * The last build that wrote an output folder: what it was made from (`key`), what it
 * reported, and the hash of the manifest it wrote. A one-off `generate` whose inputs give
 * the same key, into an output folder still holding exactly those files, has nothing to do:
 * it reports the recorded summary and diagnostics without parsing, emitting or writing.
 *
 * With them, the signatures (see `stillHolds`) of the pages it read, with each one's hash,
 * taken from `loadedAt` on, and of the files it wrote, taken from `writtenAt` on: a file whose
 * signature still holds is known without being read, so a run pays for what changed.
 */
export interface BuildRecord {
  key: string;
  counts: { pages: number; types: number; operations: number; files: number };
  diagnostics: Diagnostic[];
  manifest: string;
  pages: Record<string, [...Signature, string]>;
  loadedAt: number;
  outputs: Record<string, Signature>;
  writtenAt: number;
}

/**
 * The key of the statements each TypeScript file of a recorded build was printed from (see
 * `heldFiles`). Kept in a stage of its own (`openKeysStage`), since only a build reads it: a run
 * with nothing to do neither reads nor verifies it.
 */
export type StatementKeys = Record<string, string>;

/** The keys stage of the store: the statement keys of the last build, valid for its record (`keysInputs`). */
export const openKeysStage = (cacheDir: string | undefined, out: string) =>
  openStage(cacheDir, 'keys', out, buildFingerprint(), isStatementKeys);

/** What a record's statement keys are kept by: its build key and the manifest it wrote, so that keys never pair with another build's record. */
export const keysInputs = (record: BuildRecord): string =>
  hash(`${record.key}\0${record.manifest}`);

const isStatementKeys = (v: unknown): v is StatementKeys => isRecord(v) && allStrings(v);

/**
 * What the record vouches for, as a load to reuse: each page whose file still holds what was
 * read, known by its hash (its text read only if asked for).
 */
export function recordedLoad(record: BuildRecord, docs: DocsSource, taken?: Taken): LoadReuse {
  const base = baseOf(docs.roots);
  const previous = new Map<string, FileLoad>();
  const signatures = new Map<string, Signature>();
  // for…in, not Object.entries: no array made for each of thousands of pages.
  for (const file in record.pages) {
    const [size, mtimeMs, ino, known] = record.pages[file];
    const signature: Signature = [size, mtimeMs, ino];
    previous.set(file, { page: pageOnDisk(base, file, known), diagnostics: [], signature });
    signatures.set(inFolder(base, file), signature);
  }
  const holds = (abs: string) => {
    const signature = signatures.get(abs);
    return signature !== undefined && stillHolds(abs, signature, record.loadedAt, taken);
  };
  return { previous, changed: { has: (abs) => !holds(abs) } };
}

/** The signatures a record keeps of a load: pages read with no finding, with their hashes. */
export function pageSignatures(loaded: LoadResult): BuildRecord['pages'] {
  const pages: BuildRecord['pages'] = {};
  for (const [file, { page, diagnostics, signature }] of loaded.files)
    if (page && signature && !diagnostics.length)
      pages[file] = [...signature, hashOnce(page, (p) => p.text)];
  return pages;
}

/** How many pages a load read that the record would now vouch for (`previous`: the record's, see `recordedLoad`). */
export function resignedPages(loaded: LoadResult, previous: Map<string, FileLoad>): number {
  let count = 0;
  for (const [file, load] of loaded.files)
    if (load !== previous.get(file) && load.page && load.signature && !load.diagnostics.length)
      count++;
  return count;
}

/** The signatures of the files `out` holds (those listed), for the record; `known`: the signatures of files this build found held and left alone. */
export function outputSignatures(
  out: string,
  files: string[],
  known?: Map<string, Signature>,
): BuildRecord['outputs'] {
  const outputs: BuildRecord['outputs'] = {};
  for (const file of files) {
    const signature = known?.get(file);
    if (signature) {
      outputs[file] = signature;
      continue;
    }
    const stat = statOrUndefined(path.join(out, file));
    if (stat) outputs[file] = signatureOf(stat);
  }
  return outputs;
}

/** An output file as the last build wrote it: the content hash its manifest lists, the content read if asked for. */
export interface HeldFile {
  path: string;
  held: string;
  readonly content: string;
}

/**
 * The files `out` still holds as the recorded build wrote them: a file is held when that build
 * printed it from the same statements (by `keys`, its statement keys) and it is as the record's
 * manifest lists it (see `asListed`). Its content is read only if asked for. `signed`: the
 * signature each held file was found with, for this build's record (the write leaves held
 * files alone).
 */
export function heldFiles(
  out: string,
  record: BuildRecord,
  keys: StatementKeys,
  taken?: Taken,
): { held: (file: string, key: string) => HeldFile | undefined; signed: Map<string, Signature> } {
  const signed = new Map<string, Signature>();
  const listed = recordedManifest(out, record) ?? {};
  const held = (file: string, key: string): HeldFile | undefined => {
    const abs = inFolder(out, file);
    const content = Object.hasOwn(listed, file) ? listed[file] : undefined;
    if (!Object.hasOwn(keys, file) || keys[file] !== key || !content) return undefined;
    const signature = signatureNow(abs, taken);
    if (!signature || !asListed(abs, signature, content, record, file)) return undefined;
    signed.set(file, signature);
    return {
      path: file,
      held: content,
      get content() {
        return readFileSync(abs, 'utf8');
      },
    };
  };
  return { held, signed };
}

/** The files (with content hashes) of the manifest in `out`, when it is the one the record wrote. */
function recordedManifest(out: string, record: BuildRecord): Record<string, string> | undefined {
  let manifest: string;
  try {
    manifest = readFileSync(path.join(out, MANIFEST), 'utf8');
  } catch {
    return undefined;
  }
  if (manifestHash(manifest) !== record.manifest) return undefined;
  return (JSON.parse(manifest) as { files: Record<string, string> }).files;
}

/**
 * How the output file at `abs` (signature `now`) is as the manifest lists it (`listed`, its content
 * hash): `signature` when the record's signature vouches for it; else `bytes` when it is read
 * and hashes as listed (a file whose signature was taken in its own clock step, as every file a
 * build writes is); undefined when it is not, or cannot be read.
 */
function asListed(
  abs: string,
  now: Signature,
  listed: string,
  record: BuildRecord,
  file: string,
): 'signature' | 'bytes' | undefined {
  const signature = Object.hasOwn(record.outputs, file) ? record.outputs[file] : undefined;
  if (signature && signatureHolds(now, signature, record.writtenAt)) return 'signature';
  try {
    return contentHash(readFileSync(abs)) === listed ? 'bytes' : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The fingerprint of the whole build: docs2ts' compiled code, its templates and the installed
 * versions of its dependencies (remark, ts-morph, prettier, …): another build of docs2ts, or an
 * upgraded dependency, makes every record (and the emit memo) stale.
 */
export const buildFingerprint = (): string => fingerprint(['.', TEMPLATES], dependencyVersions());

let versions: Record<string, string> | undefined;

/** The installed version of each of docs2ts' dependencies, found as Node finds them from the package root. */
function dependencyVersions(): Record<string, string> {
  if (versions) return versions;
  const { dependencies = {} } = JSON.parse(
    readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'),
  ) as { dependencies?: Record<string, string> };
  versions = {};
  for (const name of Object.keys(dependencies).sort()) {
    for (let dir = PACKAGE_ROOT; !versions[name]; dir = path.dirname(dir)) {
      try {
        versions[name] = (
          JSON.parse(
            readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8'),
          ) as { version: string }
        ).version;
      } catch {
        if (dir === path.dirname(dir)) versions[name] = 'missing';
      }
    }
  }
  return versions;
}

/**
 * What a build's output depends on: docs2ts' code, `settings` (options, config, docs folders,
 * output folder), every page's path and content, and what loading the docs reported.
 */
export function buildKey(loaded: LoadResult, settings: unknown): string {
  const pages = loaded.pages.map((page) => `${page.file}\0${hashOnce(page, (p) => p.text)}`);
  return hash([JSON.stringify(settings), ...pages, JSON.stringify(loaded.diagnostics)].join('\0'));
}

/** The build stage of the store: one entry, the last build's record, kept by its build key. */
export const openBuildStage = (cacheDir: string | undefined, out: string) =>
  openStage(cacheDir, 'build', out, buildFingerprint(), isBuildRecord);

const SEVERITIES = new Set(['error', 'warning', 'info']);
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

export function isDiagnostic(v: unknown): v is Diagnostic {
  return (
    isRecord(v) &&
    isString(v.file) &&
    isCount(v.line) &&
    isCount(v.column) &&
    isString(v.ruleId) &&
    SEVERITIES.has(v.severity as string) &&
    isString(v.message)
  );
}

export function isBuildRecord(v: unknown): v is BuildRecord {
  return (
    isRecord(v) &&
    isString(v.key) &&
    isString(v.manifest) &&
    isRecord(v.counts) &&
    ['pages', 'types', 'operations', 'files'].every((k) =>
      isCount((v.counts as Record<string, unknown>)[k]),
    ) &&
    Array.isArray(v.diagnostics) &&
    v.diagnostics.every(isDiagnostic) &&
    isCount(v.loadedAt) &&
    isCount(v.writtenAt) &&
    isRecord(v.pages) &&
    allSignatures(v.pages, true) &&
    isRecord(v.outputs) &&
    allSignatures(v.outputs, false)
  );
}

/** Whether every value of `object` is a string (as `allSignatures`, one loop). */
function allStrings(object: Record<string, unknown>): boolean {
  for (const key in object) if (typeof object[key] !== 'string') return false;
  return true;
}

/**
 * Whether every value of `signatures` is a signature (size, mtime, inode), followed by a hash
 * when `hashed`. One loop over thousands of them: no array of values, no call for each.
 */
function allSignatures(signatures: Record<string, unknown>, hashed: boolean): boolean {
  const length = hashed ? 4 : 3;
  for (const key in signatures) {
    const v = signatures[key];
    if (
      !Array.isArray(v) ||
      v.length !== length ||
      !isCount(v[0]) ||
      typeof v[1] !== 'number' ||
      !isCount(v[2]) ||
      (hashed && typeof v[3] !== 'string')
    )
      return false;
  }
  return true;
}

/** The hash a record keeps of a manifest's text. */
export const manifestHash = hash;

/**
 * What `holdsRecordedOutput` found: the output's signatures as now known, `resigned` of them
 * taken anew; the manifest's files with their content hashes; the kept entries.
 */
export interface OutputCheck {
  outputs: BuildRecord['outputs'];
  resigned: number;
  listed: Record<string, string>;
  kept: string[];
}

/**
 * Whether `out` holds exactly what the recorded build wrote: its manifest, every file the
 * manifest lists with the content hash listed (a hand edit shows), and nothing else but the
 * kept files (`keep`: the config's globs; see kept.ts), which a write would keep as they are.
 *
 * A file its signature cannot vouch for (taken in the clock step it was written in, as every
 * file a build writes is) is read; found as listed, it is signed anew with the stat taken
 * before the read. A record saved with these, valid from a time taken before this check
 * began, vouches for it next time: git refreshes "racily clean" entries likewise.
 */
export function holdsRecordedOutput(
  out: string,
  record: BuildRecord,
  keep?: readonly string[],
  taken?: Taken,
): OutputCheck | undefined {
  const files = recordedManifest(out, record);
  if (!files) return undefined;
  const listed = Object.keys(files);
  listed.push(MANIFEST);
  const onDisk = listOutput(out, keepRule(keep), listed);
  if (onDisk.files.length !== listed.length) return undefined;
  listed.pop();
  // Files signed anew, in a copy of the record's signatures made only if there are any.
  let outputs = record.outputs;
  let resigned = 0;
  for (const file of listed) {
    const abs = inFolder(out, file);
    const now = signatureNow(abs, taken);
    const how = now && asListed(abs, now, files[file], record, file);
    if (!how) return undefined;
    if (how === 'signature') continue;
    if (!resigned++) outputs = { ...record.outputs };
    outputs[file] = now;
  }
  return { outputs, resigned, listed: files, kept: onDisk.kept };
}
