import type { Root, RootContent } from 'mdast';
import { liftComment } from './comment.js';
import { liftFrontMatter } from './front-matter.js';
import { liftHeading } from './heading.js';
import { liftParagraph } from './paragraph.js';
import { readInline } from './inline.js';
import type { Lifted, Lifter, Place } from './lifted.js';
import { liftTable } from './table.js';

/**
 * Blocks read without remark. remark spends most of a parse on block structure, per line and
 * per construct (in the corpus: tables half its time, headings and annotation comments a fifth
 * more), while the blocks the docs repeat on every page are simple to read exactly: front
 * matter, ATX headings, HTML comments and plain pipe tables at the margin. Those are lifted
 * out of the text before remark runs; only their inline text with markup goes to remark, as
 * one-line paragraphs of a side document.
 *
 * A lifted block's first line becomes `***` (a thematic break: lists and paragraphs end there
 * as they did at the block) and its other lines spaces, lengths kept, so every other node
 * keeps its position. After the parse each `***` must be a top-level thematic break, which
 * the block's node replaces; when one is not (the block sat inside an HTML block, say), the
 * caller parses the page again without lifting. A test compares both readings on the corpus.
 */
const LIFTERS: Lifter[] = [liftFrontMatter, liftComment, liftHeading, liftTable, liftParagraph];

/** The lines with the lifted blocks replaced by placeholders, and the blocks. */
export function liftBlocks(original: string[]): { lines: string[]; lifted: Lifted[] } {
  const lines = original.slice();
  const lifted: Lifted[] = [];
  for (let i = 0; i < original.length; i++) {
    let block: Lifted | undefined;
    // The placeholder needs three characters (a bare `#` or `##` heading stays with remark).
    if (original[i].length < 3) continue;
    const afterBlock = lifted.length > 0 && lifted[lifted.length - 1].end === i - 1;
    for (const lifter of LIFTERS) if ((block = lifter(original, i, afterBlock))) break;
    if (!block) continue;
    lifted.push(block);
    for (let k = block.start; k <= block.end; k++) lines[k] = k === block.start ? '***'.padEnd(original[k].length) : ' '.repeat(original[k].length);
    i = block.end;
  }
  return { lines, lifted };
}


/**
 * Put the lifted blocks into `tree` in place of their `***`. `lines` are the lines remark read
 * (for offsets); `parse` reads the side document. False when a placeholder is not where it
 * should be, or the side document does not read back text by text.
 */
export function restoreBlocks(tree: Root, lifted: Lifted[], lines: string[], parse: (text: string) => Root): boolean {
  const lineStart: number[] = [];
  let offset = 0;
  for (const line of lines) {
    lineStart.push(offset);
    offset += line.length + 1;
  }
  const place: Place = (line, column0) => ({ line, column: column0 + 1, offset: lineStart[line - 1] + column0 });
  const inline = readInline(lifted.flatMap((b) => b.texts), parse, place);
  if (!inline) return false;
  const byLine = new Map(lifted.map((b) => [b.start + 1, b]));
  let placed = 0;
  tree.children = tree.children.map((node): RootContent => {
    const block = node.type === 'thematicBreak' && node.position?.start.column === 1 ? byLine.get(node.position.start.line) : undefined;
    if (!block) return node;
    placed++;
    return block.build(place, (text) => inline.get(text)!);
  });
  return placed === lifted.length;
}
