/**
 * Whole statements in prettier's shape, built from their parts: what emitters hand the format
 * stage instead of text. Each builder returns a LaidOut statement, or plain text (for prettier)
 * when a part is one the layouts cannot break (see `laidOut`). Parts are names, types and
 * expressions as the emitters write them (flat, prettier-clean), or pieces laid out by layout.ts.
 */
import type { JSDocStructure, OptionalKind } from 'ts-morph';
import { LaidOut, laidOut } from './laid-out.js';
import {
  annotation,
  constArray,
  fits,
  importDeclaration as importText,
  indentLines,
  printDocs,
  splitTopLevel,
  typeAlias,
  WIDTH,
} from './layout.js';
import type { Statements } from './statements.js';
import { group, indent, line, printDoc } from './doc.js';
import { typeDoc } from './types.js';
import { stringLiteral } from '../text/escape.js';

export type Docs = (OptionalKind<JSDocStructure> | string)[] | undefined;

/** What every declaration takes: its doc comment (`block`: printed as a block even when one line) and a blank line before it. */
export interface Declaration {
  docs?: Docs;
  block?: boolean;
  blankBefore?: boolean;
}

const finish = (d: Declaration, text: string): LaidOut | string =>
  laidOut(`${d.blankBefore ? '\n' : ''}${printDocs(d.docs, '', d.block)}${text}`);

/** A statement with a blank line before it (text for prettier stays text; a structure has its own rule). */
export function blankBefore(statement: Statements[number]): Statements[number] {
  if (typeof statement === 'string') return `\n${statement}`;
  return statement instanceof LaidOut ? laidOut(`\n${statement.text}`) : statement;
}

/** `import { a, type B } from '…';` */
export function importDeclaration(
  specifiers: string[],
  from: string,
  typeOnly = false,
): LaidOut | string {
  return laidOut(importText(specifiers, from, typeOnly));
}

/** `import * as name from '…';` */
export function namespaceImport(name: string, from: string): LaidOut | string {
  return laidOut(`import * as ${name} from ${stringLiteral(from)};`);
}

/** `export * from '…';` */
export function exportAll(from: string): LaidOut | string {
  return laidOut(`export * from ${stringLiteral(from)};`);
}

/** `export { a, b } from '…';`: broken like an import. */
export function exportFrom(names: string[], from: string): LaidOut | string {
  return laidOut(importText(names, from).replace(/^import/, 'export'));
}

/** `head = value;` with a value prettier keeps on the line (a literal, a name). */
export function constDeclaration(d: Declaration, head: string, value: string): LaidOut | string {
  return finish(d, `${head} = ${value};`);
}

/** An interface or type literal member; `key` is written as it is (quoted where it must be). */
export interface Member {
  docs?: Docs;
  key: string;
  optional: boolean;
  type: string;
}

/** Members one per line at `indent`, types broken as `annotation` breaks them (flat where it cannot). */
export function memberLines(members: Member[], indent: number, block = false): string {
  const pad = ' '.repeat(indent);
  return members
    .map((m) => {
      const prefix = `${m.key}${m.optional ? '?' : ''}: `;
      const line = annotation(indent, prefix, m.type, ';') ?? `${prefix}${m.type};`;
      return `${printDocs(m.docs, pad, block)}${pad}${indentLines(line, indent)}`;
    })
    .join('\n');
}

/**
 * `head<T> extends Base {`: flat when it fits. Else the type parameter stays when the line up
 * to the base's `<` fits, and the base's type arguments go one per line; otherwise the type
 * parameter is broken out (`S extends C =` and its default on the next line when the
 * parameter does not fit either).
 */
function interfaceHead(head: string, typeParameter: string | undefined, base: string | undefined) {
  const heritage = base ? ` extends ${base}` : '';
  const generic = typeParameter ? `<${typeParameter}>` : '';
  const flat = `${head}${generic}${heritage} {`;
  if (fits(flat)) return flat;
  const reference = base && /^([\w$.]+)<(.*)>$/.exec(base);
  const args = reference ? splitTopLevel(reference[2], ', ') : [];
  if (
    reference &&
    args.length > 1 &&
    (!typeParameter || fits(`${head}${generic} extends ${reference[1]}<`))
  ) {
    if (!args.every((a) => fits(`  ${a},`))) return flat;
    return `${head}${generic} extends ${reference[1]}<\n${args.map((a) => `  ${a}`).join(',\n')}\n> {`;
  }
  if (!typeParameter) return flat;
  if (fits(`  ${typeParameter},`)) return `${head}<\n  ${typeParameter},\n>${heritage} {`;
  const [constraint, fallback, ...rest] = splitTopLevel(typeParameter, ' = ');
  if (fallback !== undefined && !rest.length && fits(`  ${constraint} =`))
    return `${head}<\n  ${constraint} =\n    ${fallback},\n>${heritage} {`;
  return flat;
}

