import { ENUM_PAGE_READ, ENUM_VALUES_READ } from './enum-table.js';
import { EXAMPLES_READ } from './examples.js';
import { HTTP_REQUEST_READ } from './http-request.js';
import { PERMISSIONS_READ } from './permissions.js';
import { PROPERTIES_READ, UNTITLED_TABLE_READ } from './property-table.js';
import { PATH_PARAMETERS_READ, QUERY_PARAMETERS_READ } from './query-parameters.js';
import { RELATIONSHIPS_READ } from './relationship-table.js';
import { REQUEST_BODY_READ } from './request-body.js';
import { REQUEST_HEADERS_READ } from './request-headers.js';
import {
  DERIVED_TYPES_READ,
  INHERITANCE_PROSE_READ,
  INHERITED_ROWS_READ,
  JSON_REPRESENTATION_READ,
} from './resource.js';
import { RESPONSE_READ } from './response-sentence.js';
import { sectionRead, type SectionRead } from './section-reads.js';

/**
 * Sections of the page templates that no extractor reads: what the link check needs of them,
 * their links, the skim recovers as it blanks them.
 */
const UNREAD = sectionRead('none', /^(methods|see also|related (content|topics)|next steps)/);

/** A page's description, when the front matter has none: the first paragraph (extract/page.ts). */
const DESCRIPTION_READ = sectionRead('page', /^$/, 'prose');

/** Every extractor's declared reads: what the skim keeps (a test holds it to the extractors). */
export const SECTION_READS: readonly SectionRead[] = [
  ENUM_PAGE_READ,
  ENUM_VALUES_READ,
  EXAMPLES_READ,
  HTTP_REQUEST_READ,
  PERMISSIONS_READ,
  PROPERTIES_READ,
  UNTITLED_TABLE_READ,
  QUERY_PARAMETERS_READ,
  PATH_PARAMETERS_READ,
  RELATIONSHIPS_READ,
  REQUEST_BODY_READ,
  REQUEST_HEADERS_READ,
  DERIVED_TYPES_READ,
  INHERITANCE_PROSE_READ,
  INHERITED_ROWS_READ,
  JSON_REPRESENTATION_READ,
  RESPONSE_READ,
  DESCRIPTION_READ,
  UNREAD,
];
