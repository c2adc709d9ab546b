import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CORPUS, readOnce } from './helpers.js';
import { agreement, graphTypesProperties, modelProperties } from './yardstick.js';

test('property names agree with @microsoft/microsoft-graph-types@2.3.0 (yardstick)', async () => {
  const { model } = await readOnce(CORPUS);
  const result = agreement(modelProperties(model), graphTypesProperties());
  console.log(`yardstick: ${result.shared} shared types, ${result.both}/${result.either} property names agree = ${(result.ratio * 100).toFixed(2)} %`);
  for (const w of result.worst.slice(0, 12)) {
    console.log(`  ${w.type}: only docs ${JSON.stringify(w.onlyOurs.slice(0, 8))}${w.onlyOurs.length > 8 ? '…' : ''}; only graph-types ${JSON.stringify(w.onlyTheirs.slice(0, 8))}${w.onlyTheirs.length > 8 ? '…' : ''}`);
  }
  assert.ok(result.shared >= 800, `shared types: ${result.shared}`);
  assert.ok(result.ratio >= 0.95, `agreement ${(result.ratio * 100).toFixed(2)} %`);
});
