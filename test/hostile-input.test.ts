import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { readPage } from '../src/extract/page.js';
import { MAX_NESTING, MAX_TABLE_ROWS } from '../src/read/input-limits.js';
import { jsonTooDeepAt, MAX_JSON_DEPTH } from '../src/shared/json-depth.js';
import { assertReadLinear, runCliSync, SESSIONS, snapshot, tempDir } from './helpers.js';

const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/** A method page whose response example, annotation and front matter each nest 5,000 deep. */
function deepPage(): string {
  return (
    `---\ntitle: "Get deep"\ndescription: ${'['.repeat(5000)}${']'.repeat(5000)}\ndoc_type: apiPageType\n---\n\n# Get deep\n\n` +
    `## HTTP request\n\n<!-- { "blockType": "ignored" } -->\n\`\`\`http\nGET /deep\n\`\`\`\n\n## Response\n\n` +
    `<!-- { "blockType": "response", "@odata.type": "microsoft.graph.exactMatchSession" } -->\n` +
    `\`\`\`http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n${nested(5000)}\n\`\`\`\n\n` +
    `<!-- ${nested(5000)} -->\n\`\`\`json\n{}\n\`\`\`\n`
  );
}

test('JSON depth is measured outside strings, and the bracket past the cap is found', () => {
  assert.equal(jsonTooDeepAt(nested(MAX_JSON_DEPTH)), -1);
  assert.equal(jsonTooDeepAt(nested(MAX_JSON_DEPTH + 1)), MAX_JSON_DEPTH * 5);
  assert.equal(jsonTooDeepAt(`["${'['.repeat(500)}\\"${'{'.repeat(500)}"]`), -1);
});

test('pages nesting 5,000 deep: a placed diagnostic with the default cache, cold and warm, as without the cache', async () => {
  const dir = tempDir();
  const docs = path.join(dir, 'docs');
  await fs.cp(SESSIONS, docs, { recursive: true });
  await fs.writeFile(path.join(docs, 'api', 'deep-get.md'), deepPage());
  const generate = (out: string, ...flags: string[]) =>
    runCliSync(['generate', '--docs', docs, '--out', path.join(dir, out), '--json', ...flags], {
      cwd: dir,
    });
  const cold = generate('out');
  assert.equal(cold.code, 0, cold.stderr);
  assert.ok(
    (await fs.readdir(path.join(dir, 'node_modules', '.cache', 'docs2ts'))).some((f) =>
      f.startsWith('pages-'),
    ),
    'the default cache folder was used',
  );
  // Edit another page: the warm run reads the deep page from the cache and makes files again.
  await fs.appendFile(path.join(docs, 'resources', 'entity.md'), '\nMore prose.\n');
  const warm = generate('out');
  assert.equal(warm.code, 0, warm.stderr);
  assert.equal(generate('fresh', '--no-cache').code, 0);
  assert.deepEqual(await snapshot(path.join(dir, 'out')), await snapshot(path.join(dir, 'fresh')));
  const checked = runCliSync(['check', '--docs', docs, '--format', 'json'], { cwd: dir });
  const found = (
    JSON.parse(checked.stdout) as {
      file: string;
      line: number;
      column: number;
      ruleId: string;
      message: string;
    }[]
  ).filter((d) => d.file === 'api/deep-get.md');
  const rule = (id: string) =>
    found.find((d) => d.ruleId === id && /more than 64 levels/.test(d.message));
  assert.deepEqual(
    rule('example-json-too-deep') && [
      rule('example-json-too-deep')!.line,
      rule('example-json-too-deep')!.column,
    ],
    [23, MAX_JSON_DEPTH * 5 + 1],
  );
  assert.ok(rule('annotation-malformed') && rule('frontmatter-invalid'), JSON.stringify(found));
  // The other commands that walk example values: the model, the OpenAPI export (its examples), verify (the mock and validators).
  for (const args of [
    ['model', '--out', path.join(dir, 'model.json')],
    ['openapi', '--out', path.join(dir, 'openapi.json')],
    ['verify', '--json'],
  ]) {
    const r = runCliSync([...args, '--docs', docs], { cwd: dir });
    assert.ok(
      r.code === 0 || (args[0] === 'verify' && r.code === 1),
      `${args[0]}: exit ${r.code} ${r.stderr.slice(0, 500)}`,
    );
    assert.doesNotMatch(r.stderr + r.stdout, /RangeError|internal-error/, args[0]);
  }
});

