/**
 * `record[key] = value` as an own property whatever the key: a name from the docs such as
 * `__proto__` would otherwise set the prototype instead of a property.
 */
export function setOwn(record: object, key: string, value: unknown): void {
  Object.defineProperty(record, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** A JSON object (not null, not an array), as read from a page or a cache. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const isString = (value: unknown): value is string => typeof value === 'string';
