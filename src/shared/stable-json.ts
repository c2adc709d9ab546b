/**
 * JSON with a stable key order: object keys as the model's constructors create them are
 * already fixed, but records built from docs content (headers, query, annotations, example
 * bodies) are sorted so that output never depends on page order.
 */
export function stableStringify(value: unknown, indent = 2): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v) && isRecordLike(v)
        ? sortKeys(v as Record<string, unknown>)
        : v,
    indent,
  );
}

function isRecordLike(v: object): boolean {
  return Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null;
}

function sortKeys(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key];
  return out;
}
