import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as prettier from 'prettier';
import { Kind } from '../src/layout/structure-kind.js';
import {
  constArrayDeclaration,
  functionDeclaration,
  importDeclaration,
  interfaceDeclaration,
  intersectionDeclaration,
  objectUnionDeclaration,
  pureCallDeclaration,
  tableDeclaration,
  type Member,
} from '../src/layout/declarations.js';
import { LaidOut } from '../src/layout/laid-out.js';
import { annotation, brokenObject, callWithObject, list, typeAlias } from '../src/layout/layout.js';
import type { Statements } from '../src/layout/statements.js';
import { stringLiteral } from '../src/text/escape.js';
import { PRETTIER_OPTIONS } from '../src/format/prettier.js';
import { HEADER, printStatements, printWithTsMorph } from '../src/layout/print.js';

const format = (text: string) => prettier.format(text, { ...PRETTIER_OPTIONS, parser: 'babel-ts' });

test('string literals are quoted as prettier quotes them', async () => {
  const values = [
    'plain',
    "it's",
    'say "hi"',
    `both ' and "`,
    `'''"`,
    'back\\slash',
    'tab\there',
    'new\nline',
    '\u0007bell',
    'emoji 😀',
    'nbsp\u00a0',
    '\u2028',
    '\u2029',
    '\ud800 lone',
    '${x}',
    '`tick`',
    '',
  ];
  for (const value of values) {
    // Line separators are written escaped (legal raw since ES2019, not to older tools): so is the oracle's input.
    const json = JSON.stringify(value).replace(
      /[\u2028\u2029]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16)}`,
    );
    assert.equal(await format(`f(${json});\n`), `f(${stringLiteral(value)});\n`, json);
    assert.equal(eval(stringLiteral(value)), value);
  }
});

/** A small deterministic random source, so a failure names a case that can be run again. */
function random(seed: number) {
  return (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * n);
  };
}

/** Random statements whose lengths cross the 100-column width in every construct the builders break. */
function randomStatements(seed: number): Statements {
  const r = random(seed);
  const name = (min: number, spread: number) =>
    `N${'abcdefghij'.repeat(12).slice(0, min + r(spread))}`;
  const literal = () => stringLiteral(`#microsoft.graph.${name(3, 30)}${r(8) === 0 ? "'s" : ''}`);
  const atom = () => [name(2, 40), literal(), 'string', `${name(2, 30)}[]`][r(4)];
  const union = (k: number) => Array.from({ length: k }, atom).join(' | ');
  const type = () =>
    [
      atom(),
      `${atom()} | null`,
      union(2 + r(5)),
      `ExpandOf<${Array.from({ length: 1 + r(8) }, literal).join(' | ')}>[]`,
      `SelectOf<${name(2, 60)}>[]`,
      'string | string[]',
    ][r(6)];
  const keys = (k: number) =>
    Array.from({ length: k }, () => stringLiteral(name(1, 20))).join(' | ');
  const writable = () => {
    const w = `Writable<${name(2, 40)}, ${keys(1 + r(12))}>`;
    return [`${w} & ODataAnnotations`, `Partial<${w}> & ODataAnnotations`, w][r(3)];
  };
  const docs = () =>
    r(2)
      ? [
          {
            description: `Some text ${'about it '.repeat(r(20))}`.trim(),
            tags: r(2) ? [{ tagName: 'see', text: 'api/x.md:3' }] : [],
          },
        ]
      : [];
  const members = (): Member[] =>
    Array.from({ length: r(4) }, () => ({
      docs: docs(),
      key: r(4) ? name(1, 60) : "'@odata.type'",
      optional: r(2) === 0,
      type: type(),
    }));
  const select = () =>
    `S extends SelectOf<${name(2, 60)}> = ${r(2) ? 'never' : `SelectOf<${name(2, 60)}>`}`;
  const out: Statements = [];
  out.push(
    importDeclaration(
      Array.from({ length: 1 + r(4) }, () => name(4, 30)),
      `../../models/${name(4, 40)}.js`,
      r(2) === 0,
    ),
  );
  out.push({
    kind: Kind.Interface,
    isExported: true,
    name: name(3, 60),
    extends: r(2) ? [r(2) ? name(3, 40) : `Omit<${name(3, 60)}, '@odata.type'>`] : [],
    docs: docs(),
    properties: Array.from({ length: r(5) }, () => ({
      name: r(4) ? name(1, 60) : "'@odata.type'",
      hasQuestionToken: r(2) === 0,
      type: type(),
      docs: docs(),
    })),
  });
  out.push({
    kind: Kind.TypeAlias,
    isExported: true,
    name: name(3, 90),
    type: r(3) ? union(1 + r(6)) : 'unknown',
    docs: docs(),
  });
  const body = [
    list(
      2,
      `rt.${name(3, 20)}`,
      Array.from({ length: 1 + r(5) }, () => name(2, 30)),
      ';',
    ) ?? 'rt.x();',
    callWithObject(
      2,
      `yield* iterate<${name(3, 40)}>`,
      ['client', `${name(3, 50)}(client, path, options)`],
      [
        'signal: options.signal',
        `validator: ${name(3, 40)}`,
        ...(r(2) ? [`linkHeaders: ${brokenObject([`'${name(3, 10)}-Id': options.x`])}`] : []),
      ],
      ';',
      r(2) === 0,
    ) ?? 'x();',
  ];
  const statements = body.slice(0, r(3));
  const item = `Selected<${name(2, 70)}, S>`;
  out.push(
    functionDeclaration({
      blankBefore: true,
      docs: docs(),
      block: r(2) === 0,
      // `yield*` needs a generator.
      head: `export ${r(2) ? 'async ' : ''}function${statements.length > 1 ? '*' : ''} ${name(3, 70)}`,
      typeParameter: r(2) ? select() : undefined,
      params: Array.from(
        { length: r(5) },
        () =>
          `${name(2, 20)}${r(3) ? '' : '?'}: ${r(3) ? atom() : writable()}${r(4) ? '' : ' = {}'}`,
      ),
      returns: [
        `Promise<${name(2, 50)}>`,
        'void',
        `value is ${name(2, 60)}`,
        `Promise<Page<${item}>>`,
        `AsyncGenerator<${item}, void, undefined>`,
      ][r(5)],
      body: statements,
    }),
  );
  out.push(
    interfaceDeclaration({
      blankBefore: true,
      docs: docs(),
      block: true,
      head: `export interface ${name(3, 70)}`,
      typeParameter: r(2) ? select() : undefined,
      extends: ['RequestOptions', `Omit<${name(3, 60)}, '@odata.type'>`, undefined][r(3)],
      members: members(),
    }),
  );
  out.push(
    intersectionDeclaration({
      blankBefore: true,
      docs: docs(),
      head: `export type ${name(3, 40)}Body`,
      base: r(3) ? writable() : `Partial<${name(3, 60)}>`,
      members: members(),
    }),
  );
  out.push(
    objectUnionDeclaration({
      head: `export type ${name(3, 60)}Path`,
      shapes: Array.from({ length: 2 + r(2) }, members),
    }),
  );
  const template = () => `/${name(3, 30)}/{id}/${name(3, 60)}${r(3) ? '' : "(on='x')"}`;
  out.push(
    tableDeclaration({
      blankBefore: true,
      head: 'const paths: readonly PathTemplate[]',
      rows: Array.from({ length: 2 + r(2) }, () => ({
        items: [stringLiteral(template()), `['id', '${name(1, 20)}']`],
        arrow: {
          params: '(p)',
          body: `\`/${name(3, 40)}/\${encodeSegment(p.id)}/${name(3, 60)}\``,
        },
      })),
    }),
  );
  out.push(
    pureCallDeclaration({
      blankBefore: true,
      docs: [{ description: 'Standard Schema v1.' }],
      head: `export const ${name(3, 40)}Schema`,
      prefix: '/* @__PURE__ */ ',
      callee: `rt.standardSchemaOf<${name(3, 50)}>`,
      args: [`check${name(3, 60)}`],
    }),
  );
  const items = Array.from({ length: r(12) }, literal);
  out.push(
    constArrayDeclaration({
      docs: [{ description: 'Members.' }],
      head: `export const ${name(3, 80)}Values`,
      items,
      tail: ' as const;',
    }),
  );
  for (const [prefix, t] of [[`${name(2, 50)}?: `, type()]]) {
    const member = annotation(2, prefix, t, ';');
    if (member !== undefined)
      out.push(`export interface ${name(3, 30)} {\n  ${member.replace(/\n/g, '\n  ')}\n}`);
  }
  const alias = typeAlias(`export type ${name(3, 80)}`, union(1 + r(5)));
  if (alias !== undefined) out.push(alias);
  return out;
}

test('settled statements are exactly what prettier prints, for random lengths around the width', async () => {
  let settled = 0;
  let total = 0;
  for (let seed = 1; seed <= (Number(process.env.LAYOUT_SEEDS) || 150); seed++) {
    for (const statement of randomStatements(seed)) {
      const [printed] = printStatements([statement]);
      total++;
      if (!printed.settled) continue;
      settled++;
      const ours = `${HEADER}${printed.text}\n`;
      // Structures are held to prettier's formatting of ts-morph's print; laid-out text to prettier's own fixed point.
      const reference =
        statement instanceof LaidOut ? ours : `${HEADER}${printWithTsMorph([statement])}`;
      assert.equal(ours, await format(reference), `seed ${seed}:\n${ours}`);
    }
  }
  assert.ok(settled > total * 0.7, `${settled} of ${total} settled`);
});
