import type { Reporter } from '../shared/diagnostics.js';
import type { PropertyModel } from '../model/types.js';
import type { PageDoc } from './blocks.js';
import { propertiesInSections } from './property-table.js';

/** The `## Relationships` table of a resource page: its navigation properties. */
export function extractRelationships(doc: PageDoc, report: Reporter): PropertyModel[] {
  return propertiesInSections(doc, report, (s) => /^relationships?\b/.test(s));
}
