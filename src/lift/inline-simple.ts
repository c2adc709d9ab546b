import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import type { PhrasingContent, Text } from 'mdast';
import { decodeNumericCharacterReference } from 'micromark-util-decode-numeric-character-reference';
import { identifierOf, type InlineText, type Place } from './lifted.js';

/**
 * Inline content read without remark, for the markup the docs use most: code spans, inline
 * links, references to labels the page defines, `**strong**` and `*emphasis*` between spaces
 * or punctuation, character references, backslash escapes and bare HTML tags. Anything else
 * (images, autolinks and the text the GFM autolink-literal pass would link, other brackets,
 * emphasis that needs CommonMark's delimiter rules, hard breaks) returns undefined and goes
 * to remark.
 */
export function readSimpleInline(
  text: InlineText,
  place: Place,
  references?: Set<string>,
): PhrasingContent[] | undefined {
  // remark reads NUL as U+FFFD; two spaces at a line's end are a break; an email's local part
  // takes in the `_` of an emphasis just before its `@` (`_a_@b.md` is one autolink).
  if (/\0|\t\n| {2}\n|_@/.test(text.content)) return undefined;
  const content = text.content.replace(/[ \t]+$/, '');
  const scanner = new Scanner(content, pointsOf(text, place), references);
  const nodes = scanner.run(0, content.length, true);
  // A loose run could pair with an emphasis run that has punctuation outside it (both-flanking).
  if (scanner.loose && scanner.punctuated) return undefined;
  return nodes && !nodes.some(linksLiterally) ? nodes : undefined;
}

