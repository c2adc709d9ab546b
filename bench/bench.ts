/**
 * `npm run bench`: figures for the v1.0 corpus (or BENCH_DOCS): per-stage seconds of a cold
 * generate, pages per second, the ratio against a bare single-threaded remark parse, warm
 * regeneration after one page edit, peak RSS, and generated validators against Ajv. Exits 1
 * when a target of issue #6 is missed (BENCH_NO_TARGETS=1 only prints).
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { runChecks } from '../src/check/run.js';
import { Generator } from '../src/commands/generate.js';
import { generateFiles } from '../src/generate.js';
import { loadDocs } from '../src/load.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { readDocs } from '../src/pipeline.js';
import { writeOutput } from '../src/write.js';
import { validatorThroughput } from './validator-throughput.js';

const docs = path.resolve(process.env.BENCH_DOCS ?? path.join(PACKAGE_ROOT, '../shared/corpus/graph-v1.0'));
const work = await fs.mkdtemp(path.join(os.tmpdir(), 'docs2ts-bench-'));
const seconds = (ms: number) => `${(ms / 1000).toFixed(2).padStart(7)} s`;
const row = (label: string, value: string) => console.log(`  ${label.padEnd(34)} ${value}`);

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 25);

// Cold: every stage, no cache.
const start = performance.now();
const read = await readDocs(docs);
const generated = await generateFiles(read.model, { packageName: 'bench', packageVersion: '0.0.0', baseUrl: 'https://graph.microsoft.com/v1.0' });
let t = performance.now();
await writeOutput(path.join(work, 'cold'), generated.files);
const write = performance.now() - t;
const cold = performance.now() - start;
// `docs2ts check` runs the model rules on the same read; not part of generate.
t = performance.now();
const findings = runChecks(read);
const check = performance.now() - t;

// Warm, as in watch mode: a copy of the docs, one generate to fill the caches, then one page edited.
const copy = path.join(work, 'docs');
await fs.cp(docs, copy, { recursive: true });
const generator = await Generator.create({
  docs: { roots: [copy] }, out: path.join(work, 'warm'), check: false, watch: false, quiet: true, json: true,
  cacheDir: path.join(work, 'cache'), config: {},
});
await generator.build();
// An edit that changes the model: a new property row in the first resource page's table.
const edited = read.pages.find((p) => p.file.startsWith('resources/') && p.types[0]?.properties.length);
const page = path.join(copy, edited!.file);
const text = await fs.readFile(page, 'utf8');
const row0 = text.split('\n').find((l) => l.startsWith('|') && l.includes(edited!.types[0].properties[0].name))!;
await fs.writeFile(page, text.replace(row0, `${row0}\n${row0.replace(edited!.types[0].properties[0].name, 'benchEditedProperty')}`));
t = performance.now();
const warmEdit = await generator.build();
const warm = performance.now() - t;
t = performance.now();
await generator.build();
const warmNoChange = performance.now() - t;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage.rss());

// Reference: bare remark + gfm, single thread, same pages.
const { pages } = await loadDocs(docs);
t = performance.now();
const bare = unified().use(remarkParse).use(remarkGfm);
for (const p of pages) bare.parse(p.text);
const bareParse = performance.now() - t;

const validators = await validatorThroughput(read.model, path.join(work, 'cold'));
await fs.rm(work, { recursive: true, force: true });

console.log(`docs2ts bench — ${docs}`);
console.log(`  ${read.pages.length} pages (${(pages.reduce((n, p) => n + p.text.length, 0) / 1e6).toFixed(1)} MB), ${read.model.types.length} types, ${read.model.operations.length} operations → ${generated.files.length} files; ${os.cpus().length} cores, Node ${process.version}`);
for (const [stage, ms] of Object.entries({ ...read.timings, ...generated.timings, write })) row(`cold: ${stage}`, seconds(ms));
row('check (model rules, not in generate)', `${seconds(check)}   ${findings.length} findings`);
row('cold: total generate', `${seconds(cold)}   ${(read.pages.length / (cold / 1000)).toFixed(0)} pages/s`);
row('bare remark parse (1 thread)', seconds(bareParse));
row('ratio cold generate / bare parse', (cold / bareParse).toFixed(2));
row('warm: one page edited', `${seconds(warm)}   (${warmEdit.summary.written} files rewritten)`);
row('warm: nothing changed', seconds(warmNoChange));
row('peak RSS (generate)', `${(peakRss / 1024 / 1024).toFixed(0)} MB`);
row('validators: samples', String(validators.samples));
row('validators: generated', `${validators.oursOpsPerSecond.toFixed(0)} ops/s`);
row('validators: Ajv', `${validators.ajvOpsPerSecond.toFixed(0)} ops/s`);
row('validators: ratio generated / Ajv', (validators.oursOpsPerSecond / validators.ajvOpsPerSecond).toFixed(2));
row('validators: same verdict', `${validators.agreement} of ${validators.samples}`);

const targets: [string, boolean][] = [
  ['cold generate ≤ 5 s', cold <= 5000],
  ['ratio cold / bare parse ≤ 0.25', cold / bareParse <= 0.25],
  ['warm edit ≤ 1 s', warm <= 1000],
  ['peak RSS ≤ 1 GB', peakRss <= 1024 ** 3],
  ['validators at least as fast as Ajv', validators.oursOpsPerSecond >= validators.ajvOpsPerSecond],
];
const missed = targets.filter(([, met]) => !met).map(([name]) => name);
console.log(missed.length ? `  targets missed: ${missed.join('; ')}` : '  all targets met');
if (missed.length && !process.env.BENCH_NO_TARGETS) process.exitCode = 1;
