import type { HeaderModel } from '../model/types.js';
import { readTable, textOf, type PageDoc } from './blocks.js';
import { inSections, sectionRead } from './section-reads.js';

export const REQUEST_HEADERS_READ = sectionRead('request-headers', /^request headers?\b/, 'tables');

/** The `## Request headers` table: header name, whether required, its description. */
export function extractRequestHeaders(doc: PageDoc): HeaderModel[] {
  const headers: HeaderModel[] = [];
  for (const block of doc.blocks) {
    if (block.node.type !== 'table' || !inSections(REQUEST_HEADERS_READ)(block.section)) continue;
    for (const row of readTable(block.node).rows) {
      const name = /^[A-Za-z][\w-]*/.exec(textOf(row.cells[0] ?? { children: [] }))?.[0];
      if (!name || headers.some((h) => h.name.toLowerCase() === name.toLowerCase())) continue;
      const description = row.cells
        .slice(1)
        .map((c) => textOf(c))
        .join(' ')
        .trim();
      headers.push({
        name,
        required: /\brequired\b/i.test(description) && !/\bnot required\b/i.test(description),
        description,
        source: { file: doc.file, line: row.line, column: row.column },
      });
    }
  }
  return headers;
}
