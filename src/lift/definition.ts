import type { Definition } from 'mdast';
import { readDefinitionLine } from '../text/link-definition.js';
import { endsBlock, identifierOf, span, startsBlock, type Lifter } from './lifted.js';

/**
 * A plain link definition (one line, no title: text/link-definition.ts; destinations with
 * escapes, references or `<…>` are left to remark) that starts a block (definitions cannot
 * interrupt a paragraph) and is followed by a blank line, a heading, a comment or another such
 * definition (not a title on the next line). `defines` carries its label to the side document
 * of inline text.
 */
export const liftDefinition: Lifter = (lines, i, afterBlock) => {
  const read = readDefinitionLine(lines[i]);
  if (!read?.plain || !startsBlock(lines, i, afterBlock)) return undefined;
  const next = lines[i + 1];
  if (!endsBlock(next) && !readDefinitionLine(next)?.plain) return undefined;
  const { label, url } = read;
  return {
    start: i,
    end: i,
    texts: [],
    defines: label,
    build: (place): Definition => ({
      type: 'definition',
      identifier: identifierOf(label),
      label,
      title: null,
      url,
      position: span(place, i + 1, 0, lines[i].length),
    }),
  };
};
