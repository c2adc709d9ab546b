import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { runChecks } from '../src/check/run.js';
import { readDocs } from '../src/pipeline.js';
import { FIXTURES, tempDir } from './helpers.js';

/** A get page whose Response section names two unrelated types; its example's annotation names one of them. */
const page = (color: string) => `---
title: "Get widget or catalog"
description: "Read a widget or a catalog."
doc_type: apiPageType
---

# Get widget or catalog

Namespace: microsoft.graph

## Permissions

|Permission type|Permissions (from least to most privileged)|
|:---|:---|
|Delegated (work or school account)|Widget.Read.All|
|Delegated (personal Microsoft account)|Not supported.|
|Application|Widget.Read.All|

## HTTP request

<!-- { "blockType": "ignored" } -->
\`\`\`http
GET /things/{id}
\`\`\`

## Request body

Do not supply a request body for this method.

## Response

If successful, this method returns a \`200 OK\` response code and a [widget](../resources/widget.md) or [widgetColor](../resources/widgetcolor.md) in the response body.

## Example

<!-- { "blockType": "request", "name": "get_thing" } -->
\`\`\`http
GET https://graph.microsoft.com/v1.0/things/7b1c
\`\`\`

<!-- { "blockType": "response", "@odata.type": "microsoft.graph.widget" } -->
\`\`\`http
HTTP/1.1 200 OK
Content-Type: application/json

{
  "id": "7b1c",
  "color": "${color}"
}
\`\`\`
`;

async function findingsFor(color: string) {
  const docs = path.join(tempDir(), 'docs');
  await fs.cp(path.join(FIXTURES, 'check', 'resources'), path.join(docs, 'resources'), {
    recursive: true,
  });
  await fs.mkdir(path.join(docs, 'api'));
  await fs.writeFile(path.join(docs, 'api', 'thing-get.md'), page(color));
  return runChecks(await readDocs(docs)).filter((d) => d.file === 'api/thing-get.md');
}

test('a Response section naming unrelated alternatives: the example is checked as the type its annotation names', async () => {
  const bad = await findingsFor('Blue');
  assert.ok(
    bad.some((d) => d.ruleId === 'type-alternatives-unrelated'),
    'the alternatives are reported as unrelated',
  );
  const invalid = bad.filter((d) => d.ruleId === 'example-value-invalid');
  assert.equal(invalid.length, 1, JSON.stringify(bad));
  assert.match(invalid[0].message, /color/);
  const good = await findingsFor('blue');
  assert.deepEqual(
    good.filter((d) => d.ruleId.startsWith('example-')),
    [],
  );
});
