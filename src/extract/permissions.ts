import type { PermissionsModel } from '../model/types.js';
import { readTable, textOf, type PageDoc } from './blocks.js';

const SCOPE = /^[A-Za-z][\w-]*(\.[A-Za-z][\w-]*)+$/;

/** The `## Permissions` table: scopes by permission kind; placeholders and "Not supported" give none. */
export function extractPermissions(doc: PageDoc): PermissionsModel {
  const permissions: PermissionsModel = { delegatedWork: [], delegatedPersonal: [], application: [] };
  for (const block of doc.blocks) {
    if (block.node.type !== 'table' || !/^permissions?\b/.test(block.section)) continue;
    for (const row of readTable(block.node).rows) {
      const kind = textOf(row.cells[0] ?? { children: [] }).toLowerCase();
      const scopes = textOf(row.cells[1] ?? { children: [] })
        .split(/[,;]|\s+or\s+|\s+and\s+|\s+/)
        .map((s) => s.trim().replace(/[.*]+$/, ''))
        .filter((s) => SCOPE.test(s));
      const key = /personal/.test(kind) ? 'delegatedPersonal' : /delegated/.test(kind) ? 'delegatedWork' : /application/.test(kind) ? 'application' : undefined;
      if (key) for (const s of scopes) if (!permissions[key].includes(s)) permissions[key].push(s);
    }
  }
  return permissions;
}
