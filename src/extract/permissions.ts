import type { PermissionsModel } from '../model/types.js';
import { readTable, textOf, type PageDoc } from './blocks.js';

const SCOPE = /^[A-Za-z][\w-]*(\.[A-Za-z][\w-]*)+$/;

/** A permissions table row as written, for checks ("Not supported.", "None.", placeholders). */
export interface PermissionRow {
  kind: string;
  text: string;
  line: number;
  column: number;
}

/** The `## Permissions` (or `## Prerequisites`) table: scopes by permission kind; placeholders and "Not supported" give none. */
export function extractPermissions(doc: PageDoc): { permissions: PermissionsModel; rows: PermissionRow[] } {
  const permissions: PermissionsModel = { delegatedWork: [], delegatedPersonal: [], application: [] };
  const rows: PermissionRow[] = [];
  for (const block of doc.blocks) {
    if (block.node.type !== 'table' || !/^(permissions?|prerequisites)\b/.test(block.section)) continue;
    for (const row of readTable(block.node).rows) {
      const kind = textOf(row.cells[0] ?? { children: [] }).toLowerCase();
      const text = textOf(row.cells[1] ?? { children: [] });
      rows.push({ kind, text, line: row.line, column: row.column });
      const scopes = text
        .split(/[,;]|\s+or\s+|\s+and\s+|\s+/)
        .map((s) => s.trim().replace(/[.*]+$/, ''))
        .filter((s) => SCOPE.test(s));
      const key = /personal/.test(kind) ? 'delegatedPersonal' : /delegated/.test(kind) ? 'delegatedWork' : /application/.test(kind) ? 'application' : undefined;
      if (key) for (const s of scopes) if (!permissions[key].includes(s)) permissions[key].push(s);
    }
  }
  return { permissions, rows };
}
