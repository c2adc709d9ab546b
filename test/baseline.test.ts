import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { Baseline } from '../src/check/baseline.js';
import type { Diagnostic } from '../src/shared/diagnostics.js';
import { FIXTURES, runCliSync, tempDir } from './helpers.js';

const check = (docs: string, baseline: string, ...more: string[]) =>
  runCliSync(['check', '--docs', docs, '--format', 'json', '--baseline', baseline, ...more]);
const findings = (r: { stdout: string }) =>
  (JSON.parse(r.stdout) as Diagnostic[]).map((d) => `${d.ruleId} ${d.file}:${d.line}`);

async function edit(file: string, change: (text: string) => string): Promise<void> {
  await fs.writeFile(file, change(await fs.readFile(file, 'utf8')));
}

test('check --baseline: written when missing (exit 0), then only new findings count; line shifts revive nothing; --update-baseline rewrites it', async () => {
  const docs = path.join(tempDir(), 'docs');
  await fs.cp(path.join(FIXTURES, 'suppressions'), docs, { recursive: true });
  const baseline = path.join(tempDir(), 'nested', 'docs2ts-baseline.json');
  const all = runCliSync(['check', '--docs', docs, '--format', 'json']);
  assert.equal(all.code, 1, 'the set has an error');

  // 1. No baseline yet: written with every current finding, exit 0.
  const first = check(docs, baseline);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, /wrote baseline .*docs2ts-baseline\.json with 12 findings/);
  assert.deepEqual(JSON.parse(first.stdout), []);
  const written = await fs.readFile(baseline, 'utf8');
  const parsed = JSON.parse(written) as Baseline;
  assert.equal(
    parsed.findings.reduce((n, e) => n + e.count, 0),
    (JSON.parse(all.stdout) as unknown[]).length,
  );
  const order = parsed.findings.map((e) => JSON.stringify([e.file, e.rule, e.message, e.source]));
  assert.deepEqual(order, [...order].sort(), 'entries sorted');
  assert.ok(!/"line"/.test(written), 'no line numbers: they move');

  // 2. Unchanged docs: clean.
  const again = check(docs, baseline);
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(findings(again), []);

  // 3. Lines shifted above every finding: still clean.
  const crate = path.join(docs, 'api/legacy-crate-widget-get.md');
  const malformed = path.join(docs, 'api/apidoctor-malformed.md');
  for (const file of [crate, malformed])
    await edit(file, (t) =>
      t.replace(
        'Namespace: microsoft.graph\n',
        'Namespace: microsoft.graph\n\nA paragraph added above.\n\nAnd another.\n',
      ),
    );
  const shifted = check(docs, baseline);
  assert.equal(shifted.code, 0, shifted.stdout);
  assert.deepEqual(findings(shifted), []);

  // 4. New defects: one more copy of a baselined TODO (two identical, one baselined: one reported) and a new error.
  await edit(
    crate,
    (t) => `${t}\nTODO: describe crate widgets.\n\n<!-- { "blockType": "request", "name": } -->\n`,
  );
  const added = check(docs, baseline);
  assert.equal(added.code, 1);
  assert.deepEqual(findings(added), [
    'placeholder-text api/legacy-crate-widget-get.md:53',
    'annotation-malformed api/legacy-crate-widget-get.md:55',
  ]);

  // 5. --update-baseline takes them in; the file is the same bytes when nothing changed.
  const updated = check(docs, baseline, '--update-baseline');
  assert.equal(updated.code, 0);
  assert.match(updated.stderr, /updated baseline .* with 14 findings/);
  const text = await fs.readFile(baseline, 'utf8');
  assert.equal(
    (JSON.parse(text) as Baseline).findings.find((e) => e.rule === 'placeholder-text')?.count,
    2,
  );
  check(docs, baseline, '--update-baseline');
  assert.equal(await fs.readFile(baseline, 'utf8'), text, 'deterministic');
  assert.deepEqual(findings(check(docs, baseline)), []);

  // 6. Fixed findings are not reported; stylish output says the baseline can shrink.
  await edit(crate, (t) => t.replaceAll('TODO: describe crate widgets.\n', ''));
  const fixed = runCliSync(['check', '--docs', docs, '--baseline', baseline]);
  assert.equal(fixed.code, 0, fixed.stdout);
  assert.match(fixed.stdout, /no issues found/);
  assert.match(fixed.stderr, /2 baselined findings are gone; --update-baseline drops them/);
});

test('check --baseline: a file that is not a baseline is a usage error; --update-baseline needs --baseline', async () => {
  const bad = path.join(tempDir(), 'baseline.json');
  await fs.writeFile(bad, '{"version": 1, "findings": [{"rule": 1}]}');
  const r = check(path.join(FIXTURES, 'suppressions'), bad);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /not a docs2ts baseline/);
  const alone = runCliSync([
    'check',
    '--docs',
    path.join(FIXTURES, 'suppressions'),
    '--update-baseline',
  ]);
  assert.equal(alone.code, 2);
  assert.match(alone.stderr, /--update-baseline needs --baseline FILE/);
});
