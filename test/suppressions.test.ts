import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { mapApiDoctorSuppression } from '../src/check/apidoctor.js';
import { runChecks } from '../src/check/run.js';
import type { Diagnostic } from '../src/shared/diagnostics.js';
import { readLenientJson } from '../src/extract/lenient-json.js';
import { extractSuppressionComments } from '../src/extract/suppressions.js';
import { readDocs } from '../src/pipeline.js';
import { CORPUS, FIXTURES, runCli, tempDir } from './helpers.js';

const DOCS = path.join(FIXTURES, 'suppressions');
const read = readDocs(DOCS);
const brief = (list: Diagnostic[]) =>
  list.map((d) => `${d.ruleId} ${d.severity} ${d.file}:${d.line}:${d.column}`);

test('annotations are read as Json.NET reads them; what strict JSON rejects is named with its first offset', () => {
  const text = `{
    // a comment
    name: 'it''s', "list": [1, 2,], /* block */ "multi": "two
lines", "quote": 'say "hi"',
  }`.replace("'it''s'", "'it\\'s'");
  const lenient = readLenientJson(text);
  assert.ok(lenient);
  assert.deepEqual(lenient.value, {
    name: "it's",
    list: [1, 2],
    multi: 'two\nlines',
    quote: 'say "hi"',
  });
  assert.deepEqual(
    lenient.leniencies.map((l) => l.kind),
    [
      'comments',
      'unquoted property names',
      'single-quoted strings',
      'trailing commas',
      'line breaks or tabs in strings',
    ],
  );
  assert.equal(text.slice(lenient.leniencies[0].offset, lenient.leniencies[0].offset + 2), '//');
  // What Json.NET rejects too: a missing comma, an unterminated string or comment.
  for (const bad of ['{"a": 1 "b": 2}', '{"a": "open}', '{"a": 1 /* open}', '{a b: 1}'])
    assert.equal(readLenientJson(bad), undefined, bad);
  // Keywords stay keywords; a comment marker inside a string is text.
  assert.deepEqual(readLenientJson('{"u": "http://x/*y*/", t: true, n: null}')?.value, {
    u: 'http://x/*y*/',
    t: true,
    n: null,
  });
});

test('ApiDoctor suppression texts map to docs2ts rules, with the property or type they name', () => {
  const cases: [string, string | undefined, string | undefined][] = [
    // As written in the Graph docs (raw line breaks, `\r\n` escapes, a leading space).
    [
      "Error: update_rangeformat_font_three/underline:\n      Expected type String but actual was Single. Property: underline, actual value: 'Single'",
      'example-value-invalid',
      'underline',
    ],
    [
      "Error: user_findmeetingtimes/meetingTimeSuggestions/member/confidence:\\r\\n\n  Expected type Double but actual was Int64. Property: confidence, actual value: '100'",
      'example-value-invalid',
      'confidence',
    ],
    [
      'Error: microsoft.graph.user/licenseAssignmentStates:\n  Referenced type microsoft.graph.licenseAssignmentState is not defined in the doc set! Potential suggestion: UNKNOWN',
      'type-unresolved',
      'microsoft.graph.licenseAssignmentState',
    ],
    [
      " Warning: /api-reference/v1.0/resources/filtercriteria.md:\n  Property 'color' found in resource definition for 'microsoft.graph.workbookFilterCriteria', but not described in markdown table.",
      'example-property-unknown',
      'color',
    ],
    [
      'Error: /api-reference/v1.0/api/tablecolumncollection-add.md/tablecolumncollection_add/values:\n  Type mismatch between example and table. Parameter name: values; example type (Collection(Object)) is a collection',
      'example-value-invalid',
      'values',
    ],
    [
      "Warning: x: Extra property: property 'foo' [String] was not expected.",
      'example-property-unknown',
      'foo',
    ],
    [
      'Error: x: Invalid ISO 8601 date-time string in property: createdDateTime: 2021-07-03',
      'example-value-invalid',
      'createdDateTime',
    ],
    [
      "Error: get_userflows/container/userFlowTypeVersion:\\r\\n  Expected type Single but actual was Int64, which is less specific than the expected type. Property: userFlowTypeVersion, actual value: '1'",
      'example-value-invalid',
      'userFlowTypeVersion',
    ],
    [
      'Warning: Resource oneDriveAddins.fileHandlerManifest is defined in multiple files: /docs/a.md, /docs/b.md',
      'type-duplicate',
      'oneDriveAddins.fileHandlerManifest',
    ],
    [
      "Error: /api/x.md: Destination missing for link 'box widgets' to URL 'box-widgets-list.md'",
      'link-missing-page',
      undefined,
    ],
    [
      "Warning: x: Failed to location collection property 'value' in response.",
      'example-cardinality-mismatch',
      undefined,
    ],
    // ApiDoctor checks docs2ts does not make: left to ApiDoctor.
    [
      "Warning: /api-reference/v1.0/resources/folderview.md:\n  Found potential enums in resource example that weren't defined in a table:(default,icons) are in resource, but () are in table",
      undefined,
      undefined,
    ],
    [
      'Warning: /api-reference/v1.0/api/x.md/x/values: Inconsistent types between parameter (String) and table (Object)',
      undefined,
      undefined,
    ],
    [
      "Warning: /api-reference/v1.0/resources/educationuser.md/microsoft.graph.educationUser:\n  Property 'relatedContacts' found in markdown table but not in resource definition.",
      undefined,
      undefined,
    ],
    [
      'Warning: Scenario was not run. Scopes required were not available: Files.Read',
      undefined,
      undefined,
    ],
  ];
  for (const [text, rule, subject] of cases) {
    const mapped = mapApiDoctorSuppression(text);
    assert.equal(mapped?.rule, rule, text);
    assert.equal(mapped?.subject, subject, text);
  }
});

