import type { Code } from 'mdast';
import { parseTree } from 'jsonc-parser';
import type { RepresentedProperty } from '../model/page-facts.js';
import { LineStarts } from '../text/line-starts.js';

/**
 * Top-level properties of a resource's JSON representation as written, read leniently (they
 * hold comments and placeholders), each with its place in the page and whether its value is an
 * array. Annotations (`@odata.type`) are left out.
 */
export function representedProperties(code: Code | undefined): RepresentedProperty[] {
  const text = code?.value;
  const tree = text ? parseTree(text, [], { allowTrailingComma: true }) : undefined;
  if (!code || !text || tree?.type !== 'object') return [];
  const lines = new LineStarts(text);
  // The code's text starts on the line after its opening fence.
  const firstLine = (code.position?.start.line ?? 0) + 1;
  const indent = (code.position?.start.column ?? 1) - 1;
  const found: RepresentedProperty[] = [];
  for (const property of tree.children ?? []) {
    const [key, value] = property.children ?? [];
    if (typeof key?.value !== 'string' || key.value.includes('@')) continue;
    const { line, column } = lines.at(key.offset);
    found.push({
      name: key.value,
      collection: value?.type === 'array',
      line: firstLine + line,
      column: column + indent,
    });
  }
  return found;
}
