import type {
  Root,
  RootContent,
  Heading,
  Table,
  TableCell,
  Link,
  PhrasingContent,
  Yaml,
} from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { SourceRef, TypeRef } from '../model/types.js';
import { opensSection, type SectionState } from './sections.js';

/** A block-level node with the headings it sits under. */
export interface Block {
  node: RootContent;
  /** Text of the heading that opened the section (see sections.ts), lower-cased ('' before the first). */
  section: string;
  /** Depth of that heading (2 for an H2, 0 before the first). */
  depth: number;
  /** Text of the nearest deeper heading inside that section, lower-cased. */
  subsection: string;
  /** Original text of the nearest H2-or-deeper heading. */
  heading: string;
}

export interface PageDoc {
  file: string;
  frontMatter?: Yaml;
  title?: Heading;
  blocks: Block[];
}

/** `# [HTTP](#tab/http)` style headings mark snippet tabs, not page structure. */
function isTabHeading(node: Heading): boolean {
  return node.children.some((c) => c.type === 'link' && c.url.startsWith('#tab/'));
}

/** Flatten the tree into blocks in document order, descending into lists and quotes. */
export function toPageDoc(file: string, tree: Root): PageDoc {
  resolveReferenceLinks(tree);
  const doc: PageDoc = { file, blocks: [] };
  const state: SectionState = { section: '', depth: 0 };
  let subsection = '';
  let heading = '';
  const walk = (nodes: RootContent[]) => {
    for (const node of nodes) {
      if (node.type === 'yaml' && !doc.frontMatter && doc.blocks.length === 0) {
        doc.frontMatter = node;
        continue;
      }
      if (node.type === 'heading') {
        if (isTabHeading(node)) continue;
        const text = normalise(toString(node));
        if (node.depth === 1 && !doc.title) doc.title = node;
        else if (opensSection(state, Math.max(2, node.depth), text)) subsection = '';
        else subsection = text;
        if (node.depth > 1) heading = toString(node).replace(/\s+/g, ' ').trim();
      }
      if (node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote') {
        walk(node.children);
        continue;
      }
      doc.blocks.push({ node, section: state.section, depth: state.depth, subsection, heading });
    }
  };
  walk(tree.children);
  return doc;
}

type AnyNode = {
  type: string;
  children?: AnyNode[];
  identifier?: string;
  url?: string;
  referenceType?: string;
};

/**
 * `[permission][]` and `[item][item-resource]` with `[item-resource]: ../resources/driveitem.md`
 * below: turn reference links into plain links so every extractor sees one kind of link.
 */
function resolveReferenceLinks(tree: Root): void {
  // A hand walk: unist-util-visit costs ~10× per node here, +0.4 s of extract on the corpus (#19).
  const definitions = new Map<string, string>();
  const collect = (node: AnyNode) => {
    if (node.type === 'definition' && node.identifier && node.url)
      definitions.set(node.identifier.toLowerCase(), node.url);
    node.children?.forEach(collect);
  };
  collect(tree);
  if (!definitions.size) return;
  const rewrite = (node: AnyNode) => {
    if (node.type === 'linkReference') {
      const url = definitions.get((node.identifier ?? '').toLowerCase());
      if (url) Object.assign(node, { type: 'link', url, title: null });
    }
    node.children?.forEach(rewrite);
  };
  rewrite(tree);
}

export function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

