import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { READER_CODE } from '../src/build/store.js';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');

/** Relative `.js` files a compiled module imports (static imports and re-exports). */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(SRC, file), 'utf8');
  return [...text.matchAll(/^(?:import|export)[^'"]*from\s+'(\.{1,2}\/[^']+\.js)'/gm)].map((m) =>
    path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1])),
  );
}

test('page cache: every module that reading a page runs is in the reader fingerprint', () => {
  const covered = (file: string) =>
    READER_CODE.some((entry) =>
      entry.endsWith('.js') ? file === entry : path.posix.dirname(file) === entry,
    );
  // What the page cache stores is what extract/page.js (readPage) computes from the text.
  const seen = new Set<string>();
  const queue = ['extract/page.js', 'read/load.js'];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...importsOf(file));
  }
  assert.deepEqual([...seen].filter((f) => !covered(f)).sort(), []);
});
