import { pageKeyOfFile } from '../model/names.js';
import type { PageResult } from '../model/page-facts.js';
import type { OperationModel } from '../model/types.js';
import type { Rule } from './rule.js';

/** A path template with placeholder names ignored: `/users/{user-id}/events/{id}` ≡ `/users/{id}/events/{event-id}`. */
export function templateKey(path: string): string {
  return path
    .toLowerCase()
    .replace(/'?\{[^}]*\}'?/g, '{}')
    .replace(/\/+$/, '');
}

/**
 * What the operation returns, or else what it takes, or else the type the page's introduction
 * links to ("Deletes a [androidStoreApp](…)"): pages of derived types that document their base
 * collection's path (`DELETE /deviceAppManagement/mobileApps/{id}` for each kind of app) differ here.
 */
function subjectOf(
  op: OperationModel,
  page: PageResult | undefined,
  typeOfPage: Map<string, string>,
): string {
  const { type, collection } = op.response;
  if (type?.kind === 'named')
    return `returning ${collection ? `a collection of ${type.name}` : type.name}`;
  const body = op.requestBody;
  if (body.kind === 'type' && body.type.kind === 'named') return `taking ${body.type.name}`;
  const intro = page?.links.find((l) => l.line < op.source.line && typeOfPage.has(l.key));
  return intro ? `on ${typeOfPage.get(intro.key)}` : 'with no response body';
}

interface Documented {
  op: OperationModel;
  path: string;
  line: number;
  subject: string;
}

export const operationPathDuplicate: Rule = {
  id: 'operation-path-duplicate',
  severity: 'warning',
  description:
    'Two method pages document one operation: the same HTTP method, path template (placeholder names ignored) and response type.',
  run({ model, pages, report }) {
    const pageOf = new Map(pages.map((p) => [p.file, p]));
    const typeOfPage = new Map<string, string>();
    for (const p of pages) {
      const own = p.types.find((t) => t.declaredBy === 'page');
      if (own) typeOfPage.set(pageKeyOfFile(p.file), own.fullName);
    }
    // One operation: method, template, query variant (`?$expand=…` is another request), subject.
    const operations = new Map<string, Documented[]>();
    for (const op of model.operations) {
      const page = pageOf.get(op.source.file);
      const lines =
        page?.requestLines ?? op.paths.map((path) => ({ path, query: '', line: op.source.line }));
      const subject = subjectOf(op, page, typeOfPage);
      for (const { path, query, line } of lines) {
        const key = `${op.method} ${templateKey(path)}?${templateKey(query)} ${subject}`;
        const list = operations.get(key) ?? [];
        if (list.at(-1)?.op !== op)
          list.push({ op, path: query ? `${path}?${query}` : path, line, subject });
        operations.set(key, list);
      }
    }
    // Pages that share several paths are one duplicate: reported once, on the second page, at its first shared line.
    const shared = new Map<string, Documented[][]>();
    for (const list of operations.values()) {
      if (list.length < 2) continue;
      const sorted = [...list].sort((a, b) => (a.op.source.file < b.op.source.file ? -1 : 1));
      const pagesKey = sorted.map((d) => d.op.id).join(' ');
      shared.set(pagesKey, [...(shared.get(pagesKey) ?? []), sorted]);
    }
    for (const groups of shared.values()) {
      const at = groups.map((g) => g[1]).sort((a, b) => a.line - b.line)[0];
      const others = groups[0].filter((d) => d.op !== at.op).map((d) => d.op.id);
      const more =
        groups.length > 1
          ? ` (and ${groups.length - 1} more path${groups.length > 2 ? 's' : ''})`
          : '';
      report(
        at.op.source.file,
        { line: at.line, column: 1 },
        `${at.op.method} ${at.path}${more} is also documented by ${others.join(', ')}, ${at.subject}.`,
      );
    }
  },
};
