import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { formatGithub, formatJunit } from '../src/check/ci-formats.js';
import type { Diagnostic } from '../src/shared/diagnostics.js';
import { runCli, tempDir } from './helpers.js';

/** A workflow command line back to its parts (the runner's parsing: properties split on `,` and the first `=`). */
function parseCommand(line: string): {
  level: string;
  props: Record<string, string>;
  message: string;
} {
  const m = /^::(\w+) ([^:]*)::(.*)$/.exec(line);
  assert.ok(m, `not a workflow command: ${line}`);
  const unescape = (s: string) =>
    s
      .replace(/%3A/g, ':')
      .replace(/%2C/g, ',')
      .replace(/%0D/g, '\r')
      .replace(/%0A/g, '\n')
      .replace(/%25/g, '%');
  const props = Object.fromEntries(
    m[2].split(',').map((p) => {
      const eq = p.indexOf('=');
      return [p.slice(0, eq), unescape(p.slice(eq + 1))];
    }),
  );
  return { level: m[1], props, message: unescape(m[3]) };
}

const nasty: Diagnostic[] = [
  {
    file: 'api/a,b:c%d.md',
    line: 3,
    column: 2,
    endLine: 4,
    endColumn: 9,
    ruleId: 'placeholder-text',
    severity: 'warning',
    message: 'Placeholder "TODO: 50%, a:b\r\nnext" <x> & \'y\' \u0001 ::error::not a command',
  },
  {
    file: '',
    line: 1,
    column: 1,
    ruleId: 'suppression-unused',
    severity: 'info',
    message: 'no file, %0A stays text',
  },
];

test('--format github: one workflow command per finding; %, CR, LF escaped in the message, and : and , in properties too', () => {
  const lines = formatGithub(nasty, 'docs').split('\n');
  assert.equal(lines.length, 2, 'a line break in a message never starts a new command');
  const [noFile, placed] = lines.map(parseCommand);
  assert.deepEqual(placed, {
    level: 'warning',
    props: {
      file: 'docs/api/a,b:c%d.md',
      line: '3',
      col: '2',
      endLine: '4',
      endColumn: '9',
      title: 'placeholder-text',
    },
    message: nasty[0].message,
  });
  assert.deepEqual(noFile, {
    level: 'notice',
    props: { title: 'suppression-unused' },
    message: 'no file, %0A stays text',
  });
});

test('--format junit: well-formed XML, one testsuite per file and a failing testcase per finding; text XML-escaped', () => {
  const xml = formatJunit(nasty);
  assert.equal(XMLValidator.validate(xml), true);
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    htmlEntities: true,
    isArray: (name) => ['testsuite', 'testcase'].includes(name),
  }).parse(xml);
  const suites = doc.testsuites.testsuite as {
    name: string;
    tests: string;
    failures: string;
    testcase: { name: string; failure: { message: string; type: string; '#text': string } }[];
  }[];
  assert.deepEqual(
    suites.map((s) => [s.name, s.tests, s.failures]),
    [
      ['(doc set)', '1', '1'],
      ['api/a,b:c%d.md', '1', '1'],
    ],
  );
  const failure = suites[1].testcase[0].failure;
  // U+0001 cannot be in XML 1.0: replaced; everything else comes back as written.
  assert.equal(failure.message, nasty[0].message.replace('\u0001', '\uFFFD'));
  assert.equal(failure.type, 'placeholder-text');
  assert.equal(doc.testsuites.failures, '2');
  const clean = formatJunit([]);
  assert.equal(XMLValidator.validate(clean), true);
  assert.match(clean, /tests="1" failures="0"/);
});

test('check --format github and junit through the CLI: the same findings as --format json, doc text escaped', async () => {
  const docs = path.join(tempDir(), 'docs');
  await fs.mkdir(path.join(docs, 'api'), { recursive: true });
  const page = [
    '---',
    'title: "Odd, page: 100%"',
    'description: "A page."',
    'doc_type: conceptualPageType',
    '---',
    '',
    '# Odd page',
    '',
    'TODO: fix <this> & "that", 100% a:b',
    '',
    'See [50% off, now: really](gone, page.md) and [x](gone<y>.md).',
    '',
  ].join('\n');
  await fs.writeFile(path.join(docs, 'api', 'odd,name:1.md'), page);
  const [json, github, junit] = await Promise.all(
    ['json', 'github', 'junit'].map((format) =>
      runCli(['check', '--docs', docs, '--format', format], docs),
    ),
  );
  const expected = JSON.parse(json.stdout) as Diagnostic[];
  assert.ok(expected.length >= 2, json.stdout);
  assert.equal(github.code, json.code);
  const commands = github.stdout.trim().split('\n').map(parseCommand);
  assert.deepEqual(
    commands.map((c) => [
      c.props.file,
      Number(c.props.line),
      Number(c.props.col),
      c.props.title,
      c.message,
    ]),
    expected.map((d) => [d.file, d.line, d.column, d.ruleId, d.message]),
  );
  assert.equal(XMLValidator.validate(junit.stdout), true);
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    htmlEntities: true,
    isArray: (name) => ['testsuite', 'testcase'].includes(name),
  }).parse(junit.stdout);
  const cases = (
    doc.testsuites.testsuite as {
      name: string;
      testcase: { failure: { message: string; type: string } }[];
    }[]
  ).flatMap((s) => s.testcase.map((c) => [s.name, c.failure.type, c.failure.message]));
  assert.deepEqual(
    cases,
    expected.map((d) => [d.file, d.ruleId, d.message]),
  );
});
