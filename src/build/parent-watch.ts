import { readFileSync } from 'node:fs';

/**
 * Call `onGone` once the process that started this one exits: a long-running command (mock,
 * generate --watch) started through a wrapper (`npx docs2ts mock`) ends with it, also when the
 * wrapper is killed and passes no signal on. npm runs a command through `sh -c`, so under npm
 * (npm_lifecycle_script set) the shell's own parent, npm, is watched too (Linux: /proc).
 * It polls; the timer does not keep the process alive. Returns the watch's stop.
 */
export function whenParentExits(onGone: () => void, intervalMs = 250): () => void {
  const parent = process.ppid;
  const wrapper = process.env.npm_lifecycle_script !== undefined ? parentOf(parent) : undefined;
  const timer = setInterval(() => {
    if (process.ppid === parent && (wrapper === undefined || parentOf(parent) === wrapper)) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** The parent process id of `pid`, from /proc/<pid>/stat ("pid (name) state ppid …"); undefined when unknown. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}
