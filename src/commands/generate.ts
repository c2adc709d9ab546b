import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  hash,
  openPageStage,
  openStage,
  removeStaleTemps,
  warnDamaged,
  type Stage,
} from '../build/store.js';
import type { Artifact, Config } from './config.js';
import type { Diagnostic } from '../shared/diagnostics.js';
import type { ModelFacts } from '../model/page-facts.js';
import type { EmitMemo } from '../emit/memo.js';
import type { EmittedFile, Emitter, Statements } from '../emit/emitter.js';
import { loadDocs, type DocsSource, type LoadResult } from '../read/load.js';
import type { ReadResult } from '../pipeline.js';
import { Progress } from '../build/progress.js';
import { reportDiagnostics } from './report.js';
import {
  buildFingerprint,
  buildKey,
  holdsRecordedOutput,
  heldFiles,
  keysInputs,
  manifestHash,
  openBuildStage,
  openKeysStage,
  outputSignatures,
  pageSignatures,
  recordedLoad,
  resignedPages,
  type BuildRecord,
  type StatementKeys,
} from '../build/up-to-date.js';
import { openStandingStage, standingOf, stillStands, type Standing } from '../build/standing.js';
import { keepRule, listOutput } from '../build/kept.js';
import { RunError } from '../shared/errors.js';
import type { Signature, Taken } from '../build/folders.js';
import { lockOutput, type LockHolder } from '../build/output-lock.js';
import { assertSafeOutput } from '../build/output-guard.js';
import {
  changeCount,
  diffOutput,
  MANIFEST,
  outputSettled,
  writeOutput,
  type OutputChanges,
} from '../build/write.js';

export interface GenerateArgs {
  docs: DocsSource;
  out: string;
  check: boolean;
  watch: boolean;
  quiet: boolean;
  json: boolean;
  /** Folder for the page and format caches; undefined disables caching. */
  cacheDir?: string;
  config: Config;
}

export interface BuildSummary {
  pages: number;
  types: number;
  operations: number;
  files: number;
  written: number;
  unchanged: number;
  diagnostics: number;
  errors: number;
  seconds: number;
  /** Files whose statements were made, and reused from the last build (watch) or the memo the last run kept. */
  made: number;
  reused: number;
  /** Milliseconds per stage: read, parse, link, emit, format, write, cache. */
  timings: Record<string, number>;
  /** The process's peak resident memory so far, in MB. */
  peakRssMB: number;
}

/** Of `all` emitters, those an `emit` list asks for, plus what they import: client → validators → interfaces. */
export function emittersFor(all: Emitter[], emit: Artifact[] | undefined): Emitter[] {
  if (!emit) return all;
  const wanted = new Set<string>(['package', 'interfaces', ...emit]);
  if (wanted.has('client')) wanted.add('validators');
  return all.filter((e) => wanted.has(e.name));
}

/** What a full build runs, loaded on the first one: a run whose output is up to date needs none of it. */
async function buildModules() {
  const [pipeline, generate, format, memo, deferred] = await Promise.all([
    import('../pipeline.js'),
    import('../generate.js'),
    import('../format/index.js'),
    import('../emit/memo.js'),
    import('../emit/deferred.js'),
  ]);
  return {
    readDocs: pipeline.readDocs,
    generateFiles: generate.generateFiles,
    EMITTERS: generate.EMITTERS,
    formatFingerprint: format.formatFingerprint,
    EmitMemo: memo.EmitMemo,
    isStoredFile: memo.isStoredFile,
    statementsKey: deferred.statementsKey,
  };
}

type BuildResult = { summary: BuildSummary; stale?: OutputChanges };

/** The build stage's one entry. */
const RECORD = 'record';

/** One generator per command: keeps the caches warm across watch rebuilds. */
export class Generator {
  /** Statements of the last build, reused for files whose inputs did not change. */
  private memo?: EmitMemo;
  private caches?: Promise<{ pages?: Stage<ModelFacts>; formats?: Stage<string> }>;

  private constructor(private readonly args: GenerateArgs) {}