test('suppressions: docs2ts-disable comments and ApiDoctor page suppressions silence what they cover; unused ones are reported', async () => {
  const findings = runChecks(await read);
  assert.deepEqual(brief(findings), [
    'annotation-malformed error api/apidoctor-malformed.md:50:1',
    // Lenient annotations: an info at the first thing strict JSON rejects (`//`, an unquoted name, a raw line break).
    'annotation-lenient info api/apidoctor-shelf-widget-get.md:51:3',
    'annotation-lenient info api/apidoctor-shelf-widget-get.md:63:3',
    // `size` is not the property the ApiDoctor suppression names (createdDateTime, line 73): still reported.
    'example-value-invalid warning api/apidoctor-shelf-widget-get.md:75:11',
    'apidoctor-suppression info api/apidoctor-shelf-widget-get.md:79:1',
    'annotation-lenient info api/apidoctor-shelf-widget-get.md:86:46',
    'suppression-unused warning api/comments-box-widget-get.md:20:1',
    'link-missing-page warning api/comments-box-widget-get.md:21:5',
    'suppression-unused warning api/comments-box-widget-get.md:23:1',
    'suppression-unused warning api/comments-box-widget-get.md:26:1',
    // Outside the disable … enable range (the same defect inside it, line 93, is silenced).
    'example-value-invalid warning api/comments-box-widget-get.md:121:11',
    'placeholder-text warning api/legacy-crate-widget-get.md:15:1',
  ]);
  assert.match(
    findings.find((d) => d.line === 79)!.message,
    /maps to no docs2ts rule: "Warning: \/api-reference\/v1\.0\/api\/apidoctor-shelf-widget-get\.md: Found potential enums/,
  );
  assert.match(
    findings.find((d) => d.line === 20)!.message,
    /no example-unpaired finding on line 21/,
  );
  assert.match(findings.find((d) => d.line === 23)!.message, /unknown rule "no-such-rule"/);
  // The same pages with their suppressions left out: what they silenced comes back.
  const bare = await read;
  const unsuppressed = runChecks({
    ...bare,
    pages: bare.pages.map((p) => ({ ...p, suppressions: [] })),
  });
  const silenced = brief(unsuppressed).filter((d) => !brief(findings).includes(d));
  assert.deepEqual(silenced, [
    'example-value-invalid warning api/apidoctor-shelf-widget-get.md:73:22',
    'placeholder-text warning api/comments-box-widget-get.md:16:1',
    'placeholder-text warning api/comments-box-widget-get.md:18:1',
    'example-value-invalid warning api/comments-box-widget-get.md:93:11',
  ]);
  // A rule turned off is not run, and its comments are not reported unused for that.
  const off = brief(
    runChecks(await read, { 'placeholder-text': 'off', 'example-unpaired': 'off' }),
  );
  assert.ok(!off.some((d) => d.includes(':26:1') || d.includes(':20:1')), off.join('\n'));
});

