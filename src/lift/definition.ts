import type { Definition } from 'mdast';
import { endsBlock, identifierOf, span, startsBlock, type Lifter } from './lifted.js';

/** `[label]: destination`, one line, no title; destinations with escapes, references or `<…>` are left to remark. */
const DEFINITION = /^\[([^\\[\]^]*[^\\[\]^\s][^\\[\]^]*)\]:[ \t]*([^\s<>\\&"'()]+)[ \t]*$/;

/**
 * A link definition that starts a block (definitions cannot interrupt a paragraph) and is
 * followed by a blank line, a heading, a comment or another such definition (not a title on
 * the next line). `defines` carries its label to the side document of inline text.
 */
export const liftDefinition: Lifter = (lines, i, afterBlock) => {
  const match = DEFINITION.exec(lines[i]);
  if (!match || !startsBlock(lines, i, afterBlock)) return undefined;
  const next = lines[i + 1];
  if (!endsBlock(next) && !DEFINITION.test(next)) return undefined;
  const [, label, url] = match;
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
