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