const HEAD = '---\ntitle: "t"\ndoc_type: resourcePageType\n---\n# thing resource type\n\n';
const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => `|p${i}|String|A description.|`).join('\n');
/** Hostile shapes, `n` their size; the place (line, column) of the cut each must report. */
const HOSTILE: Record<
  string,
  { make: (n: number) => string; rule: string; place: [number, number] }
> = {
  bullets: {
    make: (n) => `${HEAD}${'- '.repeat(n)}x\n`,
    rule: 'nesting-too-deep',
    place: [7, MAX_NESTING * 2 + 1],
  },
  quotes: {
    make: (n) => `${HEAD}${'> '.repeat(n)}x\n`,
    rule: 'nesting-too-deep',
    place: [7, MAX_NESTING * 2 + 1],
  },
  mixed: {
    make: (n) => `${HEAD}${'> - 1. '.repeat(n / 3)}x\n`,
    rule: 'nesting-too-deep',
    place: [7, 117],
  },
  ladder: {
    make: (n) =>
      HEAD +
      Array.from({ length: n / 10 }, (_, i) => `${' '.repeat(i * 2)}- item ${i}`).join('\n') +
      '\n',
    rule: 'nesting-too-deep',
    place: [7 + MAX_NESTING, MAX_NESTING * 2 + 1],
  },
  table: {
    make: (n) =>
      `${HEAD}## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n${rows(n * 12)}\n`,
    rule: 'table-too-long',
    place: [11 + MAX_TABLE_ROWS - 2, 1],
  },
};

test('hostile nesting and huge tables: read in time linear in their size, cut with a placed warning', () => {
  for (const [name, { make, rule, place }] of Object.entries(HOSTILE)) {
    const found = readPage('x.md', make(4000)).diagnostics.filter((d) => d.ruleId === rule);
    assert.deepEqual(
      found.map((d) => [d.line, d.column]),
      [place],
      `${name}: ${JSON.stringify(found)}`,
    );
    assert.ok(
      !readPage('x.md', make(4000)).diagnostics.some((d) => d.ruleId === 'internal-error'),
      name,
    );
    assertReadLinear(make, name);
  }
});

test('a GET function of thousands of request lines with optional arguments: read in time linear in its size', () => {
  const page = (n: number) =>
    [
      '---\ntitle: "used range"\ndoc_type: apiPageType\n---\n# used range\n\n## HTTP request\n',
      '<!-- { "blockType": "ignored" } -->\n```http',
      ...Array.from({ length: n }, (_, i) => `GET /books/b${i}/sheets/{id}/usedRange`),
      '```\n\n## Function parameters\n\n|Parameter|Type|Description|\n|:---|:---|:---|',
      ...Array.from({ length: 3 }, (_, i) => `|arg${i}|Boolean|Optional. A flag.|`),
      '',
    ].join('\n');
  const read = readPage('api/x.md', page(400));
  // Each line gets its form with the arguments.
  assert.equal(read.operation?.paths.length, 800);
  assert.equal(
    read.operation?.paths[1],
    '/books/b0/sheets/{id}/usedRange(arg0={arg0},arg1={arg1},arg2={arg2})',
  );
  assertReadLinear(page, 'request lines');
});

test('thousands of placeholders and Path parameters rows: read in time linear in their size', () => {
  const page = (n: number) =>
    [
      '---\ntitle: "get part"\ndoc_type: apiPageType\n---\n# get part\n\n## HTTP request\n',
      '<!-- { "blockType": "ignored" } -->\n```http',
      ...Array.from({ length: n }, (_, i) => `GET /parts/{part-${i}}/pieces`),
      '```\n\n## Path parameters\n\n|Parameter|Type|Description|\n|:---|:---|:---|',
      ...Array.from({ length: n }, (_, i) => `|part-${i}|String|The part.|`),
      '',
    ].join('\n');
  const read = readPage('api/x.md', page(300));
  assert.equal(read.operation?.pathParameters.length, 300);
  assert.equal(read.operation?.pathParameters[0].description, 'The part.');
  assertReadLinear(page, 'placeholders and rows');
});
