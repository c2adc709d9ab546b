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

/**
 * The OData system query options the client offers as typed options, in the order the stubs
 * list them; the mock's verify reads a call's query by the same list.
 */
export const STANDARD_QUERY_OPTIONS = [
  '$select',
  '$expand',
  '$filter',
  '$orderby',
  '$top',
  '$skip',
  '$count',
  '$search',
] as const;
export type StandardQueryOption = (typeof STANDARD_QUERY_OPTIONS)[number];

/**
 * How each Edm primitive travels in JSON. JSON has no 64-bit integers or decimals, so Int64
 * and Decimal are numbers (Graph sends them as JSON numbers); dates, times, durations, GUIDs
 * and base64 binary are strings in a documented format; Json is any value.
 */
export const EDM_JSON_TYPE: Record<EdmPrimitive, 'string' | 'number' | 'boolean' | 'unknown'> = {
  String: 'string',
  Boolean: 'boolean',
  Byte: 'number',
  SByte: 'number',
  Int16: 'number',
  Int32: 'number',
  Int64: 'number',
  Single: 'number',
  Double: 'number',
  Decimal: 'number',
  DateTimeOffset: 'string',
  Date: 'string',
  TimeOfDay: 'string',
  Duration: 'string',
  Guid: 'string',
  Binary: 'string',
  Stream: 'string',
  Json: 'unknown',
};
