import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { EmitMemo, sameData } from '../src/emit/memo.js';
import { generateFiles } from '../src/generate.js';
import type { Model } from '../src/model/types.js';
import { readDocs } from '../src/pipeline.js';
import {
  CORPUS,
  EMIT_OPTIONS,
  readOnce,
  runCliSync,
  SESSIONS,
  snapshot,
  tempDir,
} from './helpers.js';

/** Emit with the memo and from scratch: the files must be the same, whatever the memo kept. */
async function assertSameAsFresh(memo: EmitMemo, model: Model, label: string): Promise<void> {
  const kept = await generateFiles(model, EMIT_OPTIONS, { memo, format: false });
  const fresh = await generateFiles(model, EMIT_OPTIONS, { format: false });
  assert.deepEqual(
    kept.files.map((f) => f.path),
    fresh.files.map((f) => f.path),
    label,
  );
  kept.files.forEach((f, i) =>
    assert.equal(f.content, fresh.files[i].content, `${label}: ${f.path}`),
  );
  assert.deepEqual(kept.diagnostics, fresh.diagnostics, label);
}

const edits: [string, string, (text: string) => string][] = [
  [
    'a property added to a base type',
    'resources/entity.md',
    (t) => t.replace(/^\|\s*id\s*\|.*$/m, (row) => `${row}\n|addedId|String|Added.|`),
  ],
  [
    'a description changed',
    'resources/exactmatchsession.md',
    (t) => t.replace('|checksum|String|', '|checksum|String|Changed words. '),
  ],
  [
    'a property type changed to another type',
    'resources/exactmatchsession.md',
    (t) => t.replace('|checksum|String|', '|checksum|[sessionState](sessionstate.md)|'),
  ],
  [
    'an enum member added',
    'resources/sessionstate.md',
    (t) => t.replace(/^\|\s*completed\s*\|.*$/m, (row) => `${row}\n|addedMember|6|Added.|`),
  ],
  [
    'a request path changed',
    'api/exactmatchsession-get.md',
    (t) => t.replace(/GET \/(\S+)/, 'GET /changed/$1'),
  ],
  ['a derived type removed', 'resources/exactmatchsession.md', () => ''],
  ['a page added back', 'resources/exactmatchsession.md', (t) => t],
];

/** Apply the edits to the pages under `docs` one after another (each to the page as first read), then `after`. */
async function forEachEdit(docs: string, after: (label: string) => Promise<void>): Promise<void> {
  const originals = new Map<string, string>();
  for (const [label, file, edit] of edits) {
    const page = path.join(docs, file);
    if (!originals.has(file)) originals.set(file, await fs.readFile(page, 'utf8'));
    const edited = edit(originals.get(file)!);
    if (edited) await fs.writeFile(page, edited);
    else await fs.rm(page);
    await after(label);
  }
}

test('model values are the same when they hold the same JSON data, keys in the same order', () => {
  const type = { name: 'a', properties: [{ name: 'p', type: { kind: 'primitive' } }] };
  assert.equal(sameData(type, structuredClone(type)), true);
  assert.equal(sameData([1, 'x', null, true], [1, 'x', null, true]), true);
  for (const [a, b] of [
    [
      { a: 1, b: 2 },
      { b: 2, a: 1 },
    ],
    [{ a: undefined }, {}],
    [{ a: [1, 2] }, { a: [2, 1] }],
    [[1], [1, 1]],
    [{ a: { b: 1 } }, { a: { b: '1' } }],
    [{}, []],
    [new Map([[1, 2]]), new Map([[1, 3]])],
    [null, {}],
    [Number.NaN, Number.NaN],
  ] as [unknown, unknown][])
    assert.equal(sameData(a, b), false, JSON.stringify([a, b]));
});

test('watch rebuilds that reuse statements give the files of a fresh emit (fixture edits)', async () => {
  const docs = path.join(tempDir(), 'docs');
  await fs.cp(SESSIONS, docs, { recursive: true });
  const memo = new EmitMemo();
  await assertSameAsFresh(memo, (await readDocs(docs)).model, 'first build');
  assert.equal(memo.reused, 0);
  let reusedSome = false;
  await forEachEdit(docs, async (label) => {
    await assertSameAsFresh(memo, (await readDocs(docs)).model, label);
    reusedSome ||= memo.reused > 0 && memo.made > 0;
  });
  assert.ok(reusedSome, 'some rebuild reused statements and made others');
});

test('one-off runs that start from the memo an earlier run kept write the files of a fresh run (fixture edits)', async () => {
  const dir = tempDir();
  const docs = path.join(dir, 'docs');
  await fs.cp(SESSIONS, docs, { recursive: true });
  const cacheDir = path.join(dir, 'cache');
  const kept = path.join(dir, 'kept');
  const generate = (out: string, ...flags: string[]) => {
    const r = runCliSync(['generate', '--docs', docs, '--out', out, '--json', ...flags]);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as { written: number; made: number; reused: number };
  };
  assert.equal(generate(kept, '--cache-dir', cacheDir).reused, 0);
  let n = 0;
  let reusedSome = false;
  await forEachEdit(docs, async (label) => {
    const run = generate(kept, '--cache-dir', cacheDir);
    reusedSome ||= run.reused > 0 && run.made > 0;
    const fresh = path.join(dir, `fresh${n++}`);
    generate(fresh, '--no-cache');
    assert.deepEqual(await snapshot(kept), await snapshot(fresh), label);
  });
  assert.ok(reusedSome, 'some run reused statements kept by the one before and made others');
});

test('on the corpus, a base-type edit remakes only the files that read the type', async () => {
  const { model } = await readOnce(CORPUS);
  const memo = new EmitMemo();
  await assertSameAsFresh(memo, model, 'first build');
  const edited: Model = structuredClone(model);
  // Descendants (user, group, …) inherit the property: their validators change too.
  const base = edited.types.find((t) => t.fullName === 'microsoft.graph.directoryObject')!;
  base.properties.push({ ...base.properties[0], name: 'addedByTest' });
  base.description += ' Edited.';
  await assertSameAsFresh(memo, edited, 'directoryObject edited');
  assert.ok(
    memo.made > 0 && memo.made < memo.reused / 10,
    `${memo.made} made, ${memo.reused} reused`,
  );
  const renamed: Model = structuredClone(edited);
  renamed.operations[0].paths = ['/renamed/path/{id}', ...renamed.operations[0].paths];
  await assertSameAsFresh(memo, renamed, 'a path changed');
  assert.ok(memo.made >= 1 && memo.made < 10, `${memo.made} made`);
});