async function withConfig(config: unknown): Promise<string> {
  const cwd = tempDir();
  await fs.writeFile(path.join(cwd, 'docs2ts.config.json'), JSON.stringify(config));
  return cwd;
}

test('config overrides set rules for the pages their globs match; --rule wins; an override matching no page is reported', async () => {
  const cwd = await withConfig({
    rules: { 'placeholder-text': 'error' },
    overrides: [
      {
        files: ['api/legacy-*.md'],
        rules: { 'placeholder-text': 'off', 'link-missing-page': 'info' },
      },
      { files: 'api/nothing-*.md', rules: { 'example-value-invalid': 'off' } },
    ],
  });
  const [configured, flagged] = await Promise.all([
    runCli(['check', '--docs', DOCS, '--format', 'json'], cwd),
    runCli(['check', '--docs', DOCS, '--format', 'json', '--rule', 'placeholder-text=warn'], cwd),
  ]);
  const found = JSON.parse(configured.stdout) as Diagnostic[];
  assert.ok(!found.some((d) => d.file === 'api/legacy-crate-widget-get.md'), configured.stdout);
  assert.deepEqual(
    found.filter((d) => d.file === '').map((d) => [d.ruleId, d.message]),
    [['suppression-unused', 'Config overrides[1] (files "api/nothing-*.md") matches no page.']],
  );
  assert.equal(configured.code, 1); // the malformed annotation is an error
  const withFlag = JSON.parse(flagged.stdout) as Diagnostic[];
  assert.deepEqual(
    withFlag
      .filter((d) => d.ruleId === 'placeholder-text')
      .map((d) => `${d.file}:${d.line} ${d.severity}`),
    ['api/legacy-crate-widget-get.md:15 warning'],
  );
});

