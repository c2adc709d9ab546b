/**
 * A line opening a link definition, `[label]: destination`, read as loosely as CommonMark may:
 * up to three spaces of indent, the destination bare or in `<…>`, what follows (a title) left
 * unread. The one reading of definition lines for the skim (read/skim.ts), which resolves
 * `[text][label]` with it, and the lifter (lift/definition.ts), which builds only `plain` ones.
 */
const DEFINITION_LINE = /^( {0,3})\[([^\]]+)\]:(\s*)(<?)([^\s>]+)([^]*)$/;

export interface DefinitionLine {
  label: string;
  url: string;
  /**
   * The line is the whole definition and remark would read it as written: no indent, nothing
   * after the destination but spaces, a label without `[`, `^` or `\` and not blank, a bare
   * destination without escapes, entities, quotes or parentheses.
   */
  plain: boolean;
}

export function readDefinitionLine(line: string): DefinitionLine | undefined {
  const match = DEFINITION_LINE.exec(line);
  if (!match) return undefined;
  const [, indent, label, gap, angle, url, rest] = match;
  const plain =
    !indent &&
    !angle &&
    /^[ \t]*$/.test(gap) &&
    /^[ \t]*$/.test(rest) &&
    /\S/.test(label) &&
    !/[[\\^]/.test(label) &&
    !/[<\\&"'()]/.test(url);
  return { label, url, plain };
}
