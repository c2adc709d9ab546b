import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { recoverOutput } from '../src/build/write.js';
import { BIN, SESSIONS, snapshot, tempDir } from './helpers.js';

/** The output as one comparable string (paths and hashes). */
const outputOf = async (dir: string) => JSON.stringify(await snapshot(dir));

test('killing generate at random points leaves the old output or the new one, never a mix', async () => {
  const docs = path.join(tempDir(), 'docs');
  await fs.cp(SESSIONS, docs, { recursive: true });
  const out = path.join(tempDir(), 'out');
  const args = [BIN, 'generate', '--docs', docs, '--out', out, '--no-cache', '--quiet'];
  const page = path.join(docs, 'resources', 'exactmatchsession.md');
  const original = await fs.readFile(page, 'utf8');
  const variant = original.replace('|checksum|String|', '|checksumV2|String|');
  // The two possible outputs.
  await fs.writeFile(page, variant);
  assert.equal(spawnSync(process.execPath, args).status, 0);
  const newer = await outputOf(out);
  await fs.writeFile(page, original);
  assert.equal(spawnSync(process.execPath, args).status, 0);
  const older = await outputOf(out);
  assert.notEqual(newer, older);
  const started = performance.now();
  spawnSync(process.execPath, args);
  const runMs = performance.now() - started;

  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const outcomes = { old: 0, new: 0 };
  for (let i = 0; i < 10; i++) {
    await fs.writeFile(page, variant);
    const child = spawn(process.execPath, args, { stdio: 'ignore' });
    const exited = new Promise((r) => child.once('exit', r));
    await new Promise((r) => setTimeout(r, random() * runMs * 1.1));
    child.kill('SIGKILL');
    await exited;
    await recoverOutput(out);
    const state = await outputOf(out);
    assert.ok(state === older || state === newer, `kill ${i}: output is a mix of old and new`);
    outcomes[state === older ? 'old' : 'new']++;
    // Back to the old output for the next round.
    await fs.writeFile(page, original);
    assert.equal(spawnSync(process.execPath, args).status, 0);
  }
  console.log(`interrupted runs: ${outcomes.old} left the old output, ${outcomes.new} the new one`);
});
