import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { readFlatMapping } from '../src/extract/front-matter.js';
import { loadDocs } from '../src/read/load.js';
import { CORPUS } from './helpers.js';

/** The fast reading, where it answers, must be the YAML library's. */
function assertAsYaml(text: string, label: string): boolean {
  const flat = readFlatMapping(text);
  if (flat) assert.deepStrictEqual(flat, parse(text), label);
  return flat !== undefined;
}

test('flat front matter reads as YAML: the corpus', async () => {
  const { pages } = await loadDocs(CORPUS);
  let read = 0;
  for (const page of pages) {
    const match = /^---\n([\s\S]*?)\n---\n/.exec(page.text);
    if (match && assertAsYaml(match[1], page.file)) read++;
  }
  assert.ok(
    read > pages.length * 0.9,
    `only ${read} of ${pages.length} front matters read without the library`,
  );
});

test('flat front matter reads as YAML: edge cases, or leaves them to the library', () => {
  const cases = [
    'title: "Get a user"\ndoc_type: apiPageType',
    'a: true',
    'a: False',
    'a: null',
    'a: NULL',
    'a: ~',
    'a: 12',
    'a: 1.5',
    'a: 09/10/2017',
    'a: yes',
    'a: on',
    'a: "x\\ty"',
    "a: 'x'",
    'a: b # comment',
    'a: b: c',
    'a:b',
    'a: x\na: y',
    'a: ',
    'a:',
    ' a: b',
    'a: b ',
    'a: "b" ',
    'a: [b]',
    'a: {b: c}',
    'a: b,c',
    'a: Infinity',
    'a: .inf',
    'a: Foo (bar).',
    'a.b-c_d: x',
    '__proto__: x',
    'constructor: x',
    '',
    'a: 2017',
    'a: 0x1F',
    'a: 0o17',
    'a: 1e3',
    'a: 1_000',
    'a: 1,000',
    'a: 12.0.1',
    "a: 'x'y",
    "a: user's site.",
    'a: "b"  ',
    'a: plain  ',
    'a: 3/16/2018',
    'a: x "y" z',
    'a: x **[y][]**.',
    'a: x [y]',
    'a: x *',
    'a: x!?',
    'a: x: y',
    'a: x #y',
    'a: x#y',
  ];
  let read = 0;
  for (const text of cases) if (assertAsYaml(text, JSON.stringify(text))) read++;
  assert.ok(read >= 8, `${read} edge cases read without the library`);
  for (const text of [
    'a: true',
    'a: null',
    'a: 12',
    'a: 0x1F',
    'a: 1e3',
    'a: x\na: y',
    'a: b # comment',
    'a: "x\\ty"',
  ])
    assert.equal(readFlatMapping(text), undefined, text);
});
