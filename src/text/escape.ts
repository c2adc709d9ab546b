/**
 * The one escaping function per output context. Text from the docs (paths, names,
 * descriptions, titles, URLs, examples) and from the config reaches generated code, JSON or
 * Markdown only through one of these; each keeps the text's meaning in its context, so the
 * text reads back as written and can never end the context it is in.
 */

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Lone surrogates (which no UTF-8 file can hold) as U+FFFD, as writing the file would make them. */
export const wellFormed = (text: string): string => text.replace(LONE_SURROGATE, '\ufffd');

/**
 * Text inside a doc comment. Every text reads back as written through `uncommentText`:
 * - a `*` and `/` that would end the comment get a backslash between them, `*\/` (TSDoc's escape);
 * - an `@` at the start of a line or after white space, which TypeScript reads as a tag
 *   (`@team mentions` would become a tag `@team`), is written `\@` (TSDoc's escape);
 * - backslashes just before either get one more, so an escape in the text stays text;
 * - every line terminator (CR, CRLF, U+2028, U+2029) is a line break; lone surrogates are U+FFFD.
 */
export function commentText(text: string): string {
  return wellFormed(text)
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(/\*(\\*)\//g, (_, slashes: string) => `*${slashes}\\/`)
    .replace(/(^|\s)(\\*)@/gm, (_, before: string, slashes: string) => `${before}${slashes}\\@`);
}

/** The text `commentText` escaped. */
export const uncommentText = (text: string): string =>
  text
    .replace(/\*\\(\\*)\//g, (_, slashes: string) => `*${slashes}/`)
    .replace(/(^|\s)\\(\\*)@/gm, '$1$2@');

/** Text JSON.stringify and prettier leave alone between single quotes. */
const PLAIN = /^[^'"\\\x00-\x1f\u2028\u2029\ud800-\udfff]*$/;

const count = (text: string, char: string) => text.split(char).length - 1;

/**
 * A JavaScript/TypeScript string literal as prettier prints it: single quotes unless the text
 * holds more of them; control characters, line terminators and lone surrogates escaped.
 */
export function stringLiteral(value: string): string {
  if (PLAIN.test(value)) return `'${value}'`;
  const raw = JSON.stringify(value)
    .slice(1, -1)
    .replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  const enclosing = count(raw, "'") > count(raw, '"') ? '"' : "'";
  const other = enclosing === '"' ? "'" : '"';
  // prettier's makeString: quotes escaped only where they must be, other escapes kept.
  const body = raw.replace(
    /\\(.)|(["'])/gs,
    (_m, escaped: string | undefined, q: string | undefined) => {
      if (escaped === other) return escaped;
      if (q === enclosing) return `\\${q}`;
      if (q) return q;
      return /^[^\n\r"'0-7\\bfnrt-vx\u2028\u2029]$/.test(escaped!) ? escaped! : `\\${escaped}`;
    },
  );
  return enclosing + body + enclosing;
}

/**
 * Text inside a template literal (`` `…` ``): backticks, backslashes and `$` escaped; CR (which
 * a template literal reads as LF) and lone surrogates as escapes.
 */
export function templateText(text: string): string {
  return text
    .replace(/[`\\$]/g, (c) => `\\${c}`)
    .replace(/\r/g, '\\r')
    .replace(LONE_SURROGATE, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

/** Words that cannot be identifiers in generated code. */
const RESERVED = new Set(
  `break case catch class const continue debugger default delete do else enum export extends
false finally for function if import in instanceof new null return super switch this throw true try typeof var void
while with as implements interface let package private protected public static yield any boolean number string symbol
type from of async await constructor declare get set module namespace require undefined never unknown object bigint`.split(
    /\s+/,
  ),
);

/** Any text as a safe identifier: other characters are `_`; leading digits and reserved words get a `_`. */
export function identifier(text: string): string {
  let id = text.replace(/[^A-Za-z0-9_$]/g, '_') || '_';
  if (/^[0-9]/.test(id)) id = '_' + id;
  if (RESERVED.has(id) || id === '__proto__' || id === 'prototype') id += '_';
  return id;
}

const IDENTIFIER_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A member name of an interface or type literal: bare when it can be, else a (JSON) string literal. */
export function propertyKey(name: string): string {
  return IDENTIFIER_NAME.test(name) && name !== '__proto__' ? name : JSON.stringify(name);
}

/**
 * A key of an object literal: as `propertyKey`, except `__proto__`, which as a plain key would
 * set the object's prototype instead of a property: it is written computed, `['__proto__']`.
 */
export function objectKey(name: string): string {
  return name === '__proto__' ? `[${JSON.stringify(name)}]` : propertyKey(name);
}

/** A property read, `object.key` or `object['key']`. */
export function memberAccess(object: string, key: string): string {
  return IDENTIFIER_NAME.test(key) ? `${object}.${key}` : `${object}[${stringLiteral(key)}]`;
}

/** A JSON value (a string: its JSON string literal); lone surrogates escaped as JSON allows. */
export const jsonText = (value: unknown): string => JSON.stringify(value);

/** Markdown reads NUL as U+FFFD: written so, as lone surrogates are. */
const markdownChars = (text: string) => wellFormed(text).replace(/\0/g, '\ufffd');

/**
 * Text in running Markdown, after other text on its line (a heading's `# `, a list item's
 * words): characters that could start markup, HTML or an entity are backslash-escaped, line
 * breaks are spaces.
 */
export function markdownText(text: string): string {
  return markdownChars(text)
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[\\`*_[\]<>!|#~&{}]/g, (c) => `\\${c}`);
}

/** Text as a Markdown code span: fenced by more backticks than it holds in a row, line breaks as spaces. */
export function markdownCode(text: string): string {
  const flat = markdownChars(text).replace(/[\r\n\u2028\u2029]+/g, ' ');
  const fence = '`'.repeat(Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  const pad = /^[` ]|[` ]$/.test(flat) && flat.trim() ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Names every object inherits (`toString`, `constructor`, `__proto__`…): as option or body keys they need own-property reads. */
export const isInheritedKey = (name: string): boolean =>
  name === '__proto__' || name in Object.prototype;
