import type { Diagnostic, Severity } from '../shared/diagnostics.js';
import type { AnnotationFact, PageResult } from '../model/page-facts.js';
import type { ModelIndex } from '../model/queries.js';
import type { ExampleModel, Model, OperationModel, SourceRef } from '../model/types.js';

export interface Place {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface CheckContext {
  model: Model;
  index: ModelIndex;
  pages: PageResult[];
  /** Report a finding of the running rule. */
  report: (file: string, place: Place | SourceRef, message: string) => void;
}

/** One docs rule: a stable id, a default severity, a one-line description. */
export interface Rule {
  id: string;
  severity: Severity;
  description: string;
  run(context: CheckContext): void;
}

/** Rules the reader itself reports while extracting: configurable like any other. */
export interface ReaderRule {
  id: string;
  severity: Severity;
  description: string;
}

export type RuleSetting = Severity | 'off';

/** Rule settings for the pages matching `files` (globs relative to the docs folder), as in ESLint and Spectral. */
export interface Override {
  files: string[];
  rules: Record<string, RuleSetting>;
}

export function findingOf(
  rule: Rule,
  file: string,
  place: Place | SourceRef,
  message: string,
): Diagnostic {
  return {
    file,
    line: place.line,
    column: place.column,
    ...('endLine' in place && place.endLine
      ? { endLine: place.endLine, endColumn: place.endColumn }
      : {}),
    ruleId: rule.id,
    severity: rule.severity,
    message,
  };
}

/** Every example of every operation, in model order. */
export function* examplesOf(
  model: Model,
): Generator<{ op: OperationModel; example: ExampleModel }> {
  for (const op of model.operations) for (const example of op.examples) yield { op, example };
}

const annotationsByFile = new WeakMap<PageResult[], Map<string, AnnotationFact[]>>();

/** The annotation comment of the block whose fence is at `source` (the last one above it), if any. */
export function annotationOfBlock(
  pages: PageResult[],
  source: SourceRef,
): AnnotationFact | undefined {
  let byFile = annotationsByFile.get(pages);
  if (!byFile)
    annotationsByFile.set(pages, (byFile = new Map(pages.map((p) => [p.file, p.annotations]))));
  // Annotations are in page order: the last one above the fence, by bisection.
  const list = byFile.get(source.file) ?? [];
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].line < source.line) lo = mid + 1;
    else hi = mid;
  }
  return list[lo - 1];
}

/** Where a block's annotation writes `key` (`"@odata.type": …`), so the finding points at it; else the block. */
export function annotationKeyPlace(pages: PageResult[], source: SourceRef, key: string): Place {
  const line = annotationOfBlock(pages, source)?.keyLines[key];
  return line ? { line, column: 1 } : { line: source.line, column: source.column };
}
