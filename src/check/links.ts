import path from 'node:path';
import { pageKeyOfFile } from '../model/names.js';
import { linkTextNamesOtherType } from '../model/resolve.js';
import type { TypeModel } from '../model/types.js';
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

export const linkNamesOtherType: Rule = {
  id: 'link-names-other-type',
  severity: 'warning',
  description:
    "A link's text is another documented type's name, written as one, than the type of the page it points at (type references read the text's type).",
  run({ model, pages, report }) {
    const named = new Map<string, TypeModel>();
    const onPage = new Map<string, TypeModel[]>();
    for (const type of model.types) {
      if (type.kind === 'unresolved') continue;
      if (!named.has(type.name.toLowerCase())) named.set(type.name.toLowerCase(), type);
      const key = pageKeyOfFile(type.source.file);
      const list = onPage.get(key);
      if (list) list.push(type);
      else onPage.set(key, [type]);
    }
    for (const page of pages) {
      for (const link of page.links) {
        const text = link.text.trim();
        const type = named.get(text.toLowerCase());
        const declared = onPage.get(link.key);
        // A type the page declares too (an enum's section on it) is what the link means.
        if (!type || !declared || declared.some((t) => t === type)) continue;
        const own = declared.find((t) => t.name.toLowerCase() === link.key) ?? declared[0];
        if (!linkTextNamesOtherType(text, own.name)) continue;
        report(
          page.file,
          link,
          `Link [${text}](${link.url}) names the type ${type.name}, but points at the page of ${own.name}; a type reference reads it as ${type.name}.`,
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
