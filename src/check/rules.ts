import { annotationUnknownBlockType } from './annotations.js';
import { enumAsString, enumValuesDisagree } from './enum-values.js';
import {
  exampleCardinality,
  exampleContradictsPage,
  exampleStatusLine,
  exampleUnpaired,
} from './example-pairing.js';
import {
  examplePlaceholderValue,
  examplePropertyUnknown,
  exampleValueInvalid,
} from './example-values.js';
import {
  exampleNameDuplicate,
  examplePathUndocumented,
  exampleUrlMalformed,
} from './example-requests.js';
import { exampleAnnotationType, exampleOdataTypeUnknown } from './example-types.js';
import { linkMissingPage, linkNamesOtherType } from './links.js';
import { operationPathDuplicate } from './operation-paths.js';
import { frontMatterFields, permissionsMissing, placeholderText } from './page-hygiene.js';
import { propertyNameCaseInPaths, relationshipCardinalityMismatch } from './property-paths.js';
import { requestBodyPropertyUnknown } from './request-body-fields.js';
import type { ReaderRule, Rule } from './rule.js';
import { SUPPRESSION_RULES } from './suppress.js';
import {
  representationCollectionMismatch,
  representationNameCase,
  representationPropertyUndocumented,
} from './representation.js';
import { propertyAnnotationName, propertyDuplicate, typeNameMismatch } from './type-names.js';

/** Rules run over the model and page facts after reading. */
export const RULES: Rule[] = [
  annotationUnknownBlockType,
  exampleUnpaired,
  exampleStatusLine,
  exampleContradictsPage,
  exampleCardinality,
  examplePropertyUnknown,
  exampleValueInvalid,
  examplePlaceholderValue,
  requestBodyPropertyUnknown,
  linkMissingPage,
  linkNamesOtherType,
  typeNameMismatch,
  propertyDuplicate,
  placeholderText,
  frontMatterFields,
  permissionsMissing,
  operationPathDuplicate,
  exampleUrlMalformed,
  examplePathUndocumented,
  exampleNameDuplicate,
  exampleAnnotationType,
  exampleOdataTypeUnknown,
  enumValuesDisagree,
  enumAsString,
  propertyAnnotationName,
  representationCollectionMismatch,
  representationNameCase,
  representationPropertyUndocumented,
  propertyNameCaseInPaths,
  relationshipCardinalityMismatch,
];

