/**
 * A doc set `copies` times the size of `docs`, written under `dest` (the bench's temp folder,
 * never the repo): copy 0 as it is, copy k with every type name, file name and request path
 * suffixed, so the copies are as many distinct types, operations and files, linked as before.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { EDM_PRIMITIVES } from '../src/model/types.js';

/**
 * Words that are type names but also fence languages, media types or primitives are kept as they
 * are (table headers name some), and so are words in capitals (`POST`), fence lines and section headings.
 */
const KEPT = new Set([
  ...['json', 'uri', 'http', 'property', 'properties', 'permission', 'application', 'error'],
  ...EDM_PRIMITIVES.map((p) => p.toLowerCase()),
]);

/** A page's text (or path) for copy `k`: type names, `.md` link targets and request paths suffixed. */
export function suffixed(text: string, k: number, typeNames: Set<string>): string {
  const lines = text.split('\n').map((line) =>
    line.startsWith('```') || line.startsWith('##')
      ? line
      : line
          .replace(/[A-Za-z][A-Za-z0-9]*/g, (word) =>
            typeNames.has(word.toLowerCase()) &&
            !KEPT.has(word.toLowerCase()) &&
            word !== word.toUpperCase()
              ? `${word}C${k}`
              : word,
          )
          .replace(/^(\s*(?:GET|POST|PUT|PATCH|DELETE) \/?)(?!https?:)([A-Za-z]+)/, `$1$2C${k}`)
          .replace(/(graph\.microsoft\.com\/v1\.0\/)([A-Za-z]+)/g, `$1$2C${k}`),
  );
  return lines.join('\n').replace(/([\w-]+)\.md\b/g, `$1-c${k}.md`);
}

/** Write `copies` copies of the pages under `docs` into `dest`; `typeNames`: the doc set's type names (any case). */
export async function multiplyCorpus(
  docs: string,
  dest: string,
  copies: number,
  typeNames: Iterable<string>,
): Promise<void> {
  const names = new Set([...typeNames].map((n) => n.toLowerCase()));
  const files = (await fs.readdir(docs, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => path.relative(docs, path.join(e.parentPath, e.name)));
  for (const file of files) {
    const text = await fs.readFile(path.join(docs, file), 'utf8');
    for (let k = 0; k < copies; k++) {
      const target = path.join(dest, k ? suffixed(file, k, names) : file);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, k ? suffixed(text, k, names) : text);
    }
  }
}
