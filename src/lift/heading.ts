import type { Heading } from 'mdast';
import { ATX_HEADING, span, type Lifter } from './lifted.js';

/** An ATX heading at the margin: `## Text ##`. Setext headings are left to remark (the docs use none). */
export const liftHeading: Lifter = (lines, i) => {
  const line = lines[i];
  const depth = ATX_HEADING.exec(line)?.[1].length;
  if (!depth || line.includes('\r')) return undefined;
  const rest = line.slice(depth);
  const from = depth + (rest.length - rest.replace(/^[ \t]+/, '').length);
  // The closing sequence needs white space before it, or nothing but itself.
  const content = line
    .slice(from)
    .replace(/(^|[ \t]+)#+[ \t]*$/, '')
    .replace(/[ \t]+$/, '');
  const text = { line: i + 1, from, content };
  return {
    start: i,
    end: i,
    texts: content ? [text] : [],
    build: (place, inline): Heading => ({
      type: 'heading',
      depth: depth as Heading['depth'],
      children: content ? inline(text) : [],
      position: span(place, i + 1, 0, line.length),
    }),
  };
};
