/**
 * Which heading opens a section (what extractors select blocks by) and which only a subsection.
 * Shared by the pre-parse skim (skim.ts) and the block walk (blocks.ts), so both see the same
 * sections. An H2 opens one, as does a heading no deeper than the one that opened the current
 * section; so does a heading at any depth that names a section of the docs' page templates
 * (`### Properties` on a page without H2s, `### HTTP request` under "## Get a user's drive",
 * `### Response` under "## Request body"), except inside examples, where "Request" and
 * "Response" name an example's parts.
 */
const SECTION_NAME =
  /^((\S+ )?properties|relationships|methods|json representation|http requests?|(optional )?request headers?|request body|response|(path|query|optional query|function) parameters|parameters|permissions|derived types|examples?|see also)$/;

export interface SectionState {
  /** Lower-cased text of the heading that opened the section ('' before the first). */
  section: string;
  /** Depth of that heading (0 before the first). */
  depth: number;
}

/** Update `state` for a heading of `depth` (2–6) with lower-cased, space-folded `text`; true when it opens a section. */
export function opensSection(state: SectionState, depth: number, text: string): boolean {
  const named = SECTION_NAME.test(text) && !/^examples?\b/.test(state.section);
  if (depth > 2 && depth > state.depth && !named) return false;
  state.section = text;
  state.depth = depth;
  return true;
}
