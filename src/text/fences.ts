/**
 * Fenced code blocks found line by line, as CommonMark reads them: an opener of three or more
 * backticks or tildes indented at most three spaces (a backtick fence's info string holds no
 * backtick), closed by a line of at least as many of the same character and nothing else.
 * The one reading of fences for the pre-parse (read/parse.ts), the lifter (lift/fence.ts) and
 * the line scans of extract/.
 */
export const FENCE_OPENER = /^ {0,3}(`{3,}|~{3,})/;

/** Whether `line` closes a fence opened by the run `fence` (say "```" or "~~~~"). */
export function closesFence(line: string, fence: string): boolean {
  const match = FENCE_OPENER.exec(line);
  return (
    !!match &&
    match[1][0] === fence[0] &&
    match[1].length >= fence.length &&
    line.trim() === match[1]
  );
}

/** Indexes of lines inside top-level or list-indented fences, and the 1-based lines that open them. */
export function fencedLines(lines: string[]): { inside: Set<number>; openers: Set<number> } {
  const inside = new Set<number>();
  const openers = new Set<number>();
  let open: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    if (!open) {
      const match = FENCE_OPENER.exec(lines[i]);
      if (match && !(match[1][0] === '`' && lines[i].slice(match[0].length).includes('`'))) {
        open = match[1];
        openers.add(i + 1);
      }
    } else if (closesFence(lines[i], open)) open = undefined;
    else inside.add(i);
  }
  return { inside, openers };
}
