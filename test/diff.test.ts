import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { ModelDiff } from '../src/diff/model-diff.js';
import { BIN, SESSIONS, tempDir } from './helpers.js';

const diff = (a: string, b: string, format = 'json') => {
  const r = spawnSync(process.execPath, [BIN, 'diff', a, b, '--format', format], { encoding: 'utf8' });
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
    await replaceIn(path.join(d, 'resources/sessionstate.md'), '|unknownFutureValue|', '|cancelled|6|Cancelled.|\n|unknownFutureValue|');
    await replaceIn(path.join(d, 'resources/exactmatchuploadagent.md'), '|description|String|', '|version|String|The agent version.|\n|description|String|');
  });
  const minor = JSON.parse(diff(SESSIONS, added)) as ModelDiff;
  assert.equal(minor.bump, 'minor');
  assert.deepEqual(minor.changes.map((c) => [c.change, c.subject, c.name, c.breaking]), [
    ['added', 'member', 'sessionState.cancelled', false],
    ['added', 'property', 'exactMatchUploadAgent.version', false],
  ]);
  const broken = await variant(async (d) => {
    await replaceIn(path.join(d, 'resources/exactmatchsession.md'), '|checksum|String|', '|checksum|Int32|');
    await fs.rm(path.join(d, 'api/exactmatchsession-commit.md'));
  });
  const major = JSON.parse(diff(SESSIONS, broken)) as ModelDiff;
  assert.equal(major.bump, 'major');
  assert.deepEqual(major.changes.map((c) => [c.change, c.subject, c.name, c.detail, c.breaking]), [
    ['removed', 'operation', 'exactmatchsession-commit', 'POST /dataClassification/exactMatchDataStores/{exactMatchDataStoreId}/sessions/{exactMatchSessionId}/commit', true],
    ['changed', 'property', 'exactMatchSession.checksum', 'type String → Int32', true],
  ]);
  assert.match(diff(SESSIONS, broken, 'markdown'), /### Breaking\n\n- \*\*removed\*\* operation `exactmatchsession-commit`/);
});

test('diff reads model files written by docs2ts model', async () => {
  const file = path.join(tempDir(), 'model.json');
  assert.equal(spawnSync(process.execPath, [BIN, 'model', '--out', file, '--quiet']).status, 0);
  assert.match(diff(file, SESSIONS, 'text'), /No API changes/);
});
