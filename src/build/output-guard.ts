import { promises as fs, realpathSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../shared/errors.js';
import { lstatOrUndefined, statOrUndefined } from './folders.js';
import { MANIFEST } from './write.js';

/**
 * The real path of `p`, symlinks resolved. For a path not there yet: its nearest existing
 * parent's real path, plus the rest.
 */
export function realPathOf(p: string): string {
  const abs = path.resolve(p);
  const rest: string[] = [];
  for (let at = abs; ; at = path.dirname(at)) {
    try {
      return path.join(realpathSync(at), ...rest);
    } catch {
      if (path.dirname(at) === at) return abs;
      rest.unshift(path.basename(at));
    }
  }
}

/** Whether `inner` is `outer` or inside it. */
const isWithin = (inner: string, outer: string) => {
  const rel = path.relative(outer, inner);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
};

/**
 * Refuse output folders that would destroy something, comparing real paths (a symlink to the
 * docs is the docs): `/`, a folder that contains the docs or is inside them (the next run
 * would read the generated files as pages), a file, and a non-empty folder docs2ts did not write.
 */
export async function assertSafeOutput(out: string, docs: string): Promise<void> {
  const abs = path.resolve(out);
  const refuse = (why: string) => new UsageError(`Refusing output folder ${abs}: ${why}.`);
  const real = realPathOf(abs);
  const realDocs = realPathOf(docs);
  const docsNamed =
    realDocs === path.resolve(docs) ? realDocs : `${path.resolve(docs)} (${realDocs})`;
  if (real === path.parse(real).root) throw refuse('it is the file system root');
  if (isWithin(realDocs, real)) throw refuse(`it contains the docs folder ${docsNamed}`);
  if (isWithin(real, realDocs)) throw refuse(`it is inside the docs folder ${docsNamed}`);
  let at = abs;
  while (!lstatOrUndefined(at) && path.dirname(at) !== at) at = path.dirname(at);
  const found = statOrUndefined(at);
  if (!found) throw refuse(`${at} is a symlink to nothing`);
  if (!found.isDirectory())
    throw refuse(at === abs ? 'it is a file, not a folder' : `${at} is a file`);
  const entries = at === abs ? await fs.readdir(abs) : [];
  if (entries.length && !entries.includes(MANIFEST))
    throw refuse(`it is not empty and was not written by docs2ts (no ${MANIFEST})`);
}
