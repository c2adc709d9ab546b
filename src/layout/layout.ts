/**
 * Code in the shape prettier prints it (PRETTIER_OPTIONS: width 100, single quotes, trailing
 * commas) for the few constructs the emitters write, so most files need no prettier run.
 * Each helper breaks a construct where prettier does: flat when the line fits, else the
 * broken form prettier picks for it. Where a helper does not know prettier's choice it
 * returns `undefined` and the statement goes to prettier (see `settled`). A test holds the
 * whole corpus output to prettier's bytes.
 */
import type { JSDocStructure, OptionalKind } from 'ts-morph';
import { stringLiteral } from '../text/escape.js';

export const WIDTH = 100;

export const fits = (line: string) => line.length <= WIDTH;

/** Double-quoted (JSON) string literals in a type or expression, in prettier's quotes. */
export function requote(text: string): string {
  if (!text.includes('"')) return text;
  // Single-quoted literals are matched too, so a `"` inside one is left alone.
  return text.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, (literal) =>
    literal[0] === '"' ? stringLiteral(JSON.parse(literal) as string) : literal,
  );
}

/**
 * `head(a, b)tail` on one line when it fits at `indent`, else one item per line with a
 * trailing comma: prettier's layout for call arguments and parameters without a huggable
 * last item. Items must fit on their own lines; lines after the first are relative to `indent`.
 */
export function list(
  indent: number,
  head: string,
  items: string[],
  tail: string,
  open = '(',
  close = ')',
): string | undefined {
  const flat = `${head}${open}${items.join(', ')}${close}${tail}`;
  if (fits(' '.repeat(indent) + flat) || !items.length) return flat;
  if (!items.every((item) => !item.includes('\n') && fits(' '.repeat(indent + 2) + item + ',')))
    return undefined;
  return `${head}${open}\n${items.map((item) => `  ${item},\n`).join('')}${close}${tail}`;
}

/** `list`, or the flat text when the items do not fit on their own lines (prettier then settles it). */
export function listOrFlat(indent: number, head: string, items: string[], tail: string): string {
  return list(indent, head, items, tail) ?? `${head}(${items.join(', ')})${tail}`;
}

/** `import { a, type B } from '…';`: prettier never breaks a single specifier. */
export function importDeclaration(specifiers: string[], from: string, typeOnly = false): string {
  const head = `import ${typeOnly ? 'type ' : ''}`;
  const tail = ` from ${stringLiteral(from)};`;
  const flat = `${head}{ ${specifiers.join(', ')} }${tail}`;
  if (specifiers.length === 1 || fits(flat)) return flat;
  return `${head}{\n${specifiers.map((s) => `  ${s},\n`).join('')}}${tail}`;
}

