/**
 * `npm run bench`: per-stage timings for the v1.0 corpus (or BENCH_DOCS), pages per second,
 * the ratio against a bare single-threaded remark parse, and peak RSS. Prints figures only.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { generateFiles } from '../src/generate.js';
import { loadDocs } from '../src/load.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { readDocs } from '../src/pipeline.js';
import { writeOutput } from '../src/write.js';

const docs = path.resolve(process.env.BENCH_DOCS ?? path.join(PACKAGE_ROOT, '../shared/corpus/graph-v1.0'));
const out = path.join(PACKAGE_ROOT, 'node_modules/.cache/docs2ts-bench/out');
const seconds = (ms: number) => (ms / 1000).toFixed(2).padStart(7);

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);

const start = performance.now();
const read = await readDocs(docs);
const generated = await generateFiles(read.model, { packageName: 'bench', packageVersion: '0.0.0', baseUrl: 'https://graph.microsoft.com/v1.0' });
let t = performance.now();
await fs.rm(out, { recursive: true, force: true });
await writeOutput(out, generated.files);
const write = performance.now() - t;
const total = performance.now() - start;

const { pages } = await loadDocs(docs);
t = performance.now();
const bare = unified().use(remarkParse).use(remarkGfm);
for (const page of pages) bare.parse(page.text);
const bareParse = performance.now() - t;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage.rss());

const stages = { ...read.timings, ...generated.timings, write };
console.log(`docs2ts bench: ${docs}`);
console.log(`  ${read.pages.length} pages, ${read.model.types.length} types, ${read.model.operations.length} operations, ${generated.files.length} files`);
for (const [stage, ms] of Object.entries(stages)) console.log(`  ${stage.padEnd(22)} ${seconds(ms)} s`);
console.log(`  ${'total (cold generate)'.padEnd(22)} ${seconds(total)} s   ${(read.pages.length / (total / 1000)).toFixed(0)} pages/s`);
console.log(`  ${'read+parse+link'.padEnd(22)} ${seconds(read.timings.read + read.timings.parse + read.timings.link)} s   ${(read.pages.length / ((read.timings.read + read.timings.parse + read.timings.link) / 1000)).toFixed(0)} pages/s`);
console.log(`  ${'bare remark parse'.padEnd(22)} ${seconds(bareParse)} s   (single thread, same pages)`);
console.log(`  ratio generate / bare parse  ${(total / bareParse).toFixed(2)}`);
console.log(`  peak RSS                     ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
