import type { List, ListItem } from 'mdast';
import {
  ATX_HEADING,
  endsParagraph,
  mayStartBlock,
  type InlineText,
  type Lifter,
} from './lifted.js';

const ITEM = /^(?:([-*+])|(\d{1,9})([.)])) (?=\S)/;

/**
 * A list at the margin whose items are one line of paragraph text each (`- [Get user](…)`),
 * tight or with blank lines between them. Items that continue on more lines, nest, hold
 * other blocks or are tasks (`[ ]`) are left to remark, as is anything that could join the
 * last item: an indented line after it, or text with no blank line before it.
 */
export const liftList: Lifter = (lines, i, afterBlock) => {
  const first = ITEM.exec(lines[i]);
  if (!first || !(afterBlock || noListAbove(lines, i))) return undefined;
  const kind = first[1] ?? first[3];
  const items: { line: number; text: InlineText }[] = [];
  let spread = false;
  let k = i;
  for (;;) {
    const item = ITEM.exec(lines[k]);
    const content = lines[k].slice(item ? item[0].length : 0);
    if (
      !item ||
      (item[1] ?? item[3]) !== kind ||
      mayStartBlock(content) ||
      /^\[[ xX]\]/.test(content)
    )
      return undefined;
    items.push({ line: k, text: { line: k + 1, from: item[0].length, content } });
    let next = k + 1;
    while (next < lines.length && !lines[next].trim()) next++;
    const sameKind =
      next < lines.length &&
      ITEM.exec(lines[next])
        ?.slice(1)
        .some((part) => part === kind);
    if (sameKind && next > k + 1) spread = true;
    if (sameKind) {
      k = next;
      continue;
    }
    if (next < lines.length && /^[ \t]/.test(lines[next])) return undefined;
    if (!endsParagraph(lines[k + 1])) return undefined;
    break;
  }
  const end = k;
  return {
    start: i,
    end,
    texts: items.map((item) => item.text),
    build: (place, inline): List => ({
      type: 'list',
      ordered: first[2] !== undefined,
      start: first[2] !== undefined ? Number(first[2]) : null,
      spread,
      children: items.map(({ line, text }): ListItem => ({
        type: 'listItem',
        spread: false,
        checked: null,
        children: [
          {
            type: 'paragraph',
            children: inline(text),
            position: {
              start: place(line + 1, text.from),
              end: place(line + 1, lines[line].length),
            },
          },
        ],
        position: { start: place(line + 1, 0), end: place(line + 1, lines[line].length) },
      })),
      position: { start: place(i + 1, 0), end: place(end + 1, lines[end].length) },
    }),
  };
};

/**
 * Whether a list item at line `i` starts a list: above it are only blank lines up to a heading
 * or the page's start. After anything else remark read, an item of the same kind further up
 * (or a lazy line of one) may still be open, and this item would join its list.
 */
function noListAbove(lines: string[], i: number): boolean {
  let k = i - 1;
  while (k >= 0 && lines[k].trim() === '') k--;
  return k < 0 || ATX_HEADING.test(lines[k]);
}
