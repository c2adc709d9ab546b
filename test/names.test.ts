import assert from 'node:assert/strict';
import { promises as fs, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { toOpenApi } from '../src/openapi/document.js';
import { readDocs } from '../src/pipeline.js';
import { compile, runCli, tempDir } from './helpers.js';
import { hostilePages, INHERITED_NAMES, writeDocSet, PLAIN_SLOTS } from './hostile-docs.js';

async function generate(root: string, pages: { file: string; text: string }[]): Promise<string> {
  const docs = path.join(root, 'docs');
  writeDocSet(docs, pages);
  const out = path.join(root, 'out');
  const run = await runCli(['generate', '--docs', docs, '--out', out, '--quiet'], root);
  assert.equal(run.code, 0, run.stderr);
  return out;
}

interface Sent {
  url: string;
  headers: Record<string, string>;
  body: unknown;
}
type Stub = (
  client: unknown,
  path: { id: string },
  body?: object,
  options?: object,
) => Promise<unknown>;

test(
  'names every object inherits (constructor, toString, __proto__…) as query, header, body and property names: compile, are sent only when given, stay in the OpenAPI document',
  { timeout: 120_000 },
  async () => {
    const root = tempDir('docs2ts-names-');
    const names = INHERITED_NAMES;
    // A query option and a header of one name would be one option: each page's header is the next name.
    const header = (i: number) => names[(i + 1) % names.length];
    const out = await generate(
      root,
      names.flatMap((name, i) =>
        hostilePages(i, {
          ...PLAIN_SLOTS,
          folder: `f${i}`,
          queryName: name,
          headerName: header(i),
          bodyName: name,
          propertyName: name,
        }),
      ),
    );
    // Callers can write these types as they would any other: an empty object is an empty object.
    const use = names.map(
      (_, i) =>
        `export const o${i}: g.Hostile${i}ActionOptions = {};\nexport const b${i}: g.Hostile${i}ActionBody = {};\nexport const t${i}: g.Hostile${i}thing = { id: 'x' };\n`,
    );
    await fs.writeFile(
      path.join(out, 'src', 'use.ts'),
      `import type * as g from './index.js';\n${use.join('')}`,
    );
    assert.equal(await compile(out), '');

    const client = (await import(path.join(out, 'dist', 'index.js'))) as Record<string, unknown>;
    let sent: Sent | undefined;
    const fetch = async (url: string, init: { headers: Record<string, string>; body?: string }) => {
      sent = {
        url,
        headers: { ...init.headers },
        body: init.body === undefined ? undefined : JSON.parse(init.body),
      };
      return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const api = (client.createClient as (o: object) => unknown)({
      baseUrl: 'https://example.com/v1',
      fetch,
    });
    const own = (values: Record<string, string>) => {
      const object = {};
      for (const [name, value] of Object.entries(values))
        Object.defineProperty(object, name, { value, enumerable: true });
      return object;
    };
    for (const [i, name] of names.entries()) {
      const stub = client[`hostile${i}Action`] as Stub;
      await stub(api, { id: '1' });
      assert.equal(
        sent!.url,
        `https://example.com/v1/hostile${i}/1/do`,
        `${name}: nothing sent the caller did not set`,
      );
      assert.deepEqual(
        Object.keys(sent!.headers).filter((h) => h.toLowerCase() === header(i).toLowerCase()),
        [],
        header(i),
      );
      assert.deepEqual(sent!.body, {}, name);

      await stub(api, { id: '1' }, own({ [name]: 'b' }), own({ [name]: 'q', [header(i)]: 'h' }));
      assert.equal(
        sent!.url,
        `https://example.com/v1/hostile${i}/1/do?${name}=q`,
        `${name}: the query option is sent`,
      );
      assert.deepEqual(
        sent!.body,
        JSON.parse(`{"${name}": "b"}`),
        `${name}: the body field is sent`,
      );
      // A header name must start with a letter (the docs reader's rule), so `__proto__` is none.
      if (/^[A-Za-z]/.test(header(i)))
        assert.equal(
          Object.hasOwn(sent!.headers, header(i)) && sent!.headers[header(i)],
          'h',
          `${header(i)}: the header is sent`,
        );
    }

    const { model } = await readDocs(path.join(root, 'docs'));
    const document = toOpenApi(model, {
      title: 't',
      version: '1',
      serverUrl: 'https://example.com/v1',
    }) as {
      paths: Record<
        string,
        Record<
          string,
          {
            parameters: { name: string; in: string; schema?: unknown }[];
            requestBody: { content: Record<string, { schema: { properties: object } }> };
          }
        >
      >;
      components: {
        schemas: Record<string, { properties?: object; allOf?: { properties?: object }[] }>;
      };
    };
    for (const [i, name] of names.entries()) {
      const post = document.paths[`/hostile${i}/{id}/do`].post;
      const query = post.parameters.find((p) => p.in === 'query' && p.name === name);
      assert.ok(query?.schema, `${name}: query parameter with a schema`);
      assert.ok(
        Object.hasOwn(post.requestBody.content['application/json'].schema.properties, name),
        `${name}: body property`,
      );
      const schema = document.components.schemas[`microsoft.graph.hostile${i}thing`];
      assert.ok(
        Object.hasOwn(schema.properties ?? schema.allOf?.[1]?.properties ?? {}, name),
        `${name}: schema property`,
      );
    }
    // The document keeps them through JSON.
    const text = JSON.stringify(document);
    for (const name of names) assert.ok(text.includes(`"${name}":{`), name);
    await fs.rm(root, { recursive: true, force: true });
  },
);

test(
  'long names: a 300-character type name and 93- to 150-character property names generate (short file names, full identifiers) and compile',
  { timeout: 120_000 },
  async () => {
    const root = tempDir('docs2ts-names-');
    const long = 'x'.repeat(300);
    const pages = [
      ...hostilePages(0, {
        ...PLAIN_SLOTS,
        folder: 'a',
        typeName: `${long}a`,
        propertyName: 'p'.repeat(93),
      }),
      ...hostilePages(1, {
        ...PLAIN_SLOTS,
        folder: 'b',
        typeName: `${long}b`,
        propertyName: 'q'.repeat(150),
      }),
      // Its only property: the spec's one row is too long for a line.
      ...hostilePages(3, { ...PLAIN_SLOTS, folder: 'd', propertyName: 'r'.repeat(94) }).map(
        (p, i) => (i ? p : { ...p, text: p.text.replace(/^\|(id|state3)\|.*\n/gm, '') }),
      ),
      // Named like a file the emitters write themselves.
      ...hostilePages(2, { ...PLAIN_SLOTS, folder: 'c', typeName: 'index' }),
    ];
    pages.push({
      file: 'resources/c/index.md',
      text: pages[9].text.replace(/hostile2index/g, 'index'),
    });
    pages.push({
      file: 'resources/c/runtime.md',
      text: pages[9].text.replace(/hostile2index/g, 'runtime'),
    });
    const out = await generate(root, pages);
    assert.equal(await compile(out), '');
    const files = readdirSync(path.join(out, 'src'), { recursive: true, encoding: 'utf8' });
    const tooLong = files.filter((f) => path.basename(f).length > 110);
    assert.deepEqual(tooLong, []);
    const lower = files.map((f) => f.toLowerCase());
    assert.equal(new Set(lower).size, lower.length, 'file names are unique ignoring case');
    const models = (await import(path.join(out, 'dist', 'validators', 'index.js'))) as Record<
      string,
      unknown
    >;
    // Identifiers keep the whole name.
    assert.equal(typeof models[`validateHostile0${long}a`], 'function');
    assert.equal(typeof models[`validateHostile1${long}b`], 'function');
    assert.equal(typeof models.validateIndex, 'function');
    assert.equal(typeof models.validateRuntime, 'function');
    const validate = models[`validateHostile0${long}a`] as (
      v: unknown,
      o?: object,
    ) => { valid: boolean };
    assert.equal(validate({ id: 'x', ['p'.repeat(93)]: 'y' }, { strict: true }).valid, true);
    assert.equal(validate({ id: 'x', ['p'.repeat(93)]: 1 }).valid, false);
    const short = models.validateHostile3thing as typeof validate;
    assert.equal(short({ id: 'x', ['r'.repeat(94)]: 1 }).valid, false);
    // Deterministic: a second run (warm cache) writes nothing new.
    const again = await runCli(
      ['generate', '--docs', path.join(root, 'docs'), '--out', out, '--json'],
      root,
    );
    assert.match(again.stdout, /"written":0/);
    await fs.rm(root, { recursive: true, force: true });
  },
);
