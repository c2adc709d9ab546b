import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { ts } from 'ts-morph';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { toString as mdToString } from 'mdast-util-to-string';
import {
  commentText,
  stringLiteral,
  templateText,
  uncommentText,
  wellFormed,
} from '../src/text/escape.js';
import { generateFiles } from '../src/generate.js';
import { readDocs } from '../src/pipeline.js';
import { compile, EMIT_OPTIONS, readOnce, runCli, SESSIONS, tempDir } from './helpers.js';
import {
  HOSTILE,
  hostilePages,
  hostileText,
  slots,
  writeDocSet,
  PLAIN_SLOTS,
} from './hostile-docs.js';
import { formatDiffMarkdown } from '../src/diff/model-diff.js';
import { startMock } from '../src/mock/server.js';
import { toOpenApi } from '../src/openapi/document.js';
import type { Paragraph } from 'mdast';

/** Line breaks as a code span shows them: spaces. */
const collapseLines = (text: string) =>
  wellFormed(text)
    .replace(/\0/g, '\ufffd')
    .replace(/[\r\n\u2028\u2029]+/g, ' ');
const collapse = (text: string) =>
  wellFormed(text)
    .replace(/\0/g, '\ufffd')
    .replace(/[\s\u2028\u2029]+/g, ' ')
    .trim();

/** Comments and string literal values of a TypeScript file, as the TypeScript parser reads them. */
function readBack(text: string): { comments: string[]; strings: string[]; tags: string[] } {
  const file = ts.createSourceFile('x.ts', text, ts.ScriptTarget.ES2022, true);
  const comments = new Set<string>();
  const strings: string[] = [];
  const tags: string[] = [];
  const visit = (node: ts.Node) => {
    for (const doc of (node as { jsDoc?: ts.JSDoc[] }).jsDoc ?? [])
      tags.push(...(doc.tags ?? []).map((t) => t.tagName.text));
    for (const range of ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []) {
      const raw = text.slice(range.pos, range.end);
      if (!raw.startsWith('/**')) continue;
      // As TypeScript reads doc comments: lines after the first lose their leading ` * `.
      const body = raw
        .slice(3, -2)
        .split('\n')
        .map((l, i) => (i ? l.replace(/^\s*\* ?/, '') : l))
        .join('\n');
      comments.add(collapse(uncommentText(body)));
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
      strings.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { comments: [...comments], strings, tags };
}

/** Generated TypeScript files under `dir/src` (runtimes excluded: they hold no docs text). */
function generatedSources(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(path.join(dir, 'src'), { recursive: true, encoding: 'utf8' })) {
    if (entry.endsWith('.ts') && !entry.endsWith('runtime.ts'))
      out.set(entry, readFileSync(path.join(dir, 'src', entry), 'utf8'));
  }
  return out;
}

/**
 * Import the compiled package in a fresh process in which `PWN()` (what the hostile strings
 * call) prints: anything it prints besides the module's export count means code ran.
 */
function importPackage(out: string): string {
  const script = `globalThis.PWN = () => console.log('PWNED'); const m = await import(${JSON.stringify(path.join(out, 'dist', 'index.js'))}); console.log('exports', Object.keys(m).length > 0);`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
}

/** Generate `docs` with the CLI as users run it (cache on), compile under --strict, import. */
async function generateCompileImport(
  docs: string,
  root: string,
): Promise<{ out: string; stdout: string }> {
  const out = path.join(root, 'out');
  const run = await runCli(['generate', '--docs', docs, '--out', out, '--quiet'], root);
  assert.equal(run.code, 0, run.stderr);
  const errors = await compile(out);
  assert.equal(errors, '', errors.slice(0, 3000));
  return { out, stdout: importPackage(out) };
}

test('regression: a page at x*/;console.log("PWNED-" + 1);/*.md and a folder resources* generate, compile, and import without running anything', async () => {
  const root = tempDir('docs2ts-escape-');
  const docs = path.join(root, 'docs');
  writeDocSet(docs, [
    ...hostilePages(0, { ...PLAIN_SLOTS, folder: 'x*/;console.log("PWNED-" + 1);', file: '*' }),
    ...hostilePages(1, { ...PLAIN_SLOTS, folder: 'resources*', file: 'r' }),
  ]);
  const { out, stdout } = await generateCompileImport(docs, root);
  assert.equal(stdout, 'exports true\n');
  // The page path reads back from the @see tag as written.
  const model = readBack(readFileSync(path.join(out, 'src/models/Hostile0thing.ts'), 'utf8'));
  assert.ok(
    model.comments.some((c) => c.includes('@see resources/x*/;console.log("PWNED-" + 1);/*.md:')),
    model.comments.join('\n'),
  );
  await fs.rm(root, { recursive: true, force: true });
});

test('escaping functions: every hostile fragment and mix reads back as written', () => {
  fc.assert(
    fc.property(
      fc
        .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary' })), {
          maxLength: 8,
        })
        .map((p) => p.join('')),
      (text) => {
        assert.equal(eval(stringLiteral(text)), text);
        assert.equal(eval(`\`${templateText(text)}\``), text);
        const comment = commentText(text);
        assert.ok(!comment.includes('*/'));
        assert.equal(
          uncommentText(comment),
          wellFormed(text).replace(/\r\n?|[\u2028\u2029]/g, '\n'),
        );
      },
    ),
    { seed: 16, numRuns: 2000 },
  );
});

