import type { Reporter } from '../shared/diagnostics.js';
import { DEFAULT_NAMESPACE, splitFullName } from '../model/names.js';
import type { RawType } from '../model/page-facts.js';
import type { TypeRef } from '../model/types.js';
import type { AnnotatedBlock } from './annotations.js';
import { createScanner, SyntaxKind } from 'jsonc-parser';
import type { Link, Paragraph, PhrasingContent } from 'mdast';
import { linksIn, sourceOf, textOf, typePageKeyOfLink, type PageDoc } from './blocks.js';
import { extractProperties } from './property-table.js';
import { extractRelationships } from './relationship-table.js';
import { inSections, sectionRead } from './section-reads.js';

/** "Inherits from [entity](entity.md)" in the page's intro or its properties' prose. */
export const INHERITANCE_PROSE_READ = sectionRead('resource', /^$|^(properties|overview)/, 'prose');

/** "Inherited from [base](…)" in property rows. */
export const INHERITED_ROWS_READ = sectionRead('resource', /^properties\b/, 'tables');

/** The links of a "Derived types" section (a table or a paragraph). */
export const DERIVED_TYPES_READ = sectionRead('resource', /^derived types?$/, 'prose', 'tables');

/** The JSON representation is read as its annotated code block only. */
export const JSON_REPRESENTATION_READ = sectionRead('resource', /^json representation/);

/** `Namespace: microsoft.graph.callRecords` (a line of prose, or a front matter key). */
export function extractNamespace(
  doc: PageDoc,
  frontMatter: Record<string, unknown> | undefined,
): string | undefined {
  if (typeof frontMatter?.Namespace === 'string') return frontMatter.Namespace;
  for (const { node } of doc.blocks.slice(0, 12)) {
    if (node.type !== 'paragraph') continue;
    const match = /^Namespace:\s*([\w.]+)/i.exec(textOf(node));
    if (match) return match[1];
  }
  return undefined;
}

/** The first type link in `node` at or after the phrase `phrase` matches. */
function linkAfter(
  node: Parameters<typeof linksIn>[0] & { children: PhrasingContent[] },
  phrase: RegExp,
): TypeRef | undefined {
  const text = textOf(node);
  const at = text.search(phrase);
  if (at < 0) return undefined;
  const link = linksIn(node).find(
    (l) => text.indexOf(textOf(l), at) >= 0 && typePageKeyOfLink(l.url),
  );
  return link
    ? { kind: 'named', name: textOf(link), link: typePageKeyOfLink(link.url) }
    : undefined;
}

/**
 * "Inherits from [entity](entity.md)" (or a link to the docs site's page of the base) in the
 * page's prose, or "A subclass of [educationResource](…)" with the link right after the words.
 */
function inheritsFrom(doc: PageDoc): TypeRef | undefined {
  for (const { node, section } of doc.blocks) {
    if (node.type !== 'paragraph' || !inSections(INHERITANCE_PROSE_READ)(section)) continue;
    const base = linkAfter(node, /\b(inherits|derived|derives) from\b/i);
    if (base) return base;
    const at = node.children.findIndex(
      (c, i) =>
        c.type === 'link' &&
        typePageKeyOfLink(c.url) &&
        i > 0 &&
        /\bsub(class|type) of\s*$/i.test(textOf(node.children[i - 1])),
    );
    const link = node.children[at];
    if (link?.type === 'link')
      return { kind: 'named', name: textOf(link), link: typePageKeyOfLink(link.url) };
  }
  return undefined;
}

/** "teamsTabConfiguration resource type (Open Type)", "This type is an open type.", "hence this is an [open type](…)". */
function saysOpenType(doc: PageDoc): boolean {
  if (doc.title && /\(open type\)/i.test(textOf(doc.title))) return true;
  return doc.blocks.some(
    ({ node }) =>
      node.type === 'paragraph' && /\b(this|it)( type)? is an open type\b/i.test(textOf(node)),
  );
}

/**
 * "Inherited from [identityProviderBase](…)" in property rows: the types the rows name, for
 * the link step to take the most derived of (a row may name an ancestor further up).
 */
function inheritedFromRows(doc: PageDoc): TypeRef[] {
  const refs: TypeRef[] = [];
  for (const { node, section } of doc.blocks) {
    if (node.type !== 'table' || !inSections(INHERITED_ROWS_READ)(section)) continue;
    for (const row of node.children.slice(1)) {
      for (const cell of row.children) {
        const ref = linkAfter(cell, /\binherited from\b/i);
        if (ref?.kind === 'named' && !refs.some((r) => r.kind === 'named' && r.link === ref.link))
          refs.push(ref);
      }
    }
  }
  return refs;
}

/**
 * The types a base's page lists as derived from it: the links of a "Derived types" section
 * (a table's first column or a list), or of a sentence "the derived types are [a](a.md), [b](b.md)".
 */
