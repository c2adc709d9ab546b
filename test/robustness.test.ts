import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { readDocs } from '../src/pipeline.js';
import { BROKEN, FIXTURES, memoryTempDir, runCli, tempDir } from './helpers.js';

interface Expected {
  file: string;
  line: number;
  column?: number;
  finding: boolean;
  detectedLine?: number;
  detectedColumn?: number;
  defect: string;
}

const expected = JSON.parse(
  await fs.readFile(path.join(FIXTURES, 'broken.expected.json'), 'utf8'),
) as Expected[];
const broken = readDocs(BROKEN);

/** Defects that are a checker's business (issue: docs2ts check), not the reader's. */
const CHECK_ONLY = new Set(['seedlike.txt']);

test('every defect in fixtures/broken gets a diagnostic at its place; the run goes on', async () => {
  const { diagnostics, model } = await broken;
  for (const e of expected.filter((x) => x.finding && !CHECK_ONLY.has(x.file))) {
    const line = e.detectedLine ?? e.line;
    const at = diagnostics.filter((d) => d.file === e.file && d.line === line);
    assert.ok(
      at.length,
      `${e.file}:${line} (${e.defect}) — got ${JSON.stringify(diagnostics.filter((d) => d.file === e.file))}`,
    );
    const column = e.detectedColumn ?? e.column;
    if (column)
      assert.ok(
        at.some((d) => d.column === column),
        `${e.file}:${line}:${column}`,
      );
    for (const d of at) assert.match(d.ruleId, /^[a-z]+(-[a-z0-9]+)+$/);
  }
  // Pages around the defects are still read.
  for (const name of ['widget', 'gear', 'gizmo', 'bolt'])
    assert.ok(
      model.types.some((t) => t.name === name),
      name,
    );
});

test('pages that are fine stay silent: BOM + CRLF, and a .txt that is not a page', async () => {
  const { diagnostics, pages } = await broken;
  for (const e of expected.filter((x) => !x.finding)) {
    assert.deepEqual(
      diagnostics.filter((d) => d.file === e.file),
      [],
      e.file,
    );
  }
  assert.ok(!pages.some((p) => p.file === 'notes.txt'));
  assert.ok(pages.some((p) => p.file === 'seedlike.txt'));
  const crlf = (await broken).model.types.find((t) => t.name === 'widget')!;
  assert.ok(crlf.properties.length > 0);
  assert.ok(crlf.properties.every((p) => !p.description.includes('\r') && !p.name.includes('\r')));
});

async function docsWith(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await fs.writeFile(path.join(dir, name), content);
  }
  return dir;
}

let pageCount = 0;
/** A resource page of its own type (each page declares a distinct type). */
const page = (body: string) =>
  `---\ntitle: "t"\ndoc_type: resourcePageType\n---\n# thing${++pageCount} resource type\n\n${body}\n`;

test('odd inputs become placed diagnostics, never a crash', async () => {
  const dir = await docsWith({
    'deep.md': page('```json\n' + '['.repeat(5000) + ']'.repeat(5000) + '\n```'),
    'unclosed.md': page(
      '<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.thing" } -->\n```json\n{ "a": ',
    ),
    'table-only-header.md': page('## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n'),
    'weird-names.md': page(
      '## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n|`__proto__`|String||\n|constructor|[x/../y](../x.md)||\n|1abc|Int32||\n|ünïcødé😀|String||',
    ),
    'yaml.md': '---\ntitle: [unclosed\n---\n# a resource type\n',
    'nul.md': page('has a \0 NUL byte'),
    'crlf.md': page(
      '## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n|a|String|x|\n',
    ).replace(/\n/g, '\r\n'),
  });
  const { diagnostics, model } = await readDocs(dir);
  assert.ok(
    !diagnostics.some((d) => d.ruleId === 'internal-error'),
    JSON.stringify(diagnostics.filter((d) => d.ruleId === 'internal-error')),
  );
  const yaml = diagnostics.find((d) => d.file === 'yaml.md' && d.ruleId === 'frontmatter-invalid');
  assert.ok(yaml && yaml.line >= 1);
  assert.ok(diagnostics.some((d) => d.file === 'nul.md' && d.ruleId === 'load-nul-byte'));
  const weird = model.types.find((t) => t.source.file === 'weird-names.md')!;
  assert.deepEqual(weird.properties.map((p) => p.name).slice(0, 2), ['__proto__', 'constructor']);
  const crlf = model.types.find((t) => t.source.file === 'crlf.md')!;
  assert.deepEqual(
    crlf.properties.map((p) => [p.name, p.description]),
    [['a', 'x']],
  );
});

test('missing docs folder is an error; symlink loops are detected', async () => {
  await assert.rejects(readDocs(path.join(tempDir(), 'nope')));
  const dir = await docsWith({ 'a/x.md': page('') });
  await fs.symlink(path.join(dir, 'a'), path.join(dir, 'a', 'loop'));
  const { diagnostics, pages } = await readDocs(dir);
  assert.equal(pages.length, 1);
  assert.ok(diagnostics.some((d) => d.ruleId === 'load-symlink-loop'));
});

test('a 50 MB page is refused with a placed diagnostic; the other pages are read', async () => {
  const dir = await docsWith({
    'small.md': page('## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n|a|String|x|\n'),
  });
  const big = await fs.open(path.join(dir, 'huge.md'), 'w');
  await big.write(Buffer.alloc(1024 * 1024, 'x'), 0, 1024 * 1024, 50 * 1024 * 1024 - 1024 * 1024);
  await big.close();
  const before = process.memoryUsage.rss();
  const { diagnostics, pages } = await readDocs(dir);
  assert.deepEqual(
    pages.map((p) => p.file),
    ['small.md'],
  );
  const refused = diagnostics.find((d) => d.file === 'huge.md');
  assert.equal(refused?.ruleId, 'load-too-large');
  assert.ok(process.memoryUsage.rss() - before < 200 * 1024 * 1024, 'the big page was not loaded');
});

test('a folder of 100,000 pages is read to the end in bounded memory', async () => {
  const dir = memoryTempDir();
  for (let folder = 0; folder < 100; folder++) {
    await fs.mkdir(path.join(dir, `part${folder}`));
    for (let i = 0; i < 1000; i++) {
      const n = folder * 1000 + i;
      // One page in a hundred declares a type; the rest are prose pages with a link.
      const text =
        n % 100 === 0
          ? page(
              `## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n|id|String|Id.|\n|value${n}|Int32|A number.|\n`,
            ).replace('# thing', `# thing${n}`)
          : `# Page ${n}\n\nProse with a [link](../part0/p${n % 7}.md).\n`;
      await fs.writeFile(path.join(dir, `part${folder}`, `p${n}.md`), text);
    }
  }
  // A heap capped well below the machine's memory: running out would crash the child.
  const result = await runCli(['model', '--docs', dir, '--quiet'], undefined, [
    '--max-old-space-size=768',
  ]);
  assert.equal(result.code, 0, result.stderr.slice(0, 2000));
  const model = JSON.parse(result.stdout) as { types: { name: string }[] };
  assert.equal(model.types.filter((t) => /^thing\d+$/.test(t.name)).length, 1000);
});

test('generated client code never logs (tokens stay out of logs)', async () => {
  const runtime = await fs.readFile(
    path.join(FIXTURES, '..', 'templates', 'client-runtime.ts'),
    'utf8',
  );
  assert.doesNotMatch(runtime, /console\.|process\.stdout|process\.stderr/);
});
