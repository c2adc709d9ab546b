import { hashOnce, primeHash } from '../build/store.js';
import type { Statements } from '../layout/statements.js';

/** The format cache's key for a file's statements (what they print to depends on nothing else). */
export function statementsKey(statements: Statements): string {
  return hashOnce(statements, (s) => `statements ${JSON.stringify(s)}`);
}

const makers = new WeakMap<Statements, () => Statements>();

/**
 * Statements a memo from an earlier process vouches for: known by their format-cache key and
 * made only if something needs them (a format-cache miss), so an unchanged file is neither
 * made nor hashed. `materialize` gives the statements themselves.
 */
export function deferredStatements(key: string, make: () => Statements): Statements {
  const stand: Statements = [];
  let made: Statements | undefined;
  makers.set(stand, () => (made ??= make()));
  primeHash(stand, key);
  return stand;
}

/** The key of statements an earlier process's memo vouches for (known without hashing); undefined for others. */
export function deferredKey(statements: Statements | undefined): string | undefined {
  return statements && makers.has(statements) ? statementsKey(statements) : undefined;
}

export function materialize(statements: Statements): Statements {
  return makers.get(statements)?.() ?? statements;
}
