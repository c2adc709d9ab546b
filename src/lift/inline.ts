import type { PhrasingContent, Root } from 'mdast';
import type { InlineText, Place } from './lifted.js';

/** Text remark reads as one text node: no character that can start inline markup. */
const PLAIN = /^[^\\`*_[\]<>&~!|\s](?:[^\\`*_[\]<>&~!|\t]*[^\\`*_[\]<>&~!|\s])?$/;
/** What the GFM autolink-literal transform looks for. */
const AUTOLINK = /www\.|https?:|mailto:|xmpp:|@/i;
/**
 * Text whose only markup is code spans without backticks inside and inline links
 * `[text](destination)` with plain text and a destination of no space, parenthesis,
 * bracket, backtick, angle bracket, backslash or ampersand: four fifths of the lifted text
 * with markup in the corpus, read here as remark reads it.
 */
const TEXT = '[^\\\\`*_[\\]<>&~!|]';
const CODE = '`([^`]+)`';
const LINK = `\\[(?!\\^)(${TEXT}+)\\]\\(([^\\s()<>\\\\\`&[\\]]+)\\)`;
const SIMPLE = new RegExp(`^(?:${TEXT}|${CODE}|${LINK})*$`);
const TOKEN = new RegExp(`${CODE}|${LINK}`, 'g');

type Parse = (text: string) => Root;

/**
 * Inline nodes for every text: plain and simple ones built here, the others read from one side
 * document, each a paragraph `a <content>`. The `a ` keeps text that starts like a block
 * (`- `, `# `, `<p>`) inline, as it is in a cell, and is taken off the first text node
 * afterwards. Undefined when the side document does not read back text by text.
 */
export function readInline(texts: InlineText[], parse: Parse, place: Place): Map<InlineText, PhrasingContent[]> | undefined {
  const out = new Map<InlineText, PhrasingContent[]>();
  const marked: InlineText[] = [];
  for (const text of texts) {
    const plain = !text.indents?.length && !AUTOLINK.test(text.content);
    if (plain && PLAIN.test(text.content)) out.set(text, [textNode(text.content, text.line, text.from, place)]);
    else if (plain && SIMPLE.test(text.content)) out.set(text, simpleInline(text, place));
    else marked.push(text);
  }
  if (!marked.length) return out;
  const side = parse(marked.map((t) => `a ${t.content}`).join('\n\n'));
  if (side.children.length !== marked.length) return undefined;
  let sideLine = 1;
  for (const [k, text] of marked.entries()) {
    const paragraph = side.children[k];
    if (paragraph.type !== 'paragraph' || paragraph.position?.start.line !== sideLine) return undefined;
    const [first] = paragraph.children;
    if (first?.type !== 'text' || !first.value.startsWith('a ')) return undefined;
    first.value = first.value.slice(2);
    // Text split by the autolink-literal transform has no position (in the page too).
    if (first.position) first.position.start.column += 2;
    const children = first.value ? paragraph.children : paragraph.children.slice(1);
    const toPage = sidePlace(text, sideLine, place);
    for (const child of children) move(child, toPage);
    out.set(text, children);
    sideLine += (text.indents?.length ?? 0) + 2;
  }
  return out;
}

/** Where a 1-based line and 0-based column of the side document are in the page, for `text` read from `firstLine`. */
function sidePlace(text: InlineText, firstLine: number, place: Place): (line: number, column0: number) => Point {
  return (line, column0) => {
    const k = line - firstLine;
    return place(text.line + k, column0 + (k === 0 ? text.from - 2 : text.indents![k - 1]));
  };
}

function textNode(value: string, line: number, from: number, place: Place): PhrasingContent {
  return { type: 'text', value, position: { start: place(line, from), end: place(line, from + value.length) } };
}

/** Text, code spans and links of a text that matches SIMPLE. */
function simpleInline({ content, line, from }: InlineText, place: Place): PhrasingContent[] {
  const nodes: PhrasingContent[] = [];
  let at = 0;
  for (const m of content.matchAll(TOKEN)) {
    const index = m.index ?? 0;
    if (index > at) nodes.push(textNode(content.slice(at, index), line, from + at, place));
    const position = { start: place(line, from + index), end: place(line, from + index + m[0].length) };
    if (m[1] !== undefined) {
      // One space is taken off each side when both have one and the code is not all spaces.
      const code = /^ .*[^ ].* $/.test(m[1]) ? m[1].slice(1, -1) : m[1];
      nodes.push({ type: 'inlineCode', value: code, position });
    } else {
      nodes.push({ type: 'link', title: null, url: m[3], children: [textNode(m[2], line, from + index + 1, place) as never], position });
    }
    at = index + m[0].length;
  }
  if (at < content.length) nodes.push(textNode(content.slice(at), line, from + at, place));
  return nodes;
}

type Point = ReturnType<Place>;

/** Side-document positions to page positions. */
function move(node: { position?: { start: { line: number; column: number }; end: { line: number; column: number } }; children?: unknown[] }, toPage: (line: number, column0: number) => Point): void {
  if (node.position) {
    const { start, end } = node.position;
    node.position = { start: toPage(start.line, start.column - 1), end: toPage(end.line, end.column - 1) };
  }
  for (const child of (node.children ?? []) as (typeof node)[]) move(child, toPage);
}