  static async create(args: GenerateArgs): Promise<Generator> {
    return new Generator(args);
  }

  /**
   * The page and format stages, opened on the first build that needs them. Without a cache
   * folder a one-off run keeps none (nothing would read them); watch mode keeps them in memory.
   */
  private openCaches(formatFingerprint: string) {
    const { cacheDir, watch, docs, out } = this.args;
    this.caches ??=
      !cacheDir && !watch
        ? Promise.resolve({})
        : Promise.all([
            openPageStage(cacheDir, docs.roots.join('\n')),
            openStage(
              cacheDir,
              'format',
              out,
              formatFingerprint,
              (v): v is string => typeof v === 'string',
            ),
          ]).then(([pages, formats]) => ({ pages, formats }));
    return this.caches;
  }

  private tempsRemoved?: Promise<void>;

  /** What the last build loaded per file: a watch rebuild reads only the files reported changed. */
  private loaded?: ReadResult['files'];

  /** The last build's lock release: the old output it swapped out is removed first. */
  private releasing: Promise<unknown> = Promise.resolve();

  /**
   * Build while holding the output folder's lock (output-lock.ts), so that a concurrent run
   * (a watcher and a CI step) waits for this one instead of mixing two builds. A check takes it
   * too, to read one build; when it cannot be made (a read-only parent), the check goes on.
   */
  async build(changed?: Set<string>): Promise<BuildResult> {
    await this.releasing;
    const { out, check, quiet } = this.args;
    const onWait = (holder: LockHolder | undefined) => {
      if (!quiet)
        process.stderr.write(
          `docs2ts: ${out} is being written by another docs2ts run${holder ? ` (pid ${holder.pid} on ${holder.hostname})` : ''}; waiting for it.\n`,
        );
    };
    const release = await lockOutput(out, { create: !check, onWait }).catch((error: unknown) => {
      if (check && !(error instanceof RunError)) return () => undefined;
      throw error;
    });
    try {
      return await this.buildLocked(changed);
    } finally {
      this.releasing = outputSettled()
        .then(release)
        .catch((error: unknown) =>
          process.stderr.write(
            `docs2ts: could not remove the lock of ${out}: ${(error as Error).message}\n`,
          ),
        );
    }
  }

