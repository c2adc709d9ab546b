import type { Table } from 'mdast';
import type { Reporter } from '../shared/diagnostics.js';
import type { EnumMemberModel } from '../model/types.js';
import { readTable, textOf, type PageDoc } from './blocks.js';
import { nameOfCell } from './typed-table.js';
import { headingRead, inSections, sectionRead } from './section-reads.js';

const VALUES_HEADING = /^([A-Za-z_][\w.]*) (values|enum values|enumeration values|members)$/i;

/** An enum page's own members. */
export const ENUM_PAGE_READ = sectionRead('enum-table', /^members?$|^values$/, 'tables');

/** `X values` tables, wherever the heading sits. */
export const ENUM_VALUES_READ = headingRead('enum-table', VALUES_HEADING, 'tables');

export interface EnumDeclaration {
  name: string;
  members: EnumMemberModel[];
  line: number;
  column: number;
}

/** `### callType values` headings name an enum whose members follow in a table. */

export function isMemberTable(table: Table): boolean {
  const { header } = readTable(table);
  return !header.some((h) => /^type\b/.test(h)) && /^(member|value|name)s?\b/.test(header[0] ?? '');
}

/**
 * Enum members from tables: the page's own enum (an enum page's `## Members`), and
 * every `X values` section on any page.
 */
export function extractEnums(
  doc: PageDoc,
  pageEnumName: string | undefined,
  report: Reporter,
): EnumDeclaration[] {
  const byName = new Map<string, EnumDeclaration>();
  for (const block of doc.blocks) {
    if (block.node.type !== 'table' || !isMemberTable(block.node)) continue;
    const named = VALUES_HEADING.exec(block.heading)?.[1];
    const name =
      named ??
      (pageEnumName && inSections(ENUM_PAGE_READ)(block.section) ? pageEnumName : undefined);
    if (!name) continue;
    let decl = byName.get(name);
    if (!decl) byName.set(name, (decl = { name, members: [], ...place(block.node) }));
    decl.members.push(...readMembers(doc.file, block.node, report));
  }
  return [...byName.values()];
}

function place(node: Table) {
  return { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
}

function readMembers(file: string, table: Table, report: Reporter): EnumMemberModel[] {
  const { header, rows } = readTable(table);
  const nameAt = Math.max(
    0,
    header.findIndex((h) => /^member/.test(h)),
  );
  const valueAt = header.findIndex((h, i) => i !== nameAt && /^value/.test(h));
  const descriptionAt = header.findIndex((h) => /^desc/.test(h));
  const members: EnumMemberModel[] = [];
  for (const row of rows) {
    const text = row.cells[nameAt] ? textOf(row.cells[nameAt]) : '';
    const name = nameOfCell(text);
    if (!name) {
      if (text)
        report.warn('table-name-unreadable', `Cannot read an enum member from "${text}".`, {
          line: row.line,
          column: row.column,
        });
      continue;
    }
    const valueText = valueAt >= 0 && row.cells[valueAt] ? textOf(row.cells[valueAt]) : '';
    const value = /^-?\d+$/.test(valueText) ? Number(valueText) : undefined;
    members.push({
      name,
      ...(value === undefined ? {} : { value }),
      description:
        descriptionAt >= 0 && row.cells[descriptionAt] ? textOf(row.cells[descriptionAt]) : '',
      source: { file, line: row.line, column: row.column },
    });
  }
  return members;
}
