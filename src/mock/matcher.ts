// The documented example that answers a request (see server.ts for the matching rules), and the
// closest operation for one that none answers.

import type { ExampleModel, Model, OperationModel } from '../model/types.js';
import {
  normalizeTemplate,
  pathPattern,
  templatePatterns,
  valuePattern,
  type PathPattern,
} from './request-paths.js';

export interface MockMatch {
  operation: string;
  /** Index into the operation's `examples`. */
  example: number;
  /** `exact`: the example's concrete path; `example`: its path with placeholders; `template`: a documented path template. */
  how: 'exact' | 'example' | 'template';
}

export const exampleKey = (operation: string, index: number): string => `${operation}#${index}`;

/** How much of a path the closest-operation hint compares: the hint stays cheap for any request. */
const CLOSEST_CHARS = 256;

interface Entry {
  op: OperationModel;
  index: number;
  example: ExampleModel;
  key: string;
  /** `text`: the path as written, lower case: a request with that very path (placeholders included) matches exactly. */
  concrete?: { method: string; pattern: PathPattern; text: string };
  query: [string, RegExp | string][];
  body?: unknown;
  bodyText?: string;
}

interface Scored {
  entry: Entry;
  score: (number | string)[];
  how: MockMatch['how'];
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) =>
      Object.prototype.hasOwnProperty.call(b, k) &&
      deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

const cmpText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Finds the documented example answering a request (see the module comment for the rules). */
export class ExampleMatcher {
  private readonly entries: Entry[] = [];
  private readonly templates = new Map<string, { template: string; pattern: PathPattern }[]>();
  private readonly ops: OperationModel[];

  constructor(model: Model) {
    this.ops = [...model.operations].sort((a, b) => cmpText(a.id, b.id));
    for (const op of this.ops) {
      this.templates.set(op.id, templatePatterns(op));
      op.examples.forEach((example, index) => {
        if (!example.response) return;
        const request = example.request;
        const entry: Entry = { op, index, example, key: exampleKey(op.id, index), query: [] };
        if (request && request.method && request.url) {
          const path = normalizeTemplate(request.path);
          const pattern = pathPattern(path, false);
          entry.concrete = {
            method: request.method.toUpperCase(),
            pattern,
            text: path.toLowerCase(),
          };
          entry.query = Object.entries(request.query).map(([k, v]) => [
            k.toLowerCase(),
            valuePattern(v),
          ]);
          if (request.body !== undefined) entry.body = request.body;
          if (request.bodyText !== undefined) entry.bodyText = request.bodyText.trim();
        }
        this.entries.push(entry);
      });
    }
  }

  /** Number of examples the matcher can answer with. */
  get size(): number {
    return this.entries.length;
  }

  match(
    method: string,
    path: string,
    query: Record<string, string>,
    body?: unknown,
    hint?: string,
    bodyText?: string,
  ): (MockMatch & { entry: ExampleModel; op: OperationModel }) | undefined {
    const m = method.toUpperCase();
    const lowerPath = path.toLowerCase();
    const received = new Map(Object.entries(query).map(([k, v]) => [k.toLowerCase(), v]));
    let best: Scored | undefined;
    for (const entry of this.entries) {
      let rank = 0;
      let literal = 0;
      // Path specificity (see `specificity`), then how early the page documents the matching template.
      let specific = '';
      let documentedAt = 0;
      let how: MockMatch['how'] = 'template';
      const c = entry.concrete;
      const exact = c !== undefined && (c.text === lowerPath || c.text + '/' === lowerPath);
      if (c && c.method === m && (exact || c.pattern.regex.test(path))) {
        rank = exact ? 3 : 2;
        literal = c.pattern.literal;
        specific = c.pattern.specificity;
        how = exact ? 'exact' : 'example';
      } else if (entry.op.method === m) {
        const templates = this.templates.get(entry.op.id)!;
        for (const [position, t] of templates.entries()) {
          if (!t.pattern.regex.test(path)) continue;
          const better =
            !rank ||
            t.pattern.specificity > specific ||
            (t.pattern.specificity === specific && t.pattern.literal > literal);
          rank = 1;
          if (better) {
            specific = t.pattern.specificity;
            literal = t.pattern.literal;
            documentedAt = -position;
          }
        }
      }
      if (!rank) continue;
      let queryMatched = 0;
      for (const [k, v] of entry.query) {
        const got = received.get(k);
        if (got !== undefined && (typeof v === 'string' ? v === got : v.test(got))) queryMatched++;
      }
      const queryOk = queryMatched === entry.query.length ? 1 : 0;
      const bodyEqual =
        (entry.body !== undefined && body !== undefined && deepEqual(entry.body, body)) ||
        (entry.bodyText ?? '') === (bodyText?.trim() ?? '')
          ? 1
          : 0;
      const score = [
        hint === entry.key ? 1 : 0,
        rank,
        specific,
        documentedAt,
        queryOk,
        queryMatched,
        bodyEqual,
        literal,
      ];
      if (!best || compareScores(score, best.score) > 0) best = { entry, score, how };
    }
    if (!best) return undefined;
    return {
      operation: best.entry.op.id,
      example: best.entry.index,
      how: best.how,
      entry: best.entry.example,
      op: best.entry.op,
    };
  }

