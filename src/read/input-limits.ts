/**
 * Limits that keep reading a page linear in its size, applied to its lines before remark
 * (or the lifters) see them. Past a limit the rest is blanked in place, so positions hold,
 * and the cut is reported where it starts. No real page comes near them (the v1.0 corpus:
 * 2 containers opened on one line, 8 columns of indentation outside code, 1,049 table rows).
 */

/** A cut made to a page's lines: a reader warning at its place. */
export interface Cut {
  ruleId: 'nesting-too-deep' | 'table-too-long';
  line: number;
  column: number;
  message: string;
}

/**
 * How deep block quotes and list items may nest. remark's cost per line grows with the
 * containers it is in (20,000 `- ` on one line: minutes), and mdast walks recurse per level.
 */
export const MAX_NESTING = 50;

/** Table rows read per page: a huge table costs memory per row in every stage after reading. */
export const MAX_TABLE_ROWS = 10_000;

/**
 * An upper bound on the containers a line can be in, up to each column of its start: each
 * marker (`>`, a bullet, `1.`) opens at most one, and a container carried over from the lines
 * above takes a `>` or at least two columns of indentation. Returns the offset where the bound
 * passes `max`, or -1.
 */
function tooDeepAt(line: string, max: number): number {
  let columns = 0;
  let markers = 0;
  for (let i = 0; i < line.length;) {
    const c = line[i];
    const start = i;
    if (c === ' ' || c === '\t') {
      columns += c === ' ' ? 1 : 4 - (columns % 4);
      i++;
      continue;
    }
    const bullet =
      c === '>' || ((c === '-' || c === '*' || c === '+') && /^[ \t]?$/.test(line[i + 1] ?? ''));
    const ordered = bullet ? undefined : /^\d{1,9}[.)](?=[ \t]|$)/.exec(line.slice(i, i + 11));
    if (!bullet && !ordered) return -1;
    if (++markers + (columns >> 1) > max) return start;
    i += ordered ? ordered[0].length : 1;
    if (line[i] === ' ') i++; // the space after a marker belongs to it
  }
  return -1;
}

/** Cut each line where its nesting passes MAX_NESTING; one report for the page. */
export function capNesting(lines: string[]): Cut[] {
  let first: { line: number; column: number } | undefined;
  let count = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].length * 2 <= MAX_NESTING) continue; // a tab is at most two levels
    const at = tooDeepAt(lines[i], MAX_NESTING);
    if (at < 0) continue;
    lines[i] = lines[i].slice(0, at).trimEnd();
    first ??= { line: i + 1, column: at + 1 };
    count++;
  }
  if (!first) return [];
  const message = `Lists and block quotes nest more than ${MAX_NESTING} deep; the rest of ${count === 1 ? 'the line' : `${count} lines`} is not read.`;
  return [{ ruleId: 'nesting-too-deep', ...first, message }];
}

/**
 * Blank table rows past MAX_TABLE_ROWS on the page (a table goes on to the next blank line,
 * as in GFM); one report per table cut.
 */
export function capTableRows(lines: string[]): Cut[] {
  const cuts: Cut[] = [];
  let rows = 0;
  let inTable = false;
  let cut: Cut | undefined;
  let dropped = 0;
  const close = () => {
    if (cut)
      cuts.push({
        ...cut,
        message: `More than ${MAX_TABLE_ROWS} table rows on the page; the last ${dropped} row(s) of this table are not read.`,
      });
    cut = undefined;
    dropped = 0;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim() || !line.includes('|')) {
      inTable = false;
      close();
      continue;
    }
    if (!inTable)
      inTable =
        line.trimStart().startsWith('|') && /^\s*\|?\s*:?-+:?\s*(\||$)/.test(lines[i + 1] ?? '');
    if (!inTable || ++rows <= MAX_TABLE_ROWS) continue;
    cut ??= { ruleId: 'table-too-long', line: i + 1, column: 1, message: '' };
    dropped++;
    lines[i] = '';
  }
  close();
  return cuts;
}
