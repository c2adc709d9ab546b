import type { Code } from 'mdast';
import { closesFence } from '../text/fences.js';
import type { Lifter } from './lifted.js';

/**
 * A fenced code block at the margin, through its closing fence. Its lines were blanked before
 * the parse (see parse.ts), so the value is left empty here and restored with the others.
 * `openers` are the 1-based lines that open fences (as parse.ts finds them): a bare fence line
 * can also close one.
 * Unclosed fences and info strings with escapes or character references are left to remark.
 */
export const liftFence =
  (openers: Set<number>): Lifter =>
  (lines, i) => {
    const open = /^(`{3,}|~{3,})([^\r\\&]*)$/.exec(lines[i]);
    if (!open || !openers.has(i + 1)) return undefined;
    const [, fence, info] = open;
    let end = i + 1;
    while (end < lines.length && !closesFence(lines[end], fence)) end++;
    if (end === lines.length || lines[end].includes('\r')) return undefined;
    const words = /^[ \t]*(\S*)[ \t]*(.*)$/.exec(info)!;
    return {
      start: i,
      end,
      texts: [],
      build: (place): Code => ({
        type: 'code',
        lang: words[1] || null,
        meta: words[2] || null,
        value: '',
        position: { start: place(i + 1, 0), end: place(end + 1, lines[end].length) },
      }),
    };
  };
