import type { Diagnostic } from '../shared/diagnostics.js';
import type { OperationModel, TypeModel, TypeRef } from './types.js';

/**
 * What the extractors hand to the model and to checks: each page's facts as written, before
 * names are resolved. extract/ produces these; model/build, check/ and the cache read them.
 */

export type PageType = 'api' | 'resource' | 'enum' | 'other';

/** An annotation comment as checks see it. */
export interface AnnotationFact {
  blockType: string;
  annotation: Record<string, unknown>;
  line: number;
  column: number;
  hasCode: boolean;
  lang?: string;
  /** The line of each key as the comment writes it (`"@odata.type": …`), so findings about a key point at it. */
  keyLines: Record<string, number>;
  /** How many headings (H2 and deeper) come before it: two annotations with the same count share a section. */
  headingsBefore: number;
}

/** What one page contributes: serialisable, so it can cross worker threads and be cached. */
export interface PageResult {
  file: string;
  pageType: PageType;
  frontMatter?: Record<string, unknown>;
  title: string;
  types: RawType[];
  operation?: OperationModel;
  annotations: AnnotationFact[];
  links: { key: string; url: string; text: string; line: number; column: number }[];
  /** `TODO` markers left in the page text (outside code blocks), for the placeholder rule. */
  todos: { line: number; column: number; text: string }[];
  /** The permissions table's rows as written (method pages). */
  permissionRows: PermissionRow[];
  /** `docs2ts-disable…` comments and ApiDoctor suppressions, for check to apply. */
  suppressions: SuppressionFact[];
  /** The HTTP request lines as written, each with its query and line (method pages). */
  requestLines?: RequestLine[];
  /** What the Request body section says in prose: none, or a body described in words (method pages with the section). */
  requestBodyStated?: 'none' | 'described';
  /** The properties the page's JSON representation shows (resource pages): some are missing from its tables. */
  representedProperties?: RepresentedProperty[];
  diagnostics: Diagnostic[];
}

/** A type as a page declares it: its base type is still a reference for the link step. */
/** What building the model reads of a page, and all `generate` keeps of it (its page stage stores only this). */
export type ModelFacts = Pick<
  PageResult,
  'file' | 'pageType' | 'title' | 'types' | 'operation' | 'diagnostics'
>;

/** A page's model facts, without what only `check` reads (links, annotations, tables as written…). */
export function modelFacts({
  file,
  pageType,
  title,
  types,
  operation,
  diagnostics,
}: PageResult): ModelFacts {
  return operation
    ? { file, pageType, title, types, operation, diagnostics }
    : { file, pageType, title, types, diagnostics };
}

export interface RawType extends TypeModel {
  baseRef?: TypeRef;
  /** Types the property rows say are inherited from (see inheritedFromRows). */
  inheritedRefs?: TypeRef[];
  /** Types the page lists as derived from this one (see derivedTypesListed). */
  derivedRefs?: TypeRef[];
  /** `"baseType": null` in the annotation: the page says the type has no base. */
  noBase?: boolean;
  /** `page`: the page's own type; `section`: an enum from an `X values` section, which yields to a page. */
  declaredBy: 'page' | 'section';
}

/** A top-level property of a page's JSON representation, where its key is written. */
export interface RepresentedProperty {
  name: string;
  /** The value shown is an array. */
  collection: boolean;
  line: number;
  column: number;
}

/** A permissions table row as written, for checks ("Not supported.", "None.", placeholders). */
export interface PermissionRow {
  kind: string;
  text: string;
  line: number;
  column: number;
}

/**
 * A suppression written in a page, as data: `check` applies it (src/check/suppress.ts).
 * - `next-line`: `<!-- docs2ts-disable-next-line rule… -->` covers the line after the comment;
 *   `line`: `<!-- docs2ts-disable-line rule… -->` covers its own line;
 * - `range`: `<!-- docs2ts-disable rule… -->` up to `<!-- docs2ts-enable rule… -->` or the end of the page;
 * - `apidoctor`: one entry of an ApiDoctor page annotation's `suppressions` (`"Warning: …: message"`),
 *   the whole page; `text` holds it, check maps it to a docs2ts rule.
 */
export interface SuppressionFact {
  kind: 'next-line' | 'line' | 'range' | 'apidoctor';
  /** The rule id suppressed; `*` for every rule (a comment naming none). */
  rule: string;
  /** Where the comment (or annotation) is. */
  line: number;
  column: number;
  /** Lines covered, inclusive. */
  from: number;
  to: number;
  text?: string;
}

export interface RequestLine {
  path: string;
  query: string;
  line: number;
}

/** The annotation block types a page may use (`"blockType": "…"`). */
export const KNOWN_BLOCK_TYPES = [
  'request',
  'response',
  'resource',
  'ignored',
  'example',
  'samples',
  'enum',
  // Newer pages: before the include their generated permissions table is kept in.
  'permissions',
];
