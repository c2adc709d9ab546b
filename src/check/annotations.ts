import { KNOWN_BLOCK_TYPES } from '../extract/annotations.js';
import type { Rule } from './rule.js';

export const annotationUnknownBlockType: Rule = {
  id: 'annotation-unknown-block-type',
  severity: 'warning',
  description: `An annotation's blockType is missing or not one of ${KNOWN_BLOCK_TYPES.join(', ')}.`,
  run({ pages, report }) {
    for (const page of pages) {
      for (const a of page.annotations) {
        if (!Object.keys(a.annotation).length) continue; // malformed: reported by annotation-malformed
        if (!KNOWN_BLOCK_TYPES.includes(a.blockType)) report(page.file, a, a.blockType ? `Unknown blockType "${a.blockType}".` : 'Annotation has no blockType.');
      }
    }
  },
};
