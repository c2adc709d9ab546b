import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { readInline } from '../src/lift/inline.js';
import { readSimpleInline } from '../src/lift/inline-simple.js';
import { mayStartBlock, type InlineText, type Label, type Place } from '../src/lift/lifted.js';
import { loadDocs } from '../src/read/load.js';
import { readWithRemark } from '../src/read/parse.js';
import { CORPUS } from './helpers.js';

const place: Place = (line, column0) => ({
  line,
  column: column0 + 1,
  offset: line * 1000 + column0,
});

/** Labels some texts below refer to. */
const DEFINED: Label[] = ['a', 'B c', 'x'].map((label) => ({ label, footnote: false }));

/** Where the simple reader answers, its nodes must be remark's (read from a side document, with `definitions`). */
function assertAsRemark(text: InlineText, definitions: Label[] = []): boolean {
  const simple = readSimpleInline(
    text,
    place,
    definitions.length ? new Set(definitions.map((d) => d.label.toLowerCase())) : undefined,
  );
  if (!simple) return false;
  const remark = readInline([text], readWithRemark, place, { simple: false, definitions })?.get(
    text,
  );
  assert.deepStrictEqual(simple, remark, JSON.stringify(text.content));
  return true;
}

/** A text as the lifters hand it over: from column 2 (after `> `), lines trimmed, none empty, none starting a block. */
function textOf(content: string): InlineText | undefined {
  const lines = content.split('\n');
  if (lines.some((l, k) => !l.trim() || /^[ \t]|\t$/.test(l) || (k > 0 && mayStartBlock(l))))
    return undefined;
  return { line: 3, from: 2, content, indents: lines.slice(1).map(() => 2) };
}

test('inline text read without remark reads as remark reads it: edge cases', () => {
  const cases = [
    '**Note:** see [user](user.md).',
    '*a* and _b_ and __c__',
    'a**b**c',
    '**a** b*',
    '*a **b**',
    '**a *b**',
    '_a_b',
    'snake_case_name',
    'x * y',
    '`a``b`',
    '``a``',
    '`a` `b`',
    '**a `b** c`',
    '**a\\**',
    '\\*a\\*',
    'Bearer &lt;token&gt;. Required.',
    '&foo; &amp &#65; &#x41; &#0;',
    '[!INCLUDE [x](y.md)]',
    '[a [b] c](d)',
    '[a](b [c](d))',
    '[^1]',
    '[a]',
    '![i](s.png)',
    '<br/>x<br>',
    '<b>bold</b>',
    '</br/>',
    '< 5',
    '<a href="x">',
    'www.example.com',
    'see https://x.y',
    'a@b.c',
    '**[l](u)**',
    '[`code`](u)',
    '[**b**](u)',
    'a\nb',
    'a `b`\n`c` d',
    '[l](u)\ntext',
    '**a**\n*b*',
    '~~s~~',
    'a ~ b',
    '\\\\',
    'a\\',
    '(**x**)',
    '**(x)**',
    'x**(y)**',
    '“**x**”',
    'é*x*',
    '*x*é',
    '\u0000',
    'a\tb',
    '***a***',
    '**a**b**c**',
    'a \nb',
    '`a` \nb',
    'a \n`b`',
    '**x** \ny',
    'a  \nb',
    'end ',
    '_a_@u.md',
    '__a__@u.md x',
    '*a*@u.md',
    '_a_ @u.md',
    '_a_.b@u.md',
  ];
  let read = 0;
  for (const content of cases) {
    const text = textOf(content);
    if (text && assertAsRemark(text)) read++;
  }
  assert.ok(read >= 20, `only ${read} cases read without remark`);
});

test('inline text read without remark reads as remark reads it: references to defined labels', () => {
  const cases = [
    '[a][]',
    '[a]',
    '[A]',
    '[text][a]',
    '[**b c**][x]',
    '[b  c][]',
    '[`a`][x]',
    '[a][nope]',
    '[nope]',
    '[a](u.md)',
    '[a] [x]',
    '[a][x][b c]',
    '[a](',
    '[a][',
    '![a]',
    '[^a]',
    '[a\nb][x]',
  ];
  let read = 0;
  for (const content of cases) {
    const text = textOf(content);
    if (text && assertAsRemark(text, DEFINED)) read++;
  }
  assert.ok(read >= 8, `only ${read} reference cases read without remark`);
  const pieces = [
    'a',
    'x',
    'B c',
    ' ',
    '[',
    ']',
    '[]',
    '](',
    '(u.md)',
    '**',
    '`',
    '\n',
    '!',
    '*',
    '.',
  ];
  let random = 0;
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 12 }), (parts) => {
      const text = textOf(parts.join(''));
      if (text && assertAsRemark(text, DEFINED)) random++;
    }),
    {
      seed: Number(process.env.INLINE_SEED ?? 7),
      numRuns: Number(process.env.INLINE_RUNS ?? 3000),
    },
  );
  assert.ok(random > 100, `only ${random} random texts with references read without remark`);
});

test('inline text read without remark reads as remark reads it: random markup', () => {
  const pieces = [
    'a',
    'b',
    ' ',
    '*',
    '**',
    '_',
    '`',
    '[',
    ']',
    '(',
    ')',
    'u.md',
    '&amp;',
    '&lt',
    '&#65;',
    '\\',
    '\\*',
    '<br/>',
    '<b>',
    '</b>',
    '!',
    '~',
    '@',
    'www.',
    '\n',
    '.',
    '(',
    ':',
    '|',
    '\u00a0',
    'é',
    '"',
    '“',
    '”',
    '😀',
  ];
  let read = 0;
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 14 }), (parts) => {
      const text = textOf(parts.join(''));
      if (text && assertAsRemark(text)) read++;
    }),
    {
      seed: Number(process.env.INLINE_SEED ?? 7),
      numRuns: Number(process.env.INLINE_RUNS ?? 3000),
    },
  );
  assert.ok(read > 300, `only ${read} random texts read without remark`);
});

test('inline text read without remark reads as remark reads it: a quarter of the corpus', async () => {
  const { pages } = await loadDocs(CORPUS);
  let read = 0;
  for (const page of pages.filter((_, i) => i % 4 === 0)) {
    for (const [k, line] of page.text.split('\n').entries()) {
      // Table cells and one-line paragraphs, as the lifters hand them over.
      const contents = line.startsWith('|')
        ? line
            .split('|')
            .map((c) => c.trim())
            .filter(Boolean)
        : /^[A-Za-z*[`]/.test(line)
          ? [line.trim()]
          : [];
      for (const content of contents) if (assertAsRemark({ line: k + 1, from: 0, content })) read++;
    }
  }
  assert.ok(read > 12_000, `only ${read} corpus texts read without remark`);
});