test('config overrides are validated: each bad entry is a usage error naming it', async () => {
  const bad: [unknown, RegExp][] = [
    [[{ files: ['a.md'] }], /overrides"\[0\] "rules" must be an object/],
    [{ files: ['a.md'] }, /"overrides" must be an array/],
    [[{ files: [], rules: {} }], /overrides"\[0\] "files" must be a glob or a non-empty array/],
    [
      [{ files: ['a.md'], rules: { 'no-such-rule': 'off' } }],
      /overrides"\[0\] "rules": unknown rule "no-such-rule"/,
    ],
    [[{ files: ['a.md'], rules: {}, severity: 'off' }], /overrides"\[0\]: unknown key "severity"/],
  ];
  const runs = await Promise.all(
    bad.map(async ([overrides]) =>
      runCli(['check', '--docs', DOCS], await withConfig({ overrides })),
    ),
  );
  runs.forEach((r, i) => {
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, bad[i][1]);
  });
});

/** The corpus pages whose annotations JSON.parse rejected (25 annotation-malformed before ApiDoctor's reading). */
const REJECTED = [
  'api/rangeformat-update.md',
  'api/tablecolumncollection-add.md',
  'api/user-findmeetingtimes.md',
  'api/user-getmailtips.md',
  'api/userteamwork-delete-installedapps.md',
  ...[
    'calculatedcolumn',
    'choicecolumn',
    'datetimecolumn',
    'drive',
    'filtercriteria',
    'folderview',
    'itemreference',
    'licenseassignmentstate',
    'listinfo',
    'numbercolumn',
    'personorgroupcolumn',
    'publicationfacet',
    'quota',
    'recurrencepattern',
    'shared',
    'sharinglink',
    'teamsappinstallation',
    'textcolumn',
    'userscopeteamsappinstallation',
    'workinghours',
  ].map((n) => `resources/${n}.md`),
];

test('the v1.0 corpus pages ApiDoctor reads: their annotations are no longer malformed, their unmapped suppressions are infos', async (t) => {
  if (!(await fs.stat(CORPUS).catch(() => undefined))) return t.skip('corpus not present');
  const docs = path.join(tempDir(), 'docs');
  for (const file of REJECTED) {
    await fs.mkdir(path.dirname(path.join(docs, file)), { recursive: true });
    await fs.copyFile(path.join(CORPUS, file), path.join(docs, file));
  }
  const findings = runChecks(await readDocs(docs));
  // 22 are JSON Json.NET reads (raw line breaks in suppressions, an unquoted name); 3 it rejects too (a missing comma twice, an unterminated string).
  assert.deepEqual(
    findings.filter((d) => d.ruleId === 'annotation-malformed').map((d) => d.file),
    [
      'api/userteamwork-delete-installedapps.md',
      'resources/teamsappinstallation.md',
      'resources/userscopeteamsappinstallation.md',
    ],
  );
  assert.equal(
    new Set(findings.filter((d) => d.ruleId === 'annotation-lenient').map((d) => d.file)).size,
    22,
  );
  const notes = findings.filter((d) => d.ruleId === 'apidoctor-suppression');
  assert.ok(
    notes.length >= 15 &&
      notes.every((d) => d.severity === 'info' && /maps to no docs2ts rule/.test(d.message)),
    notes.map((d) => d.message).join('\n'),
  );
});

test('docs2ts-disable comments: several rules, a reason, code spans and fences, enable for all; linear on a hostile line', () => {
  const page = [
    '<!-- docs2ts-disable-next-line rule-a, rule-b -- a reason -->', // 1
    'text', // 2
    'a `<!-- docs2ts-disable-line rule-c -->` code span is text <!-- docs2ts-disable-line rule-d -->', // 3
    '```md', // 4
    '<!-- docs2ts-disable rule-e -->', // 5
    '```json', // 6: an info string cannot close a fence
    '```', // 7
    '<!-- docs2ts-disable rule-f --><!-- docs2ts-disable -->', // 8
    '<!-- docs2ts-enable -->', // 9
    '<!-- docs2ts-disable rule-g -->', // 10
    'last', // 11
  ].join('\n');
  assert.deepEqual(
    extractSuppressionComments(page).map((f) => [f.kind, f.rule, f.line, f.column, f.from, f.to]),
    [
      ['next-line', 'rule-a', 1, 1, 2, 2],
      ['next-line', 'rule-b', 1, 1, 2, 2],
      ['line', 'rule-d', 3, 60, 3, 3],
      ['range', 'rule-f', 8, 1, 8, 9],
      ['range', '*', 8, 32, 8, 9],
      ['range', 'rule-g', 10, 1, 10, 11],
    ],
  );
  const time = (n: number) => {
    const hostile = `${'<!-- docs2ts-disable a `'.repeat(n)}\n${'<!-- docs2ts-disable-line x -->'.repeat(n)}`;
    const t = performance.now();
    extractSuppressionComments(hostile);
    return performance.now() - t;
  };
  time(2_000);
  const small = Math.min(time(20_000), time(20_000));
  const large = Math.min(time(160_000), time(160_000));
  assert.ok(large < small * 20 + 20, `8× the input took ${(large / small).toFixed(1)}× the time`);
});

test('the lenient JSON reader is linear, also on hostile input', () => {
  const inputs = (n: number) => [
    `[${'1,   /* c */ '.repeat(n)}1]`,
    `{${"a: 'x\n',".repeat(n)} b: 1}`,
    `[${', '.repeat(n)}`,
    `"${'\\\\'.repeat(n)}`,
  ];
  const time = (n: number) => {
    const t = performance.now();
    for (const input of inputs(n)) readLenientJson(input);
    return performance.now() - t;
  };
  time(2_000);
  const small = Math.min(time(20_000), time(20_000));
  const large = Math.min(time(160_000), time(160_000));
  assert.ok(large < small * 20 + 20, `8× the input took ${(large / small).toFixed(1)}× the time`);
  assert.equal((readLenientJson(inputs(1000)[0])?.value as number[]).length, 1001);
});
