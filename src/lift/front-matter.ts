import type { Yaml } from 'mdast';
import type { Lifter } from './lifted.js';

/** YAML front matter between `---` fences on the first lines, as remark-frontmatter reads it. */
export const liftFrontMatter: Lifter = (lines, i) => {
  if (i !== 0 || lines[0] !== '---') return undefined;
  const end = lines.indexOf('---', 1);
  if (end < 0 || lines.slice(0, end).some((l) => l.includes('\r'))) return undefined;
  return {
    start: 0,
    end,
    texts: [],
    build: (place): Yaml => ({
      type: 'yaml',
      value: lines.slice(1, end).join('\n'),
      position: { start: place(1, 0), end: place(end + 1, 3) },
    }),
  };
};
