/**
 * `npm run fuzz [-- CASES]`: run CASES (default 100,000) mutated doc sets through reader,
 * checker and emitters on every core; print the figures; exit 1 on any broken invariant.
 */
import os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { fuzzCase, invariantViolations, runCase } from '../test/fuzz-cases.js';

interface Job { seed: number; runs: number }
interface Report { runs: number; failures: { seed: number; path: string; problems: string[] }[]; diagnostics: number; files: number; ms: number }

async function work({ seed, runs }: Job): Promise<Report> {
  const started = performance.now();
  let diagnostics = 0;
  let files = 0;
  const failures: Report['failures'] = [];
  const result = await fc.check(fc.asyncProperty(fuzzCase, async (c) => {
    const outcome = await runCase(c);
    diagnostics += outcome.diagnostics.length;
    files += outcome.files.length;
    const problems = invariantViolations(outcome);
    if (problems.length) throw new Error(problems.join('\n'));
  }), { seed, numRuns: runs, endOnFailure: true });
  if (result.failed) failures.push({ seed, path: result.counterexamplePath ?? '', problems: [String(result.errorInstance)] });
  return { runs: result.numRuns, failures, diagnostics, files, ms: performance.now() - started };
}

if (!isMainThread) {
  parentPort!.postMessage(await work(workerData as Job));
} else {
  const total = Number(process.argv[2] ?? 100_000);
  const threads = Math.max(1, os.availableParallelism());
  const started = performance.now();
  const reports = await Promise.all(Array.from({ length: threads }, (_, i) => new Promise<Report>((resolve, reject) => {
    const w = new Worker(new URL(import.meta.url), { workerData: { seed: 1000 + i, runs: Math.ceil(total / threads) } satisfies Job });
    w.once('message', resolve);
    w.once('error', reject);
  })));
  const runs = reports.reduce((n, r) => n + r.runs, 0);
  const failures = reports.flatMap((r) => r.failures);
  const seconds = (performance.now() - started) / 1000;
  console.log(`docs2ts fuzz: ${runs} cases on ${threads} threads in ${seconds.toFixed(1)} s (${(runs / seconds).toFixed(0)} cases/s)`);
  console.log(`  diagnostics reported: ${reports.reduce((n, r) => n + r.diagnostics, 0)}; files emitted: ${reports.reduce((n, r) => n + r.files, 0)}`);
  console.log(`  broken invariants: ${failures.length}`);
  for (const f of failures) console.log(`  seed ${f.seed} path ${f.path}:\n${f.problems.join('\n').slice(0, 3000)}`);
  process.exitCode = failures.length ? 1 : 0;
}