  /**
   * Read, emit, format; then write (or, in check mode, compare). `changed`: the absolute
   * paths a watcher reported since the last build (other files are not read again). A one-off
   * run with a cache folder first checks whether the last build's output still stands.
   */
  private async buildLocked(changed?: Set<string>): Promise<BuildResult> {
    const started = performance.now();
    if (this.args.cacheDir) await (this.tempsRemoved ??= removeStaleTemps(this.args.cacheDir));
    const progress = Progress.for(this.args.quiet || this.args.json);
    const { cacheDir, out } = this.args;
    const oneOff = cacheDir && !this.args.watch;
    // Every stat of a docs or output file is taken from here on (see `stillHolds`).
    const loadedAt = Date.now();
    const standing = oneOff ? await this.standing(loadedAt) : undefined;
    if (standing?.holds) return this.upToDate(standing.holds, started, progress);
    const known = oneOff ? await this.lastBuild(progress, loadedAt, standing) : undefined;
    if (known?.record) return this.upToDate(known.record, started, progress);
    const reuse = changed && this.loaded ? { previous: this.loaded, changed } : undefined;
    const {
      readDocs,
      generateFiles,
      EMITTERS,
      formatFingerprint,
      EmitMemo,
      isStoredFile,
      statementsKey,
    } = await buildModules();
    // A one-off run starts from the statements the last ones made into this output folder.
    const [memoStage, keysStage] = known
      ? await Promise.all([
          openStage(cacheDir, 'memo', out, buildFingerprint(), isStoredFile),
          openKeysStage(cacheDir, out),
        ])
      : [];
    const lastKeys = known?.last && keysStage?.get(RECORD, keysInputs(known.last));
    const memo = (this.memo ??= new EmitMemo(memoStage));
    const { pages, formats } = await this.openCaches(formatFingerprint());
    const read = await readDocs(this.args.docs, {
      cache: pages,
      progress,
      reuse,
      loaded: known?.loaded,
    });
    this.loaded = read.files;
    const { config } = this.args;
    const held = known?.last && heldFiles(out, known.last, lastKeys ?? {}, standing?.taken);
    const generated = await generateFiles(
      read.model,
      {
        packageName: config.packageName ?? 'generated-api-types',
        packageVersion: config.packageVersion ?? '0.0.0',
        baseUrl: config.baseUrl ?? 'https://graph.microsoft.com/v1.0',
        strict: config.strict ?? false,
      },
      {
        emitters: emittersFor(EMITTERS, config.emit),
        formatCache: formats,
        progress,
        memo,
        held: held?.held,
      },
    );
    progress.end();
    const diagnostics = [...read.diagnostics, ...generated.diagnostics];
    if (!this.args.quiet && !this.args.json) reportDiagnostics(diagnostics, 'summary');
    const summary: BuildSummary = {
      pages: read.pages.length,
      types: read.model.types.length,
      operations: read.model.operations.length,
      files: generated.files.length,
      written: 0,
      unchanged: 0,
      made: memo.made,
      reused: memo.reused,
      diagnostics: diagnostics.length,
      errors: diagnostics.filter((d) => d.severity === 'error').length,
      seconds: 0,
      timings: { ...read.timings, ...(known ? { read: known.ms } : {}), ...generated.timings },
      peakRssMB: 0,
    };
    for (const stage of [pages, formats, memoStage, keysStage]) {
      if (stage?.rejected) warnDamaged(stage.file!, stage.rejected);
      if (stage) stage.rejected = 0;
    }
    let stale;
    let t = performance.now();
    if (this.args.check) {
      stale = await diffOutput(this.args.out, generated.files, { keep: config.keep });
    } else {
      for (const root of this.args.docs.roots) await assertSafeOutput(this.args.out, root);
      const written = known?.last && { outputs: known.last.outputs, at: known.last.writtenAt };
      Object.assign(
        summary,
        await writeOutput(this.args.out, generated.files, { keep: config.keep, written }),
      );
    }
    summary.timings.write = performance.now() - t;
    t = performance.now();
    const holds = !stale || changeCount(stale) === 0;
    if (holds) memo.keep();
    await Promise.all([
      pages?.save(),
      formats?.save(),
      holds && memoStage?.save(),
      known &&
        keysStage &&
        holds &&
        this.record(
          known,
          {
            files: generated.files,
            // Not `writtenAt`: held files were signed from `loadedAt` on (some by the standing's check).
            at: loadedAt,
            keyOf: statementsKey,
            signed: held?.signed,
            keysStage,
            lastKeys,
          },
          summary,
          diagnostics,
        ),
    ]);
    summary.timings.cache = performance.now() - t;
    for (const [stage, ms] of Object.entries(summary.timings))
      summary.timings[stage] = Math.round(ms);
    summary.seconds = Number(((performance.now() - started) / 1000).toFixed(2));
    summary.peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
    return { summary, stale };
  }

  /** The standing stage, opened by the first one-off run's check (see standing.ts). */
  private standingStage?: Stage<Standing>;

  /**
   * What the last run reported, when its standing still holds: the docs and the output folder
   * hold the same files with the same signatures (nothing is read but files the standing
   * cannot vouch for). Those then read, found as they were and now vouching for themselves,
   * are dropped from it when they are many (as the record's `resigned`).
   */
  private async standing(
    at: number,
  ): Promise<{ holds?: Standing; taken?: Taken; pages?: string[] } | undefined> {
    const { cacheDir, out, docs } = this.args;
    const stage = (this.standingStage = await openStandingStage(cacheDir, out));
    const key = this.settingsKey();
    const standing = stage.get(RECORD, key);
    if (stage.rejected) warnDamaged(stage.file!, stage.rejected);
    if (!standing) return undefined;
    const stands = await stillStands(standing, docs, out, at);
    if (!stands.holds) return { taken: stands.taken, pages: stands.pages };
    const vouched = Object.keys(standing.fresh).length - Object.keys(stands.fresh).length;
    if (vouched * 6 > standing.counts.pages + standing.counts.files) {
      stage.set(RECORD, key, { ...standing, fresh: stands.fresh });
      await stage.save();
    }
    return { holds: standing };
  }