const CASES = Number(process.env.ESCAPE_CASES) || 16;

test(
  `property: hostile strings in every slot of ${CASES} pages (file and folder names included) compile under --strict, import with no effect, and read back`,
  { timeout: 300_000 },
  async () => {
    const cases = fc.sample(slots, {
      seed: Number(process.env.ESCAPE_SEED) || 1616,
      numRuns: CASES,
    });
    const root = tempDir('docs2ts-escape-');
    const docs = path.join(root, 'docs');
    writeDocSet(
      docs,
      cases.flatMap((s, i) => hostilePages(i, { ...s, file: `${i}${s.file}` })),
    );
    const { out, stdout } = await generateCompileImport(docs, root);
    assert.equal(stdout, 'exports true\n');

    const { model } = await readDocs(docs);
    const files = [...generatedSources(out).values()].map(readBack);
    const comments = files.flatMap((f) => f.comments).join('\n');
    const strings = new Set(files.flatMap((f) => f.strings));
    // Docs text never becomes a tag (`@deprecated`, `@internal`…): the only tags are the emitters' own.
    assert.deepEqual([...new Set(files.flatMap((f) => f.tags))], ['see']);
    const inComments = (text: string, what: string) =>
      assert.ok(
        !collapse(text) || comments.includes(collapse(text)),
        `${what}: ${JSON.stringify(text)}`,
      );
    for (const type of model.types) {
      inComments(type.description, `description of ${type.fullName}`);
      inComments(`@see ${type.source.file}:${type.source.line}`, 'page path');
      if (type.kind !== 'unresolved')
        assert.ok(strings.has(type.fullName), `type name ${JSON.stringify(type.fullName)}`);
      for (const p of type.properties) {
        assert.ok(strings.has(p.name), `property name ${JSON.stringify(p.name)}`);
        inComments(p.description, `description of ${p.name}`);
      }
      for (const m of type.members)
        assert.ok(strings.has(m.name), `member ${JSON.stringify(m.name)}`);
    }
    for (const op of model.operations) {
      inComments(op.title, `title of ${op.id}`);
      inComments(op.description, `description of ${op.id}`);
      inComments(`@see ${op.source.file}:${op.source.line}`, 'page path');
      for (const p of [
        ...op.queryParameters,
        ...(op.requestBody.kind === 'parameters' ? op.requestBody.parameters : []),
      ])
        inComments(p.description, `description of ${p.name}`);
    }
    assert.ok(model.types.length >= CASES * 2, `${model.types.length} types`);
    // The OpenAPI document keeps every text: through JSON and back, summaries, descriptions, property and example names.
    const document = JSON.parse(
      JSON.stringify(
        toOpenApi(model, { title: 't', version: '1', serverUrl: 'https://example.com' }),
      ),
    ) as {
      paths: Record<
        string,
        Record<
          string,
          {
            operationId: string;
            summary: string;
            description?: string;
            requestBody?: { content: Record<string, { examples?: object }> };
          }
        >
      >;
      components: {
        schemas: Record<string, { properties?: object; allOf?: { properties?: object }[] }>;
      };
    };
    const operations = new Map(
      Object.values(document.paths)
        .flatMap((item) => Object.values(item))
        .map((o) => [o.operationId, o]),
    );
    for (const op of model.operations) {
      const o = operations.get(op.id);
      assert.ok(o, op.id);
      assert.equal(o.summary, op.title.trim() || op.id);
      assert.equal(o.description, op.description.trim() || undefined);
      const name = op.examples[0]?.name?.trim();
      const examples = o.requestBody?.content['application/json']?.examples ?? {};
      if (name && op.examples[0].request?.body !== undefined)
        assert.ok(Object.hasOwn(examples, name), `example ${JSON.stringify(name)}`);
    }
    for (const type of model.types.filter((t) => t.kind === 'entity')) {
      const schema = document.components.schemas[type.fullName];
      const properties = schema.properties ?? schema.allOf?.[1]?.properties ?? {};
      for (const p of type.properties)
        assert.ok(Object.hasOwn(properties, p.name), `schema property ${JSON.stringify(p.name)}`);
    }
    await fs.rm(root, { recursive: true, force: true });
  },
);

