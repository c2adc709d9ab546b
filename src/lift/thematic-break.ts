import type { ThematicBreak } from 'mdast';
import { span, type Lifter } from './lifted.js';

/** `---`, `***` or `___` alone on a line after a blank one (after text, `---` underlines a heading). */
export const liftThematicBreak: Lifter = (lines, i) => {
  if (i === 0 || lines[i - 1].trim() !== '' || !/^(?:-{3,}|\*{3,}|_{3,})$/.test(lines[i]))
    return undefined;
  return {
    start: i,
    end: i,
    texts: [],
    build: (place): ThematicBreak => ({
      type: 'thematicBreak',
      position: span(place, i + 1, 0, lines[i].length),
    }),
  };
};
