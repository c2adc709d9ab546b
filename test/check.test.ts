import assert from 'node:assert/strict';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import { ALL_RULE_IDS, RULES } from '../src/check/rules.js';
import { runChecks } from '../src/check/run.js';
import type { Diagnostic } from '../src/shared/diagnostics.js';
import { readDocs } from '../src/pipeline.js';
import { BROKEN, FIXTURES, ROOT, runCli, SEEDS, SESSIONS, tempDir } from './helpers.js';

// ajv and ajv-formats are CommonJS: under NodeNext their default import is module.exports.
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

const CHECK = path.join(FIXTURES, 'check');
const SARIF_SCHEMA = path.join(
  ROOT,
  'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json',
);

interface Expected {
  ruleId: string;
  file: string;
  line: number;
  column: number;
}
const expected = JSON.parse(
  readFileSync(path.join(FIXTURES, 'check.expected.json'), 'utf8'),
) as Expected[];

const checkRead = readDocs(CHECK);
const seedsRead = readDocs(SEEDS);

const key = (d: Expected) => `${d.ruleId} ${d.file}:${d.line}:${d.column}`;
const keys = (list: Expected[]) => list.map(key).sort();
const withoutRule = (list: Expected[], ruleId: string) => list.filter((d) => d.ruleId !== ruleId);

/** Run the CLI; resolves with its exit code and output (spawned asynchronously, so several can run at once). */
const cli = (args: string[], cwd = ROOT) => runCli(args, cwd);

/** The findings a `--format json` run printed. */
function findingsOf(run: { stdout: string; stderr: string }): Diagnostic[] {
  try {
    return JSON.parse(run.stdout) as Diagnostic[];
  } catch {
    assert.fail(
      `not JSON on stdout:\n${run.stdout.slice(0, 500)}\nstderr:\n${run.stderr.slice(0, 2000)}`,
    );
  }
}

test('every rule fires on its fixture page at the exact line and column, and nowhere else', async () => {
  const findings = runChecks(await checkRead);
  assert.deepEqual(keys(findings), keys(expected));
  // Pages named after their rule (`rule.md`, or `rule--case.md` for a rule's further cases): a finding on any other page is a false positive.
  for (const d of findings)
    assert.equal(
      path.posix.basename(d.file, '.md').replace(/--.*$/, ''),
      d.ruleId,
      `${key(d)}: ${d.message}`,
    );
  // A rule without a fixture fails here, in the fixture file and in the findings.
  const fired = new Set(findings.map((d) => d.ruleId));
  const listed = new Set(expected.map((d) => d.ruleId));
  assert.deepEqual(
    RULES.map((r) => r.id).filter((id) => !fired.has(id) || !listed.has(id)),
    [],
    'rules with no finding in fixtures/check',
  );
  // Findings carry the rule's default severity.
  for (const rule of RULES) {
    for (const d of findings.filter((f) => f.ruleId === rule.id))
      assert.equal(d.severity, rule.severity, key(d));
  }
});

test('every rule has a silent near-miss page (`<rule-id>--<case>.md`, listed nowhere in the expected findings)', async () => {
  const read = await checkRead;
  const findings = runChecks(read);
  const noisy = new Set([...expected, ...findings].map((d) => d.file));
  const silent = new Set(read.pages.map((p) => p.file).filter((f) => !noisy.has(f)));
  const ruleOf = (file: string) => /^(.+)--[^/]+\.md$/.exec(path.posix.basename(file))?.[1];
  const covered = new Set([...silent].map(ruleOf).filter((id) => id !== undefined));
  assert.deepEqual(
    RULES.map((r) => r.id).filter((id) => !covered.has(id)),
    [],
    'rules with no silent near-miss page in fixtures/check',
  );
  // Near-miss pages of reader rules count too, but only for rules that exist.
  for (const id of covered)
    assert.ok(ALL_RULE_IDS.has(id), `near-miss page for unknown rule "${id}"`);
});

test('the clean fixture set has no findings at all', async () => {
  assert.deepEqual(runChecks(await readDocs(SESSIONS)), []);
});

