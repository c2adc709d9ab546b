/**
 * The corpus round trip: every example request sent to the mock, then `verify`'s calls of every
 * example through the generated stubs. `npm run verify:corpus` runs it on the whole v1.0 corpus
 * (bench/corpus-verify.ts); `npm test` on a seeded quarter of its operations (mock.test.ts).
 */
import assert from 'node:assert/strict';
import { startMock, type MockRecord } from '../src/mock/server.js';
import { deepEqual, exampleKey } from '../src/mock/matcher.js';
import { normalizePath } from '../src/mock/request-paths.js';
import { SKIP, verifyDocs, type ExampleOutcome, type VerifyReport } from '../src/mock/verify.js';
import type { ExampleModel } from '../src/model/types.js';
import type { ReadResult } from '../src/pipeline.js';
import { rawRequest, targetOf } from './mock-requests.js';

/** What a run must reach: on the whole corpus, or scaled to a slice. */
export interface CorpusBounds {
  /** Example requests the mock is sent, at least. */
  sent: number;
  roundTripped: number;
  /** Failures, at most. */
  failures: number;
  /** Shape and validation failures whose detail names a doc defect check reports, at least. */
  sample: { shape: number; validation: number };
  /** Of those, failures check does not report, at most. */
  missed: number;
}

export const WHOLE_CORPUS: CorpusBounds = {
  sent: 1300,
  roundTripped: 1050,
  failures: 330,
  sample: { shape: 11, validation: 11 },
  missed: 2,
};

/**
 * A seeded quarter of the corpus operations (`operationSlice(read, 1, 4)`). Measured: 362 sent,
 * 299 of 400 examples round-trip, 59 failures, 22 validation failures in the sample (its 2 shape
 * failures are not of the sampled kinds: the whole corpus checks those).
 */
export const CORPUS_QUARTER: CorpusBounds = {
  sent: 330,
  roundTripped: 280,
  failures: 75,
  sample: { shape: 0, validation: 15 },
  missed: 1,
};

export function summary(label: string, report: VerifyReport): string {
  const skipped = Object.values(report.skipped).reduce((a, b) => a + b, 0);
  const failed = Object.values(report.failed).reduce((a, b) => a + b, 0);
  return `${label}: ${report.total} examples, ${report.roundTripped} round-tripped, ${skipped} skipped ${JSON.stringify(report.skipped)}, ${failed} failed ${JSON.stringify(report.failed)}`;
}

/**
 * The read with only the operations in slice `index` of `count`, drawn by a hash of each
 * operation's id (every type is kept, so the operations kept link as in the whole read).
 */
export function operationSlice(read: ReadResult, index: number, count: number): ReadResult {
  const bucket = (id: string) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
    return (h >>> 0) % count;
  };
  const operations = read.model.operations.filter((o) => bucket(o.id) === index);
  return { ...read, model: { ...read.model, operations } };
}

/** The mock alone, no hints: each example request is answered by that example or by one documenting the same request. */
export async function mockAnswersEveryExample(read: ReadResult, bounds: CorpusBounds) {
  const records: MockRecord[] = [];
  const mock = await startMock({ model: read.model, record: (r) => records.push(r) });
  try {
    const same = (
      a: NonNullable<ExampleModel['request']>,
      b: NonNullable<ExampleModel['request']>,
    ) =>
      a.method === b.method &&
      normalizePath(a.path).toLowerCase() === normalizePath(b.path).toLowerCase() &&
      deepEqual(a.query, b.query) &&
      deepEqual(a.body, b.body);
    const wrong: string[] = [];
    let sent = 0;
    for (const op of read.model.operations)
      for (const [i, e] of op.examples.entries()) {
        const request = e.request;
        if (!request?.url || !request.method || !e.response) continue;
        if (!/^[A-Z]+$/.test(request.method) || request.method === 'CONNECT') continue;
        const res = await rawRequest(
          mock.url + targetOf(request),
          request.method,
          request.bodyText,
        );
        sent++;
        const key = res.example;
        if (key === exampleKey(op.id, i)) continue;
        const [otherId, otherIndex] = (key ?? '#').split('#');
        const other = read.model.operations.find((o) => o.id === otherId)?.examples[
          Number(otherIndex)
        ];
        if (other?.request && same(other.request, request)) continue;
        wrong.push(`${op.id}#${i} ${request.method} ${request.path} → ${key ?? res.status}`);
      }
    console.log(
      `corpus mock: ${sent} example requests sent, ${sent - wrong.length} answered by their example (or one documenting the same request), ${wrong.length} not`,
    );
    assert.ok(sent > bounds.sent, `${sent}`);
    assert.deepEqual(wrong, []);
  } finally {
    await mock.close();
  }
}

/** Check rules that report the doc defect behind each failure category. */
const RELATED: Record<string, string[]> = {
  method: ['example-contradicts-page'],
  'path-undocumented': ['example-path-undocumented', 'example-url-malformed'],
  shape: ['example-cardinality-mismatch', 'example-contradicts-page'],
  validation: ['example-value-invalid', 'example-placeholder-value', 'example-odata-type-unknown'],
};

/** `verify` on the read: figures within the bounds, and failures that are doc defects `check` reports too. */
export async function verifiedAsDocDefects(read: ReadResult, bounds: CorpusBounds, label: string) {
  const report = await verifyDocs({ read });
  console.log(summary(label, report));
  const failures = report.outcomes.filter((o) => o.status === 'failed');
  const byCategory = new Map<string, ExampleOutcome[]>();
  for (const f of failures)
    byCategory.set(f.category!, [...(byCategory.get(f.category!) ?? []), f]);
  for (const [category, list] of byCategory)
    console.log(
      `  ${category}: ${list
        .slice(0, 2)
        .map((f) => `${f.place} (${f.detail})`)
        .join('; ')}`,
    );
  assert.equal(report.compileErrors, undefined);
  assert.equal(
    report.total,
    read.model.operations.reduce((n, o) => n + o.examples.length, 0),
  );
  assert.ok(report.roundTripped >= bounds.roundTripped, summary(label, report));
  // Examples on any documented path are called through that path (84 were skipped when stubs built the first only).
  assert.equal(report.skipped[SKIP.otherPath] ?? 0, 0, summary(label, report));
  assert.ok(failures.length <= bounds.failures, summary(label, report));
  // Failures of these categories are doc defects `docs2ts check` reports on the same example.
  const unconfirmed = failures.filter(
    (f) =>
      RELATED[f.category!] &&
      f.category !== 'validation' &&
      f.category !== 'shape' &&
      !f.checkRules?.some((r) => RELATED[f.category!].includes(r)),
  );
  assert.deepEqual(
    unconfirmed.map((f) => `${f.place} ${f.category}`),
    [],
  );
  // A sample of shape (cardinality) and validation failures, too.
  for (const category of ['shape', 'validation'] as const) {
    const sample = (byCategory.get(category) ?? []).filter((f) =>
      /collection \("value" array\)|not a page|not in .* format|not a documented member/.test(
        f.detail ?? '',
      ),
    );
    console.log(`  ${category} sample: ${sample.length}`);
    assert.ok(sample.length >= bounds.sample[category], `${category}: ${sample.length}`);
    const missed = sample.filter((f) => !f.checkRules?.some((r) => RELATED[category].includes(r)));
    assert.ok(
      missed.length <= bounds.missed,
      `${category}: ${missed.map((f) => `${f.place} ${f.detail}`).join('\n')}`,
    );
  }
  return report;
}
