import type { PhrasingContent, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { AUTOLINK, readSimpleInline } from './inline-simple.js';
import { identifierOf, type InlineText, type Label, type Place } from './lifted.js';

/** Text remark reads as one text node: no character that can start inline markup. */
const PLAIN = /^[^\\`*_[\]<>&~!|\s](?:[^\\`*_[\]<>&~!|\t]*[^\\`*_[\]<>&~!|\s])?$/;
type Parse = (text: string) => Root;

/**
 * Inline nodes for every text: plain and simple ones built here (inline-simple.ts), the others read from one side
 * document, each a paragraph `a <content>`. The `a ` keeps text that starts like a block
 * (`- `, `# `, `<p>`) inline, as it is in a cell, and is taken off the first text node
 * afterwards. The page's `definitions` go at its end, for references to resolve as in the
 * page. Undefined when the side document does not read back text by text.
 * Tests turn `simple` off to compare.
 */
export function readInline(
  texts: InlineText[],
  parse: Parse,
  place: Place,
  { simple = true, definitions = [] as Label[] } = {},
): Map<InlineText, PhrasingContent[]> | undefined {
  const out = new Map<InlineText, PhrasingContent[]>();
  const marked: InlineText[] = [];
  const references = definitions.length
    ? new Set(definitions.filter((d) => !d.footnote).map((d) => identifierOf(d.label)))
    : undefined;
  for (const text of texts) {
    const plain =
      simple && !text.indents?.length && !AUTOLINK.test(text.content) && PLAIN.test(text.content);
    const nodes = plain
      ? [textNode(text.content, text.line, text.from, place)]
      : simple
        ? readSimpleInline(text, place, references)
        : undefined;
    if (nodes) out.set(text, nodes);
    else marked.push(text);
  }
  if (!marked.length) return out;
  // Only a label matters in the side document: mdast does not resolve references.
  const sideDefinitions: string[] = [];
  for (const { label, footnote } of definitions) {
    if (!label || /[[\]\\\n]/.test(label)) return undefined;
    sideDefinitions.push(`[${footnote ? '^' : ''}${label}]: x`);
  }
  const side = parse([...marked.map((t) => `a ${t.content}`), ...sideDefinitions].join('\n\n'));
  if (side.children.length !== marked.length + sideDefinitions.length) return undefined;
  if (
    side.children
      .slice(marked.length)
      .some((node) => node.type !== 'definition' && node.type !== 'footnoteDefinition')
  )
    return undefined;
  let sideLine = 1;
  for (const [k, text] of marked.entries()) {
    const paragraph = side.children[k];
    if (paragraph.type !== 'paragraph' || paragraph.position?.start.line !== sideLine)
      return undefined;
    const [first] = paragraph.children;
    if (first?.type !== 'text' || !first.value.startsWith('a ')) return undefined;
    first.value = first.value.slice(2);
    // Text split by the autolink-literal transform has no position (in the page too).
    if (first.position) first.position.start.column += 2;
    const children = first.value ? paragraph.children : paragraph.children.slice(1);
    const toPage = sidePlace(text, sideLine, place);
    for (const child of children) visit(child, (node) => move(node, toPage));
    out.set(text, children);
    sideLine += (text.indents?.length ?? 0) + 2;
  }
  return out;
}

/**
 * Where a 1-based line and 0-based column of the side document are in the page, for `text`
 * read from `firstLine`. A node that ends with a line ending ends at the start of the next
 * page line, before any `> `.
 */
function sidePlace(
  text: InlineText,
  firstLine: number,
  place: Place,
): (line: number, column0: number, end: boolean) => Point {
  return (line, column0, end) => {
    const k = line - firstLine;
    return place(
      text.line + k,
      column0 + (k === 0 ? text.from - 2 : end && column0 === 0 ? 0 : text.indents![k - 1]),
    );
  };
}

function textNode(value: string, line: number, from: number, place: Place): PhrasingContent {
  return {
    type: 'text',
    value,
    position: { start: place(line, from), end: place(line, from + value.length) },
  };
}

type Point = ReturnType<Place>;

/** A node's side-document position moved to the page's. */
function move(
  node: {
    position?: { start: { line: number; column: number }; end: { line: number; column: number } };
  },
  toPage: (line: number, column0: number, end: boolean) => Point,
): void {
  if (!node.position) return;
  const { start, end } = node.position;
  node.position = {
    start: toPage(start.line, start.column - 1, false),
    end: toPage(end.line, end.column - 1, true),
  };
}
