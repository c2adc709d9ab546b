import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Microseconds per file to create `count` small files in a new folder under `dir` (kept: deleting them would slow the disk again). */
function createFiles(dir: string, count: number, round: number): number {
  const folder = path.join(dir, `settle-${round}`);
  mkdirSync(folder, { recursive: true });
  const started = performance.now();
  for (let i = 0; i < count; i++) writeFileSync(path.join(folder, `${i}.ts`), 'export {};\n');
  return ((performance.now() - started) * 1000) / count;
}

/**
 * On this machine's disk (ext4 mounted with `discard`), creating files after thousands were
 * deleted (a test run's temporary folders, a previous bench's clean-up) costs 10 to 40 times
 * the usual 20 µs a file for a minute or more, until the discards are done: seconds on the
 * timed writes. The bench works in tmpfs where there is one; elsewhere (BENCH_TMP) this probes
 * file creation every few seconds until it costs under `fast` µs a file, or `limit` ms have
 * passed, and returns the wait and the probes.
 */
export async function waitForDisk(
  dir: string,
  { count = 100, fast = 100, pause = 5000, limit = 120_000 } = {},
) {
  const started = performance.now();
  const probes = [createFiles(dir, count, 0)];
  while (probes[probes.length - 1] > fast && performance.now() - started < limit) {
    await sleep(pause);
    probes.push(createFiles(dir, count, probes.length));
  }
  return {
    waited: performance.now() - started,
    probes,
    settled: probes[probes.length - 1] <= fast,
  };
}
