import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fingerprint, hash, hashOnce, isRecord, openStage } from './store.js';
import type { Diagnostic } from '../shared/diagnostics.js';
import type { LoadResult } from '../read/load.js';
import { PACKAGE_ROOT, TEMPLATES } from '../shared/paths.js';
import { keepRule, listOutput } from './kept.js';
import { contentHash, MANIFEST } from './write.js';

/**
 * The last build that wrote an output folder: what it was made from (`key`), what it
 * reported, and the hash of the manifest it wrote. A one-off `generate` whose inputs give
 * the same key, into an output folder still holding exactly those files, has nothing to do:
 * it reports the recorded summary and diagnostics without parsing, emitting or writing.
 */
export interface BuildRecord {
  key: string;
  counts: { pages: number; types: number; operations: number; files: number };
  diagnostics: Diagnostic[];
  manifest: string;
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
const isString = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

function isDiagnostic(v: unknown): v is Diagnostic {
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
    v.diagnostics.every(isDiagnostic)
  );
}

/** The hash a record keeps of a manifest's text. */
export const manifestHash = hash;

/**
 * Whether `out` holds exactly what the recorded build wrote: its manifest, every file the
 * manifest lists with the content hash listed (a hand edit shows), and nothing else but the
 * kept files (`keep`: the config's globs; see kept.ts), which a write would keep as they are.
 */
export function holdsRecordedOutput(
  out: string,
  record: BuildRecord,
  keep?: readonly string[],
): boolean {
  let manifest: string;
  try {
    manifest = readFileSync(path.join(out, MANIFEST), 'utf8');
  } catch {
    return false;
  }
  if (manifestHash(manifest) !== record.manifest) return false;
  const { files } = JSON.parse(manifest) as { files: Record<string, string> };
  const listed = Object.entries(files);
  const onDisk = listOutput(out, keepRule(keep), [...Object.keys(files), MANIFEST]).files.length;
  if (onDisk !== listed.length + 1) return false;
  try {
    return listed.every(([file, hash]) => contentHash(readFileSync(path.join(out, file))) === hash);
  } catch {
    return false;
  }
}
