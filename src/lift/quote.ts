import type { Blockquote, Paragraph } from 'mdast';
import {
  endsParagraph,
  isTextLine,
  mayDefine,
  mayStartBlock,
  startsBlock,
  type InlineText,
  type Lifter,
} from './lifted.js';

/**
 * A block quote at the margin (the docs' notes: `> **Note:** …`, `>[!NOTE]`) that starts a
 * block and is followed by a blank line, a heading, a comment or a list item that ends it.
 * Every line is `>` with an optional space and then nothing or paragraph text, or paragraph
 * text that continues the quote's paragraph lazily; anything that could start another block
 * inside is left to remark.
 */
export const liftQuote: Lifter = (lines, i, afterBlock) => {
  if (!lines[i].startsWith('>') || !startsBlock(lines, i, afterBlock)) return undefined;
  const paragraphs: InlineText[] = [];
  let open: { line: number; from: number; lines: string[]; indents: number[] } | undefined;
  const close = () =>
    open &&
    paragraphs.push({
      line: open.line,
      from: open.from,
      content: open.lines.join('\n'),
      indents: open.indents.slice(1),
    });
  let k = i;
  for (; k < lines.length; k++) {
    const marked = lines[k].startsWith('>');
    // Without `>`, paragraph text continues an open paragraph (a lazy line); anything else ends the quote.
    if (!marked && !(open && isTextLine(lines[k]))) break;
    const from = !marked ? 0 : lines[k][1] === ' ' ? 2 : 1;
    const inner = lines[k].slice(from);
    if (!inner) {
      close();
      open = undefined;
      continue;
    }
    if (mayStartBlock(inner) || /^\*{3}|^_{3}/.test(inner)) return undefined;
    if (!open) open = { line: k + 1, from, lines: [], indents: [] };
    open.lines.push(inner);
    open.indents.push(from);
  }
  const end = k - 1;
  if (!endsParagraph(lines[end + 1])) return undefined;
  close();
  if (paragraphs.some((p) => mayDefine(p.content))) return undefined;
  return {
    start: i,
    end,
    texts: paragraphs,
    build: (place, inline): Blockquote => ({
      type: 'blockquote',
      children: paragraphs.map((text): Paragraph => {
        const last = text.line + (text.indents?.length ?? 0);
        return {
          type: 'paragraph',
          children: inline(text),
          position: {
            start: place(text.line, text.from),
            end: place(last, lines[last - 1].length),
          },
        };
      }),
      position: { start: place(i + 1, 0), end: place(end + 1, lines[end].length) },
    }),
  };
};
