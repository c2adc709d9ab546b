import type { PermissionRow } from '../model/page-facts.js';
import type { PermissionsModel } from '../model/types.js';
import { readTable, textOf, type PageDoc } from './blocks.js';
import { inSections, sectionRead } from './section-reads.js';

/** Permission tables (and the prerequisites sections older pages put them in). */
export const PERMISSIONS_READ = sectionRead(
  'permissions',
  /^(permissions?|prerequisites)\b/,
  'tables',
);

const SCOPE = /^[A-Za-z][\w-]*(\.[A-Za-z][\w-]*)+$/;

type Kind = keyof PermissionsModel;

function kindOf(text: string): Kind | undefined {
  const t = text.toLowerCase();
  return /personal/.test(t)
    ? 'delegatedPersonal'
    : /delegated/.test(t)
      ? 'delegatedWork'
      : /application/.test(t)
        ? 'application'
        : undefined;
}

function scopesIn(text: string): string[] {
  return text
    .split(/[,;]|\s+or\s+|\s+and\s+|\s+/)
    .map((s) => s.trim().replace(/[.*]+$/, ''))
    .filter((s) => SCOPE.test(s));
}

/**
 * The `## Permissions` (or `## Prerequisites`) table: scopes by permission kind; placeholders and
 * "Not supported" give none. Two layouts: a row per kind (`| Delegated (work or school account) | User.Read |`,
 * least and higher privileged in two columns in the newer template), or a row per resource with
 * the kinds as columns (`| Supported resource | Delegated … | Application |`).
 */
export function extractPermissions(doc: PageDoc): {
  permissions: PermissionsModel;
  rows: PermissionRow[];
} {
  const permissions: PermissionsModel = {
    delegatedWork: [],
    delegatedPersonal: [],
    application: [],
  };
  const rows: PermissionRow[] = [];
  const add = (kind: Kind | undefined, text: string) => {
    if (kind)
      for (const s of scopesIn(text)) if (!permissions[kind].includes(s)) permissions[kind].push(s);
  };
  for (const block of doc.blocks) {
    if (block.node.type !== 'table' || !inSections(PERMISSIONS_READ)(block.section)) continue;
    const table = readTable(block.node);
    const columnKinds = table.header.map(kindOf);
    const kindsAsColumns = columnKinds.filter(Boolean).length >= 2;
    // A row per kind: the second column, and the newer template's third (`| Permission type |
    // Least privileged permissions | Higher privileged permissions |`).
    const permissionColumns = [
      1,
      ...table.header.flatMap((h, i) => (i > 1 && /permission|privileged/.test(h) ? [i] : [])),
    ];
    for (const row of table.rows) {
      const cells = row.cells.map((c) => textOf(c));
      if (kindsAsColumns) {
        cells.forEach((text, i) => {
          if (!columnKinds[i]) return;
          rows.push({ kind: table.header[i], text, line: row.line, column: row.column });
          add(columnKinds[i], text);
        });
        continue;
      }
      const kind = (cells[0] ?? '').toLowerCase();
      for (const i of permissionColumns) {
        const text = cells[i] ?? '';
        rows.push({ kind, text, line: row.line, column: row.column });
        add(kindOf(kind), text);
      }
    }
  }
  return { permissions, rows };
}