/** Rules the reader reports while reading; listed so they can be configured and documented. */
export const READER_RULES: ReaderRule[] = [
  { id: 'load-invalid-utf8', severity: 'warning', description: 'The page is not valid UTF-8.' },
  { id: 'load-nul-byte', severity: 'warning', description: 'The page contains NUL bytes.' },
  { id: 'load-empty', severity: 'warning', description: 'The page is empty.' },
  {
    id: 'load-not-a-file',
    severity: 'warning',
    description: 'A directory, named pipe, socket or device is named like a page.',
  },
  {
    id: 'load-symlink-loop',
    severity: 'warning',
    description: 'A symlink leads back to a folder it is in.',
  },
  {
    id: 'load-folder-alias',
    severity: 'info',
    description: 'A symlink leads to a folder already read; its pages are read once.',
  },
  { id: 'load-dot-file', severity: 'info', description: 'A dot-named (hidden) page is not read.' },
  {
    id: 'load-no-pages',
    severity: 'info',
    description: "The docs hold no page (allowed by the config's allowEmpty).",
  },
  {
    id: 'load-unreadable',
    severity: 'error',
    description: 'A page or a folder could not be read.',
  },
  { id: 'load-too-large', severity: 'error', description: 'A page is over the size limit.' },
  {
    id: 'load-too-many-pages',
    severity: 'error',
    description: 'The docs folder holds more pages than the limit.',
  },
  {
    id: 'nesting-too-deep',
    severity: 'warning',
    description: 'Lists and block quotes nest more than 50 deep; the rest of the line is not read.',
  },
  {
    id: 'table-too-long',
    severity: 'warning',
    description: 'A page has more than 10,000 table rows; the rows past them are not read.',
  },
  {
    id: 'paragraph-too-long',
    severity: 'warning',
    description: 'A paragraph, or one table row, is over 50,000 characters; the rest is not read.',
  },
  {
    id: 'frontmatter-missing',
    severity: 'warning',
    description: 'The page has no YAML front matter.',
  },
  {
    id: 'frontmatter-invalid',
    severity: 'error',
    description: 'The front matter is not a YAML mapping.',
  },
  {
    id: 'annotation-malformed',
    severity: 'error',
    description:
      'An annotation comment is not a JSON object, even as ApiDoctor (Json.NET) reads JSON.',
  },
  {
    id: 'annotation-lenient',
    severity: 'info',
    description:
      'An annotation is not strict JSON (comments, trailing commas, single quotes, unquoted names, raw line breaks in strings), read as ApiDoctor reads it.',
  },
  {
    id: 'example-json-invalid',
    severity: 'error',
    description: 'An example body is not valid JSON.',
  },
  {
    id: 'example-json-too-deep',
    severity: 'error',
    description: 'An example body nests more than 64 levels deep; it is not read.',
  },
  {
    id: 'example-request-line-malformed',
    severity: 'warning',
    description: 'A request example has no METHOD URL line.',
  },
  {
    id: 'http-request-malformed',
    severity: 'warning',
    description: 'A line of the HTTP request block is not METHOD /path.',
  },
  {
    id: 'http-request-mixed-methods',
    severity: 'warning',
    description: 'The HTTP request block mixes methods.',
  },
  {
    id: 'http-request-literal-id',
    severity: 'warning',
    description:
      'A request line names a concrete id (a GUID) where a placeholder belongs; it is read with one.',
  },
  {
    id: 'http-request-missing',
    severity: 'warning',
    description: 'A method page has no HTTP request block.',
  },
  {
    id: 'table-ragged',
    severity: 'warning',
    description: 'A table row has more or fewer cells than its header.',
  },
  {
    id: 'table-type-missing',
    severity: 'warning',
    description: 'A table row has an empty type cell.',
  },
  {
    id: 'table-name-unreadable',
    severity: 'warning',
    description: 'A table row has no readable name.',
  },
  {
    id: 'type-cell-unreadable',
    severity: 'warning',
    description: 'A type cell cannot be read as a type.',
  },
  {
    id: 'type-unresolved',
    severity: 'warning',
    description: 'A type reference matches no page of the doc set.',
  },
  {
    id: 'type-duplicate',
    severity: 'warning',
    description: 'A type is declared on more than one page.',
  },
  {
    id: 'type-alternatives-unrelated',
    severity: 'info',
    description:
      'A type written as "[a](a.md) or [b](b.md)" whose alternatives share no base type; read as unknown.',
  },
  {
    id: 'base-inferred',
    severity: 'info',
    description:
      'A type with keyProperty "id" names no base type; it is read as deriving from entity.',
  },
  {
    id: 'enum-member-respelled',
    severity: 'info',
    description:
      "An enum member two or more value lists spell in another case (and none as the enum's table does); read as they spell it.",
  },
  {
    id: 'enum-table-copied',
    severity: 'warning',
    description:
      "An enum's members table is another enum's, and the value lists that name it agree on other values; those are read as its members.",
  },
  { id: 'type-base-cycle', severity: 'error', description: 'Base types form a cycle.' },
  {
    id: 'response-cardinality-inferred',
    severity: 'warning',
    description: 'The Response section names one object but every example returns a collection.',
  },
  {
    id: 'response-type-without-content',
    severity: 'warning',
    description: 'The Response section names a body type for a 204/205 response.',
  },
  {
    id: 'operation-duplicate-id',
    severity: 'warning',
    description: 'Two method pages have the same file name.',
  },
  {
    id: 'internal-error',
    severity: 'error',
    description: 'docs2ts failed on a page (a bug: please report it).',
  },
];

/** Every rule id `check` can report, for settings, suppressions and SARIF. */
export const OTHER_RULES: ReaderRule[] = [...READER_RULES, ...SUPPRESSION_RULES];

export const ALL_RULE_IDS = new Set([...RULES.map((r) => r.id), ...OTHER_RULES.map((r) => r.id)]);
