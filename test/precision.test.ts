import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { Diagnostic } from '../src/shared/diagnostics.js';
import { CORPUS, FIXTURES, runCli } from './helpers.js';
import { drawSample, sampleKey, type SampledFinding } from './precision-sample.js';

const sample = JSON.parse(
  readFileSync(path.join(FIXTURES, 'precision-sample.json'), 'utf8'),
) as SampledFinding[];

test('the precision sample: at least 150 labelled findings of check on the v1.0 corpus, still produced, at least 95 % real', async (t) => {
  for (const f of sample) {
    assert.ok(f.label === 'real' || f.label === 'false-positive', `unlabelled: ${sampleKey(f)}`);
    assert.ok(f.reason?.trim(), `no reason: ${sampleKey(f)}`);
  }
  assert.equal(new Set(sample.map(sampleKey)).size, sample.length, 'a finding sampled twice');
  // As users run it: the CLI, cache on.
  const run = await runCli(['check', '--docs', CORPUS, '--format', 'json']);
  const produced = new Set((JSON.parse(run.stdout) as Diagnostic[]).map(sampleKey));
  const vanished = sample.filter((f) => !produced.has(sampleKey(f)));
  // A false positive that is no longer produced is fixed; a real finding that is no longer produced
  // was lost (or moved): either way the sample no longer describes the code. `npm run precision-sample` redraws.
  const lost = vanished.filter((f) => f.label === 'real');
  assert.deepEqual(
    lost.map(sampleKey),
    [],
    'real findings of the sample that check no longer reports',
  );
  for (const f of vanished) t.diagnostic(`fixed since the draw: ${sampleKey(f)} (${f.reason})`);
  const current = sample.filter((f) => produced.has(sampleKey(f)));
  assert.ok(
    current.length >= 150,
    `only ${current.length} sampled findings are still produced: run npm run precision-sample and label the new ones`,
  );
  const real = current.filter((f) => f.label === 'real').length;
  const precision = real / current.length;
  t.diagnostic(`precision ${(100 * precision).toFixed(1)} % (${real} of ${current.length} real)`);
  assert.ok(
    precision >= 0.95,
    `precision ${(100 * precision).toFixed(1)} %: ${current
      .filter((f) => f.label !== 'real')
      .map((f) => `\n  ${sampleKey(f)}: ${f.reason}`)
      .join('')}`,
  );
});

test('the sample is drawn reproducibly: one seed, one draw, whatever the machine', () => {
  const findings = Array.from({ length: 500 }, (_, i): Diagnostic => ({
    file: `api/p${i}.md`,
    line: i + 1,
    column: 1,
    ruleId: 'r',
    severity: 'warning',
    message: String(i),
  }));
  const a = drawSample(findings, 40, 18);
  assert.equal(a.length, 40);
  assert.equal(new Set(a).size, 40);
  assert.deepEqual(drawSample(findings, 40, 18), a);
  assert.notDeepEqual(drawSample(findings, 40, 19), a);
  // In finding order, spread over the whole list rather than its start.
  assert.deepEqual(
    [...a].sort((x, y) => x.line - y.line),
    a,
  );
  assert.ok(a.at(-1)!.line > 250);
});
