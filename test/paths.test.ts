import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startMock, type MockRecord, type MockServer } from '../src/mock/server.js';
import { verifyDocs } from '../src/mock/verify.js';
import { runChecks } from '../src/check/run.js';
import { compile, FIXTURES, generateInto, importGenerated, readOnce } from './helpers.js';

/** A doc set whose operations are documented at several paths: `/me/…`, `/users/{id}/…`, `/groups/{id}/…`. */
const PATHS = path.join(FIXTURES, 'paths');

type Fn = (...args: any[]) => Promise<any>;
type Gen = (...args: any[]) => AsyncGenerator<any>;

describe('every documented path is callable', () => {
  let out: string;
  let c: Record<string, unknown> & { createClient(o: Record<string, unknown>): unknown };
  let mock: MockServer;
  const records: MockRecord[] = [];
  const fn = (name: string) => c[name] as Fn;

  before(async () => {
    const generated = await generateInto(PATHS);
    out = generated.out;
    assert.equal(await compile(out), '');
    c = await importGenerated(out, 'client/index.js');
    mock = await startMock({ model: generated.read.model, record: (r) => records.push(r) });
  });
  after(() => mock?.close());
  const client = () => c.createClient({ baseUrl: `${mock.url}/v1.0` });
  const sent = async (call: Promise<any>) => {
    const before = records.length;
    const value = await call;
    assert.equal(records.length - before, 1);
    const record = records.at(-1)!;
    return {
      path: record.rawPath,
      example: `${record.match?.operation}#${record.match?.example}`,
      value: value,
    };
  };

  test('the path object selects the template: by its parameters, or by `template` where two paths share them', async () => {
    const cl = client();
    const me = await sent(fn('listNotes')(cl));
    assert.deepEqual([me.path, me.example], ['/v1.0/me/notes', 'note-list#0']);
    assert.equal((await sent(fn('listNotes')(cl, { id: 'u2' }))).path, '/v1.0/users/u2/notes');
    assert.equal((await sent(fn('getNote')(cl, { id: 'n1' }))).path, '/v1.0/me/notes/n1');
    const user = await sent(fn('getNote')(cl, { id: 'adele@contoso.com', id2: 'n2' }));
    assert.deepEqual(
      [user.path, user.example, user.value.title],
      ['/v1.0/users/adele%40contoso.com/notes/n2', 'note-get#1', "Adele's"],
    );
    const group = await sent(
      fn('getNote')(cl, { template: '/groups/{id}/notes/{id}', id: 'g1', id2: 'n3' }),
    );
    assert.deepEqual([group.path, group.example], ['/v1.0/groups/g1/notes/n3', 'note-get#2']);
    // Naming the default template is allowed too.
    assert.equal(
      (
        await sent(
          fn('getNote')(cl, {
            template: '/users/{id | userPrincipalName}/notes/{id}',
            id: 'u',
            id2: 'n',
          }),
        )
      ).path,
      '/v1.0/users/u/notes/n',
    );
  });

  test('a relative path (`root:/{item-path}:`) keeps its slashes; any other parameter is one segment', async () => {
    const cl = client();
    const mine = await sent(fn('getNoteByPath')(cl, { notePath: 'projects/2026/plan' }));
    assert.deepEqual(
      [mine.path, mine.example, mine.value.title],
      ['/v1.0/me/notebook/root:/projects/2026/plan', 'note-get-by-path#0', 'Plan'],
    );
    const theirs = await sent(fn('getNoteByPath')(cl, { id: 'u2', notePath: 'inbox' }));
    assert.deepEqual(
      [theirs.path, theirs.example],
      ['/v1.0/users/u2/notebook/root:/inbox:', 'note-get-by-path#1'],
    );
    // Each segment is escaped as a segment is.
    const escaped = await sent(fn('getNoteByPath')(cl, { notePath: "a b/c#d/it's" }));
    assert.equal(escaped.path, '/v1.0/me/notebook/root:/a%20b/c%23d/it%27s');
    // The near miss: an id is one segment, its slash escaped.
    assert.equal((await sent(fn('getNote')(cl, { id: 'a/b' }))).path, '/v1.0/me/notes/a%2Fb');
    const before = records.length;
    for (const notePath of ['a/../b', './a', '..'])
      await assert.rejects(fn('getNoteByPath')(cl, { notePath }), /cannot be "\." or "\.\."/);
    for (const notePath of ['', '/a', 'a/', 'a//b'])
      await assert.rejects(fn('getNoteByPath')(cl, { notePath }), /empty segment/);
    assert.equal(records.length, before);
  });

  test('a function whose arguments only the example writes (`excerpt(start=2,lines=3)`) takes them in the path object', async () => {
    const excerpt = await sent(fn('noteExcerpt')(client(), { noteId: 'n1', start: 2, lines: 3 }));
    assert.deepEqual(
      [excerpt.path, excerpt.example, excerpt.value.title],
      ['/v1.0/me/notes/n1/excerpt(start=2,lines=3)', 'note-excerpt#0', 'One (lines 2 to 4)'],
    );
  });

  test('an update answers nothing, or the updated object when the call asks for it (`Prefer: return=representation`)', async () => {
    const cl = client();
    const plain = await sent(fn('updateNote')(cl, { id: 'n1' }, { title: 'Renamed' }));
    assert.deepEqual([plain.example, plain.value], ['note-update#0', undefined]);
    assert.equal(records.at(-1)!.headers.prefer, undefined);
    const asked = await sent(
      fn('updateNote')(
        cl,
        { id: 'n1' },
        { title: 'Renamed again' },
        { returnRepresentation: true },
      ),
    );
    assert.deepEqual([asked.example, asked.value?.title], ['note-update#1', 'Renamed again']);
    assert.equal(records.at(-1)!.headers.prefer, 'return=representation');
  });

  test('a path object that fits no template is refused before anything is sent', async () => {
    const cl = client();
    const before = records.length;
    await assert.rejects(fn('getNote')(cl, {}), /match none of the documented paths/);
    await assert.rejects(
      fn('getNote')(cl, { template: '/nope/{id}', id: 'x' }),
      /"\/nope\/\{id\}" is not a documented path/,
    );
    // An inherited name is not a given parameter.
    await assert.rejects(fn('getNote')(cl, Object.create({ id: 'x' })), TypeError);
    assert.equal(records.length, before);
  });

  test('iterateNotes pages through the mock (its next links point at the mock)', async () => {
    const titles: string[] = [];
    for await (const note of (c.iterateNotes as Gen)(client(), {}, { $top: 2 }))
      titles.push(note.title);
    assert.deepEqual(titles, ['One', 'Two', 'Three']);
    assert.deepEqual(
      records.slice(-2).map((r) => r.rawPath + '?' + new URLSearchParams(r.query).toString()),
      ['/v1.0/me/notes?%24top=2', '/v1.0/me/notes?%24top=2&%24skip=2'],
    );
  });

  test('types: each shape compiles; a missing parameter, an unknown template or a shared shape without its template does not', async () => {
    const usage = `import { createClient, getNote, listNotes, updateNote } from './client/index.js';
import type { Note } from './models/index.js';
export async function usage(): Promise<void> {
  const client = createClient({});
  await listNotes(client);
  await listNotes(client, { id: 'u' }, { $top: 5 });
  const note = await getNote(client, { id: 'n' });
  await getNote(client, { template: '/groups/{id}/notes/{id}', id: 'g', id2: 'n' });
  note.title?.toUpperCase();
  // @ts-expect-error: no documented path of getNote takes no parameters
  await getNote(client);
  // @ts-expect-error: not a documented template
  await getNote(client, { template: '/groups/{id}/note/{id}', id: 'g', id2: 'n' });
  // @ts-expect-error: the group's path needs id2
  await getNote(client, { template: '/groups/{id}/notes/{id}', id: 'g' });
  // @ts-expect-error: options come after the path object
  await listNotes(client, { $top: 5 });
  const updated: Note = await updateNote(client, { id: 'n' }, { title: 't' }, { returnRepresentation: true });
  updated.title?.toUpperCase();
  // @ts-expect-error: without returnRepresentation an update answers nothing
  const nothing: Note = await updateNote(client, { id: 'n' }, { title: 't' });
}
`;
    await fs.writeFile(path.join(out, 'src/usage.ts'), usage);
    try {
      assert.equal(await compile(out, true), '');
    } finally {
      await fs.rm(path.join(out, 'src/usage.ts'));
    }
  });

  test('check finds every example on a documented path, a relative path spanning segments', async () => {
    const findings = runChecks(await readOnce(PATHS));
    assert.deepEqual(
      findings.map((d) => `${d.file}:${d.line} ${d.ruleId}`),
      [],
    );
  });

  test(
    'verify round-trips the examples on every documented path (none skipped)',
    { timeout: 120_000 },
    async () => {
      const report = await verifyDocs({ read: await readOnce(PATHS) });
      assert.deepEqual(
        [report.total, report.roundTripped, report.skipped, report.failed],
        [11, 11, {}, {}],
      );
    },
  );
});
