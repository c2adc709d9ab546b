import type { Reporter } from '../shared/diagnostics.js';
import { pathOfUrl } from '../model/path-templates.js';
import type { RequestLine } from '../model/page-facts.js';
import type { HttpMethod } from '../model/types.js';
import { topSectionBlocks, type PageDoc } from './blocks.js';
import { inSections, sectionRead } from './section-reads.js';

/**
 * The request lines are code blocks; a table in the section (path parameters) tells the page
 * type (extract/page.ts) that the page documents a call.
 */
export const HTTP_REQUEST_READ = sectionRead('http-request', /^http request/, 'tables');

export interface HttpRequestLines {
  method: HttpMethod;
  paths: string[];
  /** Query parameter names written in the request lines (`…/$ref?$id={id}`). */
  query: string[];
  /** Every request line as written: its path, its query (`$expand=…`, '' when none) and its line. */
  lines: RequestLine[];
  line: number;
  column: number;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const REQUEST_LINE = /^\s*([A-Za-z]+)\s+(\S.*?)(?:\s+HTTP\/[\d.]+)?\s*$/;

/** Code blocks of another language (a C# snippet explaining how to encode an id) are not request lines. */
const REQUEST_LANGS = /^(https?|msgraph-interactive)$/i;

/** After a request line, a header (`Content-Type: …`), a JSON body or a multipart boundary: the rest of the block is an example of that request. */
const EXAMPLE_CONTINUES = /^\s*([\w-]+\s*:\s|[{[]|--)/;

/** The `## HTTP request` block(s): one `METHOD /path` per line. */
export function extractHttpRequest(doc: PageDoc, report: Reporter): HttpRequestLines | undefined {
  let result: HttpRequestLines | undefined;
  // The paths and query names kept so far, and the paths' shapes, as sets: a page may write
  // thousands of lines.
  const kept = new Set<string>();
  const shapes = new Set<string>();
  const queryNames = new Set<string>();
  for (const block of topSectionBlocks(doc, inSections(HTTP_REQUEST_READ))) {
    const node = block.node;
    if (node.type !== 'code' || (node.lang && !REQUEST_LANGS.test(node.lang))) continue;
    const first = node.position?.start.line ?? 1;
    let requestSeen = false;
    for (const [index, text] of node.value.split('\n').entries()) {
      if (!text.trim() || /^\s*(#|\/\/)/.test(text)) continue;
      if (requestSeen && EXAMPLE_CONTINUES.test(text)) break;
      const place = { line: first + 1 + index, column: 1 };
      const match = REQUEST_LINE.exec(text);
      const method = match?.[1].toUpperCase();
      if (!match || !METHODS.includes(method!)) {
        report.warn(
          'http-request-malformed',
          `Not an HTTP request line: "${text.trim().slice(0, 80)}".`,
          place,
        );
        continue;
      }
      requestSeen = true;
      const [target, queryText = ''] = match[2].split('?');
      const written = pathOfUrl(target);
      const path = withPlaceholdersForIds(written);
      if (path !== written)
        report.warn(
          'http-request-literal-id',
          `Request line names a literal id where a placeholder belongs: read as ${path}.`,
          place,
        );
      if (!isUrlPath(path)) {
        report.warn(
          'http-request-malformed',
          `Not a URL path: "${match[2].trim().slice(0, 80)}"; no request is made for it.`,
          place,
        );
        continue;
      }
      if (!result)
        result = { method: method as HttpMethod, paths: [], query: [], lines: [], ...place };
      else if (result.method !== method) {
        report.warn(
          'http-request-mixed-methods',
          `Request line uses ${method}; the page's first request line uses ${result.method}.`,
          place,
        );
        continue;
      }
      result.lines.push({ path, query: queryText.trim(), line: place.line });
      // A repaired line is dropped where the page also writes it with placeholders.
      const known = path === written ? kept.has(path) : shapes.has(shapeOf(path));
      if (!known) {
        result.paths.push(path);
        kept.add(path);
        shapes.add(shapeOf(path));
      }
      for (const pair of queryText.split('&')) {
        const name = pair.split('=')[0].trim();
        if (/^\$?[A-Za-z][\w.-]*$/.test(name) && !queryNames.has(name)) {
          result.query.push(name);
          queryNames.add(name);
        }
      }
    }
  }
  return result;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A request line with a concrete id (a GUID) where a placeholder belongs
 * (`/education/classes/acdefc6b-…/assignments`, copied from an example): each such segment
 * becomes a placeholder named after the collection before it (`{class-id}`), so the stub can
 * address any object.
 */
function withPlaceholdersForIds(path: string): string {
  if (!/[0-9a-f]{8}-/i.test(path)) return path;
  const segments = path.split('/');
  const taken = new Set(pathParameterNames([path]));
  return segments
    .map((segment, i) => {
      if (!GUID.test(segment)) return segment;
      const before = i > 0 && /^[A-Za-z]+$/.test(segments[i - 1]) ? singular(segments[i - 1]) : '';
      const base = before ? `${before}-id` : 'id';
      let name = base;
      for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
      taken.add(name);
      return `{${name}}`;
    })
    .join('/');
}

/** `classes` → `class`, `categories` → `category`, `assignments` → `assignment`. */
const singular = (word: string) =>
  word
    .replace(/ies$/, 'y')
    .replace(/(ss|sh|ch|x)es$/, '$1')
    .replace(/([^s])s$/, '$1');

/** A path with its placeholders' names left out: two request lines of one shape are one path. */
const shapeOf = (path: string) => path.replace(/\{[^{}]*\}/g, '{}').toLowerCase();

/**
 * A path as request lines write one: no white space outside `{placeholders}` and `(arguments)`,
 * and every segment has a letter, digit, `$` or placeholder. Not a path: a generator's
 * placeholder (`** Collection URI for microsoft.graph.x not found`), prose, an ellipsis.
 */
function isUrlPath(path: string): boolean {
  let depth = 0;
  for (const c of path) {
    if (c === '{' || c === '(') depth++;
    else if ((c === '}' || c === ')') && depth > 0) depth--;
    else if (/\s/.test(c) && depth === 0) return false;
  }
  return path
    .split('/')
    .slice(1)
    .every((segment, i, all) => /[\w${]/.test(segment) || (segment === '' && i === all.length - 1));
}

/** `{user-id}` placeholders and function arguments such as `(startDateTime={start})`. */
export function pathParameterNames(paths: string[]): string[] {
  const names = new Set<string>();
  for (const path of paths) for (const m of path.matchAll(/\{([^{}]+)\}/g)) names.add(m[1]);
  return [...names].sort();
}

/** Function arguments written in the path, `(period='{period_value}')` → `period`, with their placeholder. */
export function functionArguments(paths: string[]): Map<string, string> {
  const args = new Map<string, string>();
  for (const path of paths)
    for (const m of path.matchAll(/[(,]\s*([\w-]+)\s*=\s*'?\{([^{}]+)\}/g)) args.set(m[1], m[2]);
  return args;
}
