import crypto from 'node:crypto';

// The store's one hash (store.ts re-exports these), in a module of its own: page reading uses it
// too (read/load.ts), and what page reading runs is in the page stage's fingerprint.

/** The content hash: SHA-256, 32 hex digits (the output manifest lists the first 16). */
export function hash(data: string | Buffer): string {
  return oneShot(data).slice(0, 32);
}

// Node's one-call hash (20.12 and later) skips making a Hash object: a third quicker for the
// store's many small entries.
const oneShot: (data: string | Buffer) => string =
  typeof crypto.hash === 'function'
    ? (data) => crypto.hash('sha256', data)
    : (data) => crypto.createHash('sha256').update(data).digest('hex');

/** `hash` of a text fed in parts (`add`), for one too long to be made whole: the same digest. */
export class PartHash {
  private readonly sha = crypto.createHash('sha256');
  private chunk = '';

  add(text: string): void {
    this.chunk += text;
    if (this.chunk.length > 1 << 16) {
      this.sha.update(this.chunk);
      this.chunk = '';
    }
  }

  digest(): string {
    return this.sha.update(this.chunk).digest('hex').slice(0, 32);
  }
}

const objectHashes = new WeakMap<object, string>();

/**
 * `hash(text(object))`, computed once per object: objects kept across watch builds
 * (loaded pages, emitted statements) are never changed, so their hash is kept with them.
 */
export function hashOnce<T extends object>(object: T, text: (object: T) => string): string {
  let known = objectHashes.get(object);
  if (known === undefined) objectHashes.set(object, (known = hash(text(object))));
  return known;
}

/** Give `object` the hash `hashOnce` would compute for it (known from an earlier run). */
export function primeHash(object: object, known: string): void {
  objectHashes.set(object, known);
}
