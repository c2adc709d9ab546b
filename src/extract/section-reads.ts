/**
 * What each extractor reads of which sections, declared beside the extractor and used by it to
 * select blocks. The pre-parse skim (read/skim.ts) follows these declarations: in a section
 * that some declaration names, prose or table rows that no declaration naming it reads are
 * blanked before remark parses the page; a section no declaration names is kept whole.
 * Headings, annotation comments, code blocks, lists, quotes and link definitions are always
 * kept, so an extractor of blocks declares no parts. A new extractor that reads a section's
 * prose or tables declares so here (SECTION_READS), and the skim keeps them for it.
 */

/** A part of a section's text the skim could blank. */
export type SectionPart = 'prose' | 'tables';

export interface SectionRead {
  /** Which extractor reads (for the reader's own messages and tests). */
  readonly by: string;
  /** Lower-cased, space-folded heading texts of the sections read. */
  readonly sections?: RegExp;
  /**
   * Or: the text of the nearest heading of any depth, wherever it sits (`### bodyType values`
   * under any section). Such a read keeps its parts but names no section.
   */
  readonly headings?: RegExp;
  readonly parts: readonly SectionPart[];
}

export function sectionRead(by: string, sections: RegExp, ...parts: SectionPart[]): SectionRead {
  return { by, sections, parts };
}

export function headingRead(by: string, headings: RegExp, ...parts: SectionPart[]): SectionRead {
  return { by, headings, parts };
}

/** Whether `read` covers the section headed `section` (for `blocksIn` and its kin). */
export const inSections =
  (read: SectionRead) =>
  (section: string): boolean =>
    read.sections?.test(section) ?? false;
