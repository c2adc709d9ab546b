import type { EdmPrimitive } from './types.js';

/** How the docs name types and pages: namespaces, page keys, Edm primitives. Shared by extract/ and model/. */

export const DEFAULT_NAMESPACE = 'microsoft.graph';

/** Split `microsoft.graph.callRecords.session` into namespace and name. */
export function splitFullName(fullName: string): { namespace: string; name: string } {
  const clean = fullName.replace(/^#/, '');
  const dot = clean.lastIndexOf('.');
  return dot < 0
    ? { namespace: DEFAULT_NAMESPACE, name: clean }
    : { namespace: clean.slice(0, dot), name: clean.slice(dot + 1) };
}

/** A page's key: its file name without folders and extension, lower-cased. */
export function pageKeyOfFile(file: string): string {
  return (file.split('/').pop() ?? file).replace(/\.[^.]*$/, '').toLowerCase();
}

/** Spellings of Edm primitives seen in the docs, lower-cased, without `Edm.`. */
const PRIMITIVE_ALIASES: Record<string, EdmPrimitive> = {
  string: 'String',
  boolean: 'Boolean',
  bool: 'Boolean',
  int16: 'Int16',
  int32: 'Int32',
  int: 'Int32',
  integer: 'Int32',
  int64: 'Int64',
  long: 'Int64',
  byte: 'Byte',
  sbyte: 'SByte',
  single: 'Single',
  float: 'Single',
  double: 'Double',
  decimal: 'Decimal',
  number: 'Double',
  datetimeoffset: 'DateTimeOffset',
  datetime: 'DateTimeOffset',
  timestamp: 'DateTimeOffset',
  date: 'Date',
  timeofday: 'TimeOfDay',
  duration: 'Duration',
  timespan: 'Duration',
  guid: 'Guid',
  uuid: 'Guid',
  binary: 'Binary',
  stream: 'Stream',
  json: 'Json',
  object: 'Json',
  url: 'String',
  uri: 'String',
  numeric: 'Double',
};

export function primitiveNamed(text: string): EdmPrimitive | undefined {
  return PRIMITIVE_ALIASES[text.toLowerCase().replace(/^edm\./, '')];
}
