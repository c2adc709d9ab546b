import type { Paragraph } from 'mdast';
import { endsParagraph, isTextLine, mayDefine, startsBlock, type Lifter } from './lifted.js';

/**
 * A paragraph at the margin that starts a block (after a blank line, a heading or a lifted
 * block) and is followed by a blank line, a heading, a comment, a list item or a quote:
 * nothing can continue it or turn it into something else. Lines with markup that could start
 * another block and indented lines are left to remark.
 */
export const liftParagraph: Lifter = (lines, i, afterBlock) => {
  if (!startsBlock(lines, i, afterBlock) || !isTextLine(lines[i])) return undefined;
  let end = i;
  while (end + 1 < lines.length && isTextLine(lines[end + 1])) end++;
  const content = lines.slice(i, end + 1).join('\n');
  if (!endsParagraph(lines[end + 1]) || mayDefine(content)) return undefined;
  const text = { line: i + 1, from: 0, content, indents: lines.slice(i + 1, end + 1).map(() => 0) };
  return {
    start: i,
    end,
    texts: [text],
    build: (place, inline): Paragraph => ({
      type: 'paragraph',
      children: inline(text),
      position: { start: place(i + 1, 0), end: place(end + 1, lines[end].length) },
    }),
  };
};
