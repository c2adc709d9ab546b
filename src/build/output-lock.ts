import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RunError } from '../shared/errors.js';
import { makeFolders } from './folders.js';

/**
 * One run writes an output folder at a time. The lock is a file beside the folder
 * (`.<out>.docs2ts-lock`), made by an exclusive create and holding who made it. A run that
 * finds it waits for it to go (up to `DOCS2TS_LOCK_TIMEOUT_MS`, default 5 minutes), then gives
 * up with a message naming the holder. A lock whose holder died (same host, and no such
 * process, or one started after the lock was made) is stale and taken over.
 */
export interface LockHolder {
  pid: number;
  hostname: string;
  started: string;
}

export const lockFileOf = (out: string) =>
  path.join(path.dirname(path.resolve(out)), `.${path.basename(path.resolve(out))}.docs2ts-lock`);

const DEFAULT_TIMEOUT_MS = 5 * 60_000;
const POLL_MS = 50;
/** Longer than any stale-lock takeover takes: a breaker file this old was left by a killed run. */
const BREAKER_STALE_MS = 10_000;

export interface LockOptions {
  /** Called once, when the lock is held by another run and this one starts waiting. */
  onWait?: (holder: LockHolder | undefined, lockFile: string) => void;
  timeoutMs?: number;
  /** Make the output's parent folder if missing (a run that writes); otherwise a missing parent means no lock. */
  create?: boolean;
}

/** Take the output folder's lock; resolves to its release. */
export async function lockOutput(out: string, options: LockOptions = {}): Promise<() => void> {
  const file = lockFileOf(out);
  const timeoutMs =
    options.timeoutMs ?? (Number(process.env.DOCS2TS_LOCK_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS);
  const deadline = Date.now() + timeoutMs;
  if (options.create) makeFolders(path.dirname(file));
  const mine = JSON.stringify({
    pid: process.pid,
    hostname: os.hostname(),
    started: new Date().toISOString(),
  } satisfies LockHolder);
  let waiting = false;
  for (;;) {
    if (createExclusive(file, mine)) return () => releaseLock(file, mine);
    const text = readOrUndefined(file);
    if (text === undefined) continue;
    if (isStale(file, text)) {
      breakStaleLock(file, text);
      continue;
    }
    const holder = parseHolder(text);
    if (Date.now() >= deadline) {
      const who = holder
        ? `pid ${holder.pid} on ${holder.hostname}, since ${holder.started}`
        : 'another run';
      throw new RunError(
        `${out} is being written by another docs2ts run (${who}); gave up after ${Math.round(timeoutMs / 1000)} s. If no such run is going, delete ${file}.`,
      );
    }
    if (!waiting) options.onWait?.(holder, file);
    waiting = true;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Create `file` holding `text` unless it exists. */
function createExclusive(file: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

function releaseLock(file: string, mine: string): void {
  // Only our own lock: one taken over as stale after a very long pause is another run's now.
  if (readOrUndefined(file) === mine) unlinkSync(file);
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(text) as LockHolder;
    return Number.isInteger(holder.pid) && typeof holder.hostname === 'string' ? holder : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Stale: made on this host by a process that is gone (or by this very process id, which
 * holds no lock: a pid reused after a crash, as in containers). A lock that never got its
 * content (the run died between create and write) is stale once it is old.
 */
function isStale(file: string, text: string): boolean {
  const holder = parseHolder(text);
  if (!holder) return ageMs(file) > BREAKER_STALE_MS;
  if (holder.hostname !== os.hostname()) return false;
  if (holder.pid === process.pid || !isAlive(holder.pid)) return true;
  // A live process that started after the lock was made has the dead holder's pid, reused.
  const started = startedAt(holder.pid);
  return started !== undefined && started > Date.parse(holder.started) + PID_START_SLACK_MS;
}

/** /proc's start times count in 10 ms ticks from a boot time in whole seconds. */
const PID_START_SLACK_MS = 2_000;

/** When process `pid` started (ms since the epoch), from /proc (Linux); undefined where unknown. */
function startedAt(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "pid (name) ": state is field 3, starttime field 22, in clock ticks (USER_HZ, 100) since boot.
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const boot = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    return Number.isFinite(ticks) && boot > 0 ? boot * 1000 + ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process of this host with that pid runs (one we may not signal still runs). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove a stale lock, unless another run took it over first: runs that find the same stale
 * lock take a breaker file in turn and remove the lock only if it still holds the stale text.
 */
function breakStaleLock(file: string, staleText: string): void {
  const breaker = `${file}.break`;
  if (!createExclusive(breaker, String(process.pid))) {
    if (ageMs(breaker) > BREAKER_STALE_MS) unlinkQuietly(breaker);
    return;
  }
  try {
    if (readOrUndefined(file) === staleText) unlinkQuietly(file);
  } finally {
    unlinkQuietly(breaker);
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** The file's text; undefined when it is gone, '' when it cannot be read (a holder unknown). */
function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : '';
  }
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
  }
}
