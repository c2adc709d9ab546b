import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { SECTION_READS } from '../src/extract/reads.js';
import type { SectionRead } from '../src/extract/section-reads.js';
import { parseMarkdown } from '../src/read/parse.js';
import { ROOT } from './helpers.js';

const EXTRACT = path.join(ROOT, 'dist', 'src', 'extract');

const isSectionRead = (value: unknown): value is SectionRead =>
  typeof value === 'object' && value !== null && 'by' in value && 'parts' in value;

test('every section read an extractor exports is one the skim follows', async () => {
  const exported: SectionRead[] = [];
  for (const file of readdirSync(EXTRACT).filter((f) => f.endsWith('.js'))) {
    const module = (await import(path.join(EXTRACT, file))) as Record<string, unknown>;
    exported.push(...Object.values(module).filter(isSectionRead));
  }
  assert.ok(exported.length >= 10);
  assert.deepEqual(
    exported.filter((read) => !SECTION_READS.includes(read)).map((read) => read.by),
    [],
  );
});

test('extractors select sections by their declared reads, not by patterns of their own', () => {
  const src = path.join(ROOT, 'src', 'extract');
  const inline = readdirSync(src)
    // sections.ts is where a heading opens a section at all.
    .filter((f) => f.endsWith('.ts') && f !== 'sections.ts')
    .flatMap((f) =>
      readFileSync(path.join(src, f), 'utf8')
        .split('\n')
        .map((line, i) => ({ at: `${f}:${i + 1}`, line }))
        .filter(({ line }) => /\/\.test\((\w+\.)?(sub)?section\b|\.section\.match\(/.test(line)),
    )
    .map(({ at }) => at);
  assert.deepEqual(inline, []);
});

/** The text remark got for a page: what is left of `marker` lines after skimming. */
function kept(page: string): Set<string> {
  const { tree } = parseMarkdown(page);
  return new Set(JSON.stringify(tree).match(/mark-[a-z-]+/g) ?? []);
}

const table = (name: string) =>
  `| Property | Type | Description |\n|:--|:--|:--|\n| ${name} | String | x |`;

test('the skim keeps what a declaration reads, blanks the rest of a named section, keeps unnamed ones', () => {
  const page = [
    '# page',
    '',
    'mark-intro-prose',
    '',
    '## Permissions',
    '',
    'mark-permissions-prose',
    '',
    table('mark-permissions-table'),
    '',
    '## Optional query parameters',
    '',
    'mark-query-prose',
    '',
    '## Methods',
    '',
    'mark-methods-prose',
    '',
    table('mark-methods-table'),
    '',
    '### bodyType values',
    '',
    table('mark-values-table'),
    '',
    '## Response',
    '',
    'mark-response-prose',
    '',
    table('mark-response-table'),
    '',
    '## Remarks on use',
    '',
    'mark-remarks-prose',
    '',
    table('mark-remarks-table'),
    '',
    '- mark-methods-list-item',
    '',
  ].join('\n');
  assert.deepEqual([...kept(page)].sort(), [
    'mark-intro-prose', // the description (page)
    'mark-methods-list-item', // lists are always kept
    'mark-permissions-table', // permissions: tables only
    'mark-query-prose', // query parameters: "supports the $select … parameters"
    'mark-remarks-prose', // a section no extractor names is kept whole
    'mark-remarks-table',
    'mark-response-prose', // the response sentence; nobody reads its tables
    'mark-values-table', // enum-table reads `X values` tables under any section
  ]);
});
