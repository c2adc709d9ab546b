import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { compile, generateInto, SESSIONS, tempDir, TSC } from './helpers.js';

const run = promisify(execFile);

test('the generated package builds to .js + .d.ts, packs, installs, and type-checks in a consumer', async () => {
  const { out } = await generateInto(SESSIONS);
  assert.equal(await compile(out), '', 'tsc --strict builds the package');
  for (const file of [
    'dist/index.js',
    'dist/index.d.ts',
    'dist/models/ExactMatchSession.d.ts',
    'dist/client/runtime.js',
    'dist/validators/index.js',
  ]) {
    await fs.access(path.join(out, file));
  }
  const pkg = JSON.parse(await fs.readFile(path.join(out, 'package.json'), 'utf8')) as {
    name: string;
    exports: Record<string, { types: string; import: string }>;
    type: string;
  };
  assert.equal(pkg.type, 'module');
  assert.deepEqual(pkg.exports['.'], { types: './dist/index.d.ts', import: './dist/index.js' });

  // Built above with our tsc: pack without running the package's own prepack.
  const packDir = tempDir();
  const { stdout } = await run(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir],
    { cwd: out },
  );
  const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  assert.ok(packed.files.some((f) => f.path === 'dist/index.d.ts'));
  assert.ok(!packed.files.some((f) => f.path.startsWith('node_modules')));

  const consumer = tempDir();
  await fs.writeFile(
    path.join(consumer, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  await run(
    'npm',
    ['install', '--offline', '--no-audit', '--no-fund', path.join(packDir, packed.filename)],
    { cwd: consumer },
  );
  await fs.writeFile(
    path.join(consumer, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        lib: ['ES2022', 'DOM'],
        types: [],
      },
      files: ['use.ts'],
    }),
  );
  await fs.writeFile(
    path.join(consumer, 'use.ts'),
    `
import { createClient, getExactMatchSession, validateExactMatchSession, isExactMatchSession, type ExactMatchSession, type SessionState } from 'test-api';
import * as validated from 'test-api/validated';

const state: SessionState = 'uploading';
const session: ExactMatchSession = { id: 'a', state, fields: ['x'], rowsPerBlock: 3 };
const result = validateExactMatchSession(session);
if (!result.valid) console.log(result.errors.map((e) => e.path));
const client = createClient({ baseUrl: 'https://graph.example.test/v1.0', getToken: async () => 'token' });
export async function load(): Promise<string | null | undefined> {
  const got: ExactMatchSession = await getExactMatchSession(client, { exactMatchDataStoreId: 'd', exactMatchSessionId: 's' }, { $select: ['id', 'state'] });
  const unknownValue: unknown = got;
  return isExactMatchSession(unknownValue) ? unknownValue.fileName : undefined;
}
// @ts-expect-error: not a member of sessionState
export const wrong: SessionState = 'sleeping';
// The validated entry: the same operation, typed the same, its responses checked.
export const checked: typeof getExactMatchSession = validated.getExactMatchSession;
`,
  );
  const tsc = await run(TSC, ['-p', consumer]).then(
    () => '',
    (e: { stdout?: string }) => String(e.stdout),
  );
  assert.equal(tsc, '', tsc);
  // The installed package runs too.
  const { stdout: ran } = await run(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "import { validateExactMatchSession } from 'test-api'; import { getExactMatchSession } from 'test-api/validated'; console.log(JSON.stringify(validateExactMatchSession({ id: 1 }).valid), typeof getExactMatchSession);",
    ],
    { cwd: consumer },
  );
  assert.equal(ran.trim(), 'false function');
});
