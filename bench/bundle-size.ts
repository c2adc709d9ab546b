/**
 * `npm run bench:bundle` (and rows of `npm run bench`): what a one-call app costs in a bundle.
 * Ours: the app imports `createClient` and one operation (`getUser`, else the package's first
 * `get…`; BUNDLE_OPERATION to choose) from the generated package, makes one call, and is
 * bundled with esbuild (minified, ESM, browser): once from the package root (no validation)
 * and once from its `validated` entry. Beside it the same call with Kiota's Graph SDK and the
 * untyped `@microsoft/microsoft-graph-client` (bench/compare/*-app.js), installed on demand into
 * bench/compare (its own package.json and lock: `npm ci --prefix bench/compare`), not as
 * docs2ts dependencies. Each: raw and gzipped bytes, and the modules that put code in the bundle.
 * Standalone, it generates the v1.0 corpus package (BENCH_DOCS for another doc set, e.g.
 * `fixtures/sessions` for a quick run) into /dev/shm or the temporary folder.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, promises as fs, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { PACKAGE_ROOT } from '../src/shared/paths.js';

export interface BundleSize {
  label: string;
  bytes: number;
  gzipBytes: number;
  modules: number;
}

/** A client that could not be measured, and why. */
export interface BundleSkipped {
  label: string;
  reason: string;
}

const COMPARE = path.join(PACKAGE_ROOT, 'bench/compare');

/** The other clients' one-call apps (bench/compare), for the same `GET /users/{id}`. */
const OTHERS = [
  ['Kiota (msgraph-sdk + msgraph-sdk-users), users.byUserId(id).get()', 'kiota-app.js'],
  ['@microsoft/microsoft-graph-client (untyped), api(path).get()', 'untyped-app.js'],
] as const;

/** The operation the app calls: BUNDLE_OPERATION, `getUser`, or the first `get…` the client exports. */
async function operationOf(pkg: string): Promise<string> {
  if (process.env.BUNDLE_OPERATION) return process.env.BUNDLE_OPERATION;
  const index = await fs.readFile(path.join(pkg, 'src/client/index.ts'), 'utf8');
  const ops = [...index.matchAll(/\.\/operations\/(get\w+)\.js/g)].map((m) => m[1]);
  const op = ops.includes('getUser') ? 'getUser' : ops[0];
  if (!op) throw new Error(`${pkg} has no get operation to call`);
  return op;
}

/** Bundle one app (esbuild, minified ESM for browsers); modules other than the app's own file. */
async function measure(label: string, app: string): Promise<BundleSize> {
  const result = await build({
    entryPoints: [app],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  const inputs = Object.values(result.metafile.outputs)[0].inputs;
  const self = path.relative(process.cwd(), app);
  const modules = Object.entries(inputs).filter(
    ([file, input]) => input.bytesInOutput > 0 && path.normalize(file) !== self,
  ).length;
  return { label, bytes: code.length, gzipBytes: gzipSync(code).length, modules };
}

/** Bundle the one-call app against the generated package in `pkg` (its TypeScript sources): root, then `validated`. */
export async function bundleSizes(pkg: string): Promise<BundleSize[]> {
  const operation = await operationOf(pkg);
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'docs2ts-bundle-'));
  try {
    const sizes: BundleSize[] = [];
    for (const [entry, label] of [
      ['index', `${operation}, no validation (package root)`],
      ['validated', `${operation}, validated (\`validated\` entry)`],
    ]) {
      const app = path.join(work, `app-${entry}.ts`);
      // Bundling does not type-check: the path argument need not fit the operation.
      await fs.writeFile(
        app,
        `import { createClient, ${operation} } from ${JSON.stringify(path.join(pkg, `src/${entry}.js`))};
const client = createClient({ getToken: async () => 'token' });
console.log(await ${operation}(client, { id: 'a' }));
`,
      );
      sizes.push(await measure(`docs2ts: ${label}`, app));
    }
    return sizes;
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

/** Install bench/compare from its lock when its node_modules is missing or older than the lock. */
function installCompare(): void {
  const marker = path.join(COMPARE, 'node_modules/.package-lock.json');
  const lock = path.join(COMPARE, 'package-lock.json');
  if (existsSync(marker) && readMtime(marker) >= readMtime(lock)) return;
  execFileSync(
    'npm',
    ['ci', '--prefix', COMPARE, '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

const readMtime = (file: string) => (existsSync(file) ? statSync(file).mtimeMs : 0);

/** The other clients' bundles for the same call; a client that cannot be installed is reported, not measured. */
export async function otherSizes(): Promise<(BundleSize | BundleSkipped)[]> {
  try {
    installCompare();
  } catch (error) {
    const reason = `not measured: npm ci --prefix bench/compare failed (${(error as Error).message.split('\n')[0]})`;
    return OTHERS.map(([label]) => ({ label, reason }));
  }
  const sizes: BundleSize[] = [];
  for (const [label, app] of OTHERS) sizes.push(await measure(label, path.join(COMPARE, app)));
  return sizes;
}

const kb = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(2)} MB`
    : `${(bytes / 1024).toFixed(1)} KB`;

/** The bench rows, one per client. */
export function bundleRows(sizes: (BundleSize | BundleSkipped)[]): [string, string][] {
  return sizes.map((s): [string, string] => [
    `bundle: ${s.label}`,
    'reason' in s
      ? s.reason
      : `${kb(s.bytes)} / ${kb(s.gzipBytes)} gz, ${s.modules.toLocaleString('en-US')} modules`,
  ]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const docs = path.resolve(
    process.env.BENCH_DOCS ?? path.join(PACKAGE_ROOT, '../shared/corpus/graph-v1.0'),
  );
  const root = process.env.BENCH_TMP ?? (existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir());
  const work = await fs.mkdtemp(path.join(root, 'docs2ts-bench-bundle-'));
  try {
    const pkg = path.join(work, 'out');
    execFileSync(
      process.execPath,
      [
        path.join(PACKAGE_ROOT, 'bin/docs2ts.js'),
        'generate',
        '--docs',
        docs,
        '--out',
        pkg,
        '--no-cache',
        '--quiet',
      ],
      { stdio: 'inherit' },
    );
    console.log(`docs2ts bundle size — ${docs}: a one-call app, esbuild (minified, ESM, browser)`);
    const sizes = [...(await bundleSizes(pkg)), ...(await otherSizes())];
    for (const [label, value] of bundleRows(sizes)) console.log(`  ${label.padEnd(76)} ${value}`);
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}
