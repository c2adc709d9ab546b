import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as prettier from 'prettier';
import type { StatementStructures } from 'ts-morph';
import { Kind } from '../src/layout/structure-kind.js';
import {
  annotation,
  brokenObject,
  callWithObject,
  constArray,
  importDeclaration,
  list,
  typeAlias,
} from '../src/layout/layout.js';
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

/** Random statements whose lengths cross the 100-column width in every construct the layouts break. */
function randomStatements(seed: number): (string | StatementStructures)[] {
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
  const docs = () =>
    r(2)
      ? [
          {
            description: `Some text ${'about it '.repeat(r(20))}`.trim(),
            tags: r(2) ? [{ tagName: 'see', text: 'api/x.md:3' }] : [],
          },
        ]
      : [];
  const out: (string | StatementStructures)[] = [];
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
    extends: r(2) ? [name(3, 40)] : [],
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
  out.push({
    kind: Kind.Function,
    isExported: true,
    isAsync: r(2) === 0,
    isGenerator: statements.length > 1,
    name: name(3, 70),
    docs: docs(),
    returnType: [`Promise<${name(2, 50)}>`, 'void', `value is ${name(2, 60)}`][r(3)],
    parameters: Array.from({ length: r(5) }, () => ({
      name: name(2, 20),
      type: atom(),
      hasQuestionToken: r(3) === 0,
    })),
    statements,
  });
  const items = Array.from({ length: r(12) }, literal);
  out.push(
    `\n${constArray(`export const ${name(3, 80)}Values = `, items, ' as const;') ?? `export const X = [${items.join(', ')}] as const;`}`,
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
      // Structures are held to prettier's formatting of ts-morph's print; strings to prettier's own fixed point.
      const reference =
        typeof statement === 'string' ? ours : `${HEADER}${printWithTsMorph([statement])}`;
      assert.equal(ours, await format(reference), `seed ${seed}:\n${ours}`);
    }
  }
  assert.ok(settled > total * 0.7, `${settled} of ${total} settled`);
});
