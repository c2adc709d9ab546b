import path from 'node:path';
import { watch } from 'chokidar';
import { whenParentExits } from './parent-watch.js';

const DEBOUNCE_MS = 150;

/**
 * Rebuild once now, then after every burst of changes under `docs` (debounced), passing the
 * absolute paths changed since the last rebuild (none for the first). A failed rebuild is
 * reported and the watch goes on; the previous output stays as it was. Resolves with exit
 * code 0 on SIGINT/SIGTERM/SIGHUP, or when the process that started it exits.
 */
export function watchDocs(
  roots: string[],
  rebuild: (changed?: Set<string>) => Promise<void>,
): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let again = false;
  let changed: Set<string> | undefined;
  const run = () => {
    running = running.then(async () => {
      do {
        again = false;
        const paths = changed;
        changed = new Set();
        try {
          await rebuild(paths);
        } catch (error) {
          process.stderr.write(
            `docs2ts: rebuild failed, previous output kept: ${(error as Error).message}\n`,
          );
        }
      } while (again);
    });
  };
  const schedule = (_event: string, file: string) => {
    changed?.add(path.resolve(file));
    clearTimeout(timer);
    timer = setTimeout(() => {
      again = true;
      run();
    }, DEBOUNCE_MS);
  };
  const watcher = watch(roots, { ignoreInitial: true, ignored: (p) => isSkipped(roots, p) });
  watcher.on('all', schedule);
  run();
  return new Promise((resolve) => {
    const stop = () => {
      clearTimeout(timer);
      void watcher
        .close()
        .then(() => running)
        .then(() => resolve(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    process.once('SIGHUP', stop);
    // A watcher started through a wrapper (npx, a script) ends with it.
    whenParentExits(stop);
  });
}

/** Dot-folders and node_modules inside a docs folder are not docs (as in load.ts). */
function isSkipped(roots: string[], file: string): boolean {
  const root = roots.find((r) => file === r || file.startsWith(r + path.sep));
  if (!root) return false;
  return path
    .relative(root, file)
    .split(path.sep)
    .some((part) => part.startsWith('.') || part === 'node_modules');
}
