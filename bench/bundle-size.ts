/**
 * `npm run bench:bundle` (and a row of `npm run bench`): what a one-call app costs in a bundle.
 * The app imports `createClient` and one operation (`getUser`, else the package's first `get…`;
 * BUNDLE_OPERATION to choose) from the generated package's root, makes one call, and is
 * bundled with esbuild (minified, ESM, browser), once with `validate: false` and once with
 * `validate: true`: raw and gzipped bytes, and the modules that put code in the bundle.
 * Standalone, it generates the v1.0 corpus package (BENCH_DOCS for another doc set, e.g.
 * `fixtures/sessions` for a quick run) into /dev/shm or the temporary folder.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { PACKAGE_ROOT } from '../src/shared/paths.js';

export interface BundleSize {
  validate: boolean;
  operation: string;
  bytes: number;
  gzipBytes: number;
  modules: number;
}

/** Figures quoted from issue 20 for the same call; not measured by this bench. */
export const QUOTED = [
  ['Kiota (Graph SDK)', '3.1 MB / 431 KB gz'],
  ['@microsoft/microsoft-graph-client (untyped)', '35 KB / 10 KB gz'],
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

/** Bundle the one-call app against the generated package in `pkg` (its TypeScript sources). */
export async function bundleSizes(pkg: string): Promise<BundleSize[]> {
  const operation = await operationOf(pkg);
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'docs2ts-bundle-'));
  try {
    const sizes: BundleSize[] = [];
    for (const validate of [false, true]) {
      const app = path.join(work, `app-${validate}.ts`);
      // Bundling does not type-check: the path argument need not fit the operation.
      await fs.writeFile(
        app,
        `import { createClient, ${operation} } from ${JSON.stringify(path.join(pkg, 'src/index.js'))};
const client = createClient({ getToken: async () => 'token', validate: ${validate} });
console.log(await ${operation}(client, { id: 'a' }));
`,
      );
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
      const modules = Object.entries(inputs).filter(
        ([file, input]) => input.bytesInOutput > 0 && !file.endsWith(`app-${validate}.ts`),
      ).length;
      sizes.push({
        validate,
        operation,
        bytes: code.length,
        gzipBytes: gzipSync(code).length,
        modules,
      });
    }
    return sizes;
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The bench rows: ours measured, the others quoted. */
export function bundleRows(sizes: BundleSize[]): [string, string][] {
  return [
    ...sizes.map((s): [string, string] => [
      `bundle: ${s.operation}, validate ${s.validate ? 'on' : 'off'}`,
      `${kb(s.bytes)} / ${kb(s.gzipBytes)} gz, ${s.modules} modules`,
    ]),
    ...QUOTED.map(([name, figures]): [string, string] => [
      `bundle: ${name}`,
      `${figures} (as measured in issue 20; not measured here)`,
    ]),
  ];
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
    for (const [label, value] of bundleRows(await bundleSizes(pkg)))
      console.log(`  ${label.padEnd(52)} ${value}`);
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}
