import type { Reporter } from '../diagnostics.js';
import type { TypeModel, TypeRef } from '../model/types.js';
import type { AnnotatedBlock } from './annotations.js';
import { linksIn, pageKeyOfLink, sourceOf, textOf, type PageDoc } from './blocks.js';
import { extractProperties } from './property-table.js';
import { extractRelationships } from './relationship-table.js';

export const DEFAULT_NAMESPACE = 'microsoft.graph';

/** Split `microsoft.graph.callRecords.session` into namespace and name. */
export function splitFullName(fullName: string): { namespace: string; name: string } {
  const clean = fullName.replace(/^#/, '');
  const dot = clean.lastIndexOf('.');
  return dot < 0 ? { namespace: DEFAULT_NAMESPACE, name: clean } : { namespace: clean.slice(0, dot), name: clean.slice(dot + 1) };
}

/** `Namespace: microsoft.graph.callRecords` (a line of prose, or a front matter key). */
export function extractNamespace(doc: PageDoc, frontMatter: Record<string, unknown> | undefined): string | undefined {
  if (typeof frontMatter?.Namespace === 'string') return frontMatter.Namespace;
  for (const { node } of doc.blocks.slice(0, 12)) {
    if (node.type !== 'paragraph') continue;
    const match = /^Namespace:\s*([\w.]+)/i.exec(textOf(node));
    if (match) return match[1];
  }
  return undefined;
}

/** "Inherits from [entity](entity.md)" in the page's prose. */
function inheritsFrom(doc: PageDoc): TypeRef | undefined {
  for (const { node, section } of doc.blocks) {
    if (node.type !== 'paragraph' || (section && !/^(properties|overview)/.test(section))) continue;
    const text = textOf(node);
    const at = text.search(/\b(inherits|derived|derives) from\b/i);
    if (at < 0) continue;
    const link = linksIn(node).find((l) => text.indexOf(textOf(l), at) >= 0 && pageKeyOfLink(l.url));
    if (link) return { kind: 'named', name: textOf(link), link: pageKeyOfLink(link.url) };
  }
  return undefined;
}

/** "teamsTabConfiguration resource type (Open Type)", "This type is an open type.", "hence this is an [open type](…)". */
function saysOpenType(doc: PageDoc): boolean {
  if (doc.title && /\(open type\)/i.test(textOf(doc.title))) return true;
  return doc.blocks.some(({ node }) => node.type === 'paragraph' && /\b(this|it)( type)? is an open type\b/i.test(textOf(node)));
}

/** A type as a page declares it: its base type is still a reference for the link step. */
export interface RawType extends TypeModel {
  baseRef?: TypeRef;
  /** `page`: the page's own type; `section`: an enum from an `X values` section, which yields to a page. */
  declaredBy: 'page' | 'section';
}

/** The type a resource page declares: annotation, title, tables. Names stay unresolved here. */
export function extractResourceType(
  doc: PageDoc, titleName: string | undefined, namespace: string | undefined,
  annotations: AnnotatedBlock[], report: Reporter,
): RawType | undefined {
  const resource = annotations.find((a) => a.blockType === 'resource');
  const a = resource?.annotation ?? {};
  const odataType = a['@odata.type'] ?? a['@type'];
  const declared = typeof odataType === 'string' ? splitFullName(odataType) : undefined;
  const name = declared?.name ?? titleName;
  if (!name) return undefined;
  const ns = declared?.namespace ?? namespace ?? DEFAULT_NAMESPACE;
  // `"baseType": ""` names no type: as if no base type were given there.
  const base: TypeRef | undefined = typeof a.baseType === 'string' && a.baseType.trim() ? { kind: 'named', name: a.baseType.trim() } : inheritsFrom(doc);
  const navigationProperties = extractRelationships(doc, report);
  const key = typeof a.keyProperty === 'string' ? (a.keyProperty as string) : undefined;
  return {
    name,
    namespace: ns,
    fullName: `${ns}.${name}`,
    kind: key || navigationProperties.length ? 'entity' : 'complex',
    ...(base ? { baseRef: base } : {}),
    abstract: a.abstract === true,
    open: a.openType === true || saysOpenType(doc),
    ...(key ? { key } : {}),
    description: '',
    properties: extractProperties(doc, report),
    navigationProperties,
    members: [],
    derivedTypes: [],
    declaredBy: 'page',
    source: sourceOf(doc.file, resource?.comment ?? doc.title ?? { position: undefined }),
  };
}
