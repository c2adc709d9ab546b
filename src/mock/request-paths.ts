// Request paths and queries as the mock matches them: decoded and normalised, and documented
// templates and example paths as patterns (see server.ts for the matching rules).

import { addressesByPath, parsePath, pathOfUrl } from '../model/path-templates.js';
import type { OperationModel } from '../model/types.js';
import { escapeRegex } from '../text/case.js';

export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/%[0-9A-Fa-f]{2}/g, (m) => {
      try {
        return decodeURIComponent(m);
      } catch {
        return m;
      }
    });
  }
}

/**
 * A path as matched: percent-decoded, below the version segment, no trailing slash. A
 * request's `%2F` stays encoded (`keepEncodedSlashes`): it is part of its segment (an id
 * holding a slash), where a relative path (`root:/a/b:`) sends its slashes as they are.
 */
export function normalizePath(path: string, keepEncodedSlashes = false): string {
  const text = path.trim();
  const decoded = keepEncodedSlashes
    ? text.split(/%2f/i).map(safeDecode).join('%2F')
    : safeDecode(text);
  let out = pathOfUrl(decoded);
  if (out.length > 1) out = out.replace(/\/+$/, '');
  return out;
}

/** Query parameters of a request target, decoded like the docs reader decodes example URLs (`+` is a space). */
export function parseQuery(search: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const pair of search.replace(/^\?/, '').split('&').filter(Boolean)) {
    const eq = pair.indexOf('=');
    const key = safeDecode((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
    query[key] = eq < 0 ? '' : safeDecode(pair.slice(eq + 1).replace(/\+/g, ' '));
  }
  return query;
}

/** A compiled path (or value) pattern. */
export interface PathPattern {
  regex: RegExp;
  /** Characters matched literally: more is more specific. */
  literal: number;
  /** Placeholders and free argument lists in it. */
  wildcards: number;
  /**
   * One digit per path segment, left to right: 2 literal, 1 partly literal (a function call with
   * free arguments, `a{b}`), 0 a placeholder. Compared as text, a literal segment beats a
   * placeholder at the first segment where two patterns differ.
   */
  specificity: string;
}

const PLACEHOLDER = /\{[^{}]*\}|<[^<>/]*>/;

/**
 * A pattern from a path as the docs write it. Placeholders (`{id}`, `<id>`) match one segment
 * (a relative path, `root:/{item-path}:`, one or more), or any text inside parentheses. With `anyArguments` (templates), every function call's
 * argument list matches any arguments.
 */
export function pathPattern(text: string, anyArguments: boolean): PathPattern {
  let source = '';
  let literal = 0;
  let wildcards = 0;
  let depth = 0;
  const token = new RegExp(`${PLACEHOLDER.source}|[()]|[^{}<>()]+|[\\s\\S]`, 'g');
  for (let m = token.exec(text); m; m = token.exec(text)) {
    const t = m[0];
    if (t === '(') {
      const close = anyArguments && depth === 0 ? matchingParen(text, m.index) : -1;
      if (close > 0) {
        // Any arguments: skip to the matching parenthesis.
        source += '\\(.*\\)';
        wildcards++;
        token.lastIndex = close + 1;
      } else {
        depth++;
        source += '\\(';
      }
      continue;
    }
    if (t === ')') {
      depth = Math.max(0, depth - 1);
      source += '\\)';
      continue;
    }
    if (t.length > 1 && (t[0] === '{' || t[0] === '<')) {
      // A relative path (`root:/{item-path}:`) spans segments; any other placeholder is one.
      source +=
        depth > 0
          ? '.*?'
          : addressesByPath(text.slice(0, m.index), text.slice(token.lastIndex))
            ? '.+?'
            : '[^/]+';
      wildcards++;
      continue;
    }
    source += escapeRegex(t);
    literal += t.length;
  }
  return {
    regex: new RegExp(`^${source}/?$`, 'i'),
    literal,
    wildcards,
    specificity: specificity(text),
  };
}

/** See `PathPattern.specificity`. */
function specificity(text: string): string {
  return text
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const free = segment.replace(new RegExp(PLACEHOLDER.source, 'g'), '');
      return free === segment ? '2' : free.replace(/[()',=]/g, '') ? '1' : '0';
    })
    .join('');
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

/** A query value from the docs: placeholders in it match anything. */
export function valuePattern(text: string): RegExp | string {
  if (!PLACEHOLDER.test(text)) return text;
  const source = text.split(new RegExp(PLACEHOLDER.source, 'g')).map(escapeRegex).join('.*?');
  return new RegExp(`^${source}$`);
}

/**
 * The documented path templates of an operation as patterns: each path as written, and as the
 * request stubs repair it (`{id} | userPrincipalName` → `{id}`, a GET's parameter table as
 * function arguments).
 */
export function templatePatterns(op: OperationModel): { template: string; pattern: PathPattern }[] {
  const seen = new Set<string>();
  const out: { template: string; pattern: PathPattern }[] = [];
  for (const path of op.paths) {
    let repaired = path;
    try {
      repaired = parsePath({ ...op, paths: [path] }).template;
    } catch {
      // keep the path as written
    }
    for (const template of [path, repaired]) {
      const pattern = pathPattern(normalizeTemplate(template), true);
      if (seen.has(pattern.regex.source)) continue;
      seen.add(pattern.regex.source);
      out.push({ template, pattern });
    }
  }
  return out;
}

/** A template or example path as matched: decoded (placeholders kept), no trailing slash. */
export function normalizeTemplate(path: string): string {
  let out = safeDecode(path.trim());
  if (!out.startsWith('/')) out = '/' + out;
  if (out.length > 1) out = out.replace(/\/+$/, '');
  return out;
}
