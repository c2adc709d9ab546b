import type { Code, Html } from 'mdast';
import type { Reporter } from '../shared/diagnostics.js';
import { jsonTooDeepAt, MAX_JSON_DEPTH } from '../shared/json-depth.js';
import type { PageDoc, Block } from './blocks.js';
import { readLenientJson } from './lenient-json.js';

/** A fenced block with the `<!-- { ... } -->` annotation that precedes it. */
export interface AnnotatedBlock {
  annotation: Record<string, unknown>;
  blockType: string;
  comment: Html;
  code?: Code;
  block?: Block;
}

const ANNOTATION = /<!--\s*(\{[\s\S]*?\})\s*-?->/;

/**
 * Parse the JSON of an annotation comment as ApiDoctor (Json.NET) reads it: strict JSON quietly;
 * comments, trailing commas, single quotes, unquoted names and raw line breaks in strings with an
 * `annotation-lenient` info at the first of them; anything worse is `annotation-malformed`.
 */
export function parseAnnotation(
  comment: Html,
  report: Reporter,
): Record<string, unknown> | undefined {
  const match = ANNOTATION.exec(comment.value) ?? /<!--\s*(\{[\s\S]*)$/.exec(comment.value);
  if (!match) return undefined;
  if (jsonTooDeepAt(match[1]) >= 0) {
    report.error(
      'annotation-malformed',
      `Annotation comment nests more than ${MAX_JSON_DEPTH} levels deep; it is not read.`,
      comment.position,
    );
    return {};
  }
  const isObject = (v: unknown): v is Record<string, unknown> =>
    Boolean(v) && typeof v === 'object' && !Array.isArray(v);
  try {
    const value: unknown = JSON.parse(match[1]);
    if (isObject(value)) return value;
  } catch {
    // read leniently below
  }
  const lenient = readLenientJson(match[1]);
  if (lenient && isObject(lenient.value)) {
    const first = lenient.leniencies[0];
    if (first) {
      const kinds = lenient.leniencies.map((l) => l.kind).join(', ');
      report.info(
        'annotation-lenient',
        `Annotation is not strict JSON (${kinds}); read as ApiDoctor (Json.NET) reads it.`,
        placeIn(comment, match.index + match[0].indexOf(match[1]) + first.offset),
      );
    }
    return lenient.value;
  }
  report.error(
    'annotation-malformed',
    'Annotation comment is not a valid JSON object.',
    comment.position,
  );
  return {};
}

/** Line and column of an offset into an HTML node's text. */
function placeIn(node: Html, offset: number): { line: number; column: number } | undefined {
  const start = node.position?.start;
  if (!start) return undefined;
  const before = node.value.slice(0, offset);
  const lineBreaks = before.split('\n').length - 1;
  const column = lineBreaks ? offset - before.lastIndexOf('\n') : start.column + offset;
  return { line: start.line + lineBreaks, column };
}

/** Pair each annotation comment with the next fenced block (before any other annotation). */
export function extractAnnotatedBlocks(doc: PageDoc, report: Reporter): AnnotatedBlock[] {
  const found: AnnotatedBlock[] = [];
  let pending: AnnotatedBlock | undefined;
  for (const block of doc.blocks) {
    const node = block.node;
    if (node.type === 'html' && node.value.includes('<!--') && node.value.includes('{')) {
      const annotation = parseAnnotation(node, report);
      if (!annotation) continue;
      // A blockType that is not a string is kept as it stringifies, to be reported as unknown.
      // eslint-disable-next-line @typescript-eslint/no-base-to-string
      pending = { annotation, blockType: String(annotation.blockType ?? ''), comment: node, block };
      found.push(pending);
    } else if (node.type === 'code' && pending) {
      pending.code = node;
      pending.block = block;
      pending = undefined;
    } else if (node.type === 'heading' && node.depth <= 3) {
      pending = undefined;
    }
  }
  return found;
}
