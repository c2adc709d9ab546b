import type { Code, Html } from 'mdast';
import type { Reporter } from '../diagnostics.js';
import { jsonTooDeepAt, MAX_JSON_DEPTH } from '../json-depth.js';
import type { PageDoc, Block } from './blocks.js';

/** A fenced block with the `<!-- { ... } -->` annotation that precedes it. */
export interface AnnotatedBlock {
  annotation: Record<string, unknown>;
  blockType: string;
  comment: Html;
  code?: Code;
  block?: Block;
}

export const KNOWN_BLOCK_TYPES = ['request', 'response', 'resource', 'ignored', 'example', 'samples', 'enum'];

const ANNOTATION = /<!--\s*(\{[\s\S]*?\})\s*-?->/;

/** Parse the JSON of an annotation comment; tolerate trailing commas, report anything worse. */
export function parseAnnotation(comment: Html, report: Reporter): Record<string, unknown> | undefined {
  const match = ANNOTATION.exec(comment.value) ?? /<!--\s*(\{[\s\S]*)$/.exec(comment.value);
  if (!match) return undefined;
  if (jsonTooDeepAt(match[1]) >= 0) {
    report.error('annotation-malformed', `Annotation comment nests more than ${MAX_JSON_DEPTH} levels deep; it is not read.`, comment.position);
    return {};
  }
  for (const text of [match[1], match[1].replace(/,\s*([}\]])/g, '$1')]) {
    try {
      const value: unknown = JSON.parse(text);
      if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // try the lenient form, then report
    }
  }
  report.error('annotation-malformed', 'Annotation comment is not a valid JSON object.', comment.position);
  return {};
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
