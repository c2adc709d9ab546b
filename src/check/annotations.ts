import { KNOWN_BLOCK_TYPES } from '../model/page-facts.js';
import type { Rule } from './rule.js';

export const annotationUnknownBlockType: Rule = {
  id: 'annotation-unknown-block-type',
  severity: 'warning',
  description: `An annotation's blockType is missing or not one of ${KNOWN_BLOCK_TYPES.join(', ')}.`,
  run({ pages, report }) {
    for (const page of pages) {
      for (const a of page.annotations) {
        if (!Object.keys(a.annotation).length) continue; // malformed: reported by annotation-malformed
        // Page-level metadata comments (`"type": "#page.annotation"`) annotate no block.
        if (!a.blockType && (!a.hasCode || a.annotation.type === '#page.annotation')) continue;
        if (!KNOWN_BLOCK_TYPES.includes(a.blockType))
          report(
            page.file,
            a,
            a.blockType
              ? `Unknown blockType "${a.blockType}".`
              : 'Annotation before a code block has no blockType.',
          );
      }
    }
  },
};