test('config values: a hostile package name, version and service root stay inside their JSON, Markdown and string contexts', async () => {
  const { model } = await readOnce(SESSIONS);
  for (const [i, value] of fc
    .sample(
      fc.array(fc.constantFrom(...HOSTILE), { minLength: 1, maxLength: 6 }).map((p) => p.join('')),
      { seed: 3, numRuns: 20 },
    )
    .entries()) {
    const text = `${value}", "bin": {"x": "y"}, "z": "${value}`;
    const { files } = await generateFiles(model, {
      ...EMIT_OPTIONS,
      packageName: text,
      packageVersion: text,
      baseUrl: text,
    });
    const file = (name: string) => files.find((f) => f.path === name)!.content;
    const pkg = JSON.parse(file('package.json')) as Record<string, unknown>;
    assert.deepEqual([pkg.name, pkg.version, 'bin' in pkg], [text, text, false], `case ${i}`);
    const readme = unified().use(remarkParse).parse(file('README.md'));
    assert.equal(
      collapse(mdToString(readme.children[0])),
      collapse(text),
      `case ${i}: README heading`,
    );
    assert.equal(
      readme.children.filter((n) => n.type === 'html').length,
      0,
      `case ${i}: README holds no HTML`,
    );
    const defaults = readBack(file('src/client/defaults.ts'));
    assert.deepEqual(defaults.strings, [text], `case ${i}: DEFAULT_BASE_URL`);
  }
});

test('config: packageName must be an npm package name, packageVersion semver, baseUrl http(s)', async () => {
  const root = tempDir('docs2ts-escape-');
  const bad = [
    ['packageName', 'x", "bin": {"x": "y'],
    ['packageName', 'Upper'],
    ['packageName', '../x'],
    ['packageName', 'a'.repeat(215)],
    ['packageVersion', '1.0'],
    ['packageVersion', '1.0.0"'],
    ['baseUrl', 'javascript:alert(1)'],
  ];
  for (const [key, value] of bad) {
    await fs.writeFile(
      path.join(root, 'docs2ts.config.json'),
      JSON.stringify({ docs: SESSIONS, out: 'out', [key]: value }),
    );
    const run = await runCli(['generate', '--quiet'], root);
    assert.notEqual(run.code, 0, `${key} ${value}`);
    assert.match(run.stderr, new RegExp(`"${key}" must be`), run.stderr);
  }
  await fs.writeFile(
    path.join(root, 'docs2ts.config.json'),
    JSON.stringify({
      docs: SESSIONS,
      out: 'out',
      packageName: '@scope/some_api.v2',
      packageVersion: '1.2.3-beta.1',
      baseUrl: 'https://example.com/api',
    }),
  );
  assert.equal((await runCli(['generate', '--quiet'], root)).code, 0);
  await fs.rm(root, { recursive: true, force: true });
});

