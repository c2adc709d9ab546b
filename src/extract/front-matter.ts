import { parse } from 'yaml';
import type { Reporter } from '../diagnostics.js';
import type { PageDoc } from './blocks.js';

/** The YAML front matter as a record; `undefined` when the page has none. */
export function extractFrontMatter(doc: PageDoc, report: Reporter): Record<string, unknown> | undefined {
  const node = doc.frontMatter;
  if (!node) return undefined;
  try {
    const value: unknown = parse(node.value, { logLevel: 'error' }); // no library warnings on stderr: problems are diagnostics
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    report.error('frontmatter-invalid', 'Front matter is not a YAML mapping.', node.position);
  } catch (error) {
    const line = (node.position?.start.line ?? 1) + ((error as { linePos?: { line: number }[] }).linePos?.[0]?.line ?? 0);
    report.error('frontmatter-invalid', `Front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`, { line, column: 1 });
  }
  return {};
}
