/**
 * Types as prettier breaks them, for the shapes the emitters write: generic references (type
 * arguments one per line, no trailing comma), unions among type arguments (one member per
 * line, led by `|`) and intersections of named types (broken after each `&`). Anything else
 * (a union elsewhere, parentheses, object types, functions) is kept as its text, which prettier
 * would break differently: a line it leaves too long sends the statement to prettier.
 */
import { group, ifBreak, indent, join, line, softline, type Doc } from './doc.js';
import { splitTopLevel } from './layout.js';

/** A name, keyword or string literal: prettier keeps it as the only type argument (`Promise<void>`). */
const SIMPLE = /^(?:[A-Za-z_$][\w$.]*|'(?:[^'\\]|\\.)*')$/;

/** `Name<args>` split, when the brackets close at the end. */
function generic(type: string): { name: string; args: string[] } | undefined {
  const match = /^([A-Za-z_$][\w$.]*)<(.*)>$/s.exec(type);
  if (!match) return undefined;
  // `A<B> & C<D>` matches too: the brackets must close only at the end.
  return balanced(match[2]) ? { name: match[1], args: splitTopLevel(match[2], ', ') } : undefined;
}

/** Whether every bracket in `text` closes inside it (string literals skipped). */
function balanced(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"') {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
    } else if ('<([{'.includes(c)) depth++;
    else if ('>)]}'.includes(c) && --depth < 0) return false;
  }
  return depth === 0;
}

/** `type` as a document; `inArguments`: it is a type argument (where a union breaks without indent). */
export function typeDoc(type: string, inArguments = false): Doc {
  const members = splitTopLevel(type, ' | ');
  if (members.length > 1) {
    if (!inArguments) return type;
    return group([
      ifBreak('| '),
      join(
        [line, '| '],
        members.map((m) => typeDoc(m)),
      ),
    ]);
  }
  const parts = splitTopLevel(type, ' & ');
  if (parts.length > 1) {
    if (parts.some((p) => p.startsWith('{'))) return type;
    const [first, ...rest] = parts.map((p) => typeDoc(p));
    return group([first, ...rest.map((p) => indent([' &', line, p]))]);
  }
  if (type.endsWith('[]')) {
    const element = type.slice(0, -2);
    return generic(element) ? [typeDoc(element), '[]'] : type;
  }
  const reference = generic(type);
  if (!reference) return type;
  const { name, args } = reference;
  if (args.length === 1 && SIMPLE.test(args[0])) return type;
  return group([
    `${name}<`,
    indent([
      softline,
      join(
        [',', line],
        args.map((a) => typeDoc(a, true)),
      ),
    ]),
    softline,
    '>',
  ]);
}