/** `export interface Name<T> extends Base { members }` (`head`: `export interface Name`). */
export function interfaceDeclaration(
  d: Declaration & { head: string; typeParameter?: string; extends?: string; members: Member[] },
): LaidOut | string {
  const head = interfaceHead(d.head, d.typeParameter, d.extends);
  const body = memberLines(d.members, 2, d.block);
  return finish(d, body ? `${head}\n${body}\n}` : `${head}}`);
}

/** `export type Name = type;` (see `typeAlias`). */
export function typeAliasDeclaration(d: Declaration & { head: string; type: string }) {
  return finish(d, typeAlias(d.head, d.type) ?? `${d.head} = ${d.type};`);
}

/** `export type Name =\n  | { … }\n  | { … };`: a union of object types, always one per line. */
export function objectUnionDeclaration(d: Declaration & { head: string; shapes: Member[][] }) {
  // Without a member (a line break) in any shape, prettier may keep the union flat.
  if (d.shapes.every((s) => !s.length))
    return `${d.head} = ${d.shapes.map(() => '{}').join(' | ')};`;
  const shapes = d.shapes.map((s) =>
    s.length ? `  | {\n${memberLines(s, 6, d.block)}\n    }` : '  | {}',
  );
  return finish(d, `${d.head} =\n${shapes.join('\n')};`);
}

/**
 * `export type Name = Base & { members };`: with named types before the object, prettier
 * always breaks after each of their `&` (the object's line breaks break the intersection) and
 * indents the object.
 */
export function intersectionDeclaration(
  d: Declaration & { head: string; base: string; members: Member[] },
) {
  const [first, ...rest] = splitTopLevel(d.base, ' & ');
  const empty = !d.members.length;
  const head = group(
    [
      `${d.head} = `,
      typeDoc(first),
      ...rest.map((p) => indent([' &', line, typeDoc(p)])),
      empty ? ' & {};' : ' & {',
    ],
    rest.length > 0 && !empty,
  );
  if (empty) return finish(d, printDoc(head));
  const at = rest.length ? 4 : 2;
  const body = memberLines(d.members, at, d.block);
  return finish(d, `${printDoc(head)}\n${body}\n${' '.repeat(at - 2)}};`);
}

/** `head [a, b] as const;` (items atoms), see `constArray`. */
export function constArrayDeclaration(
  d: Declaration & { head: string; items: string[]; tail: string },
) {
  const head = `${d.head} = `;
  return finish(d, constArray(head, d.items, d.tail) ?? `${head}[${d.items.join(', ')}]${d.tail}`);
}

/** A tuple of a table: items, then maybe an arrow function last (`(p) => body`). */
export interface TableRow {
  items: string[];
  arrow?: { params: string; body: string };
}

/** One row at indent 2: flat when it fits, else one item per line, an arrow's body after `=>` when it must. */
function tableRow({ items, arrow }: TableRow): string {
  const arrowFlat = arrow && `${arrow.params} => ${arrow.body}`;
  const all = arrowFlat ? [...items, arrowFlat] : items;
  const flat = `[${all.join(', ')}]`;
  if (fits(`  ${flat},`)) return flat;
  const lines = items.map((i) => `    ${i},`);
  if (arrow)
    lines.push(
      fits(`    ${arrowFlat},`)
        ? `    ${arrowFlat},`
        : `    ${arrow.params} =>\n      ${arrow.body},`,
    );
  return `[\n${lines.join('\n')}\n  ]`;
}

/**
 * `head = [\n  [a, b],\n  …\n];`: an array of two or more tuples, which prettier always
 * breaks one tuple per line; each tuple breaks on its own (see `tableRow`).
 */