test('rule settings turn rules off or change their severity, reader rules included', async () => {
  const read = await checkRead;
  assert.deepEqual(
    keys(runChecks(read, { 'example-value-invalid': 'off' })),
    keys(withoutRule(expected, 'example-value-invalid')),
  );
  assert.deepEqual(
    keys(runChecks(read, { 'frontmatter-invalid': 'off' })),
    keys(withoutRule(expected, 'frontmatter-invalid')),
  );
  const raised = runChecks(read, {
    'placeholder-text': 'error',
    'example-path-undocumented': 'warning',
  });
  assert.deepEqual(keys(raised), keys(expected));
  for (const d of raised) {
    if (d.ruleId === 'placeholder-text') assert.equal(d.severity, 'error');
    if (d.ruleId === 'example-path-undocumented') assert.equal(d.severity, 'warning');
  }
});

test('--rule on the command line: off removes findings, error makes the run fail; unknown rules are usage errors', async () => {
  const calm = ['--rule', 'frontmatter-invalid=warn']; // the fixture's only error, so the exit code shows what the setting does
  const [off, error, unknown] = await Promise.all([
    cli([
      'check',
      '--docs',
      CHECK,
      '--format',
      'json',
      ...calm,
      '--rule',
      'example-value-invalid=off',
    ]),
    cli([
      'check',
      '--docs',
      CHECK,
      '--format',
      'json',
      ...calm,
      '--rule',
      'placeholder-text=error',
    ]),
    cli(['check', '--docs', CHECK, '--rule', 'no-such-rule=off']),
  ]);
  // Warnings alone: exit 0.
  assert.equal(off.code, 0, off.stderr);
  const kept = findingsOf(off);
  assert.deepEqual(keys(kept), keys(withoutRule(expected, 'example-value-invalid')));
  assert.ok(kept.every((d) => d.severity !== 'error'));

  assert.equal(error.code, 1, error.stderr);
  const errors = findingsOf(error).filter((d) => d.severity === 'error');
  assert.deepEqual(
    errors.map((d) => d.ruleId),
    ['placeholder-text'],
  );

  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown rule "no-such-rule"/);
  assert.equal(unknown.stdout, '');
});

test('rule settings in docs2ts.config.json apply the same way; flags override them', async () => {
  const dir = tempDir('docs2ts-check-config-');
  await fs.writeFile(
    path.join(dir, 'docs2ts.config.json'),
    JSON.stringify({
      rules: {
        'example-value-invalid': 'off',
        'placeholder-text': 'error',
        'frontmatter-invalid': 'warn',
      },
    }),
  );
  const bad = tempDir('docs2ts-check-config-');
  await fs.writeFile(
    path.join(bad, 'docs2ts.config.json'),
    JSON.stringify({ rules: { 'no-such-rule': 'off' } }),
  );
  const [configured, overridden, unknown] = await Promise.all([
    cli(['check', '--docs', CHECK, '--format', 'json'], dir),
    cli(['check', '--docs', CHECK, '--format', 'json', '--rule', 'placeholder-text=warn'], dir),
    cli(['check', '--docs', CHECK], bad),
  ]);
  assert.equal(configured.code, 1, configured.stderr);
  const found = findingsOf(configured);
  assert.deepEqual(keys(found), keys(withoutRule(expected, 'example-value-invalid')));
  assert.deepEqual(
    found.filter((d) => d.severity === 'error').map((d) => d.ruleId),
    ['placeholder-text'],
  );

  assert.equal(overridden.code, 0, overridden.stderr);
  const overriddenFindings = findingsOf(overridden);
  assert.ok(overriddenFindings.every((d) => d.severity !== 'error'));
  assert.ok(
    !overriddenFindings.some((d) => d.ruleId === 'example-value-invalid'),
    'the rest of the config still applies',
  );

  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown rule "no-such-rule"/);
});

test('exit codes: 0 when clean, 1 on errors or more warnings than --max-warnings', async () => {
  const seeds = runChecks(await seedsRead);
  const warnings = seeds.filter((d) => d.severity === 'warning').length;
  assert.ok(warnings > 0);
  assert.ok(!seeds.some((d) => d.severity === 'error'), 'the seeds have warnings only');
  const [sessions, broken, seedsZero, seedsEnough] = await Promise.all([
    cli(['check', '--docs', SESSIONS]),
    cli(['check', '--docs', BROKEN]),
    cli(['check', '--docs', SEEDS, '--max-warnings', '0']),
    cli(['check', '--docs', SEEDS, '--max-warnings', String(warnings)]), // exactly as many as allowed
  ]);
  assert.equal(sessions.code, 0, sessions.stdout + sessions.stderr);
  assert.match(sessions.stdout, /no issues found/);
  assert.equal(broken.code, 1);
  assert.equal(seedsZero.code, 1);
  assert.match(seedsZero.stderr, /more than --max-warnings 0/);
  assert.equal(seedsEnough.code, 0, seedsEnough.stderr);
});