  /** The standing of this run's files (see `standingOf`), kept for the next run when there is one. */
  private async keepStanding(standing: Standing | undefined): Promise<void> {
    if (!standing || !this.standingStage) return;
    this.standingStage.set(RECORD, this.settingsKey(), standing);
    await this.standingStage.save();
  }

  /** What the store keeps the last build by: the docs, the output folder and the config. */
  private settingsKey(): string {
    const { docs, out, config } = this.args;
    return hash(JSON.stringify({ docs, out, config }));
  }

  /**
   * The docs, loaded (pages the last build's record vouches for are not read), with their build
   * key; the last record; and that record again when the output is still as it left it.
   */
  private async lastBuild(
    progress: Progress,
    loadedAt: number,
    found: { taken?: Taken; pages?: string[] } = {},
  ) {
    const { taken, pages } = found;
    const t = performance.now();
    progress.stage('reading pages');
    const settings = { docs: this.args.docs, out: this.args.out, config: this.args.config };
    const settingsKey = this.settingsKey();
    const stage = await openBuildStage(this.args.cacheDir, this.args.out);
    const last = stage.get(RECORD, settingsKey);
    if (stage.rejected) warnDamaged(stage.file!, stage.rejected);
    const reuse = last && recordedLoad(last, this.args.docs, taken);
    const loaded = await loadDocs(this.args.docs, reuse, pages);
    const key = buildKey(loaded, settings);
    const held =
      last?.key === key
        ? holdsRecordedOutput(this.args.out, last, this.args.config.keep, taken)
        : undefined;
    const record = held && last;
    // Files read because their signatures were taken in their own clock step, found unchanged:
    // the record takes their new ones, so that the next run need not read them. Unless they are
    // few (the files a one-page edit wrote): reading and hashing a file again costs about as much
    // as writing six entries of the record (15 and 2.4 µs on the 3× corpus), so then it stays.
    const resigned = record ? held.resigned + resignedPages(loaded, reuse!.previous) : 0;
    const entries = record ? loaded.files.size + Object.keys(record.outputs).length : 0;
    if (record && resigned * 6 > entries) {
      stage.set(RECORD, settingsKey, {
        ...record,
        pages: pageSignatures(loaded),
        loadedAt,
        outputs: held.outputs,
        // The output's stats were taken from `loadedAt` on, some by the standing's check.
        writtenAt: loadedAt,
      });
      await stage.save();
    }
    if (record)
      await this.keepStanding(
        standingOf(
          this.args.out,
          { pages: loaded.files, outputs: held.outputs, at: loadedAt },
          held,
          record,
        ),
      );
    return { loaded, loadedAt, key, settingsKey, stage, last, record, ms: performance.now() - t };
  }

  /** Record what this build was made from and what it reported, beside the output's manifest. */
  private async record(
    known: {
      stage: Stage<BuildRecord>;
      key: string;
      settingsKey: string;
      loaded: LoadResult;
      loadedAt: number;
      last?: BuildRecord;
    },
    written: {
      files: EmittedFile[];
      at: number;
      keyOf: (s: Statements) => string;
      /** The signatures held files were found with (the write leaves them alone). */
      signed?: Map<string, Signature>;
      keysStage: Stage<StatementKeys>;
      /** The last build's statement keys (held files keep theirs). */
      lastKeys?: StatementKeys;
    },
    s: BuildSummary,
    diagnostics: Diagnostic[],
  ): Promise<void> {
    const { out } = this.args;
    const manifestText = await fs.readFile(path.join(out, MANIFEST), 'utf8');
    const manifest = manifestHash(manifestText);
    const record: BuildRecord = {
      key: known.key,
      counts: { pages: s.pages, types: s.types, operations: s.operations, files: s.files },
      diagnostics,
      manifest,
      pages: pageSignatures(known.loaded),
      loadedAt: known.loadedAt,
      outputs: outputSignatures(
        out,
        written.files.map((f) => f.path),
        written.signed,
      ),
      writtenAt: written.at,
    };
    known.stage.set(RECORD, known.settingsKey, record);
    written.keysStage.set(
      RECORD,
      keysInputs(record),
      statementKeys(written.files, written.keyOf, written.lastKeys),
    );
    const listed = (JSON.parse(manifestText) as { files: Record<string, string> }).files;
    const kept = listOutput(out, keepRule(this.args.config.keep), [
      ...Object.keys(listed),
      MANIFEST,
    ]);
    await Promise.all([
      known.stage.save(),
      written.keysStage.save(),
      this.keepStanding(
        standingOf(
          out,
          { pages: known.loaded.files, outputs: record.outputs, at: known.loadedAt },
          { listed, kept: kept.kept },
          { counts: record.counts, diagnostics },
        ),
      ),
    ]);
  }

