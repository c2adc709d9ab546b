import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (holds fixtures/ and templates/), from dist/src/ or src/. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), fileURLToPath(import.meta.url).includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');
export const DEFAULT_DOCS = path.join(PACKAGE_ROOT, 'fixtures', 'sessions');
export const TEMPLATES = path.join(PACKAGE_ROOT, 'templates');
