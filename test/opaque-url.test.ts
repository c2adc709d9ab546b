/**
 * ApiDoctor's `"opaqueUrl": true`: a request example that calls a URL an earlier response
 * returned (an upload or download URL), not a path of the page's operation. The page is
 * fixtures/check's near miss `example-path-undocumented--opaque-url.md` (check.test.ts holds
 * that no rule reports it); here, what the model and the other commands make of it.
 */
import assert from 'node:assert/strict';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { verifyDocs, SKIP } from '../src/mock/verify.js';
import { toOpenApi } from '../src/openapi/document.js';
import { readDocs } from '../src/pipeline.js';
import { FIXTURES, tempDir } from './helpers.js';

const PAGE = 'api/example-path-undocumented--opaque-url.md';

/** The page with the resources it names, as a doc set of its own. */
async function docSet(): Promise<string> {
  const docs = tempDir();
  const files = [PAGE, 'resources/widget.md', 'resources/widgetcolor.md'];
  for (const file of [...files, 'resources/widgettelemetry.md']) {
    await mkdir(path.join(docs, path.dirname(file)), { recursive: true });
    await copyFile(path.join(FIXTURES, 'check', file), path.join(docs, file));
  }
  return docs;
}
const read = docSet().then((docs) => readDocs(docs));
const operation = async () => {
  const op = (await read).model.operations.find((o) => PAGE.endsWith(`${o.id}.md`));
  assert.ok(op);
  return op;
};

test('the examples of opaque URLs stay in the model, marked; the response and body are read from the others', async () => {
  const op = await operation();
  assert.deepEqual(
    op.examples.map((e) => `${e.request?.method} ${e.request?.path} ${e.request?.opaqueUrl}`),
    [
      'POST /widgets/7b1c2f4e-3a5d-4e6f-8a9b-0c1d2e3f4a5b/exportTelemetry undefined',
      'GET /t/7b1c2f4e true',
      'PUT /t/7b1c2f4e true',
    ],
  );
  // Not "widgetTelemetry or widget" (read as Json): the opaque call's answer is not this action's.
  assert.deepEqual(op.response.type, { kind: 'named', name: 'microsoft.graph.widgetTelemetry' });
  // Not the opaque PUT's properties: the Request body section says to send none.
  assert.equal(op.requestBody.kind, 'none');
});

test('verify skips the calls of opaque URLs, saying why, and round-trips the rest', async () => {
  const report = await verifyDocs({ read: await read });
  assert.deepEqual(
    [report.total, report.roundTripped, report.skipped, report.failed],
    [3, 1, { [SKIP.opaqueUrl]: 2 }, {}],
  );
});

test("the OpenAPI document shows only the operation's own examples", async () => {
  const document = toOpenApi((await read).model, {
    title: 't',
    version: '1',
    serverUrl: 'https://graph.microsoft.com/v1.0',
  }) as { paths: Record<string, { post: { responses: Record<string, unknown> } }> };
  const [post] = Object.values(document.paths).map((p) => p.post);
  // No 206 or 204 "shown in the examples": those were the opaque URL's answers.
  assert.deepEqual(Object.keys(post.responses), ['200', '4XX', 'default']);
  assert.match(JSON.stringify(post.responses['200']), /widget_exporttelemetry"/);
  assert.doesNotMatch(JSON.stringify(post), /widget_exporttelemetry_read|Sensor 7/);
});
