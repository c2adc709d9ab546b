import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { Reporter } from '../src/shared/diagnostics.js';
import { decodePage } from '../src/read/load.js';
import { parseMarkdown } from '../src/read/parse.js';
import { writeOutput } from '../src/build/write.js';
import { basePages, fuzzCase, invariantViolations, runCase } from './fuzz-cases.js';
import { compileAndImport, fuzzThroughCli } from './fuzz-cli.js';
import { formatFiles } from '../src/format/index.js';
import { formatTexts } from '../src/format/prettier.js';
import { HEADER, printWithTsMorph } from '../src/layout/print.js';
import { generateFiles } from '../src/generate.js';
import { buildModel } from '../src/model/build.js';
import { safeReadPage } from '../src/pipeline.js';
import { assertReadLinear, compile, EMIT_OPTIONS, tempDir } from './helpers.js';

test('seeded fuzz: mutated pages never crash the reader, checker or emitters', async () => {
  await fc.assert(
    fc.asyncProperty(fuzzCase, async (c) => {
      const problems = invariantViolations(await runCase(c));
      assert.deepEqual(problems, []);
    }),
    { seed: 20261123, numRuns: 300, endOnFailure: true },
  );
});

test('seeded fuzz: generated code for a sample of mutated doc sets compiles under tsc --strict', async () => {
  const cases = fc.sample(fuzzCase, { seed: 7, numRuns: 12 });
  const root = tempDir();
  // One package per case, compiled by one tsc run each (tsc 7 is quick).
  for (const [i, c] of cases.entries()) {
    const out = path.join(root, `case${i}`);
    const { files } = await runCase({ pages: c.pages.map((p) => ({ ...p })) }, true);
    await writeOutput(out, files);
    const errors = await compile(out, true);
    assert.equal(errors, '', `case ${i}: ${c.pages[0].file}\n${errors.slice(0, 2000)}`);
  }
  await fs.rm(root, { recursive: true, force: true });
});

test("seeded fuzz: formatted output of mutated doc sets is prettier's formatting of ts-morph's print", async () => {
  for (const [i, c] of fc
    .sample(fuzzCase, { seed: 11, numRuns: Number(process.env.FUZZ_FORMAT_RUNS) || 80 })
    .entries()) {
    const { model } = buildModel(
      c.pages.map((p) => safeReadPage(p.file, decodePage(p.bytes, p.file, new Reporter(p.file)))),
    );
    const { files } = await generateFiles(model, EMIT_OPTIONS, { format: false });
    const ts = files.filter((f) => f.statements);
    const ours = await formatFiles(ts);
    const reference = await formatTexts(
      ts.map((f) => HEADER + printWithTsMorph(f.statements!)),
      'babel-ts',
    );
    ts.forEach((f, k) => assert.equal(ours[k].content, reference[k], `case ${i}: ${f.path}`));
  }
});

test('cost grows linearly with page size (no backtracking blow-ups)', () => {
  const session = basePages().find((p) => p.file === 'resources/exactmatchsession.md')!.text;
  const row =
    '|prop{n}|[classificationError](classificationerror.md) collection|A description with `code`, a [link](entity.md) and *emphasis*. Nullable.|\n';
  const table = (n: number) =>
    session.replace(
      '|checksum|',
      Array.from({ length: n }, (_, i) => row.replace('{n}', String(i))).join('') + '|checksum|',
    );
  const json = (n: number) =>
    session.replace(
      '```json\n{',
      '```json\n{' + Array.from({ length: n }, (_, i) => `"p${i}": [1, {"a": "b"}],`).join('\n'),
    );
  const request = (n: number) =>
    `# x\n\n## HTTP request\n\`\`\`http\nGET ${' '.repeat(n * 50)}x${'{'.repeat(n)}\n\`\`\`\n`;
  const cell = (n: number) =>
    session.replace('|checksum|String|', `|checksum|String ${'collection '.repeat(n * 10)}|`);
  const prose = (n: number) =>
    `${session}\n${'Inherits from [a](b.md) and more text. '.repeat(n * 10)}\n`;
  const paragraphs = (n: number) =>
    `${session}\n${'See [a](b.md) and [c](d.md) here.\n\n'.repeat(n * 2)}`;
  for (const [name, make] of Object.entries({ table, json, request, cell, prose, paragraphs })) {
    assertReadLinear(make, name, 250);
  }
});

test('invalid bytes and BOM/CRLF decode with placed diagnostics', () => {
  const report = new Reporter('p.md');
  const text = decodePage(
    new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x0d, 0x0a, 0x62, 0xff, 0x63]),
    'p.md',
    report,
  );
  assert.equal(text, 'a\r\nb\uFFFDc');
  assert.deepEqual(
    report.items.map((d) => [d.ruleId, d.line, d.column]),
    [['load-invalid-utf8', 2, 2]],
  );
  // A lone CR is a line ending (as remark counts lines), kept one character wide.
  const lone = decodePage(new TextEncoder().encode('---\r\ufffdtitle\rx\r\ny\r'), 'q.md', report);
  assert.equal(lone, '---\n\ufffdtitle\nx\r\ny\n');
  assert.deepEqual(
    parseMarkdown(lone, { lift: true }).tree,
    parseMarkdown(lone, { lift: false }).tree,
  );
  assert.equal(parseMarkdown(lone).tree.children[0].type, 'thematicBreak');
});

test(
  'seeded fuzz through the CLI: default cache, a warm run over re-mutated pages, --watch with edits; output as a fresh build, compiles, imports cleanly',
  { timeout: 120_000 },
  async () => {
    const outs: string[] = [];
    const problems = await fuzzThroughCli(
      { seed: Number(process.env.FUZZ_CLI_SEED) || 4242, cases: 4, edits: 3 },
      (out) => outs.push(out),
    );
    problems.push(...(await compileAndImport(outs)));
    for (const out of outs) await fs.rm(path.dirname(out), { recursive: true, force: true });
    assert.deepEqual(problems, []);
  },
);
