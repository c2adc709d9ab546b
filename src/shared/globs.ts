import { createRequire } from 'node:module';

/** picomatch, loaded on first use: most runs match no glob (a build with nothing to do none). */
export const picomatch = (): typeof import('picomatch') =>
  createRequire(import.meta.url)('picomatch') as typeof import('picomatch');