/** Code spans of one backtick, not next to another. */
const CODE = /`([^`\n]+)`(?!`)/y;
/** `[text](destination)`: text of plain characters and code spans; no title, no spaces. */
const LINK = /\[((?:[^\\`*_[\]<>&~!\n]|`[^`\n]+`)+)\]\(([^\s()<>\\`&[\]]+)\)/y;
/** A `**`, `__`, `*` or `_` run around text with no delimiter, starting and ending with no space. */
const EMPHASIS = /(\*\*|__|\*|_)([^\s*_~\n](?:[^*_~\n]*[^\s*_~\n])?)\1(?![*_])/y;
/** `[text][label]`, `[text][]` or `[text]`: text of plain characters, code spans and `**strong**`. */
const REFERENCE_LINK =
  /\[((?:[^\\`*_[\]<>&~!\n]|`[^`\n]+`|\*\*[^\s*_~\n](?:[^*_~\n]*[^\s*_~\n])?\*\*)+)\](?:\[([^\\[\]\n]*)\])?(?![[(])/y;
const CHARACTER_REFERENCE = /&(#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y;
const TAG = /<[A-Za-z][A-Za-z0-9-]*[ \t]*\/?>|<\/[A-Za-z][A-Za-z0-9-]*[ \t]*>/y;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
/** Where a character may mean more than itself (a space only before a line ending). */
const SPECIAL = /[`[\]<&\\*_~!]| \n/g;
/** What the GFM autolink-literal pass looks for in text (an email needs a local part before its `@`). */
export const AUTOLINK = /www\.|https?:|mailto:|xmpp:|[-.\w+]@/i;

type At = (index: number) => { line: number; column: number; offset: number };

class Scanner {
  /** Delimiter runs left as text: one is literal, more could pair in ways not read here. */
  loose = 0;
  /** Whether an emphasis read here has punctuation, not white space, just outside it. */
  punctuated = false;
  /** Where the last `*` or `_` left as text was, to count a run once. */
  private lastLoose = -2;

  constructor(
    private readonly content: string,
    private readonly at: At,
    /**
     * The identifiers of the page's link definitions, when it has any definitions: `[text][label]`,
     * `[label][]` and `[label]` are then references, and no bracket is left as text.
     */
    private readonly references: Set<string> | undefined,
  ) {}

  /** Nodes for content[from, to), or undefined. `outer`: emphasis may start here. */
  run(from: number, to: number, outer: boolean): PhrasingContent[] | undefined {
    const nodes: PhrasingContent[] = [];
    const { content } = this;
    let text: { from: number; value: string } | undefined;
    const literal = (value: string, start: number) =>
      text ? (text.value += value) : (text = { from: start, value });
    const flush = (end: number) => {
      if (text) nodes.push(this.text(text.value, text.from, end));
      text = undefined;
    };
    for (let i = from; i < to;) {
      // Runs of characters with no meaning here are text as they stand.
      SPECIAL.lastIndex = i;
      const special = SPECIAL.exec(content)?.index ?? to;
      if (special > i) {
        literal(content.slice(i, Math.min(special, to)), i);
        i = Math.min(special, to);
        continue;
      }
      const c = content[i];
      const node = this.token(c, i, outer);
      // A token must end inside the range: a code span running past an emphasis' end, say.
      if (node === null || (node && node.end > to)) return undefined;
      if (node) {
        flush(i);
        nodes.push(node.node);
        i = node.end;
        continue;
      }
      if (c === '&') {
        CHARACTER_REFERENCE.lastIndex = i;
        const ref = CHARACTER_REFERENCE.exec(content);
        const decoded = ref && decodeReference(ref[1]);
        if (ref && decoded) {
          literal(decoded, i);
          i += ref[0].length;
          continue;
        }
      } else if (c === '\\') {
        const next = i + 1 < to ? content[i + 1] : undefined;
        if (next === '\n' || next === undefined) return undefined;
        if (ASCII_PUNCTUATION.test(next)) {
          literal(next, i);
          i += 2;
          continue;
        }
      } else if (c === ' ' && content[i + 1] === '\n') {
        i++; // a space at a line's end is not text
        continue;
      } else if (c === '*' || c === '_') {
        if (!this.inert(i)) return undefined;
      } else if (
        c === '~' ||
        (c === '!' && content[i + 1] === '[') ||
        (c === ']' && content[i + 1] === '(') ||
        (c === '[' && (content[i + 1] === '^' || this.references))
      ) {
        return undefined;
      } else if (c === '<' && /[A-Za-z/!?]/.test(content[i + 1] ?? '')) {
        return undefined;
      }
      literal(c, i);
      i++;
    }
    flush(to);
    return nodes;
  }

  /** A node starting at `i`, with where it ends; undefined when none starts there, null when the text is not read here. */
  private token(
    c: string,
    i: number,
    outer: boolean,
  ): { node: PhrasingContent; end: number } | undefined | null {
    const { content } = this;
    if (c === '`') {
      CODE.lastIndex = i;
      const code = CODE.exec(content);
      if (!code || content[i - 1] === '`') return null;
      // One space is taken off each side when both have one and the code is not all spaces.
      const value = /^ .*[^ ].* $/.test(code[1]) ? code[1].slice(1, -1) : code[1];
      return {
        node: { type: 'inlineCode', value, position: this.span(i, i + code[0].length) },
        end: i + code[0].length,
      };
    }
    if (c === '[') {
      LINK.lastIndex = i;
      const link = LINK.exec(content);
      if (!link) return this.references ? this.reference(i) : undefined;
      const children = this.run(i + 1, i + 1 + link[1].length, false);
      if (!children) return null;
      return {
        node: {
          type: 'link',
          title: null,
          url: link[2],
          children,
          position: this.span(i, i + link[0].length),
        } as PhrasingContent,
        end: i + link[0].length,
      };
    }
    if (c === '<') {
      TAG.lastIndex = i;
      const tag = TAG.exec(content);
      return tag
        ? {
            node: { type: 'html', value: tag[0], position: this.span(i, i + tag[0].length) },
            end: i + tag[0].length,
          }
        : undefined;
    }
    if ((c === '*' || c === '_') && outer) {
      EMPHASIS.lastIndex = i;
      const emphasis = EMPHASIS.exec(content);
      const end = emphasis ? i + emphasis[0].length : 0;
      // Between white space or punctuation on both sides, the runs can only pair with each other.
      if (!emphasis || !this.edge(i - 1) || !this.edge(end) || /[*_]/.test(content[i - 1] ?? ''))
        return undefined;
      if (!/^[\s]?$/.test(content[i - 1] ?? '') || !/^[\s]?$/.test(content[end] ?? ''))
        this.punctuated = true;
      const inner = emphasis[1].length;
      const children = this.run(i + inner, end - inner, false);
      if (!children) return null;
      return {
        node: {
          type: inner === 2 ? 'strong' : 'emphasis',
          children,
          position: this.span(i, end),
        } as PhrasingContent,
        end,
      };
    }
    return undefined;
  }

  /** A reference link at `i` to a defined label, or null (the text goes to remark). */
  private reference(i: number): { node: PhrasingContent; end: number } | null {
    REFERENCE_LINK.lastIndex = i;
    const ref = REFERENCE_LINK.exec(this.content);
    if (!ref) return null;
    const label = ref[2] || ref[1];
    const identifier = identifierOf(label);
    if (!identifier || !this.references!.has(identifier)) return null;
    const children = this.run(i + 1, i + 1 + ref[1].length, true);
    if (!children) return null;
    const referenceType = ref[2] === undefined ? 'shortcut' : ref[2] === '' ? 'collapsed' : 'full';
    const end = i + ref[0].length;
    return {
      node: {
        type: 'linkReference',
        identifier,
        label,
        referenceType,
        children,
        position: this.span(i, end),
      } as PhrasingContent,
      end,
    };
  }

  /** Whether the character at `index` is the start or end, white space or punctuation (as micromark classifies them). */
  private edge(index: number): boolean {
    const c = this.content[index];
    return c === undefined || /\s/.test(c) || /\p{P}|\p{S}/u.test(c);
  }

  /**
   * Whether a `*` or `_` left as text at `index` stays text: `_` inside a word never opens
   * or closes, and one loose run alone has nothing to pair with.
   */
  private inert(index: number): boolean {
    const { content } = this;
    const c = content[index];
    const sameRun = this.lastLoose === index - 1 && content[index - 1] === c;
    this.lastLoose = index;
    if (sameRun) return true;
    if (
      c === '_' &&
      /[A-Za-z0-9]/.test(content[index - 1] ?? '') &&
      /[A-Za-z0-9]/.test(content[index + 1] ?? '')
    )
      return true;
    return ++this.loose === 1;
  }

  private text(value: string, from: number, to: number): Text {
    // A text that ends with a line ending ends at the start of the next line, before any `> `.
    const end = value.endsWith('\n')
      ? { ...this.at(to), column: 1, offset: this.at(to).offset - this.at(to).column + 1 }
      : this.at(to);
    return { type: 'text', value, position: { start: this.at(from), end } };
  }

  private span(from: number, to: number) {
    return { start: this.at(from), end: this.at(to) };
  }
}

/** The text of `&name;` (given without `&` and `;`), or false for a name HTML does not define. */
function decodeReference(name: string): string | false {
  if (name[0] !== '#') return decodeNamedCharacterReference(name);
  const hex = name[1] === 'x' || name[1] === 'X';
  return decodeNumericCharacterReference(name.slice(hex ? 2 : 1), hex ? 16 : 10);
}

/** Page points for indexes into the text's content, which may run over several lines. */
function pointsOf(text: InlineText, place: Place): At {
  const starts = [0];
  for (let i = text.content.indexOf('\n'); i >= 0; i = text.content.indexOf('\n', i + 1))
    starts.push(i + 1);
  return (index) => {
    let k = starts.length - 1;
    while (starts[k] > index) k--;
    return place(text.line + k, index - starts[k] + (k === 0 ? text.from : text.indents![k - 1]));
  };
}

/** Text the GFM autolink-literal pass would turn into links (it leaves link text alone). */
function linksLiterally(node: PhrasingContent): boolean {
  if (node.type === 'text') return AUTOLINK.test(node.value);
  return (node.type === 'strong' || node.type === 'emphasis') && node.children.some(linksLiterally);
}
