import { FENCE_OPENER, fencedLines } from '../text/fences.js';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root } from 'mdast';
import { capNesting, capTableRows, type Cut } from './input-limits.js';
import { liftBlocks, parseAround } from '../lift/index.js';
import { skimSections, type SkimmedLink } from './skim.js';
import { fastPathsVerified } from '../build/library-versions.js';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);
/** remark's own reading of a text, with the plugins every page is read with. */
export const readWithRemark = (text: string): Root => processor.parse(text);

/**
 * Parse a page into mdast. Fenced code blocks are blanked before remark sees them
 * (their lines kept, so positions hold) and their text restored afterwards: remark's
 * tokenizer is slow on the large JSON examples and gains nothing from reading them.
 * Lines past the input limits are cut first (see input-limits.ts; `capped` says where).
 * Sections no extractor reads are skimmed (see skim.ts); `links` are the links on skimmed lines.
 * Most blocks are built without remark (see lift/index.ts); `lifted` counts them. Tests turn
 * both shortcuts off to compare; lifting is also off when the installed micromark is not the
 * version it was proven against (library-versions.ts).
 */
export function parseMarkdown(
  text: string,
  { skim = true, lift = fastPathsVerified('reading') } = {},
): { tree: Root; cut: number[]; capped: Cut[]; links: SkimmedLink[]; lifted: number } {
  const started = performance.now();
  const lines = text.split('\n');
  const blanked = fencedLines(lines);
  const fed = lines.map((line, i) => (blanked.inside.has(i) ? '' : line));
  const capped = [...capNesting(fed), ...capTableRows(fed)];
  const links = skim ? skimSections(fed, blanked.inside) : [];
  const cut = capLongParagraphs(fed);
  const { tree, lifted } = lift
    ? parseLifting(fed, blanked.openers)
    : { tree: processor.parse(fed.join('\n')), lifted: 0 };
  restoreCode(tree, lines, blanked.openers);
  parseClock.ms += performance.now() - started;
  return { tree, cut, capped, links, lifted };
}

/**
 * remark's parse of `lines`, with the common blocks built by lift/ instead (the same tree), or
 * remark's parse of the whole page where lifting cannot give the same tree.
 */
function parseLifting(lines: string[], fenceOpeners: Set<number>): { tree: Root; lifted: number } {
  const lifted = liftBlocks(lines, fenceOpeners);
  const tree = lifted.length ? parseAround(lines, lifted, readWithRemark) : undefined;
  return tree
    ? { tree, lifted: lifted.length }
    : { tree: readWithRemark(lines.join('\n')), lifted: 0 };
}

/** Milliseconds spent in parseMarkdown on this thread, so a run can tell parsing from extracting. */
export const parseClock = { ms: 0 };

/** Prose beyond this many characters in one paragraph (or one table row) is not parsed. */
export const MAX_PARAGRAPH_CHARS = 50_000;

const DELIMITER_ROW = /^ {0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const ATX_HEADING_LINE = /^ {0,3}#{1,6}(\s|$)/;

/**
 * micromark resolves links with a look-back over the paragraph, which grows quadratically
 * when one paragraph holds thousands of links. No real page comes near the cap; past it the
 * rest of the paragraph is dropped (in place, so positions hold). A table is not a paragraph:
 * its cells are read one by one, so it is never cut as a whole (a 238-row Intune table runs
 * past the cap), only a single row past the cap is. A table starts at a row followed by a
 * delimiter row, even right under a heading or a line of prose, and ends at a blank line.
 * Returns the 1-based lines cut.
 */
function capLongParagraphs(lines: string[]): number[] {
  const cut: number[] = [];
  let size = 0;
  let inTable = false;
  const capAt = (i: number, used: number) => {
    if (used < MAX_PARAGRAPH_CHARS) cut.push(i + 1);
    lines[i] = used < MAX_PARAGRAPH_CHARS ? lines[i].slice(0, MAX_PARAGRAPH_CHARS - used) : '';
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim()) {
      [size, inTable] = [0, false];
      continue;
    }
    if (
      !inTable &&
      line.includes('|') &&
      DELIMITER_ROW.test(lines[i + 1] ?? '') &&
      lines[i + 1].includes('-')
    )
      inTable = true;
    if (inTable) {
      if (line.length > MAX_PARAGRAPH_CHARS) capAt(i, 0);
      continue;
    }
    if (ATX_HEADING_LINE.test(line)) {
      size = 0;
      continue;
    }
    size += line.length + 1;
    if (size > MAX_PARAGRAPH_CHARS) capAt(i, size - line.length - 1);
  }
  return cut;
}

/** Put the original text back into code nodes, from the lines between their fences. */
function restoreCode(tree: Root, lines: string[], openers: Set<number>): void {
  // A hand walk over every node: unist-util-visit would add ~0.4 s of parse on the corpus (#19).
  const visit = (node: {
    type: string;
    children?: unknown[];
    position?: { start: { line: number }; end: { line: number } };
  }) => {
    if (node.type === 'code' && node.position && openers.has(node.position.start.line)) {
      const { start, end } = node.position;
      const closed = FENCE_OPENER.test(lines[end.line - 1] ?? '') && end.line > start.line;
      const body = lines.slice(start.line, closed ? end.line - 1 : end.line);
      const indent = /^ */.exec(lines[start.line - 1])![0].length;
      const value = body.join('\n');
      // Most fences sit at the margin in files without carriage returns: nothing to take off.
      (node as unknown as { value: string }).value =
        indent === 0 && !value.includes('\r')
          ? value
          : body
              .map((l) => l.replace(/\r$/, '').replace(new RegExp(`^ {0,${indent}}`), ''))
              .join('\n');
    }
    for (const child of (node.children ?? []) as (typeof node)[]) visit(child);
  };
  visit(tree);
}
