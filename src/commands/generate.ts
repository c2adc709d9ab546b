import path from 'node:path';
import { HashCache, cacheFile, openPageCache } from '../cache.js';
import type { Artifact, Config } from '../config.js';
import type { PageResult } from '../extract/page.js';
import { FORMAT_FINGERPRINT } from '../format/index.js';
import { EmitMemo } from '../emit/memo.js';
import { EMITTERS, generateFiles } from '../generate.js';
import type { DocsSource } from '../load.js';
import { readDocs, type ReadResult } from '../pipeline.js';
import { Progress } from '../progress.js';
import { reportDiagnostics } from '../report.js';
import { assertSafeOutput, diffOutput, writeOutput } from '../write.js';

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
  /** Milliseconds per stage: read, parse, link, emit, format, write, cache. */
  timings: Record<string, number>;
  /** The process's peak resident memory so far, in MB. */
  peakRssMB: number;
}

/** The emitters an `emit` list asks for, plus what they import: client → validators → interfaces. */
export function emittersFor(emit: Artifact[] | undefined) {
  if (!emit) return EMITTERS;
  const wanted = new Set<string>(['package', 'interfaces', ...emit]);
  if (wanted.has('client')) wanted.add('validators');
  return EMITTERS.filter((e) => wanted.has(e.name));
}

/** One generator per command: keeps the caches warm across watch rebuilds. */
export class Generator {
  /** Statements of the last build, reused for files whose inputs did not change. */
  private readonly memo = new EmitMemo();

  private constructor(private readonly args: GenerateArgs, private readonly pages?: HashCache<PageResult>, private readonly formats?: HashCache<string>) {}

  /** Without a cache folder, a one-off run keeps no caches (nothing would read them); watch mode keeps them in memory. */
  static async create(args: GenerateArgs): Promise<Generator> {
    if (!args.cacheDir && !args.watch) return new Generator(args);
    return new Generator(args,
      await openPageCache(args.cacheDir, args.docs.roots.join('\n')),
      await HashCache.open<string>(cacheFile(args.cacheDir, 'format', args.out), FORMAT_FINGERPRINT));
  }

  /** What the last build loaded per file: a watch rebuild reads only the files reported changed. */
  private loaded?: ReadResult['files'];

  /**
   * Read, emit, format; then write (or, in check mode, compare). `changed`: the absolute
   * paths a watcher reported since the last build (other files are not read again).
   */
  async build(changed?: Set<string>): Promise<{ summary: BuildSummary; stale?: Awaited<ReturnType<typeof diffOutput>> }> {
    const started = performance.now();
    const progress = Progress.for(this.args.quiet || this.args.json);
    const reuse = changed && this.loaded ? { previous: this.loaded, changed } : undefined;
    const read = await readDocs(this.args.docs, { cache: this.pages, progress, reuse });
    this.loaded = read.files;
    const { config } = this.args;
    const generated = await generateFiles(read.model, {
      packageName: config.packageName ?? 'generated-api-types',
      packageVersion: config.packageVersion ?? '0.0.0',
      baseUrl: config.baseUrl ?? 'https://graph.microsoft.com/v1.0',
      strict: config.strict ?? false,
    }, { emitters: emittersFor(config.emit), formatCache: this.formats, progress, memo: this.memo });
    progress.end();
    const diagnostics = [...read.diagnostics, ...generated.diagnostics];
    if (!this.args.quiet && !this.args.json) reportDiagnostics(diagnostics, 'summary');
    const summary: BuildSummary = {
      pages: read.pages.length, types: read.model.types.length, operations: read.model.operations.length,
      files: generated.files.length, written: 0, unchanged: 0, diagnostics: diagnostics.length,
      errors: diagnostics.filter((d) => d.severity === 'error').length, seconds: 0, timings: { ...read.timings, ...generated.timings }, peakRssMB: 0,
    };
    let stale;
    let t = performance.now();
    if (this.args.check) {
      stale = await diffOutput(this.args.out, generated.files);
    } else {
      for (const root of this.args.docs.roots) await assertSafeOutput(this.args.out, root);
      Object.assign(summary, await writeOutput(this.args.out, generated.files));
    }
    summary.timings.write = performance.now() - t;
    t = performance.now();
    await Promise.all([this.pages?.save(), this.formats?.save()]);
    summary.timings.cache = performance.now() - t;
    for (const [stage, ms] of Object.entries(summary.timings)) summary.timings[stage] = Math.round(ms);
    summary.seconds = Number(((performance.now() - started) / 1000).toFixed(2));
    summary.peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
    // Idle work for the next build while the watcher waits (the timer does not hold the process).
    if (this.args.watch) setTimeout(() => this.memo.settle(), 0).unref();
    return { summary, stale };
  }
}

function line(s: BuildSummary, out: string): string {
  return `docs2ts: ${s.pages} pages → ${s.types} types, ${s.operations} operations → ${s.files} files in ${path.relative(process.cwd(), out) || '.'} ` +
    `(${s.written} written, ${s.unchanged} unchanged, ${s.diagnostics} diagnostics, ${s.seconds}s)`;
}

/** `docs2ts generate`. */
export async function generateCommand(args: GenerateArgs): Promise<number> {
  const generator = await Generator.create(args);
  // chokidar is loaded only to watch.
  if (args.watch) return (await import('../watch.js')).watchDocs(args.docs.roots, async (changed) => {
    const { summary } = await generator.build(changed);
    process.stdout.write((args.json ? JSON.stringify(summary) : line(summary, args.out)) + '\n');
  });
  const { summary, stale } = await generator.build();
  if (stale) {
    const count = stale.added.length + stale.changed.length + stale.removed.length;
    if (args.json) process.stdout.write(JSON.stringify({ ...summary, stale: count > 0, ...stale }) + '\n');
    else {
      for (const [label, list] of Object.entries(stale)) for (const file of list as string[]) process.stdout.write(`${label.padEnd(8)} ${file}\n`);
      process.stdout.write(count ? `${args.out} is stale: ${count} file(s) would change.\n` : `${args.out} is up to date.\n`);
    }
    return count ? 1 : 0;
  }
  if (args.json) process.stdout.write(JSON.stringify(summary) + '\n');
  else if (!args.quiet) process.stdout.write(line(summary, args.out) + '\n');
  return 0;
}