test('diff --format markdown: hostile names and details stay text (a code span, escaped prose; no HTML)', () => {
  fc.assert(
    fc.property(
      hostileText.filter((t) => collapseLines(t).trim() !== ''),
      hostileText,
      (name, detail) => {
        const markdown = formatDiffMarkdown({
          changes: [{ subject: 'type', change: 'removed', name, detail, breaking: true }],
          bump: 'major',
        });
        const tree = unified().use(remarkParse).parse(markdown);
        const item = tree.children.find((n) => n.type === 'list');
        assert.ok(item, markdown);
        const paragraph = item.children[0].children[0] as Paragraph;
        const code = paragraph.children.find((n) => n.type === 'inlineCode');
        assert.equal(code?.value, collapseLines(name), markdown);
        assert.equal(
          paragraph.children.filter(
            (n) => n.type === 'html' || n.type === 'link' || n.type === 'image',
          ).length,
          0,
          markdown,
        );
        assert.ok(collapse(mdToString(paragraph)).endsWith(collapse(detail)), markdown);
      },
    ),
    { seed: 17, numRuns: 300 },
  );
});

test('mock: an example the docs label text/html is served sandboxed (CSP sandbox, nosniff)', async () => {
  const root = tempDir('docs2ts-escape-');
  const pages = hostilePages(0, { ...PLAIN_SLOTS, exampleValue: '<script>PWN()</script>' });
  const api = pages[2];
  const at = api.text.lastIndexOf('Content-Type: application/json');
  pages[2] = {
    ...api,
    text: `${api.text.slice(0, at)}Content-Type: text/html${api.text.slice(at + 'Content-Type: application/json'.length)}`,
  };
  writeDocSet(root, pages);
  const mock = await startMock({ model: (await readDocs(root)).model });
  try {
    const res = await fetch(`${mock.url}/v1.0/hostile0/1/x`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ value: '<script>PWN()</script>' }),
    });
    assert.match(await res.text(), /PWN\(\)/);
    assert.equal(res.headers.get('content-type'), 'text/html');
    assert.match(res.headers.get('content-security-policy') ?? '', /^sandbox/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  } finally {
    await mock.close();
    await fs.rm(root, { recursive: true, force: true });
  }
});

test('terminal output: escape sequences and control characters from pages and file names are shown, not obeyed', async () => {
  const docs = path.join(tempDir(), 'docs');
  const sneaky = 'x\u001b]0;owned\u0007\u001b[2J';
  await fs.mkdir(path.join(docs, 'api', sneaky), { recursive: true });
  const page = `---\ntitle: "Get widget"\ndescription: "d"\ndoc_type: apiPageType\n---\n\n# Get widget\n\nSee [the \u001b[31mred\u001b[0m page](missing\u001b[2J\u202e.md).\n`;
  await fs.writeFile(path.join(docs, 'api', sneaky, 'widget-get.md'), page);
  for (const args of [
    ['check', '--docs', docs],
    ['generate', '--docs', docs, '--out', path.join(docs, '..', 'out'), '--no-cache'],
  ]) {
    const run = await runCli(args);
    const text = run.stdout + run.stderr;
    if (args[0] === 'check')
      assert.ok(text.includes('\\u001b[2J'), `check shows the escapes: ${text.slice(0, 400)}`);
    assert.doesNotMatch(
      text,
      /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/,
      `${args[0]} prints no control character from the docs`,
    );
  }
});
