import type { PhrasingContent, RootContent } from 'mdast';

/** A point in the page, from a 1-based line and a 0-based column. */
export type Place = (line: number, column0: number) => { line: number; column: number; offset: number };

/** Text on one line that remark would read as inline content (a cell, a heading's text). */
export interface InlineText {
  line: number;
  from: number;
  content: string;
}

/** A block read without remark: the lines it spans (0-based, inclusive) and how to build its node. */
export interface Lifted {
  start: number;
  end: number;
  texts: InlineText[];
  build(place: Place, inline: (text: InlineText) => PhrasingContent[]): RootContent;
}

/**
 * Lifts the block that starts at `lines[i]`, if it is one this lifter reads exactly as remark
 * does. `afterBlock`: the line before ended a lifted block, so a new block starts here.
 */
export type Lifter = (lines: string[], i: number, afterBlock: boolean) => Lifted | undefined;

/** An ATX heading at the margin; group 1 is its `#`s. */
export const ATX_HEADING = /^(#{1,6})(?:[ \t]|$)/;

/** `{ start, end }` of a node on one line, from 0-based columns. */
export function span(place: Place, line: number, from: number, to: number) {
  return { start: place(line, from), end: place(line, to) };
}
