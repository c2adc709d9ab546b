import type { Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import { liftComment } from './comment.js';
import { liftDefinition } from './definition.js';
import { liftFence } from './fence.js';
import { liftFrontMatter } from './front-matter.js';
import { liftHeading } from './heading.js';
import { liftList } from './list.js';
import { liftParagraph } from './paragraph.js';
import { liftQuote } from './quote.js';
import { liftThematicBreak } from './thematic-break.js';
import { readInline } from './inline.js';
import type { Label, Lifted, Lifter, Place } from './lifted.js';
import { liftTable } from './table.js';

/**
 * Blocks read without remark. remark spends most of a parse on block structure, per line and
 * per construct, while the blocks the docs repeat on every page are simple to read exactly:
 * front matter, ATX headings, HTML comments, fenced code, plain pipe tables, thematic
 * breaks, link definitions, paragraphs, block quotes of paragraphs and lists of one-line
 * items at the margin. Those are lifted out before remark runs; their inline text is read by
 * inline.ts (remark sees only what it cannot read, in a side document).
 *
 * Each run of lifted blocks with nothing but blank lines between them becomes one `***` line
 * (a thematic break: lists and paragraphs end there as they did at the first block), so
 * remark reads only what is left: nested lists, HTML, what the lifters are unsure of.
 * Positions are mapped back to the page's lines. After the parse each `***` must be a
 * top-level thematic break, which the run's nodes replace; when one is not (the block sat
 * inside an HTML block, say), the caller parses the page again without lifting. Pages with
 * nothing left are not given to remark at all. Tests compare both readings on the corpus.
 * `fenceOpeners` are the 1-based lines that open fences.
 */
export function liftBlocks(lines: string[], fenceOpeners: Set<number>): Lifted[] {
  const lifters: Lifter[] = [
    liftComment,
    liftHeading,
    liftFence(fenceOpeners),
    liftTable,
    liftQuote,
    liftList,
    liftThematicBreak,
    liftDefinition,
    liftParagraph,
  ];
  // Front matter can only open the page.
  const frontMatter = liftFrontMatter(lines, 0, false);
  // An opening `---` that remark-frontmatter does not close leaves remark reading no block
  // quotes or lists on the whole page (they come out as paragraphs): such a page is remark's alone.
  if (!frontMatter && YAML_FENCE.test(lines[0])) return [];
  const lifted: Lifted[] = frontMatter ? [frontMatter] : [];
  for (let i = frontMatter ? frontMatter.end + 1 : 0; i < lines.length; i++) {
    if (!lines[i]) continue; // no block starts on an empty line (a blanked fence's, mostly)
    let block: Lifted | undefined;
    const last = lifted[lifted.length - 1];
    const afterBlock = last !== undefined && onlyBlankBetween(lines, last.end, i);
    for (const lifter of lifters) if ((block = lifter(lines, i, afterBlock))) break;
    if (!block) continue;
    lifted.push(block);
    i = block.end;
  }
  return lifted;
}

/** A line remark-frontmatter may take as the opening fence of YAML front matter. */
const YAML_FENCE = /^---[ \t]*(\r)?$/;

/** Whether the lines strictly between `from` and `to` are blank (read back from `to`, so a page costs one pass). */
function onlyBlankBetween(lines: string[], from: number, to: number): boolean {
  for (let k = to - 1; k > from; k--) if (lines[k].trim() !== '') return false;
  return true;
}

/**
 * The tree of `lines` with `lifted` built here and the rest read by `parse` (which also reads
 * the side document). Undefined when a placeholder is not where it should be, or the side
 * document does not read back text by text.
 */
export function parseAround(
  lines: string[],
  lifted: Lifted[],
  parse: (text: string) => Root,
): Root | undefined {
  const place = placer(lines);
  const runs = runsOf(lines, lifted);
  const { text, origin, runAt } = compact(lines, runs);
  const rest = text === undefined ? undefined : parse(text);
  for (const node of rest?.children ?? []) visit(node, (n) => toPage(n, origin, place));
  const found = rest ? definitionsIn(rest) : [];
  const definitions = [
    ...lifted.flatMap((b): Label[] => (b.defines ? [{ label: b.defines, footnote: false }] : [])),
    ...found,
  ];
  const inline = readInline(
    lifted.flatMap((b) => b.texts),
    parse,
    place,
    { definitions },
  );
  if (!inline) return undefined;
  const nodesOf = (run: Lifted[]) => run.map((block) => block.build(place, (t) => inline.get(t)!));
  const root = (children: RootContent[]): Root => ({
    type: 'root',
    children,
    position: { start: place(1, 0), end: place(lines.length, lines[lines.length - 1].length) },
  });
  if (!rest) return root(runs.flatMap(nodesOf));
  let placed = 0;
  const children = rest.children.flatMap((node) => {
    // Mapped already: the run is found by its first page line.
    const run =
      node.type === 'thematicBreak' && node.position?.start.column === 1
        ? runAt.get(node.position.start.line - 1)
        : undefined;
    if (!run) return [node];
    placed++;
    return nodesOf(run);
  });
  return placed === runs.length ? root(children) : undefined;
}

/** The labels of the link and footnote definitions remark read in `tree`. */
function definitionsIn(tree: Root): Label[] {
  const out: Label[] = [];
  visit(tree, (node) => {
    if (node.type === 'definition' || node.type === 'footnoteDefinition')
      out.push({ label: node.label ?? '', footnote: node.type === 'footnoteDefinition' });
  });
  return out;
}

/** A point from a 1-based line and 0-based column of `lines`. */
function placer(lines: string[]): Place {
  const lineStart: number[] = [];
  let offset = 0;
  for (const line of lines) {
    lineStart.push(offset);
    offset += line.length + 1;
  }
  return (line, column0) => ({ line, column: column0 + 1, offset: lineStart[line - 1] + column0 });
}

/** Lifted blocks grouped where only blank lines stand between them. */
function runsOf(lines: string[], lifted: Lifted[]): Lifted[][] {
  const runs: Lifted[][] = [];
  let previous: Lifted | undefined;
  for (const block of lifted) {
    const joins = previous && lines.slice(previous.end + 1, block.start).every((l) => !l.trim());
    if (joins) runs[runs.length - 1].push(block);
    else runs.push([block]);
    previous = block;
  }
  return runs;
}

/**
 * The text remark reads: each run one `***` line, the other lines as they are; undefined when
 * no other line has text. `origin` maps its 0-based lines to the page's; `runAt` finds a run
 * by the page line of its placeholder.
 */
function compact(
  lines: string[],
  runs: Lifted[][],
): { text?: string; origin: number[]; runAt: Map<number, Lifted[]> } {
  const kept: string[] = [];
  const origin: number[] = [];
  const runAt = new Map<number, Lifted[]>();
  let rest = false;
  const keep = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      kept.push(lines[i]);
      origin.push(i);
      rest ||= lines[i] !== '' && lines[i].trim() !== '';
    }
  };
  let next = 0;
  for (const run of runs) {
    const start = run[0].start;
    keep(next, start);
    runAt.set(start, run);
    kept.push('***');
    origin.push(start);
    next = run[run.length - 1].end + 1;
  }
  keep(next, lines.length);
  return { text: rest ? kept.join('\n') : undefined, origin, runAt };
}

/** The position of a node read from the compact text, moved to the page's lines. */
function toPage(
  node: { position?: { start: Point; end: Point } },
  origin: number[],
  place: Place,
): void {
  if (!node.position) return;
  const { start, end } = node.position;
  node.position = {
    start: place(origin[start.line - 1] + 1, start.column - 1),
    end: place(origin[end.line - 1] + 1, end.column - 1),
  };
}

interface Point {
  line: number;
  column: number;
}
