import type { Paragraph } from 'mdast';
import { ATX_HEADING, span, type Lifter } from './lifted.js';

/** Lines that can only be paragraph text: not a block start, no indent, no hard break. */
const TEXT_LINE = /^[^\s#>*+\-=_`~<|\d\\]/;

/**
 * A one-line paragraph at the margin that starts a block (after a blank line, a heading or a
 * lifted block) and is followed by a blank line, a heading or a comment: nothing can continue
 * it or turn it into something else. Longer paragraphs are left to remark.
 */
export const liftParagraph: Lifter = (lines, i, afterBlock) => {
  const line = lines[i];
  if (!TEXT_LINE.test(line) || line.includes('\r') || /[ \t\\]$/.test(line)) return undefined;
  if (!afterBlock && i > 0 && lines[i - 1].trim() !== '' && !ATX_HEADING.test(lines[i - 1])) return undefined;
  const next = lines[i + 1];
  if (next !== undefined && next.trim() !== '' && !ATX_HEADING.test(next) && !next.startsWith('<!--')) return undefined;
  const text = { line: i + 1, from: 0, content: line };
  return {
    start: i,
    end: i,
    texts: [text],
    build: (place, inline): Paragraph => ({ type: 'paragraph', children: inline(text), position: span(place, i + 1, 0, line.length) }),
  };
};
