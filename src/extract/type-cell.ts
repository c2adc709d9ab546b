import { primitiveNamed } from '../model/names.js';
import type { TypeRef } from '../model/types.js';
import { alternativeLinks, linksIn, typePageKeyOfLink, textOf } from './blocks.js';
import type { PhrasingContent } from 'mdast';

/**
 * The page key a type link names. A link into a section of another page
 * (`[ageGroup](user.md#legal-age-group)`) names the section, not that page's type.
 */
function typeKeyOfLink(url: string, text: string): string | undefined {
  const key = typePageKeyOfLink(url);
  return key && url.includes('#') && key !== text.toLowerCase() ? undefined : key;
}

export interface TypeCell {
  type: TypeRef;
  collection: boolean;
}

/**
 * Read a type cell: `String`, `Int32 collection`, `Collection(Edm.String)`,
 * `[identitySet](identityset.md)`, `[user](user.md) collection`, `microsoft.graph.user`.
 */
export function readTypeCell(cell: { children: PhrasingContent[] }): TypeCell | undefined {
  const text = textOf(cell);
  const links = linksIn(cell);
  const read = readTypeText(
    text,
    links.map((l) => ({ text: textOf(l), key: typeKeyOfLink(l.url, textOf(l)) })),
  );
  // `[appHostedMediaConfig](…) or [serviceHostedMediaConfig](…)`: the link step takes their common base.
  const first = links.find((l) => typeKeyOfLink(l.url, textOf(l)));
  const others = first
    ? alternativeLinks(cell, first).filter((l) => typeKeyOfLink(l.url, textOf(l)))
    : [];
  if (read?.type.kind === 'named' && first && others.length) {
    read.type.anyOf = [first, ...others].map((l) => ({
      name: cleanName(textOf(l)) || typeKeyOfLink(l.url, textOf(l))!,
      link: typeKeyOfLink(l.url, textOf(l)),
    }));
  }
  return read;
}

export function readTypeText(
  raw: string,
  links: { text: string; key?: string }[] = [],
): TypeCell | undefined {
  let text = raw.replace(/[`*_]/g, '').trim();
  let collection = /\bcollection\b|\[\]|^list of\b/i.test(text);
  const wrapped = /^collection\s*\(\s*([^)]*)\)/i.exec(text);
  if (wrapped) [text, collection] = [wrapped[1], true];
  const link = links.find((l) => l.key);
  if (link) {
    const name = cleanName(link.text) || link.key!;
    // `[DateTimeOffset](timestamp.md)`: the text names an Edm primitive and the page is about something else.
    const primitive = primitiveNamed(name);
    if (primitive && link.key !== name.toLowerCase())
      return { type: { kind: 'primitive', name: primitive }, collection };
    return { type: { kind: 'named', name, link: link.key }, collection };
  }
  const first =
    text
      .replace(/\bcollection(\s+of\b)?|\[\]|^list of\b/gi, ' ')
      .trim()
      .split(/[\s,;(]+/)[0] ?? '';
  const primitive = primitiveNamed(first);
  if (primitive) return { type: { kind: 'primitive', name: primitive }, collection };
  const name = cleanName(first);
  if (!name || !/^[A-Za-z_][\w.]*$/.test(name)) return undefined;
  return { type: { kind: 'named', name }, collection };
}

/** `microsoft.graph.user` → `microsoft.graph.user`; strips `#`, quotes and trailing punctuation. */
function cleanName(text: string): string {
  return text
    .replace(/^#/, '')
    .replace(/[^\w.]+$/, '')
    .replace(/^[^\w]+/, '')
    .trim();
}
