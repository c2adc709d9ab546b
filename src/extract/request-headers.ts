import type { HeaderModel } from '../model/types.js';
import { readTable, textOf, type PageDoc } from './blocks.js';
import { inSections, sectionRead } from './section-reads.js';

export const REQUEST_HEADERS_READ = sectionRead(
  'request-headers',
  /^(optional )?request headers?\b/,
  'tables',
);

/**
 * The `## Request headers` table: header name, whether required, its description. Pages also
 * document headers under `## Optional request headers` (ApiDoctor-era pages, `driveItem`'s
 * `if-match`), where a row's "Required." still makes it required: Planner's pages list
 * Authorization and If-Match there, both required.
 */
export function extractRequestHeaders(doc: PageDoc): HeaderModel[] {
  const headers: HeaderModel[] = [];
  for (const block of doc.blocks) {
    if (block.node.type !== 'table' || !inSections(REQUEST_HEADERS_READ)(block.section)) continue;
    const { header, rows } = readTable(block.node);
    // With a Description column, the one between (`| Name | Type | Description |`, or `Value`
    // there) holds the header's type (String, etag); without one, `| Header | Value |` describes it.
    const column = header.indexOf('description');
    const described = (_: unknown, i: number) => (column > 0 ? i === column : i > 0);
    for (const row of rows) {
      const name = /^[A-Za-z][\w-]*/.exec(textOf(row.cells[0] ?? { children: [] }))?.[0];
      if (!name || headers.some((h) => h.name.toLowerCase() === name.toLowerCase())) continue;
      const description = row.cells
        .filter(described)
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