  /** A build with nothing to do reports the recorded build's summary and diagnostics; nothing is written. */
  private upToDate(
    record: Pick<Standing, 'counts' | 'diagnostics'>,
    started: number,
    progress: Progress,
  ): BuildResult {
    progress.end();
    if (!this.args.quiet && !this.args.json) reportDiagnostics(record.diagnostics, 'summary');
    const ms = performance.now() - started;
    const summary: BuildSummary = {
      ...record.counts,
      written: 0,
      unchanged: record.counts.files,
      made: 0,
      reused: 0,
      diagnostics: record.diagnostics.length,
      errors: record.diagnostics.filter((d) => d.severity === 'error').length,
      seconds: Number((ms / 1000).toFixed(2)),
      timings: { upToDate: Math.round(ms) },
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    return {
      summary,
      stale: this.args.check ? { added: [], changed: [], removed: [] } : undefined,
    };
  }
}

function line(s: BuildSummary, out: string): string {
  return (
    `docs2ts: ${s.pages} pages → ${s.types} types, ${s.operations} operations → ${s.files} files in ${path.relative(process.cwd(), out) || '.'} ` +
    `(${s.written} written, ${s.unchanged} unchanged, ${s.diagnostics} diagnostics, ${s.seconds}s)`
  );
}

/** `docs2ts generate`. */
export async function generateCommand(args: GenerateArgs): Promise<number> {
  // A refused output folder is refused before anything is read, locked or written.
  if (!args.check) for (const root of args.docs.roots) await assertSafeOutput(args.out, root);
  const generator = await Generator.create(args);
  // chokidar is loaded only to watch.
  if (args.watch)
    return (await import('../build/watch.js')).watchDocs(args.docs.roots, async (changed) => {
      const { summary } = await generator.build(changed);
      process.stdout.write((args.json ? JSON.stringify(summary) : line(summary, args.out)) + '\n');
    });
  const { summary, stale } = await generator.build();
  if (stale) {
    const count = changeCount(stale);
    if (args.json)
      process.stdout.write(JSON.stringify({ ...summary, stale: count > 0, ...stale }) + '\n');
    else {
      for (const [label, list] of Object.entries(stale))
        for (const file of list as string[]) process.stdout.write(`${label.padEnd(8)} ${file}\n`);
      process.stdout.write(
        count
          ? `${args.out} is stale: ${count} file(s) would change.\n`
          : `${args.out} is up to date.\n`,
      );
    }
    return count ? 1 : 0;
  }
  if (args.json) process.stdout.write(JSON.stringify(summary) + '\n');
  else if (!args.quiet) process.stdout.write(line(summary, args.out) + '\n');
  return 0;
}

/** The key of the statements each TypeScript file was printed from; a held file keeps the one the last record gave it. */
function statementKeys(
  files: EmittedFile[],
  keyOf: (statements: Statements) => string,
  last?: StatementKeys,
): StatementKeys {
  const keys: StatementKeys = {};
  for (const file of files) {
    const key =
      file.held !== undefined ? last?.[file.path] : file.statements && keyOf(file.statements);
    if (key) keys[file.path] = key;
  }
  return keys;
}
