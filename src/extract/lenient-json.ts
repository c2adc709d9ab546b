/**
 * JSON as Json.NET reads it, which is how ApiDoctor reads annotations: `//` and `/* *\/`
 * comments, trailing commas, single-quoted strings, unquoted property names and raw line breaks
 * (or other control characters) inside strings. The text is rewritten into strict JSON in one
 * pass, then parsed by JSON.parse; what was tolerated is returned with its first offset.
 */

export type Leniency =
  | 'comments'
  | 'trailing commas'
  | 'single-quoted strings'
  | 'unquoted property names'
  | 'line breaks or tabs in strings';

export interface LenientJson {
  value: unknown;
  /** What strict JSON would have rejected, each with the offset of its first occurrence. */
  leniencies: { kind: Leniency; offset: number }[];
}

const IDENT_START = /[A-Za-z_$]/;
const IDENT = /[\w$]/;
const KEYWORDS = new Set(['true', 'false', 'null']);

/** Parse `text` leniently; undefined when even Json.NET would reject it. */
export function readLenientJson(text: string): LenientJson | undefined {
  const out: string[] = [];
  const found = new Map<Leniency, number>();
  const note = (kind: Leniency, offset: number) => {
    if (!found.has(kind)) found.set(kind, offset);
  };
  const n = text.length;
  /** Index after the comment starting at i, or i when none starts there (-1: unterminated). */
  const skipComment = (i: number): number => {
    if (text[i] !== '/') return i;
    if (text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      return end < 0 ? n : end;
    }
    if (text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      return end < 0 ? -1 : end + 2;
    }
    return i;
  };
  /** Index of the next character that is neither white space nor a comment. */
  const nextSignificant = (i: number): number => {
    for (;;) {
      while (i < n && /\s/.test(text[i])) i++;
      const after = skipComment(i);
      if (after === i || after < 0) return after < 0 ? n : i;
      i = after;
    }
  };
  let i = 0;
  while (i < n) {
    const c = text[i];
    if (c === '/') {
      const after = skipComment(i);
      if (after < 0) return undefined;
      if (after > i) {
        note('comments', i);
        out.push(' ');
        i = after;
        continue;
      }
    }
    if (c === '"' || c === "'") {
      if (c === "'") note('single-quoted strings', i);
      const end = readString(text, i, out, (offset) =>
        note('line breaks or tabs in strings', offset),
      );
      if (end < 0) return undefined;
      i = end;
      continue;
    }
    if (c === ',') {
      const next = nextSignificant(i + 1);
      if (text[next] === '}' || text[next] === ']') {
        note('trailing commas', i);
        i++;
        continue;
      }
    }
    if (IDENT_START.test(c)) {
      let end = i + 1;
      while (end < n && IDENT.test(text[end])) end++;
      const word = text.slice(i, end);
      if (!KEYWORDS.has(word) && text[nextSignificant(end)] === ':') {
        note('unquoted property names', i);
        out.push(JSON.stringify(word));
      } else {
        out.push(word);
      }
      i = end;
      continue;
    }
    out.push(c);
    i++;
  }
  try {
    const value: unknown = JSON.parse(out.join(''));
    const leniencies = [...found]
      .map(([kind, offset]) => ({ kind, offset }))
      .sort((a, b) => a.offset - b.offset);
    return { value, leniencies };
  } catch {
    return undefined;
  }
}

/** Copy the string opening at `start` to `out` as a strict JSON string; returns the index after it, -1 when unterminated. */
function readString(
  text: string,
  start: number,
  out: string[],
  rawBreak: (offset: number) => void,
): number {
  const quote = text[start];
  let piece = '"';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === quote) {
      out.push(piece + '"');
      return i + 1;
    }
    if (c === '\\') {
      const next = text[i + 1];
      if (next === undefined) return -1;
      // `\'` is no escape in JSON; a double quote inside single quotes needs one.
      piece += next === "'" ? "'" : c + next;
      i++;
    } else if (c === '"') {
      piece += '\\"';
    } else if (c < ' ') {
      rawBreak(i);
      piece +=
        c === '\n'
          ? '\\n'
          : c === '\r'
            ? '\\r'
            : c === '\t'
              ? '\\t'
              : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    } else {
      piece += c;
    }
  }
  return -1;
}