  /**
   * The documented operation closest to a request: same method first, then the longest common
   * prefix of path segments, then the smallest edit distance, then operation id and path order.
   */
  closest(method: string, path: string): { op: OperationModel; path: string } | undefined {
    const m = method.toUpperCase();
    const segments = path.slice(0, CLOSEST_CHARS).split('/').filter(Boolean);
    const lower = segments.map((s) => s.toLowerCase());
    let top: { op: OperationModel; path: string; key: number[]; comparable: string }[] = [];
    for (const op of this.ops) {
      for (const template of op.paths) {
        const t = normalizeTemplate(template);
        const parts = t.split('/').filter(Boolean);
        const prefix = commonPrefix(lower, parts);
        const key = [op.method === m ? 1 : 0, prefix];
        const c = top.length ? compareScores(key, top[0].key) : 1;
        if (c < 0) continue;
        // Placeholders the request's segments filled in count as equal text.
        const comparable =
          '/' + [...segments.slice(0, prefix), ...parts.slice(prefix)].join('/').toLowerCase();
        if (c > 0) top = [{ op, path: t, key, comparable }];
        else top.push({ op, path: t, key, comparable });
      }
    }
    const target = '/' + lower.join('/');
    let best: { op: OperationModel; path: string; distance: number } | undefined;
    for (const candidate of top) {
      const distance = editDistance(
        target,
        candidate.comparable.slice(0, CLOSEST_CHARS),
        best?.distance,
      );
      if (!best || distance < best.distance)
        best = { op: candidate.op, path: candidate.path, distance };
    }
    return best && { op: best.op, path: best.path };
  }
}

/** Compares score lists element by element: numbers by value, strings in code-unit order. */
function compareScores(a: (number | string)[], b: (number | string)[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

function commonPrefix(a: string[], template: string[]): number {
  let n = 0;
  while (
    n < a.length &&
    n < template.length &&
    (a[n] === template[n].toLowerCase() || pathPattern(template[n], true).regex.test(a[n]))
  )
    n++;
  return n;
}

/** Levenshtein distance (two rows), or `limit` as soon as the distance cannot be below it. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let prev = Uint32Array.from({ length: b.length + 1 }, (_, j) => j);
  let row = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const c = a.charCodeAt(i - 1);
    row[0] = i;
    let least = i;
    for (let j = 1; j <= b.length; j++) {
      const d = Math.min(
        prev[j] + 1,
        row[j - 1] + 1,
        prev[j - 1] + (c === b.charCodeAt(j - 1) ? 0 : 1),
      );
      row[j] = d;
      if (d < least) least = d;
    }
    if (least >= limit) return limit;
    [prev, row] = [row, prev];
  }
  return Math.min(prev[b.length], limit);
}
