import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { ModelDiff } from '../src/diff/model-diff.js';
import { BIN, FIXTURES, SESSIONS, tempDir } from './helpers.js';

const diff = (a: string, b: string, format = 'json') => {
  const r = spawnSync(process.execPath, [BIN, 'diff', a, b, '--format', format], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
};

async function variant(edit: (docs: string) => Promise<void>): Promise<string> {
  const docs = path.join(tempDir(), 'docs');
  await fs.cp(SESSIONS, docs, { recursive: true });
  await edit(docs);
  return docs;
}

async function replaceIn(file: string, from: string, to: string): Promise<void> {
  const text = await fs.readFile(file, 'utf8');
  assert.ok(text.includes(from), `${from} in ${file}`);
  await fs.writeFile(file, text.replace(from, to));
}

test('no change: no API changes, bump none', () => {
  const result = JSON.parse(diff(SESSIONS, SESSIONS)) as ModelDiff;
  assert.deepEqual(result, { changes: [], bump: 'none' });
});

test('additions are minor; removals and type changes are breaking (major)', async () => {
  const added = await variant(async (d) => {
    await replaceIn(
      path.join(d, 'resources/sessionstate.md'),
      '|unknownFutureValue|',
      '|cancelled|6|Cancelled.|\n|unknownFutureValue|',
    );
    await replaceIn(
      path.join(d, 'resources/exactmatchuploadagent.md'),
      '|description|String|',
      '|version|String|The agent version.|\n|description|String|',
    );
  });
  const minor = JSON.parse(diff(SESSIONS, added)) as ModelDiff;
  assert.equal(minor.bump, 'minor');
  assert.deepEqual(
    minor.changes.map((c) => [c.change, c.subject, c.name, c.breaking]),
    [
      ['added', 'member', 'sessionState.cancelled', false],
      ['added', 'property', 'exactMatchUploadAgent.version', false],
    ],
  );
  const broken = await variant(async (d) => {
    await replaceIn(
      path.join(d, 'resources/exactmatchsession.md'),
      '|checksum|String|',
      '|checksum|Int32|',
    );
    await fs.rm(path.join(d, 'api/exactmatchsession-commit.md'));
  });
  const major = JSON.parse(diff(SESSIONS, broken)) as ModelDiff;
  assert.equal(major.bump, 'major');
  assert.deepEqual(
    major.changes.map((c) => [c.change, c.subject, c.name, c.detail, c.breaking]),
    [
      [
        'removed',
        'operation',
        'exactmatchsession-commit',
        'POST /dataClassification/exactMatchDataStores/{exactMatchDataStoreId}/sessions/{exactMatchSessionId}/commit',
        true,
      ],
      ['changed', 'property', 'exactMatchSession.checksum', 'type String → Int32', true],
    ],
  );
  assert.match(
    diff(SESSIONS, broken, 'markdown'),
    /### Breaking\n\n- \*\*removed\*\* operation `exactmatchsession-commit`/,
  );
});

test("a response the page now says is empty is a breaking change of the stub's result, even where its examples are still typed", async () => {
  const emptied = await variant((d) =>
    replaceIn(
      path.join(d, 'api/exactmatchsession-get.md'),
      'response code and an [exactMatchSession](../resources/exactmatchsession.md) object in the response body.',
      'response code. It does not return anything in the response body.',
    ),
  );
  const result = JSON.parse(diff(SESSIONS, emptied)) as ModelDiff;
  assert.deepEqual(
    result.changes.map((c) => [c.change, c.subject, c.name, c.detail, c.breaking]),
    [
      [
        'changed',
        'operation',
        'exactmatchsession-get',
        'response microsoft.graph.exactMatchSession → none',
        true,
      ],
    ],
  );
});

test('diff reads model files written by docs2ts model', async () => {
  const file = path.join(tempDir(), 'model.json');
  assert.equal(spawnSync(process.execPath, [BIN, 'model', '--out', file, '--quiet']).status, 0);
  assert.match(diff(file, SESSIONS, 'text'), /No API changes/);
});

test('diff precision: operations matched by method and path template; page moves; placeholder renames; an empty baseType', async () => {
  const old = path.join(FIXTURES, 'diff/old');
  const now = path.join(FIXTURES, 'diff/new');
  const result = JSON.parse(diff(old, now)) as ModelDiff;
  assert.deepEqual(
    result.changes.map((c) => [c.change, c.subject, c.name, c.detail, c.breaking]),
    [
      // The second path only renames placeholders ({shelf-id} → {shelfId}): not a removed path, and no stub argument of it.
      [
        'changed',
        'operation',
        'shop-list-gadgets',
        'path arguments of listShopGadgets: { id } → { shopId }',
        true,
      ],
      // Another page, the same GET /shops/{}/gadgets: a move, breaking because the stub's name changes (both named).
      [
        'moved',
        'operation',
        'shop-list-gadgets',
        'GET /shops/{shop-id}/gadgets moved from page gadget-list; stub listGadgets/iterateGadgets → listShopGadgets/iterateShopGadgets',
        true,
      ],
      [
        'changed',
        'operation',
        'widget-update',
        'path arguments of updateWidget: { id, id2 } → { shelfId, widgetId }',
        true,
      ],
      // Another page, the same stub name: not breaking.
      [
        'moved',
        'operation',
        'intune-widget-get',
        'GET /widgets/{id} moved from page widget-get (stub getWidget)',
        false,
      ],
    ],
  );
  assert.equal(result.bump, 'major');
  // `"baseType": ""` is no base type: no `microsoft.graph.` type, no base type change.
  const model = JSON.parse(
    spawnSync(process.execPath, [BIN, 'model', '--docs', now, '--quiet'], { encoding: 'utf8' })
      .stdout,
  ) as { types: { fullName: string; baseType?: string }[] };
  assert.deepEqual(
    model.types.map((t) => [t.fullName, t.baseType ?? null]),
    [
      ['microsoft.graph.widget', null],
      ['microsoft.graph.widgetColor', null],
    ],
  );
  // Without the stub-name changes, a move is a patch.
  const moveOnly = JSON.parse(
    diff(
      old,
      await variant(async (d) => {
        await fs.rm(d, { recursive: true });
        await fs.cp(old, d, { recursive: true });
        await fs.rename(
          path.join(d, 'api/widget-get.md'),
          path.join(d, 'api/intune-widget-get.md'),
        );
      }),
    ),
  ) as ModelDiff;
  assert.deepEqual(moveOnly, {
    changes: [
      {
        subject: 'operation',
        change: 'moved',
        name: 'intune-widget-get',
        detail: 'GET /widgets/{id} moved from page widget-get (stub getWidget)',
        breaking: false,
      },
    ],
    bump: 'patch',
  });
});

test('diff: a page that is gone while another page that stayed documents its endpoint is a removal naming both stubs', async () => {
  const old = path.join(FIXTURES, 'diff/old');
  const twice = await variant(async (d) => {
    await fs.rm(d, { recursive: true });
    await fs.cp(old, d, { recursive: true });
    await fs.copyFile(path.join(d, 'api/widget-get.md'), path.join(d, 'api/intune-widget-get.md'));
  });
  const once = await variant(async (d) => {
    await fs.rm(d, { recursive: true });
    await fs.cp(twice, d, { recursive: true });
    await fs.rm(path.join(d, 'api/widget-get.md'));
  });
  const result = JSON.parse(diff(twice, once)) as ModelDiff;
  assert.deepEqual(
    result.changes.map((c) => [c.change, c.name, c.detail, c.breaking]),
    [
      // Two pages for one endpoint made long names; with one left, its stub gets the short one.
      ['changed', 'intune-widget-get', 'stub getIntuneWidget → getWidget', true],
      [
        'removed',
        'widget-get',
        'GET /widgets/{id}; still documented by intune-widget-get (stub getWidget), stub getWidget is gone',
        true,
      ],
    ],
  );
});
