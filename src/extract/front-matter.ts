import { createRequire } from 'node:module';
import type { Reporter } from '../shared/diagnostics.js';
import { jsonTooDeepAt, MAX_JSON_DEPTH, nestsDeeperThan } from '../shared/json-depth.js';
import type { PageDoc } from './blocks.js';

/** The YAML front matter as a record; `undefined` when the page has none. */
export function extractFrontMatter(
  doc: PageDoc,
  report: Reporter,
): Record<string, unknown> | undefined {
  const node = doc.frontMatter;
  if (!node) return undefined;
  const tooDeep = `Front matter nests more than ${MAX_JSON_DEPTH} levels deep; it is not read.`;
  try {
    // No library warnings on stderr: problems are diagnostics.
    const flat = readFlatMapping(node.value);
    const deep = !flat && jsonTooDeepAt(node.value) >= 0;
    const value: unknown =
      flat ?? (deep ? undefined : yaml().parse(node.value, { logLevel: 'error' }));
    if (deep || nestsDeeperThan(value)) {
      report.error('frontmatter-invalid', tooDeep, node.position);
      return {};
    }
    if (value && typeof value === 'object' && !Array.isArray(value))
      return value as Record<string, unknown>;
    report.error('frontmatter-invalid', 'Front matter is not a YAML mapping.', node.position);
  } catch (error) {
    // The YAML library recurses per level of block nesting: how deep it gets depends on the stack.
    if (error instanceof RangeError)
      return (report.error('frontmatter-invalid', tooDeep, node.position), {});
    const line =
      (node.position?.start.line ?? 1) +
      ((error as { linePos?: { line: number }[] }).linePos?.[0]?.line ?? 0);
    report.error(
      'frontmatter-invalid',
      `Front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`,
      { line, column: 1 },
    );
  }
  return {};
}

/** The YAML library, loaded (synchronously) for the first page that needs it: most need only the flat reading below. */
let library: typeof import('yaml') | undefined;
const yaml = () => (library ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));

const FLAT_ENTRY =
  /^([A-Za-z][\w.-]*): +(?:"([^"\\]*)"|'([^']*)'|([A-Za-z0-9](?:[\w .,/()'"*[\]!?-]*[\w.)'"*\]!?])?)) *$/;

/**
 * The common front matter, read without the YAML library (a third of a millisecond a page):
 * `key: value` lines whose values are quoted without escapes or plain text that YAML
 * reads as a string (words, dates such as 09/10/2017). Undefined for anything else, which the library reads.
 */
export function readFlatMapping(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const entry = FLAT_ENTRY.exec(line);
    if (!entry || Object.hasOwn(out, entry[1])) return undefined;
    const value = entry[2] ?? entry[3] ?? entry[4];
    // Booleans, nulls and numbers (1.5, 0x1F, 1e3) are YAML's to read.
    if (entry[4] !== undefined && /^(?:true|false|null)$|^[0-9][0-9a-fox._+-]*$/i.test(value))
      return undefined;
    out[entry[1]] = value;
  }
  return out;
}