export function tableDeclaration(d: Declaration & { head: string; rows: TableRow[] }) {
  const rows = d.rows.map((r) => `  ${tableRow(r)},`);
  const text = `${d.head} = [\n${rows.join('\n')}\n];`;
  return d.rows.length > 1 ? finish(d, text) : text;
}

/**
 * `head = /* @__PURE__ *\/ callee(args);` (`prefix`: the leading comment), as prettier lays out
 * an assignment: flat when it fits. A call it deems poorly breakable (a name chain with at most
 * a simple type argument, at most one argument, a name of up to a quarter of the width) breaks
 * after `=`; another only when the line up to its `(` does not fit ("fluid"). Then the arguments
 * go one per line when the call does not fit either.
 */
export function pureCallDeclaration(
  d: Declaration & { head: string; prefix: string; callee: string; args: string[] },
) {
  const open = `${d.prefix}${d.callee}(`;
  const call = `${open}${d.args.join(', ')});`;
  const broken = (at: string) => `${open}\n${d.args.map((a) => `${at}  ${a},\n`).join('')}${at});`;
  const poorlyBreakable =
    /^[\w$.]+(?:<[\w$.]+>)?$/.test(d.callee) &&
    d.args.length <= 1 &&
    d.args.every((a) => /^[\w$]+$/.test(a) && a.length <= WIDTH / 4);
  if (fits(`${d.head} = ${call}`)) return finish(d, `${d.head} = ${call}`);
  if (!poorlyBreakable && fits(`${d.head} = ${open}`))
    return finish(d, `${d.head} = ${broken('')}`);
  return finish(d, `${d.head} =\n  ${fits(`  ${call}`) ? call : broken('  ')}`);
}

/**
 * `head(a, b)tail` at `indent`: flat when every argument is one line and it fits, else every
 * argument on its own line. For calls whose last argument prettier does not hug (not an object,
 * array or function, or one after an argument of its kind): pieces may be broken already.
 */
export function callStatement(
  d: Declaration & { indent?: number; head: string; args: string[]; tail: string },
) {
  const at = ' '.repeat(d.indent ?? 0);
  const flat = `${d.head}(${d.args.join(', ')})${d.tail}`;
  if (!d.args.some((a) => a.includes('\n')) && fits(at + flat)) return finish(d, flat);
  const args = d.args.map((a) => `  ${indentLines(a, 2)},\n`).join('');
  return finish(d, `${d.head}(\n${args})${d.tail}`);
}

/**
 * `head<T>(params): returns {` (`head`: `export async function name`): flat when it fits;
 * else the parameters one per line, and the type parameter too when the line up to `(` does not fit.
 */
function signature(
  head: string,
  typeParameter: string | undefined,
  params: string[],
  returns: string,
): string {
  const tail = `: ${returns} {`;
  const generic = typeParameter ? `<${typeParameter}>` : '';
  const flat = `${head}${generic}(${params.join(', ')})${tail}`;
  if (fits(flat) || !params.length) return flat;
  const broken = (open: string) =>
    `${open}(\n${params.map((p) => `  ${parameter(p)}\n`).join('')})${printDoc([': ', typeDoc(returns), ' {'], 0, 1)}`;
  if (!typeParameter || fits(`${head}${generic}(`)) return broken(`${head}${generic}`);
  const open = `${head}<\n  ${typeParameter},\n>`;
  const rest = `>(${params.join(', ')})${tail}`;
  return rest.length <= WIDTH ? `${open}${rest.slice(1)}` : broken(open);
}

/** `name: type = init,` on lines of its own at indent 2, its type broken as prettier does. */
function parameter(text: string): string {
  const match = /^([\w$]+\??): (.*?)( = \{\})?$/s.exec(text);
  if (!match) return `${text},`;
  return printDoc([`${match[1]}: `, typeDoc(match[2]), match[3] ?? '', ','], 2);
}

/** A function declaration; `body`: its statements as laid out at indent 0 (indented here). */
export function functionDeclaration(
  d: Declaration & {
    head: string;
    typeParameter?: string;
    params: string[];
    returns: string;
    body: string[];
  },
) {
  const head = signature(d.head, d.typeParameter, d.params, d.returns);
  const body = d.body.map((b) => `  ${indentLines(b, 2)}`).join('\n');
  return finish(d, body ? `${head}\n${body}\n}` : `${head}}`);
}
