import { isRecord } from '../build/cache.js';

/**
 * What a memo keeps for a later process (a one-off `generate` after an edit): per file, hashes
 * of what it was made from, the types it looked up, and its statements' format-cache key. It is
 * valid only for the same `global` key and the same build of docs2ts (the caller's `code`).
 */
export interface StoredMemo {
  code: string;
  global: string;
  files: Record<string, { subject: string; names: string[]; lookups: string; statements: string }>;
}

const isString = (v: unknown): v is string => typeof v === 'string';

export function isStoredMemo(v: unknown): v is StoredMemo {
  return (
    isRecord(v) &&
    isString(v.code) &&
    isString(v.global) &&
    isRecord(v.files) &&
    Object.values(v.files).every(
      (f) =>
        isRecord(f) &&
        isString(f.subject) &&
        isString(f.lookups) &&
        isString(f.statements) &&
        Array.isArray(f.names) &&
        f.names.every(isString),
    )
  );
}
