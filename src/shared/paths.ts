import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);

/** The folder of docs2ts' own modules: dist/src/ when compiled, src/ when run from source. */
export const SRC_ROOT = path.resolve(path.dirname(here), '..');

/** The package root (holds fixtures/ and templates/). */
export const PACKAGE_ROOT = path.resolve(
  SRC_ROOT,
  here.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..',
);
export const DEFAULT_DOCS = path.join(PACKAGE_ROOT, 'fixtures', 'sessions');
export const TEMPLATES = path.join(PACKAGE_ROOT, 'templates');

/** docs2ts' own version, from its package.json. */
export const VERSION = (
  JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;
