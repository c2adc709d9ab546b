import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { jsonTooDeepAt, MAX_JSON_DEPTH } from '../src/json-depth.js';
import { runCliSync, SESSIONS, snapshot, tempDir } from './helpers.js';

const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/** A method page whose response example, annotation and front matter each nest 5,000 deep. */
function deepPage(): string {
  return `---\ntitle: "Get deep"\ndescription: ${'['.repeat(5000)}${']'.repeat(5000)}\ndoc_type: apiPageType\n---\n\n# Get deep\n\n` +
    `## HTTP request\n\n<!-- { "blockType": "ignored" } -->\n\`\`\`http\nGET /deep\n\`\`\`\n\n## Response\n\n` +
    `<!-- { "blockType": "response", "@odata.type": "microsoft.graph.exactMatchSession" } -->\n` +
    `\`\`\`http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n${nested(5000)}\n\`\`\`\n\n` +
    `<!-- ${nested(5000)} -->\n\`\`\`json\n{}\n\`\`\`\n`;
}

test('JSON depth is measured outside strings, and the bracket past the cap is found', () => {
  assert.equal(jsonTooDeepAt(nested(MAX_JSON_DEPTH)), -1);
  assert.equal(jsonTooDeepAt(nested(MAX_JSON_DEPTH + 1)), MAX_JSON_DEPTH * 5);
  assert.equal(jsonTooDeepAt(`["${'['.repeat(500)}\\"${'{'.repeat(500)}"]`), -1);
});

test('pages nesting 5,000 deep: a placed diagnostic with the default cache, cold and warm, as without the cache', async () => {
  const dir = tempDir();
  const docs = path.join(dir, 'docs');
  await fs.cp(SESSIONS, docs, { recursive: true });
  await fs.writeFile(path.join(docs, 'api', 'deep-get.md'), deepPage());
  const generate = (out: string, ...flags: string[]) => runCliSync(['generate', '--docs', docs, '--out', path.join(dir, out), '--json', ...flags], { cwd: dir });
  const cold = generate('out');
  assert.equal(cold.code, 0, cold.stderr);
  assert.ok((await fs.readdir(path.join(dir, 'node_modules', '.cache', 'docs2ts'))).some((f) => f.startsWith('pages-')), 'the default cache folder was used');
  // Edit another page: the warm run reads the deep page from the cache and makes files again.
  await fs.appendFile(path.join(docs, 'resources', 'entity.md'), '\nMore prose.\n');
  const warm = generate('out');
  assert.equal(warm.code, 0, warm.stderr);
  assert.equal(generate('fresh', '--no-cache').code, 0);
  assert.deepEqual(await snapshot(path.join(dir, 'out')), await snapshot(path.join(dir, 'fresh')));
  const checked = runCliSync(['check', '--docs', docs, '--format', 'json'], { cwd: dir });
  const found = (JSON.parse(checked.stdout) as { file: string; line: number; column: number; ruleId: string; message: string }[]).filter((d) => d.file === 'api/deep-get.md');
  const rule = (id: string) => found.find((d) => d.ruleId === id && /more than 64 levels/.test(d.message));
  assert.deepEqual(rule('example-json-too-deep') && [rule('example-json-too-deep')!.line, rule('example-json-too-deep')!.column], [23, MAX_JSON_DEPTH * 5 + 1]);
  assert.ok(rule('annotation-malformed') && rule('frontmatter-invalid'), JSON.stringify(found));
});
