import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { runChecks } from '../check/run.js';
import type { Diagnostic } from '../shared/diagnostics.js';
import { stubBody } from '../emit/client.js';
import { documentedPaths, type ParsedPath } from '../model/path-templates.js';
import { NameTable } from '../emit/names.js';
import { operationNames } from '../emit/operation-names.js';
import { generateFiles } from '../generate.js';
import type { DocsSource } from '../read/load.js';
import { ModelIndex } from '../model/queries.js';
import type { OperationModel } from '../model/types.js';
import { PACKAGE_ROOT } from '../shared/paths.js';
import { readDocs, type ReadResult } from '../pipeline.js';
import { writeOutput } from '../build/write.js';
import { startMock, type MockRecord } from './server.js';
import { verifyExample, type CallContext } from './verify-call.js';
import type { ExampleOutcome } from './verify-outcome.js';

export {
  SKIP,
  type ExampleOutcome,
  type FailureCategory,
  type OutcomeStatus,
} from './verify-outcome.js';

/**
 * Contract tests from the docs' own examples: generate the package, compile it, start the mock
 * (`server.ts`) and, for every documented example, call the generated request stub over real
 * HTTP with the example's arguments. An example is round-tripped when
 * - the stub sent the example's method, path (compared decoded, case-insensitively), query and
 *   JSON body (deep-equal; a stub whose parameters are all optional sends `{}` for no body),
 * - the mock answered with that example, and
 * - the client returned the documented shape: nothing for a response without a body, a page
 *   (`value` array) for a collection, one object (or an unwrapped primitive) otherwise, a
 *   `GraphError` with the documented status for a non-2xx example; and the body passes the
 *   generated validator (lenient: unknown properties are allowed, which truncated examples need).
 *
 * Examples that cannot be sent are skipped with the reason. An example on any documented path is
 * called through that path (naming its template where the stub needs it to choose).
 */

export interface VerifyOptions {
  docs?: string | DocsSource;
  /** An already read doc set (then `docs` is not read again). */
  read?: ReadResult;
  /** Progress lines (stages and timings). */
  log?: (line: string) => void;
  /** Per-request mock log lines. */
  mockLog?: (line: string) => void;
  /** Keep the generated package (its folder is `report.out`). */
  keep?: boolean;
  /** Per-request time limit (default 10 s). */
  timeoutMs?: number;
  /** Run the docs checks and attach their findings to failures (default true). */
  check?: boolean;
}

export interface VerifyReport {
  total: number;
  roundTripped: number;
  skipped: Record<string, number>;
  failed: Record<string, number>;
  outcomes: ExampleOutcome[];
  /** tsc's output when the generated package did not compile cleanly. */
  compileErrors?: string;
  /** The generated package (removed unless `keep`). */
  out: string;
  seconds: Record<string, number>;
}

const run = promisify(execFile);

/** Generate, compile, mock and call every documented example. */
export async function verifyDocs(options: VerifyOptions): Promise<VerifyReport> {
  const seconds: Record<string, number> = {};
  const log = options.log ?? (() => {});
  let t = performance.now();
  const lap = (name: string) => {
    seconds[name] = Math.round(performance.now() - t) / 1000;
    t = performance.now();
  };
  if (!options.read && options.docs === undefined)
    throw new TypeError('verifyDocs needs docs or a read result.');
  const read = options.read ?? (await readDocs(options.docs!));
  const model = read.model;
  lap('read');

  log('generating');
  const generated = await generateFiles(
    model,
    {
      packageName: 'docs2ts-verify',
      packageVersion: '0.0.0',
      baseUrl: 'https://graph.microsoft.com/v1.0',
    },
    { format: false },
  );
  const out = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'docs2ts-verify-')), 'package');
  let server: Awaited<ReturnType<typeof startMock>> | undefined;
  try {
    await writeOutput(out, generated.files);
    lap('generate');
    log('compiling');
    const compileErrors = await compile(out);
    lap('compile');
    // The `validated` entry: its operations check each response with the generated validator.
    const entry = path.join(out, 'dist', 'validated.js');
    if (!existsSync(entry))
      throw new Error(`The generated package did not compile:\n${compileErrors ?? ''}`);
    const client = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;

    const records: MockRecord[] = [];
    server = await startMock({ model, log: options.mockLog, record: (r) => records.push(r) });
    const findings = options.check === false ? [] : runChecks(read);
    lap('check');
    log(`calling the stubs (mock at ${server.url})`);
    const context: CallContext = {
      model,
      index: new ModelIndex(model),
      client,
      baseUrl: `${server.url}/v1.0`,
      records,
      names: operationNames(model, new NameTable(model), []),
      timeoutMs: options.timeoutMs ?? 10_000,
      findings: byFile(findings),
      bodyShape: stubBody,
    };
    const outcomes: ExampleOutcome[] = [];
    const ops = [...model.operations].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const op of ops) {
      const paths = safeDocumentedPaths(op);
      for (let i = 0; i < op.examples.length; i++)
        outcomes.push(await verifyExample(context, op, paths, i));
    }
    lap('calls');
    const report: VerifyReport = {
      total: outcomes.length,
      roundTripped: outcomes.filter((o) => o.status === 'ok').length,
      skipped: countBy(
        outcomes.filter((o) => o.status === 'skipped'),
        (o) => o.reason!,
      ),
      failed: countBy(
        outcomes.filter((o) => o.status === 'failed'),
        (o) => o.category!,
      ),
      outcomes,
      ...(compileErrors ? { compileErrors } : {}),
      out,
      seconds,
    };
    return report;
  } finally {
    await server?.close();
    if (!options.keep) await fs.rm(path.dirname(out), { recursive: true, force: true });
  }
}

