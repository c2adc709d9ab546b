/**
 * ApiDoctor's page suppressions mapped to docs2ts rules. ApiDoctor writes each of its findings
 * as `Warning: SOURCE: MESSAGE` (or `Error: …`; `ValidationError.ErrorText`), and a page
 * annotation's `"suppressions"` lists such texts to silence them on that page. Where the
 * message is one a docs2ts rule also reports, the suppression silences that rule on the page,
 * for the property or type the message names when it names one (the README has the table).
 */

export interface ApiDoctorMapping {
  /** ApiDoctor's ValidationErrorCode. */
  code: string;
  /** Its message; the first capture group that matched is the property or type it is about. */
  message: RegExp;
  rule: string;
}

export const APIDOCTOR_MAPPINGS: ApiDoctorMapping[] = [
  {
    code: 'AdditionalPropertyDetected',
    message: /\b(?:extra|undocumented) property:? (?:property )?'([^']+)'/i,
    rule: 'example-property-unknown',
  },
  {
    code: 'AdditionalPropertyDetected',
    message:
      /\bproperty '([^']+)' found in resource definition for '[^']+', but not described in markdown table/i,
    rule: 'example-property-unknown',
  },
  {
    code: 'ExpectedTypeDifferent',
    message:
      /\bexpected type \S+ but (?:actual was|was instead) [^.:]+(?:\. property: ([^,\s]+)|: (\S+))/i,
    rule: 'example-value-invalid',
  },
  {
    code: 'ExpectedTypeDifferent',
    message:
      /\btype mismatch(?:: property '([^']+)'| between example and table\. parameter name: ([^;\s]+))/i,
    rule: 'example-value-invalid',
  },
  {
    code: 'ExpectedArrayValue',
    message: /\bexpected an array but property was not an array: (\S+)/i,
    rule: 'example-value-invalid',
  },
  {
    code: 'ExpectedNonArrayValue',
    message: /\bexpected a value of type \S+ but property was an array: (\S+)/i,
    rule: 'example-value-invalid',
  },
  {
    code: 'ArrayTypeMismatch',
    message: /\barray expected members to be of type\b/i,
    rule: 'example-value-invalid',
  },
  {
    code: 'InvalidDateTimeString',
    message: /\binvalid ISO 8601 date-time string in property:? ([^:\s]+)/i,
    rule: 'example-value-invalid',
  },
  {
    code: 'InvalidUrlString',
    message: /\binvalid absolute URL value in property ([^:\s]+)/i,
    rule: 'example-value-invalid',
  },
  {
    code: 'InvalidEnumeratedValueString',
    message: /\binvalid enumerated value in property ([^:\s]+)/i,
    rule: 'example-value-invalid',
  },
  {
    code: 'ResourceTypeNotFound',
    message:
      /\b(?:missing resource: resource (\S+) was not found|failed to locate resource definition for: (\S+))/i,
    rule: 'example-odata-type-unknown',
  },
  {
    code: 'ResourceTypeNotFound',
    message: /\breferenced type (\S+) is not defined in the doc set/i,
    rule: 'type-unresolved',
  },
  {
    code: 'ResourceTypeNotFound',
    message: /\bresource (\S+) is defined in multiple files\b/i,
    rule: 'type-duplicate',
  },
  {
    code: 'MissingCollectionProperty',
    message: /\bfailed to locat\w* collection property\b/i,
    rule: 'example-cardinality-mismatch',
  },
  {
    code: 'HttpStatusCodeDifferent',
    message: /\bexpected status code\b/i,
    rule: 'example-contradicts-page',
  },
  {
    code: 'JsonParserException',
    message: /\binvalid JSON format\b/i,
    rule: 'example-json-invalid',
  },
  {
    code: 'JsonParserException',
    message: /\bunable to parse (?:potential )?page annotation\b/i,
    rule: 'annotation-malformed',
  },
  {
    code: 'LinkDestinationNotFound',
    message: /\b(?:destination missing for link|FileNotFound:)/i,
    rule: 'link-missing-page',
  },
  {
    code: 'DuplicateMethodIdentifier',
    message: /\bduplicate method identifier detected\b/i,
    rule: 'example-name-duplicate',
  },
];

export interface ApiDoctorSuppression {
  rule: string;
  /** The property or type the message names: only findings mentioning it are silenced. */
  subject?: string;
}

/** The docs2ts rule an ApiDoctor suppression text silences; undefined when none maps. */
export function mapApiDoctorSuppression(text: string): ApiDoctorSuppression | undefined {
  // Written across lines in the docs (raw line breaks, `\r\n` escapes): one line of words.
  const flat = text
    .replace(/\\[rn]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  for (const mapping of APIDOCTOR_MAPPINGS) {
    const m = mapping.message.exec(flat);
    if (!m) continue;
    const subject = m
      .slice(1)
      .find((g) => g)
      ?.replace(/[.,'"]+$/, '');
    return { rule: mapping.rule, ...(subject ? { subject } : {}) };
  }
  return undefined;
}

/** Whether a finding's message is about the suppression's subject (a property or type name, any namespace). */
export function mentionsSubject(message: string, subject: string | undefined): boolean {
  if (!subject) return true;
  const name = subject.split('/').pop()!.split('.').pop()!;
  if (!name) return true;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w@])${escaped}($|[^\\w])`, 'i').test(message);
}
