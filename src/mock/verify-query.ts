// An example's query as stub options, and queries as `verify` compares them (see verify.ts).

import { STANDARD_QUERY_OPTIONS } from '../model/names.js';
import type { ParsedPath } from '../model/path-templates.js';
import type { OperationModel } from '../model/types.js';

/** Split on commas outside parentheses: `sessions($select=id,state),owner` → two items. */
function splitList(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      items.push(text.slice(start, i));
      start = i + 1;
    }
  }
  items.push(text.slice(start));
  return items;
}

/** The standard options as strings, to test any query key against. */
const STANDARD: readonly string[] = STANDARD_QUERY_OPTIONS;

/** A query key as compared: lower case; a system query option without its optional `$` (`expand=fields`) gets it. */
function queryKey(key: string, documented?: Map<string, string>): string {
  const lower = key.toLowerCase();
  if (!lower.startsWith('$') && STANDARD.includes('$' + lower) && !documented?.has(lower))
    return '$' + lower;
  return lower;
}

/** Stub options from an example query: `$select`/`$expand` as arrays, `$top`/`$skip` as numbers, `$count` as a boolean. */
export function queryOptions(
  op: OperationModel,
  parsed: ParsedPath,
  query: Record<string, string>,
): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  const documented = new Map(
    op.queryParameters.map((p) => [p.name.toLowerCase(), p.name] as const),
  );
  for (const [key, value] of Object.entries(query)) {
    if (parsed.consumed.has(key.toLowerCase())) continue;
    const lower = queryKey(key, documented);
    if (STANDARD.includes(lower)) {
      switch (lower) {
        case '$select':
        case '$expand':
          options[lower] = splitList(value);
          break;
        case '$top':
        case '$skip':
          options[lower] =
            /^\d+$/.test(value) && String(Number(value)) === value ? Number(value) : value;
          break;
        case '$count':
          options[lower] = value === 'true' ? true : value === 'false' ? false : value;
          break;
        default:
          options[lower] = value;
      }
      continue;
    }
    options[documented.get(lower) ?? key] = value;
  }
  return options;
}

export const queryKeys = (query: Record<string, string>, documented: Map<string, string>) =>
  Object.fromEntries(Object.entries(query).map(([k, v]) => [queryKey(k, documented), v]));