async function compile(out: string): Promise<string | undefined> {
  const tsc = path.join(PACKAGE_ROOT, 'node_modules', '.bin', 'tsc');
  try {
    await run(tsc, ['-p', path.join(out, 'tsconfig.json')], { maxBuffer: 256 * 1024 * 1024 });
    return undefined;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    return (e.stdout || e.stderr || e.message).trim();
  }
}

function countBy<T>(list: T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of list) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return Object.fromEntries(
    Object.entries(out).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)),
  );
}

function byFile(findings: Diagnostic[]): Map<string, Diagnostic[]> {
  const map = new Map<string, Diagnostic[]>();
  for (const d of findings) {
    let list = map.get(d.file);
    if (!list) map.set(d.file, (list = []));
    list.push(d);
  }
  return map;
}

function safeDocumentedPaths(op: OperationModel): ParsedPath[] | undefined {
  try {
    return documentedPaths(op);
  } catch {
    return undefined;
  }
}

/** The coverage table. */
export function formatVerifyReport(
  report: VerifyReport,
  options: { verbose?: boolean; maxPerCategory?: number } = {},
): string {
  const pct = (n: number) => (report.total ? `${((100 * n) / report.total).toFixed(1)} %` : '-');
  const skipped = Object.values(report.skipped).reduce((a, b) => a + b, 0);
  const failed = Object.values(report.failed).reduce((a, b) => a + b, 0);
  const lines = [
    'docs2ts verify: documented examples through the generated stubs and the mock',
    '',
    `  examples       ${String(report.total).padStart(6)}`,
    `  round-tripped  ${String(report.roundTripped).padStart(6)}  ${pct(report.roundTripped)}`,
    `  skipped        ${String(skipped).padStart(6)}  ${pct(skipped)}`,
    ...Object.entries(report.skipped).map(
      ([reason, n]) => `    ${String(n).padStart(6)}  ${reason}`,
    ),
    `  failed         ${String(failed).padStart(6)}  ${pct(failed)}`,
    ...Object.entries(report.failed).map(
      ([category, n]) => `    ${String(n).padStart(6)}  ${category}`,
    ),
  ];
  if (report.compileErrors)
    lines.push(
      '',
      'The generated package has compile errors:',
      ...report.compileErrors
        .split('\n')
        .slice(0, 20)
        .map((l) => `  ${l}`),
    );
  const max = options.maxPerCategory ?? (options.verbose ? Infinity : 10);
  const failures = report.outcomes.filter((o) => o.status === 'failed');
  if (failures.length) {
    lines.push('', 'Failures:');
    for (const category of Object.keys(report.failed)) {
      const list = failures.filter((o) => o.category === category);
      lines.push(`  ${category}:`);
      for (const o of list.slice(0, max)) {
        lines.push(
          `    ${o.place}  ${o.operation}#${o.example}${o.name ? ` (${o.name})` : ''}: ${o.detail}${o.checkRules ? `  [check: ${o.checkRules.join(', ')}]` : ''}`,
        );
      }
      if (list.length > max) lines.push(`    … ${list.length - max} more (--verbose lists all)`);
    }
  }
  if (options.verbose) {
    const skips = report.outcomes.filter((o) => o.status === 'skipped');
    if (skips.length) {
      lines.push('', 'Skipped:');
      for (const o of skips) lines.push(`    ${o.place}  ${o.operation}#${o.example}: ${o.reason}`);
    }
  }
  return lines.join('\n') + '\n';
}
