import type { Table } from 'mdast';
import type { Reporter } from '../shared/diagnostics.js';
import type { TypeRef } from '../model/types.js';
import { readTable, textOf, type TableRows } from './blocks.js';
import { primitiveNamed } from '../model/names.js';
import { readTypeCell } from './type-cell.js';

/** One row of a name | type | description table (properties, relationships, parameters). */
export interface TypedRow {
  name: string;
  type: TypeRef;
  collection: boolean;
  description: string;
  line: number;
  column: number;
}

/** Name | Type | Description tables; a table led by a Type column lists kinds of something, not properties. */
export function isTypedTable(table: Table): boolean {
  return typeColumn(table) > 0;
}

/**
 * The column holding types: `Type`, or in request bodies `Value` when every one of its cells
 * names a primitive (`| checkInAs | string | … |`); enum tables' Value columns hold numbers.
 */
export function typeColumn(table: Table, valueColumns = false): number {
  return typeColumnOf(readTable(table), valueColumns);
}

function typeColumnOf({ header, rows }: TableRows, valueColumns: boolean): number {
  const typeAt = header.findIndex((h) => /^type\b/.test(h));
  if (typeAt >= 0 || !valueColumns) return typeAt;
  const valueAt = header.indexOf('value');
  const cells = rows.map((r) => r.cells[valueAt]).filter((c) => c && textOf(c));
  return valueAt > 0 &&
    cells.length &&
    cells.every((c) => primitiveNamed(textOf(c).replace(/\s*collection$/i, '')))
    ? valueAt
    : -1;
}

/**
 * The column holding names: the first, unless a later one before the types is headed as names
 * (`| Permission type | Property | Type | … |`: the first column says which kind of object
 * the row is for).
 */
function nameColumnOf(header: string[], typeAt: number): number {
  const named = header.findIndex((h) => /^(property|parameter|name)( name)?$/.test(h));
  return named > 0 && named < typeAt ? named : 0;
}

/** Property and parameter names: the first identifier-like token of the cell. */
export function nameOfCell(text: string): string | undefined {
  return /^[@A-Za-z_$][\w.@$-]*/.exec(text.replace(/[`*\\]/g, '').trim())?.[0];
}

/** `valueColumns`: see typeColumn. */
export function readTypedTable(table: Table, report: Reporter, valueColumns = false): TypedRow[] {
  const { header, rows } = readTable(table);
  const typeAt = typeColumnOf({ header, rows }, valueColumns);
  const nameAt = nameColumnOf(header, typeAt);
  const descriptionAt = header.findIndex((h) => /^desc/.test(h));
  const out: TypedRow[] = [];
  for (const row of rows) {
    const place = { line: row.line, column: row.column };
    if (row.cells.length !== header.length) {
      report.warn(
        'table-ragged',
        `Table row has ${row.cells.length} cells; the header has ${header.length}.`,
        place,
      );
    }
    const nameCell = row.cells[nameAt];
    const typeCell = row.cells[typeAt];
    if (!nameCell || !typeCell) continue;
    const nameText = textOf(nameCell);
    // Section rows such as `| **App role assignments** | | |` carry no property.
    if (!nameText || textOf(typeCell) === '') {
      if (nameText) report.warn('table-type-missing', `Row "${nameText}" has no type.`, place);
      continue;
    }
    const name = nameOfCell(nameText);
    const type = readTypeCell(typeCell);
    if (!name) {
      report.warn('table-name-unreadable', `Cannot read a name from "${nameText}".`, place);
      continue;
    }
    if (!type) {
      report.warn(
        'type-cell-unreadable',
        `Cannot read a type from "${textOf(typeCell)}" for ${name}.`,
        typeCell.position ?? place,
      );
      continue;
    }
    const description =
      descriptionAt >= 0 && row.cells[descriptionAt] ? textOf(row.cells[descriptionAt]) : '';
    out.push({ name, ...type, description, line: row.line, column: row.column });
  }
  return out;
}
