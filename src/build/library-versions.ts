import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The versions the fast paths were proven against: `src/lift/` reproduces these packages'
 * reading of Markdown, `src/format/` prettier's layout. Each package is found as the one
 * that requires it would find it (`via`), since that is the copy remark or docs2ts runs.
 *
 * To take a new version: install it, run `npm run test:equivalence`, read the differences
 * (fix the fast path where they are real), then set the version here. `npm test` fails while
 * an installed version is not the one listed; a user install that pairs docs2ts with other
 * versions turns the fast path off (see `fastPathsVerified`) rather than print other bytes.
 */
export const VERIFIED_VERSIONS = {
  reading: [
    { name: 'remark-parse', via: [], version: '11.0.0' },
    { name: 'mdast-util-from-markdown', via: ['remark-parse'], version: '2.1.0' },
    { name: 'micromark', via: ['remark-parse', 'mdast-util-from-markdown'], version: '4.0.3' },
    {
      name: 'micromark-core-commonmark',
      via: ['remark-parse', 'mdast-util-from-markdown', 'micromark'],
      version: '2.0.4',
    },
    { name: 'remark-gfm', via: [], version: '4.0.1' },
    { name: 'micromark-extension-gfm', via: ['remark-gfm'], version: '3.0.0' },
    {
      name: 'micromark-extension-gfm-table',
      via: ['remark-gfm', 'micromark-extension-gfm'],
      version: '2.1.2',
    },
    { name: 'mdast-util-gfm', via: ['remark-gfm'], version: '3.1.0' },
    { name: 'mdast-util-gfm-table', via: ['remark-gfm', 'mdast-util-gfm'], version: '2.0.1' },
    { name: 'remark-frontmatter', via: [], version: '5.0.0' },
    { name: 'micromark-extension-frontmatter', via: ['remark-frontmatter'], version: '2.0.0' },
  ],
  layout: [{ name: 'prettier', via: [], version: '3.10.1' }],
} as const;

export type FastPath = keyof typeof VERIFIED_VERSIONS;

/** The installed version of `name` as resolved from docs2ts through the packages in `via`. */
export function installedVersion(name: string, via: readonly string[]): string | undefined {
  try {
    let from = import.meta.url;
    for (const hop of [...via, name]) from = packageJsonOf(createRequire(from).resolve(hop));
    return (JSON.parse(readFileSync(from, 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** The package.json above a resolved entry file (packages' `exports` often hide it from `resolve`). */
function packageJsonOf(entry: string): string {
  for (let dir = path.dirname(entry); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'package.json');
    try {
      if ((JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name) return candidate;
    } catch {
      // no package.json here: look further up
    }
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${entry}`);
  }
}

/** Listed packages whose installed version is not the verified one. */
export function unverified(
  fastPath: FastPath,
): { name: string; verified: string; installed: string | undefined }[] {
  return VERIFIED_VERSIONS[fastPath]
    .map(({ name, via, version }) => ({
      name,
      verified: version,
      installed: installedVersion(name, via),
    }))
    .filter((p) => p.installed !== p.verified);
}

const verdicts = new Map<FastPath, boolean>();

/** Whether a fast path may run: every library it reproduces is at its verified version (checked once). */
export function fastPathsVerified(fastPath: FastPath): boolean {
  let ok = verdicts.get(fastPath);
  if (ok === undefined) verdicts.set(fastPath, (ok = unverified(fastPath).length === 0));
  return ok;
}

/** The installed versions of what the page reader reproduces, for cache keys: another remark reads pages anew. */
export function installedReadingVersions(): string {
  return VERIFIED_VERSIONS.reading
    .map(({ name, via }) => `${name}@${installedVersion(name, via) ?? '?'}`)
    .join(' ');
}