export function sourceOf(
  file: string,
  node: { position?: { start: { line: number; column: number } } },
): SourceRef {
  return { file, line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
}

export function blocksIn(doc: PageDoc, test: (section: string) => boolean): Block[] {
  return doc.blocks.filter((b) => test(b.section));
}

/**
 * Blocks of the sections passing `test` that sit highest: where a page has an `## HTTP request`,
 * a `### HTTP request` under another H2 describes some other call (a page's further recipes);
 * where it has none, the nested ones are the page's.
 */
export function topSectionBlocks(doc: PageDoc, test: (section: string) => boolean): Block[] {
  const blocks = blocksIn(doc, test);
  const top = Math.min(...blocks.map((b) => b.depth));
  return blocks.filter((b) => b.depth === top);
}

/** Plain text of a cell or phrasing run, whitespace folded. */
export function textOf(
  node: TableCell | PhrasingContent | { children: PhrasingContent[] },
): string {
  return toString(node).replace(/\s+/g, ' ').trim();
}

export function linksIn(node: { children?: unknown[] }): Link[] {
  // A hand walk: called per block and per type cell, unist-util-visit would add ~0.7 s of extract (#19).
  const found: Link[] = [];
  const visit = (n: { type?: string; children?: unknown[] }) => {
    if (n.type === 'link') found.push(n as Link);
    for (const c of n.children ?? []) visit(c as typeof n);
  };
  visit(node);
  return found;
}

/** A table's rows as header-keyed cells; header names lower-cased. Ragged rows are padded. */
export interface TableRows {
  header: string[];
  rows: { cells: TableCell[]; line: number; column: number }[];
}

export function readTable(table: Table): TableRows {
  const [head, ...body] = table.children;
  const header = (head?.children ?? []).map((c) => normalise(toString(c)));
  return {
    header,
    rows: body.map((row) => ({
      cells: row.children,
      line: row.position?.start.line ?? 1,
      column: row.position?.start.column ?? 1,
    })),
  };
}

/** Strip `.md` and folders from a link target: `../resources/user.md#x` → `user`. */
export function pageKeyOfLink(url: string): string | undefined {
  const clean = url.split(/[?#]/)[0];
  if (!/\.(md|markdown|txt)$/i.test(clean) || /^[a-z]+:/i.test(clean)) return undefined;
  const base = clean.split(/[\\/]/).pop() ?? '';
  return base.replace(/\.(md|markdown|txt)$/i, '').toLowerCase();
}

/**
 * The page key a link to a type's page names: a relative page link (pageKeyOfLink), or a link to
 * the docs site's page of a resource (`/graph/api/resources/directoryobject?view=graph-rest-1.0`,
 * `https://learn.microsoft.com/en-us/graph/api/resources/user`), whose last path segment is the page.
 */
export function typePageKeyOfLink(url: string): string | undefined {
  const relative = pageKeyOfLink(url);
  if (relative) return relative;
  const path = /^(?:https?:\/\/[^/?#]+)?(\/[^?#]*)/i.exec(url)?.[1];
  return path ? /\/resources\/([\w.-]+?)(?:\.md)?\/?$/i.exec(path)?.[1]?.toLowerCase() : undefined;
}

/** Links that follow `first` joined by " or ": `[a](a.md) or [b](b.md)`. */
/**
 * The type a sentence's link names ("a [user](user.md) object"), with the alternatives linked
 * after it ("a [user](user.md) or [group](group.md)") as `anyOf`.
 */
export function linkedType(node: { children?: unknown[] }, link: Link): TypeRef {
  const others = alternativeLinks(node, link).filter((l) => pageKeyOfLink(l.url));
  return {
    kind: 'named',
    name: textOf(link),
    link: pageKeyOfLink(link.url),
    ...(others.length
      ? { anyOf: [link, ...others].map((l) => ({ name: textOf(l), link: pageKeyOfLink(l.url) })) }
      : {}),
  };
}

export function alternativeLinks(node: { children?: unknown[] }, first: Link): Link[] {
  const siblings = (node.children ?? []) as PhrasingContent[];
  const out: Link[] = [];
  let i = siblings.indexOf(first);
  while (i >= 0 && i + 2 < siblings.length) {
    const gap = siblings[i + 1];
    const next = siblings[i + 2];
    if (gap.type !== 'text' || !/^\s*(or|and\/or|,)\s*$/.test(gap.value) || next.type !== 'link')
      break;
    out.push(next);
    i += 2;
  }
  return out;
}
