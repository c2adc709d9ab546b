import type { Reporter } from '../shared/diagnostics.js';
import type { ParameterModel, RequestBodyModel, SourceRef, TypeRef } from '../model/types.js';
import { linkedType, linksIn, pageKeyOfLink, sourceOf, textOf, type PageDoc } from './blocks.js';
import { readTypedTable, typeColumn } from './typed-table.js';
import { admitsNullSaid } from './property-table.js';
import { inSections, sectionRead } from './section-reads.js';

/** The request body's parameter table, and the prose that names a body type. */
export const REQUEST_BODY_READ = sectionRead('request-body', /^request body\b/, 'prose', 'tables');
const inRequestBody = inSections(REQUEST_BODY_READ);

/** "a JSON representation of [user]", "Provide the new [openShift] object", "supply the values of the relevant [printJob] fields". */
const REPRESENTATION =
  /\b(representation|instance) (of|for)\b|\b(supply|provide) (a|an|the)( new)? \S+ (object|resource)\b|\bvalues of the relevant \S+ (fields|properties)\b/i;

/**
 * `## Request body`: none ("Do not supply a request body"), a type ("a JSON representation
 * of [user](…)"), or a parameter table (actions).
 */
export function extractRequestBody(doc: PageDoc, report: Reporter): RequestBodyModel {
  const blocks = doc.blocks.filter((b) => inRequestBody(b.section));
  const rows: ParameterModel[] = [];
  let typed: Extract<RequestBodyModel, { kind: 'type' }> | undefined;
  let first = blocks[0]?.node;
  for (const { node } of blocks) {
    if (node.type === 'paragraph') {
      const text = textOf(node);
      const link = linksIn(node).find((l) => pageKeyOfLink(l.url));
      const unlinked =
        !link &&
        /\b(?:representation|instance) (?:of|for) (?:the |a |an )?(\w+) object/i.exec(text)?.[1];
      if (!typed && unlinked) {
        typed = {
          kind: 'type',
          type: { kind: 'named', name: unlinked },
          collection: false,
          fields: [],
          source: sourceOf(doc.file, node),
        };
      }
      if (!typed && link && REPRESENTATION.test(text)) {
        const tail = text.slice(text.indexOf(textOf(link)));
        typed = {
          kind: 'type',
          type: linkedType(node, link),
          collection:
            /^\S+\s+(collection|objects)\b|collection of/i.test(tail) ||
            /collection of\s*$/.test(text.slice(0, text.indexOf(textOf(link)))),
          fields: [],
          source: sourceOf(doc.file, node),
        };
      }
    } else if (node.type === 'table' && typeColumn(node, true) > 0) {
      for (const row of readTypedTable(node, report, true)) {
        rows.push({
          name: row.name,
          type: row.type,
          collection: row.collection,
          required:
            /\brequired\b/i.test(row.description) && !/\bnot required\b/i.test(row.description),
          ...(admitsNullSaid(row.description) ? { nullable: true } : {}),
          description: row.description,
          source: { file: doc.file, line: row.line, column: row.column },
        });
      }
      first ??= node;
    }
  }
  if (typed) return { ...typed, fields: rows };
  if (rows.length)
    return { kind: 'parameters', parameters: rows, source: sourceOf(doc.file, first) };
  return { kind: 'none' };
}

/** "Do not supply a request body for this method.", "This API does not require any request body." */
const SAYS_NONE =
  /^(do not|don't) (supply|specify|provide|send)\b|\bdoes not (require|take|accept) (a|any) request body|^no request body\b|\bhas no request (body|content)|\brequest body is not (required|necessary|needed)|\bspecifying a request body is not necessary/i;

/**
 * What the `## Request body` section says in prose: that there is none, that there is one
 * ("In the request body, supply the values for relevant fields…"), or nothing (no section).
 */
export function requestBodyStatement(doc: PageDoc): 'none' | 'described' | undefined {
  const blocks = doc.blocks.filter(
    (b) =>
      inRequestBody(b.subsection || b.section) &&
      b.node.type !== 'heading' &&
      b.node.type !== 'html',
  );
  if (!blocks.length) return undefined;
  const saysNone = blocks.some(
    ({ node }) => node.type === 'paragraph' && SAYS_NONE.test(textOf(node)),
  );
  return saysNone ? 'none' : 'described';
}

/** "Do not supply a request body", "No request body is required." (alone), "None." */
const NO_BODY =
  /\b(do not|don't|doesn't|does not|must not)\b.{0,40}\b(body|content)\b|^(this method|this action|the method)?\s*(has|requires|takes)? ?no (request )?body\b|^no request body (is )?(required|needed)\.?$|^none\.?$|^not applicable\.?$|^empty\.?$/i;

/**
 * The Request body section's prose where it names no type and has no table, when it describes a
 * body ("supply the new value for the parentReference property"), rather than saying there is none.
 */
export function bodyDescribedInProse(doc: PageDoc): SourceRef | undefined {
  const paragraphs = doc.blocks.filter(
    (b) => inRequestBody(b.section) && b.node.type === 'paragraph',
  );
  if (!paragraphs.length || paragraphs.some((b) => NO_BODY.test(textOf(b.node as never))))
    return undefined;
  return sourceOf(doc.file, paragraphs[0].node);
}

/**
 * Parameters read from a request example's JSON object, for a body described only in prose:
 * one per top-level property, typed by its value (an object by its `@odata.type`, else Json),
 * none required. Instance annotations (`@microsoft.graph.conflictBehavior`) are left out.
 */
export function parametersFromExample(
  body: Record<string, unknown>,
  source: SourceRef,
): ParameterModel[] {
  const typeOf = (value: unknown): TypeRef => {
    if (typeof value === 'string') return { kind: 'primitive', name: 'String' };
    if (typeof value === 'boolean') return { kind: 'primitive', name: 'Boolean' };
    if (typeof value === 'number')
      return { kind: 'primitive', name: Number.isInteger(value) ? 'Int32' : 'Double' };
    const odataType =
      value && typeof value === 'object'
        ? (value as Record<string, unknown>)['@odata.type']
        : undefined;
    return typeof odataType === 'string' && /^#?[\w.]+$/.test(odataType)
      ? { kind: 'named', name: odataType.replace(/^#/, '') }
      : { kind: 'primitive', name: 'Json' };
  };
  return Object.entries(body)
    .filter(([name]) => !name.includes('@'))
    .map(([name, value]) => ({
      name,
      type: typeOf(Array.isArray(value) ? value[0] : value),
      collection: Array.isArray(value),
      required: false,
      description: '',
      source,
    }));
}