function derivedTypesListed(doc: PageDoc): TypeRef[] {
  const refs: TypeRef[] = [];
  const add = (links: ReturnType<typeof linksIn>) => {
    for (const l of links) {
      const key = typePageKeyOfLink(l.url);
      if (key && !refs.some((r) => r.kind === 'named' && r.link === key))
        refs.push({ kind: 'named', name: textOf(l), link: key });
    }
  };
  for (const { node, section, subsection } of doc.blocks) {
    if (inSections(DERIVED_TYPES_READ)(subsection || section)) {
      if (node.type === 'table')
        add(
          node.children
            .slice(1)
            .flatMap((row) => (row.children[0] ? linksIn(row.children[0]) : [])),
        );
      else if (node.type === 'paragraph') add(linksIn(node));
      continue;
    }
    if (node.type !== 'paragraph') continue;
    const text = textOf(node);
    const at = text.search(
      /\bderived types (are|include)\b|\bthe following types (derive|inherit) from\b/i,
    );
    if (at >= 0) add(linksIn(node).filter((l) => text.indexOf(textOf(l), at) >= 0));
    else add(baseTypeFor(node, text));
  }
  return refs;
}

/**
 * The links of a sentence naming the page's type the base of others: "the base type for
 * [eventMessageRequest](…) and [eventMessageResponse](…)", "base class for operation types such
 * as [printerCreateOperation](…)", "The abstract base type for the [singleUser](…), [groupMembers](…)
 * … types". The first link must follow the phrase directly (or "the", or "… such as"), so that
 * "a base class for apply actions in the [accessReviewScheduleSettings](…)" names none.
 */
function baseTypeFor(node: Paragraph, text: string): Link[] {
  const phrase = /\bbase (?:type|class|entity) for\b/i.exec(text);
  if (!phrase) return [];
  const from = phrase.index + phrase[0].length;
  const stop = text.slice(from).search(/\.(\s|$)/);
  const end = stop < 0 ? text.length : from + stop;
  const placed = linksIn(node)
    .map((link) => ({ link, at: text.indexOf(textOf(link), from) }))
    .filter(({ at }) => at >= from && at < end);
  const lead = placed.length ? text.slice(from, placed[0].at) : '';
  return placed.length && /^(\s+the)?\s*$|\bsuch as\s*$/i.test(lead)
    ? placed.map(({ link }) => link)
    : [];
}

/**
 * The top-level property names of a JSON representation (comments and placeholders tolerated),
 * read token by token so any nesting depth costs linear time; undefined when it is not an object.
 */
function jsonKeysOf(text: string): Set<string> | undefined {
  const scanner = createScanner(text, true);
  const keys = new Set<string>();
  let depth = 0;
  let pending: string | undefined;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (depth === 0 && token !== SyntaxKind.OpenBraceToken) return undefined;
    if (token === SyntaxKind.StringLiteral) {
      pending = depth === 1 ? scanner.getTokenValue() : undefined;
      continue;
    }
    if (token === SyntaxKind.ColonToken && pending !== undefined) keys.add(pending);
    pending = undefined;
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) depth++;
    else if (
      (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) &&
      --depth === 0
    )
      break;
  }
  return keys;
}

/** The type a resource page declares: annotation, title, tables. Names stay unresolved here. */
export function extractResourceType(
  doc: PageDoc,
  titleName: string | undefined,
  namespace: string | undefined,
  annotations: AnnotatedBlock[],
  report: Reporter,
): RawType | undefined {
  const resource = annotations.find((a) => a.blockType === 'resource');
  const a = resource?.annotation ?? {};
  const odataType = a['@odata.type'] ?? a['@type'];
  const declared = typeof odataType === 'string' ? splitFullName(odataType) : undefined;
  const name = declared?.name ?? titleName;
  if (!name) return undefined;
  const ns = declared?.namespace ?? namespace ?? DEFAULT_NAMESPACE;
  // `"baseType": ""` names no type: as if no base type were given there.
  const base: TypeRef | undefined =
    typeof a.baseType === 'string' && a.baseType.trim()
      ? { kind: 'named', name: a.baseType.trim() }
      : inheritsFrom(doc);
  const navigationProperties = extractRelationships(doc, report);
  const key = typeof a.keyProperty === 'string' ? a.keyProperty : undefined;
  const inheritedRefs = base ? [] : inheritedFromRows(doc);
  const derivedRefs = derivedTypesListed(doc);
  return {
    name,
    namespace: ns,
    fullName: `${ns}.${name}`,
    kind: key || navigationProperties.length ? 'entity' : 'complex',
    ...(base ? { baseRef: base } : {}),
    ...(inheritedRefs.length ? { inheritedRefs } : {}),
    ...(derivedRefs.length ? { derivedRefs } : {}),
    ...(a.baseType === null ? { noBase: true } : {}),
    abstract: a.abstract === true,
    open: a.openType === true || saysOpenType(doc),
    ...(key ? { key } : {}),
    description: '',
    properties: extractProperties(
      doc,
      report,
      resource?.code ? jsonKeysOf(resource.code.value) : undefined,
    ),
    navigationProperties,
    members: [],
    derivedTypes: [],
    declaredBy: 'page',
    source: sourceOf(doc.file, resource?.comment ?? doc.title ?? { position: undefined }),
  };
}
