/**
 * `npm run fuzz [-- CASES [CLI_SEEDS]]`: run CASES (default 100,000) mutated doc sets through
 * reader, checker and emitters on every core; then CLI_SEEDS (default 8) campaigns through the
 * CLI as users run it (test/fuzz-cli.ts: default cache, warm run, --watch), their outputs
 * compiled in one tsc run and imported; print the figures; exit 1 on any broken invariant.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { fuzzCase, invariantViolations, runCase } from '../test/fuzz-cases.js';
import { compileAndImport, fuzzThroughCli } from '../test/fuzz-cli.js';

interface Job {
  seed: number;
  runs: number;
}
interface Report {
  runs: number;
  failures: { seed: number; path: string; problems: string[] }[];
  diagnostics: number;
  files: number;
  ms: number;
}

async function work({ seed, runs }: Job): Promise<Report> {
  const started = performance.now();
  let diagnostics = 0;
  let files = 0;
  const failures: Report['failures'] = [];
  const result = await fc.check(
    fc.asyncProperty(fuzzCase, async (c) => {
      const outcome = await runCase(c);
      diagnostics += outcome.diagnostics.length;
      files += outcome.files.length;
      const problems = invariantViolations(outcome);
      if (problems.length) throw new Error(problems.join('\n'));
    }),
    { seed, numRuns: runs, endOnFailure: true },
  );
  if (result.failed)
    failures.push({
      seed,
      path: result.counterexamplePath ?? '',
      problems: [String(result.errorInstance)],
    });
  return { runs: result.numRuns, failures, diagnostics, files, ms: performance.now() - started };
}

if (!isMainThread) {
  parentPort!.postMessage(await work(workerData as Job));
} else {
  const total = Number(process.argv[2] ?? 100_000);
  const threads = Math.max(1, os.availableParallelism());
  const started = performance.now();
  const reports = await Promise.all(
    Array.from(
      { length: threads },
      (_, i) =>
        new Promise<Report>((resolve, reject) => {
          const w = new Worker(new URL(import.meta.url), {
            workerData: { seed: 1000 + i, runs: Math.ceil(total / threads) } satisfies Job,
          });
          w.once('message', resolve);
          w.once('error', reject);
        }),
    ),
  );
  const runs = reports.reduce((n, r) => n + r.runs, 0);
  const failures = reports.flatMap((r) => r.failures);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `docs2ts fuzz: ${runs} cases on ${threads} threads in ${seconds.toFixed(1)} s (${(runs / seconds).toFixed(0)} cases/s)`,
  );
  console.log(
    `  diagnostics reported: ${reports.reduce((n, r) => n + r.diagnostics, 0)}; files emitted: ${reports.reduce((n, r) => n + r.files, 0)}`,
  );
  console.log(`  broken invariants: ${failures.length}`);
  for (const f of failures)
    console.log(`  seed ${f.seed} path ${f.path}:\n${f.problems.join('\n').slice(0, 3000)}`);
  const cliStarted = performance.now();
  const seeds = Number(process.argv[3] ?? 8);
  const outs: string[] = [];
  const cliProblems: string[] = [];
  for (let seed = 1; seed <= seeds; seed++)
    cliProblems.push(
      ...(await fuzzThroughCli({ seed, cases: 12, edits: 6 }, (out) => outs.push(out))),
    );
  if (outs.length) cliProblems.push(...(await compileAndImport(outs)));
  for (const out of outs) await fs.rm(path.dirname(out), { recursive: true, force: true });
  console.log(
    `docs2ts fuzz through the CLI: ${seeds} campaigns (12 doc sets, a warm run, 6 watch edits each) in ${((performance.now() - cliStarted) / 1000).toFixed(1)} s`,
  );
  console.log(`  broken invariants: ${cliProblems.length}`);
  for (const p of cliProblems) console.log(`  ${p.slice(0, 3000)}`);
  process.exitCode = failures.length || cliProblems.length ? 1 : 0;
}
