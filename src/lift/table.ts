import type { AlignType, Table } from 'mdast';
import { ATX_HEADING, span, type InlineText, type Lifter } from './lifted.js';

interface Cell {
  /** 0-based columns: a cell runs from its pipe to the next (the last one to the end of the line). */
  from: number;
  to: number;
  text: InlineText;
}

const DELIMITER_CELL = /^:?-+:?$/;

/**
 * A GFM pipe table at the margin that starts a block (after a blank line or a heading) and
 * ends at a blank line. Left to remark: escaped pipes (unescaped inside code in tables only),
 * rows without a leading pipe, and lines after the last row, which GFM would add to the table.
 */
export const liftTable: Lifter = (lines, start) => {
  if (
    !lines[start].startsWith('|') ||
    start + 1 >= lines.length ||
    (start > 0 && lines[start - 1].trim() !== '' && !ATX_HEADING.test(lines[start - 1]))
  )
    return undefined;
  const header = splitRow(lines[start], start + 1);
  const delimiter = lines[start + 1].startsWith('|')
    ? splitRow(lines[start + 1], start + 2)
    : undefined;
  if (
    !header ||
    !delimiter ||
    header.length !== delimiter.length ||
    !delimiter.every((c) => DELIMITER_CELL.test(c.text.content))
  )
    return undefined;
  const rows = [{ line: start + 1, cells: header }];
  let end = start + 2;
  for (; end < lines.length && lines[end].startsWith('|'); end++) {
    const cells = splitRow(lines[end], end + 1);
    if (!cells) return undefined;
    rows.push({ line: end + 1, cells });
  }
  if (end < lines.length && lines[end].trim() !== '') return undefined;
  const align = delimiter.map(({ text: { content: c } }): AlignType =>
    c.startsWith(':') ? (c.endsWith(':') ? 'center' : 'left') : c.endsWith(':') ? 'right' : null,
  );
  const last = end - 1;
  return {
    start,
    end: last,
    texts: rows.flatMap((row) => row.cells.map((c) => c.text).filter((t) => t.content)),
    build: (place, inline): Table => ({
      type: 'table',
      align,
      children: rows.map((row) => ({
        type: 'tableRow',
        children: row.cells.map((cell) => ({
          type: 'tableCell',
          children: cell.text.content ? inline(cell.text) : [],
          position: span(place, row.line, cell.from, cell.to),
        })),
        position: span(place, row.line, 0, lines[row.line - 1].length),
      })),
      position: { start: place(start + 1, 0), end: place(last + 1, lines[last].length) },
    }),
  };
};

/** A row's cells, or undefined for what is left to remark: escaped pipes, carriage returns, no cell. */
function splitRow(line: string, lineNumber: number): Cell[] | undefined {
  if (/\r|\\\|/.test(line)) return undefined;
  const pipes: number[] = [];
  for (let k = 0; k < line.length; k++) {
    if (line[k] === '\\') k++;
    else if (line[k] === '|') pipes.push(k);
  }
  const closed = line.slice(pipes[pipes.length - 1] + 1).trim() === '';
  const starts = closed ? pipes.slice(0, -1) : pipes;
  if (!starts.length) return undefined;
  return starts.map((from, k) => {
    const to = k + 1 < starts.length ? starts[k + 1] : line.length;
    const inner = line.slice(
      from + 1,
      closed && k + 1 === starts.length ? pipes[pipes.length - 1] : to,
    );
    // remark trims spaces and tabs only (not other Unicode white space, as String#trim does).
    const lead = inner.length - inner.replace(/^[ \t]+/, '').length;
    return {
      from,
      to,
      text: {
        line: lineNumber,
        from: from + 1 + lead,
        content: inner.replace(/^[ \t]+|[ \t]+$/g, ''),
      },
    };
  });
}
