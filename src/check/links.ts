import path from 'node:path';
import type { Rule } from './rule.js';

export const linkMissingPage: Rule = {
  id: 'link-missing-page',
  severity: 'warning',
  description: 'A relative link points at a page that is not in the doc set.',
  run({ pages, report }) {
    const files = new Set(pages.map((p) => p.file.toLowerCase()));
    const folders = new Set(pages.map((p) => path.posix.dirname(p.file).toLowerCase()));
    for (const page of pages) {
      const dir = path.posix.dirname(page.file);
      for (const link of page.links) {
        const target = path.posix
          .normalize(path.posix.join(dir, safeDecode(link.url.split(/[?#]/)[0])))
          .toLowerCase();
        // Only links into folders this doc set has: others point at docs outside it.
        if (files.has(target) || !folders.has(path.posix.dirname(target))) continue;
        report(
          page.file,
          link,
          `Link [${link.text}](${link.url}) points at a page that does not exist.`,
        );
      }
    }
  },
};

function safeDecode(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}
