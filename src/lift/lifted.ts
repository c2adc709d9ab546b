import type { PhrasingContent, RootContent } from 'mdast';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';

/** A point in the page, from a 1-based line and a 0-based column. */
export type Place = (
  line: number,
  column0: number,
) => { line: number; column: number; offset: number };

/**
 * Text remark would read as inline content (a cell, a heading's text, a paragraph), from
 * `from` on its 1-based `line`. Content of several lines continues on the next page lines,
 * at the 0-based columns in `indents` (after a quote's `> `, say).
 */
export interface InlineText {
  line: number;
  from: number;
  content: string;
  indents?: number[];
}

/** A block read without remark: the lines it spans (0-based, inclusive) and how to build its node. */
export interface Lifted {
  start: number;
  end: number;
  texts: InlineText[];
  /** The label of a link definition: inline text anywhere on the page may refer to it. */
  defines?: string;
  build(place: Place, inline: (text: InlineText) => PhrasingContent[]): RootContent;
}

/**
 * Lifts the block that starts at `lines[i]`, if it is one this lifter reads exactly as remark
 * does. `afterBlock`: only blank lines stand between this line and the end of a lifted block,
 * so a new block starts here and no block above (a list, say) can go on.
 */
export type Lifter = (lines: string[], i: number, afterBlock: boolean) => Lifted | undefined;

/** An ATX heading at the margin; group 1 is its `#`s. */
export const ATX_HEADING = /^(#{1,6})(?:[ \t]|$)/;

/**
 * Whether a line that is not blank could start a block other than a paragraph, or (after a
 * paragraph line) continue it as something else: what a lifted paragraph must not hold.
 */
export function mayStartBlock(line: string): boolean {
  return (
    /^(?:[ \t>|<]|#{1,6}(?:[ \t]|$)|`{3}|~{3}|=+[ \t]*$|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|\[.*\]:)/.test(
      line,
    ) ||
    /^[-*_ \t]+$/.test(line) || // thematic breaks, setext underlines
    /^[\s|:-]+$/.test(line) || // table delimiter rows
    /[\t\r]$/.test(line)
  );
}

/** A link or footnote definition's label, as inline text sees it. */
export interface Label {
  label: string;
  footnote: boolean;
}

/** Whether paragraph text could open with a link definition, its label running over lines. */
export function mayDefine(content: string): boolean {
  return content.startsWith('[') && content.includes(']:');
}

/** A line of paragraph text: not blank, and nothing that could start another block. */
export function isTextLine(line: string): boolean {
  return line.trim() !== '' && !mayStartBlock(line);
}

/** The identifier mdast gives a definition or reference with this label. */
export function identifierOf(label: string): string {
  return normalizeIdentifier(label).toLowerCase();
}

/** Lines after which a block must start: a blank line, an ATX heading, the end of a lifted block. */
export function startsBlock(lines: string[], i: number, afterBlock: boolean): boolean {
  return afterBlock || i === 0 || lines[i - 1].trim() === '' || ATX_HEADING.test(lines[i - 1]);
}

/** Lines that end a paragraph without joining it: the end, a blank line, an ATX heading, a comment. */
export function endsBlock(line: string | undefined): boolean {
  return (
    line === undefined || line.trim() === '' || ATX_HEADING.test(line) || line.startsWith('<!--')
  );
}

/**
 * Lines after which a lifted paragraph (or the last paragraph of a quote or list item) ends:
 * those of `endsBlock`, and lines that interrupt it by starting a block read alike after a
 * paragraph and after a lifted run's `***`: a block quote, or a list item that may interrupt a
 * paragraph (a bullet, or `1.`, with text; a thematic break such as `* * *` interrupts too).
 */
export function endsParagraph(line: string | undefined): boolean {
  return endsBlock(line) || /^(?:>|(?:[-*+]|1[.)])[ \t]+\S)/.test(line!);
}

/** `{ start, end }` of a node on one line, from 0-based columns. */
export function span(place: Place, line: number, from: number, to: number) {
  return { start: place(line, from), end: place(line, to) };
}