test('--format json: one object per finding with a fixed set of keys, byte-identical across runs', async () => {
  const [first, second] = await Promise.all([
    cli(['check', '--docs', CHECK, '--format', 'json']),
    cli(['check', '--docs', CHECK, '--format', 'json']),
  ]);
  assert.equal(first.code, 1, 'fixtures/check has an error (frontmatter-invalid)');
  assert.equal(first.stdout, second.stdout);
  const list = findingsOf(first) as unknown as Record<string, unknown>[];
  assert.ok(Array.isArray(list));
  assert.deepEqual(keys(list as unknown as Expected[]), keys(expected));
  for (const d of list) {
    assert.deepEqual(Object.keys(d), [
      'file',
      'line',
      'column',
      'endLine',
      'endColumn',
      'ruleId',
      'severity',
      'message',
    ]);
    for (const k of ['line', 'column', 'endLine', 'endColumn'])
      assert.ok(Number.isInteger(d[k]) && (d[k] as number) >= 1, `${k} of ${JSON.stringify(d)}`);
    assert.ok(
      (d.endLine as number) > (d.line as number) ||
        (d.endLine === d.line && (d.endColumn as number) >= (d.column as number)),
      JSON.stringify(d),
    );
    assert.ok(ALL_RULE_IDS.has(d.ruleId as string), String(d.ruleId));
    assert.ok(['error', 'warning', 'info'].includes(d.severity as string));
    assert.equal(typeof d.message, 'string');
    assert.ok((d.message as string).length > 0);
  }
});

interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string }[] } };
    results: {
      ruleId: string;
      ruleIndex?: number;
      level: string;
      locations?: {
        physicalLocation: {
          artifactLocation: { uri: string };
          region: { startLine: number; startColumn: number };
        };
      }[];
    }[];
  }[];
}

/**
 * A validator for the SARIF 2.1.0 schema shipped with @microsoft/jest-sarif. That schema is
 * draft-04 (`id`, a draft-04 `$schema`), which Ajv 8 does not load; the keywords it uses mean the
 * same in draft-07, so it is compiled with `$id` instead. One of its patterns
 * (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`) has a stray bracket that the `u` flag rejects.
 */
function sarifValidator() {
  const {
    $schema: _draft04,
    id,
    ...schema
  } = JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile({ $id: id as string, ...schema });
}

test('--format sarif is valid SARIF 2.1.0, with every rule and a placed result per finding', async () => {
  const validate = sarifValidator();
  const [check, seeds] = await Promise.all([
    cli(['check', '--docs', CHECK, '--format', 'sarif']),
    cli(['check', '--docs', SEEDS, '--format', 'sarif']),
  ]);
  for (const [name, run] of [
    ['fixtures/check', check],
    ['seeds', seeds],
  ] as const) {
    const log = JSON.parse(run.stdout) as SarifLog;
    assert.ok(validate(log), `${name}: ${JSON.stringify(validate.errors?.slice(0, 5), null, 2)}`);
    assert.equal(log.runs.length, 1);
    const { rules } = log.runs[0].tool.driver;
    const ids = new Set(rules.map((r) => r.id));
    for (const id of ALL_RULE_IDS) assert.ok(ids.has(id), `${name}: rules lacks ${id}`);
    assert.ok(log.runs[0].results.length > 0, name);
    for (const r of log.runs[0].results) {
      assert.ok(ALL_RULE_IDS.has(r.ruleId), r.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(r.level), r.level);
      if (r.ruleIndex !== undefined) assert.equal(rules[r.ruleIndex].id, r.ruleId);
      const region = r.locations?.[0]?.physicalLocation.region;
      assert.ok(
        region && region.startLine >= 1 && region.startColumn >= 1,
        `${name}: ${JSON.stringify(r)}`,
      );
    }
  }
  // The results are the findings, in place.
  const results = (JSON.parse(check.stdout) as SarifLog).runs[0].results.map((r) => {
    const { artifactLocation, region } = r.locations![0].physicalLocation;
    return {
      ruleId: r.ruleId,
      file: decodeURI(artifactLocation.uri),
      line: region.startLine,
      column: region.startColumn,
    };
  });
  assert.deepEqual(keys(results), keys(expected));
  // The validator does reject a broken log.
  const broken = JSON.parse(check.stdout) as SarifLog & { version?: string };
  broken.runs[0].results[0].level = 'fatal';
  assert.equal(validate(broken), false);
});

