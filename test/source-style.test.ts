import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import * as prettier from 'prettier';
import { ROOT } from './helpers.js';

// The project's own source is held to prettier as its output is (options in .prettierrc.json).
const FOLDERS = ['src', 'test', 'bench', 'bin', 'templates', 'tools'];
const EXTENSIONS = /\.(ts|js|cjs|json)$/;

/** Files below `folder`, not descending into node_modules (bench/compare installs one). */
function filesBelow(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesBelow(full);
    return entry.isFile() && EXTENSIONS.test(entry.name) ? [full] : [];
  });
}

function sourceFiles(): string[] {
  return FOLDERS.flatMap((folder) => filesBelow(path.join(ROOT, folder)));
}

test('the own source is formatted with prettier (run `npx prettier --write .` to fix)', async () => {
  const files = sourceFiles();
  assert.ok(files.length > 100, `only ${files.length} source files found`);
  const unformatted: string[] = [];
  for (const file of files) {
    const info = await prettier.getFileInfo(file, {
      ignorePath: path.join(ROOT, '.prettierignore'),
    });
    if (info.ignored) continue;
    const options = await prettier.resolveConfig(file);
    assert.ok(options, `no prettier config found for ${file}`);
    const text = readFileSync(file, 'utf8');
    if (!(await prettier.check(text, { ...options, filepath: file }))) {
      unformatted.push(path.relative(ROOT, file));
    }
  }
  assert.deepEqual(unformatted, []);
});
