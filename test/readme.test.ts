import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ALL_RULE_IDS } from '../src/check/rules.js';
import { ROOT } from './helpers.js';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

test('the README documents every rule id', () => {
  const missing = [...ALL_RULE_IDS].filter((id) => !readme.includes(`\`${id}\``));
  assert.deepEqual(missing, []);
});

test('the README shows every command and the two fresh-machine commands', () => {
  for (const command of ['generate', 'check', 'model', 'diff', 'openapi', 'mock', 'verify'])
    assert.match(readme, new RegExp(`npx docs2ts ${command}`));
  assert.match(readme, /npm install && npx docs2ts generate/);
  assert.match(readme, /^npm test/m);
  const ci = readFileSync(path.join(ROOT, '.ci/run'), 'utf8');
  assert.match(ci, /npm test/);
});