test('the seeds: their real defects are reported in place', async () => {
  const findings = runChecks(await seedsRead);
  const at = (seed: string, ruleId: string, line: number, column?: number, message?: RegExp) => {
    const hit = findings.find(
      (d) =>
        d.file.startsWith(`${seed}_`) &&
        d.ruleId === ruleId &&
        d.line === line &&
        (column === undefined || d.column === column),
    );
    assert.ok(
      hit,
      `${ruleId} at ${seed}:${line}${column ? `:${column}` : ''}; got ${JSON.stringify(findings.filter((d) => d.file.startsWith(`${seed}_`) && d.ruleId === ruleId).map((d) => `${d.line}:${d.column}`))}`,
    );
    if (message) assert.match(hit.message, message);
  };
  // "**TODO: Determine scopes **" and friends in the Permissions tables.
  for (const seed of ['000', '001']) {
    at(seed, 'placeholder-text', 21, 39, /TODO: Determine scopes/);
    at(seed, 'placeholder-text', 23, 16, /TODO: Determine AppOnly scopes/);
    at(seed, 'permissions-missing', 21, 1);
  }
  at('002', 'placeholder-text', 21, 39, /TODO: Provide applicable permissions/);
  at('002', 'placeholder-text', 22, 43, /TODO: Provide applicable permissions/);
  at('002', 'placeholder-text', 23, 16, /TODO: Provide applicable permissions/);
  at('002', 'permissions-missing', 21, 1);
  at('004', 'placeholder-text', 19, 39);
  at('004', 'placeholder-text', 21, 16);
  at('004', 'permissions-missing', 19, 1);
  // TODOs in the front matter and in the request-body table of the create page.
  at('002', 'placeholder-text', 4, 12, /TODO: Provide Github Name/);
  at('002', 'placeholder-text', 48, 14, /TODO: Add Description/);
  // The request-body table lists "salt", which exactMatchSession does not have.
  at('002', 'request-body-property-unknown', 68, 1, /"salt"/);
  // https://graph.microsoft.com/docs\api/…
  at('004', 'example-url-malformed', 80, 1, /backslash/);
  // The list page's request example is named like the get page's: placed at the annotation's "name".
  at('001', 'example-name-duplicate', 54, 1, /"get_exactmatchsession"/);
  // Lower-cased response annotation types: placed at the annotation's "@odata.type".
  at(
    '000',
    'example-annotation-type',
    66,
    1,
    /"collection\(microsoft\.graph\.exactmatchsession\)".*"microsoft\.graph\.exactMatchSession"/,
  );
  at('002', 'example-annotation-type', 123, 1, /"microsoft\.graph\.exactmatchsession"/);
  // The typo "classifcationErrorBase", in every example that shows an error.
  at('000', 'example-odata-type-unknown', 96, 13, /classifcationErrorBase/);
  at('001', 'example-odata-type-unknown', 95, 11, /classifcationErrorBase/);
  at('004', 'example-odata-type-unknown', 103, 9, /classifcationErrorBase/);
  at('004', 'example-odata-type-unknown', 158, 9, /classifcationErrorBase/);
  // The create example is the JSON representation, placeholders included.
  at(
    '002',
    'example-placeholder-value',
    91,
    23,
    /\$\.creationDateTime is the placeholder "String \(timestamp\)"/,
  );
  at(
    '002',
    'example-placeholder-value',
    106,
    26,
    /\$\.remainingBlockCount is the placeholder "Integer"/,
  );
  // description: ""
  at('003', 'frontmatter-field-missing', 1, 1, /"description"/);
  // The get page's response wraps the session in "value": { … }, an object, not a collection.
  at('001', 'example-cardinality-mismatch', 75, 3, /wraps it in "value": \{ … \}/);
});
