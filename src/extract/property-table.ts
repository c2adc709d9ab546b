import type { Reporter } from '../diagnostics.js';
import type { PropertyModel } from '../model/types.js';
import type { PageDoc } from './blocks.js';
import { isTypedTable, readTypedTable, type TypedRow } from './typed-table.js';

/**
 * `Not nullable` says no; a bare `Nullable` says yes; otherwise unstated. "Required." is not
 * read: in these docs it speaks of requests (what a create must send), not of values, and the
 * service's typings mostly keep such properties nullable.
 */
export function nullabilityOf(description: string): boolean | undefined {
  if (/\b(not nullable|non-nullable|not null\b)/i.test(description)) return false;
  if (/\bnullable\b/i.test(description)) return true;
  return undefined;
}

export function toProperty(file: string, row: TypedRow): PropertyModel {
  const nullable = nullabilityOf(row.description);
  return {
    name: row.name,
    type: row.type,
    collection: row.collection,
    ...(nullable === undefined ? {} : { nullable }),
    readOnly: /\bread-?only\b/i.test(row.description),
    description: row.description,
    source: { file, line: row.line, column: row.column },
  };
}

/** Rows of the typed tables in the sections whose title passes `test`. */
export function propertiesInSections(doc: PageDoc, report: Reporter, test: (section: string) => boolean): PropertyModel[] {
  const props: PropertyModel[] = [];
  for (const block of doc.blocks) {
    if (block.node.type !== 'table' || !test(block.section) || !isTypedTable(block.node)) continue;
    if (/ values$/.test(block.subsection)) continue;
    for (const row of readTypedTable(block.node, report)) props.push(toProperty(doc.file, row));
  }
  return props;
}

/** The `## Properties` table(s) of a resource page. */
export function extractProperties(doc: PageDoc, report: Reporter): PropertyModel[] {
  return propertiesInSections(doc, report, (s) => /^properties\b/.test(s));
}
