import type { Table } from 'mdast';
import { Reporter } from '../shared/diagnostics.js';
import type { PropertyModel } from '../model/types.js';
import { readTable, type Block, type PageDoc } from './blocks.js';
import { isTypedTable, readTypedTable, type TypedRow } from './typed-table.js';
import { inSections, sectionRead } from './section-reads.js';

/** A table under `### x values` lists an enum's members, not properties. */
const ENUM_SUBSECTION = / values$/;

export const PROPERTIES_READ = sectionRead(
  'property-table',
  /^properties\b|^\S+ properties$/,
  'tables',
);

/** A page with no properties section: a property table before the first heading. */
export const UNTITLED_TABLE_READ = sectionRead('property-table', /^$/, 'tables');

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

/** A parameter's description saying its value may be null: "Nullable", "Set it to `null` otherwise", "If null, …". */
export function admitsNullSaid(description: string): boolean {
  return (
    nullabilityOf(description) === true ||
    /\b(set (it |this )?to null|if (it is |the value is )?null\b|(can|may) be null\b)/i.test(
      description,
    )
  );
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

/** Rows of the typed tables in the sections whose title passes `test` (and the tables `keep` keeps). */
export function propertiesInSections(
  doc: PageDoc,
  report: Reporter,
  test: (section: string) => boolean,
  keep: (block: Block & { node: Table }) => boolean = () => true,
): PropertyModel[] {
  const props: PropertyModel[] = [];
  for (const block of doc.blocks) {
    if (block.node.type !== 'table' || !test(block.section) || !isTypedTable(block.node)) continue;
    if (ENUM_SUBSECTION.test(block.subsection) || !keep(block as Block & { node: Table })) continue;
    for (const row of readTypedTable(block.node, report)) props.push(toProperty(doc.file, row));
  }
  return props;
}

/** `Property | Type | Description`: the shape of a property table, whatever heading it is under. */
function isPropertyTable(table: Table): boolean {
  return /^property\|type\|description$/.test(readTable(table).header.join('|'));
}

/**
 * The property tables of a resource page: those of its Properties section (`## Properties`,
 * `### Properties`, `## operationError Properties`), or, on a page without one, property-shaped
 * tables under no heading at all. A table under a sub-heading of the section ("Properties of a
 * … policy definition") describes the value of one property, not the type, unless the JSON
 * representation (`jsonKeys`, when the page has one) names one of its rows.
 */
export function extractProperties(
  doc: PageDoc,
  report: Reporter,
  jsonKeys?: Set<string>,
): PropertyModel[] {
  const isSection = inSections(PROPERTIES_READ);
  const ofTheType = (block: Block & { node: Table }) =>
    !block.subsection ||
    !jsonKeys ||
    readTypedTable(block.node, new Reporter(doc.file)).some((row) => jsonKeys.has(row.name));
  if (doc.blocks.some((b) => b.node.type === 'table' && isSection(b.section)))
    return propertiesInSections(doc, report, isSection, ofTheType);
  return propertiesInSections(doc, report, inSections(UNTITLED_TABLE_READ), (block) =>
    isPropertyTable(block.node),
  );
}
