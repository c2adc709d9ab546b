import type { Reporter } from '../shared/diagnostics.js';
import type { PropertyModel } from '../model/types.js';
import type { PageDoc } from './blocks.js';
import { propertiesInSections } from './property-table.js';
import { inSections, sectionRead } from './section-reads.js';

export const RELATIONSHIPS_READ = sectionRead('relationship-table', /^relationships?\b/, 'tables');

/** The `## Relationships` table of a resource page: its navigation properties. */
export function extractRelationships(doc: PageDoc, report: Reporter): PropertyModel[] {
  return propertiesInSections(doc, report, inSections(RELATIONSHIPS_READ));
}
