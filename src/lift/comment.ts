import type { Html } from 'mdast';
import type { Lifter } from './lifted.js';

/** An HTML comment block at the margin (the annotations), through the line that closes it. */
export const liftComment: Lifter = (lines, i) => {
  // `<!-->` and `<!--->` are comments that end at once: left to remark.
  if (!/^<!--(?!-?>)/.test(lines[i])) return undefined;
  let end = i;
  while (end < lines.length && !(end === i ? lines[i].slice(4) : lines[end]).includes('-->')) end++;
  if (end === lines.length || lines.slice(i, end + 1).some((l) => l.includes('\r')))
    return undefined;
  return {
    start: i,
    end,
    texts: [],
    build: (place): Html => ({
      type: 'html',
      value: lines.slice(i, end + 1).join('\n'),
      position: { start: place(i + 1, 0), end: place(end + 1, lines[end].length) },
    }),
  };
};
