import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers.js';

/**
 * ESLint with typescript-eslint's recommended-type-checked rules over the project's own source
 * (tools/lint/eslint.config.js names the rules turned off and why). typescript-eslint needs
 * TypeScript's compiler API, which TypeScript 7 does not have, so the linter and its TypeScript
 * live in tools/lint, installed from that folder's lockfile on first use.
 */
const TOOL = path.join(ROOT, 'tools', 'lint');
const ESLINT = path.join(TOOL, 'node_modules', 'eslint', 'bin', 'eslint.js');

test('the own source passes ESLint (typescript-eslint, recommended-type-checked)', () => {
  if (!existsSync(ESLINT)) {
    const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
      cwd: TOOL,
      encoding: 'utf8',
      shell: process.platform === 'win32',
    });
    assert.equal(npm.status, 0, `npm ci in ${TOOL}: ${npm.stderr}`);
  }
  const lint = spawnSync(
    process.execPath,
    [
      ESLINT,
      '--config',
      path.join(TOOL, 'eslint.config.js'),
      '--max-warnings',
      '0',
      'src',
      'test',
      'bench',
      'templates/validators-runtime.ts',
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  assert.equal(lint.status, 0, `${lint.stdout}${lint.stderr}`);
});