/** `text` split at each `separator` outside brackets and string literals. */
export function splitTopLevel(text: string, separator: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"') {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
    } else if (c === '<' || c === '(' || c === '[' || c === '{') depth++;
    else if (c === '>' || c === ')' || c === ']' || c === '}') depth--;
    else if (depth === 0 && text.startsWith(separator, i)) {
      out.push(text.slice(start, i));
      start = i + separator.length;
      i = start - 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

/** Top-level ` | ` members of a type (one member when it is not a union). */
export const unionMembers = (type: string): string[] => splitTopLevel(type, ' | ');

/** A type name or keyword. */
const NAME = /^[A-Za-z_$][\w$.]*$/;
/** A type that prettier never breaks: a name, keyword or string literal, maybe with `[]`. */
const ATOM = /^(?:[A-Za-z_$][\w$.]*|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")(?:\[\])?$/;

/**
 * `prefix type suffix` for a type annotation at `indent` (a property: `'key'?: ` … `;`).
 * A union moves to the next line, else breaks one member per line with leading `|`; `Name |
 * null` stays put. A union inside `ExpandOf<…>[]` does the same inside the brackets.
 */
export function annotation(
  indent: number,
  prefix: string,
  type: string,
  suffix: string,
): string | undefined {
  const flat = `${prefix}${type}${suffix}`;
  if (fits(' '.repeat(indent) + flat)) return flat;
  const members = unionMembers(type);
  if (members.length === 1) {
    if (ATOM.test(type)) return flat;
    const generic = /^(\w+)<(.*)>(\[\])?$/.exec(type);
    if (!generic) return undefined;
    // One name or literal as the type argument is never broken out of its brackets.
    if (ATOM.test(generic[2])) return flat;
    const inner = unionMembers(generic[2]);
    if (!inner.every((m) => ATOM.test(m))) return undefined;
    const close = `>${generic[3] ?? ''}${suffix}`;
    if (fits(' '.repeat(indent + 2) + generic[2]))
      return `${prefix}${generic[1]}<\n  ${generic[2]}\n${close}`;
    if (inner.length < 2) return undefined;
    return `${prefix}${generic[1]}<\n${inner.map((m) => `  | ${m}`).join('\n')}\n${close}`;
  }
  if (!members.every((m) => ATOM.test(m))) return undefined;
  // A named type or null is never broken.
  if (members.length === 2 && members[1] === 'null' && NAME.test(members[0])) return flat;
  if (fits(`${' '.repeat(indent + 2)}${type}${suffix}`))
    return `${prefix.trimEnd()}\n  ${type}${suffix}`;
  return `${prefix.trimEnd()}\n${members.map((m) => `  | ${m}`).join('\n')}${suffix}`;
}

/**
 * `export type Name = type;`: flat when it fits, else the type on the next line, else (a
 * union) one member per line.
 */
export function typeAlias(head: string, type: string): string | undefined {
  const flat = `${head} = ${type};`;
  if (fits(flat)) return flat;
  const members = unionMembers(type);
  if (!members.every((m) => ATOM.test(m))) return undefined;
  if (fits(`  ${type};`)) return `${head} =\n  ${type};`;
  if (members.length < 2) return undefined;
  return `${head} =\n${members.map((m) => `  | ${m}`).join('\n')};`;
}

/** `head [a, b] as const;` (items atoms): flat, else hugged with one item per line. */
export function constArray(head: string, items: string[], tail: string): string | undefined {
  const flat = `${head}[${items.join(', ')}]${tail}`;
  if (fits(flat)) return flat;
  if (items.length < 2 || !fits(`${head}[`)) return undefined;
  return `${head}[\n${items.map((i) => `  ${i},\n`).join('')}]${tail}`;
}

/**
 * `head(a, b, { k: v })tail` whose last argument is an object: flat when it fits; else the
 * object hugged and broken when the line up to its `{` fits; else every argument on its own
 * line (the object flat there if it fits). A `forced` object always breaks, as one with a
 * broken entry does (prettier keeps an object broken when its source has a newline after
 * `{`). Lines after the first are relative to `indent`.
 */
export function callWithObject(
  indent: number,
  head: string,
  args: string[],
  entries: string[],
  tail: string,
  forced = false,
): string | undefined {
  const at = ' '.repeat(indent);
  forced ||= entries.some((e) => e.includes('\n'));
  const flatObject = `{ ${entries.join(', ')} }`;
  const flat = `${head}(${[...args, flatObject].join(', ')})${tail}`;
  if (!forced && fits(at + flat)) return flat;
  if (fits(`${at}${head}(${[...args, '{'].join(', ')}`))
    return `${head}(${[...args, brokenObject(entries)].join(', ')})${tail}`;
  if (!args.every((a) => fits(`${at}  ${a},`))) return undefined;
  const last = !forced && fits(`${at}  ${flatObject},`) ? flatObject : brokenObject(entries);
  return `${head}(\n${[...args, last].map((a) => `  ${indentLines(a, 2)},\n`).join('')})${tail}`;
}

/** Indent every line after the first of a multi-line piece by `by` spaces. */
export function indentLines(text: string, by: number): string {
  return text.includes('\n') ? text.replace(/\n/g, `\n${' '.repeat(by)}`) : text;
}

/** An object literal written broken, which prettier keeps broken; lines after the first relative. */
export function brokenObject(entries: string[]): string {
  return `{\n${entries.map((e) => `  ${indentLines(e, 2)},\n`).join('')}}`;
}

/**
 * An array of tuples at `indent`, followed on its line by `after`: flat when it fits, else one
 * tuple per line (each flat, or itself broken), lines relative to `indent`. Prettier always
 * breaks an array of two or more tuples that each have two or more items.
 */
export function tupleArray(indent: number, rows: string[][], after: string): string | undefined {
  const flat = `[${rows.map((r) => `[${r.join(', ')}]`).join(', ')}]`;
  const forced = rows.length > 1 && rows.every((r) => r.length > 1);
  if (!rows.length || (!forced && fits(' '.repeat(indent) + flat + after))) return flat;
  const lines: string[] = [];
  for (const row of rows) {
    const line = list(indent + 2, '', row, ',', '[', ']');
    if (line === undefined) return undefined;
    lines.push(`  ${indentLines(line, 2)}`);
  }
  return `[\n${lines.join('\n')}\n]`;
}

/**
 * Whether prettier leaves a laid-out statement as it is, judged line by line: comment lines
 * are kept as written; code lines must fit and be ASCII (prettier measures East Asian wide
 * characters double, and unquotes Unicode keys), except the long lines prettier cannot break.
 */
export function settled(text: string): boolean {
  let inComment = false;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (inComment || trimmed.startsWith('/**')) {
      inComment = !trimmed.endsWith('*/');
      if (/[\r\u2028\u2029]/.test(line) || commentLine(line) !== line) return false;
      continue;
    }
    if (/[^\x20-\x7e]/.test(line) || line.includes('__proto__')) return false;
    if (fits(line) || UNBREAKABLE.some((pattern) => pattern.test(line))) continue;
    return false;
  }
  return true;
}

/**
 * A doc comment line as prettier prints it: trailing spaces go, except that two or more
 * after text stay as two (a Markdown line break). Mixed tabs and spaces are left as they are
 * (and `settled` leaves the statement to prettier).
 */
export function commentLine(line: string): string {
  const trailing = /[ \t]+$/.exec(line)?.[0];
  if (!trailing) return line;
  const text = line.slice(0, -trailing.length);
  if (text.endsWith('*') && /^\s*\*$/.test(text)) return text;
  if (/^ +$/.test(trailing)) return trailing.length >= 2 ? `${text}  ` : text;
  return /^\t+$/.test(trailing) ? text : line;
}

/** A doc comment of several lines at `indent`, each line's end as prettier leaves it. */
export function docBlock(lines: string[], indent = ''): string {
  return `${indent}/**\n${lines.map((l) => commentLine(`${indent} *${l ? ` ${l}` : ''}`)).join('\n')}\n${indent} */\n`;
}

/** Long lines prettier prints as they are. */
const UNBREAKABLE = [
  /^(?:import|export) (?:type )?\{ [\w$]+ \} from '[^']*';$/,
  /^export \* from '[^']*';$/,
  /^export interface [\w$]+ extends [\w$.]+ \{\}?$/,
  // The first line of a head broken at its type parameter or its base's type arguments.
  /^export interface [\w$]+(?: extends [\w$.]+)?<$/,
  /^export (?:async )?function\*? [\w$]+[(<]$/,
  /^ +path: `[^`]*`,$/,
  // A string or template literal alone on its line (an array item, an arrow function's body).
  /^ +(?:'(?:[^'\\]|\\.)*'|"[^"\\]*'[^"\\]*"|`[^`]*`),$/,
  // A property typed by one name, name[], literal, or name | null (see `annotation`).
  new RegExp(
    `^ +(?:[\\w$]+|'[^'\\\\]*')\\??: (?:${ATOM.source.slice(1, -1)}|${NAME.source.slice(1, -1)} \\| null);$`,
  ),
];

/**
 * Doc comments as ts-morph prints them (one line when the text is one line, unless `block`;
 * a block has a blank line before the tags),
 * their lines' ends as prettier leaves them. The text is already escaped (see `docs()`).
 */
export function printDocs(
  docs: (OptionalKind<JSDocStructure> | string)[] | undefined,
  indent = '',
  block = false,
): string {
  let out = '';
  for (const doc of docs ?? []) {
    if (
      typeof doc !== 'object' ||
      typeof doc.description === 'function' ||
      doc.tags?.some((t) => typeof t.text === 'function')
    )
      throw new Error('docs2ts prints doc comments from text only');
    const tags = (doc.tags ?? []).map((t) => `@${t.tagName}${t.text ? ` ${String(t.text)}` : ''}`);
    // A block sets its tags apart by a blank line.
    const gap = block && doc.description && tags.length ? [''] : [];
    const lines = [...(doc.description ? [doc.description] : []), ...gap, ...tags]
      .join('\n')
      .split(/\r?\n/);
    if (lines[0] === '' && lines.length > 1) lines.shift();
    out += lines.length === 1 && !block ? `${indent}/** ${lines[0]} */\n` : docBlock(lines, indent);
  }
  return out;
}
