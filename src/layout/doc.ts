/**
 * A small copy of prettier's document printer (its `group`, `indent`, `line`, `softline`,
 * `hardline` and `ifBreak`, and its rule for when a group fits: the group flat, then what
 * follows it up to the next possible line break), for the types the layouts break (see types.ts).
 */
import { WIDTH } from './layout.js';

export type Doc = string | Doc[] | Group | Indent | Line | IfBreak;
interface Group {
  kind: 'group';
  contents: Doc;
  /** Broken whatever its width (prettier: a group holding a hard line break). */
  broken: boolean;
}
interface Indent {
  kind: 'indent';
  contents: Doc;
}
interface Line {
  kind: 'line';
  /** Nothing when flat (else a space). */
  soft: boolean;
  /** Always a line break (and a group around it still fits when flat up to it). */
  hard: boolean;
}
interface IfBreak {
  kind: 'ifBreak';
  broken: Doc;
  flat: Doc;
}

export const group = (contents: Doc, broken = false): Doc => ({ kind: 'group', contents, broken });
export const indent = (contents: Doc): Doc => ({ kind: 'indent', contents });
export const line: Doc = { kind: 'line', soft: false, hard: false };
export const softline: Doc = { kind: 'line', soft: true, hard: false };
export const hardline: Doc = { kind: 'line', soft: false, hard: true };
export const ifBreak = (broken: Doc, flat: Doc = ''): Doc => ({ kind: 'ifBreak', broken, flat });
export const join = (separator: Doc, docs: Doc[]): Doc =>
  docs.flatMap((d, i) => (i ? [separator, d] : [d]));

type Mode = 'flat' | 'break';
type Command = [indent: number, mode: Mode, doc: Doc];

function fits(next: Command, rest: Command[], width: number): boolean {
  const commands: Command[] = [next];
  let restIndex = rest.length;
  while (width >= 0) {
    if (!commands.length) {
      if (!restIndex) return true;
      commands.push(rest[--restIndex]);
      continue;
    }
    const [at, mode, doc] = commands.pop()!;
    if (typeof doc === 'string') width -= doc.length;
    else if (Array.isArray(doc))
      for (let i = doc.length - 1; i >= 0; i--) commands.push([at, mode, doc[i]]);
    else if (doc.kind === 'group') commands.push([at, doc.broken ? 'break' : mode, doc.contents]);
    else if (doc.kind === 'indent') commands.push([at, mode, doc.contents]);
    else if (doc.kind === 'ifBreak')
      commands.push([at, mode, mode === 'break' ? doc.broken : doc.flat]);
    else if (mode === 'break' || doc.hard) return true;
    else if (!doc.soft) width--;
  }
  return false;
}

/** `doc` printed from column `column` of a line indented by `at` (lines after the first at `at` and deeper). */
export function printDoc(doc: Doc, at = 0, column = at): string {
  const commands: Command[] = [[at, 'break', doc]];
  let out = '';
  let position = column;
  while (commands.length) {
    const [indentation, mode, d] = commands.pop()!;
    if (typeof d === 'string') {
      out += d;
      position += d.length;
    } else if (Array.isArray(d)) {
      for (let i = d.length - 1; i >= 0; i--) commands.push([indentation, mode, d[i]]);
    } else if (d.kind === 'indent') commands.push([indentation + 2, mode, d.contents]);
    else if (d.kind === 'group') {
      const flat: Command = [indentation, 'flat', d.contents];
      commands.push(
        !d.broken && (mode === 'flat' || fits(flat, commands, WIDTH - position))
          ? flat
          : [indentation, 'break', d.contents],
      );
    } else if (d.kind === 'ifBreak')
      commands.push([indentation, mode, mode === 'break' ? d.broken : d.flat]);
    else if (mode === 'flat' && !d.hard) {
      if (!d.soft) {
        out += ' ';
        position++;
      }
    } else {
      out = `${out.trimEnd()}\n${' '.repeat(indentation)}`;
      position = indentation;
    }
  }
  return out;
}
