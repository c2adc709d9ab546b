import type { Link, Paragraph } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { EXIT, visit } from 'unist-util-visit';
import type { ResponseModel } from '../model/types.js';
import {
  linkedType,
  topSectionBlocks,
  linksIn,
  pageKeyOfLink,
  sourceOf,
  textOf,
  type PageDoc,
} from './blocks.js';
import { readTypeText } from './type-cell.js';
import { inSections, sectionRead } from './section-reads.js';

/** "If successful, this method returns a `200 OK` response code and a [user](user.md) object". */
export const RESPONSE_READ = sectionRead('response-sentence', /^response\b/, 'prose');

const STATUS = /\b([1-5]\d\d)(?:\s+[A-Z][A-Za-z-]*)+/;

/** "It does not return anything in the response body", "with no response body". */
const NO_BODY =
  /\b(?:does not|doesn't|do not) return (?:anything|an? (?:response )?body)\b|\bno response body\b|\bempty response body\b|\breturns nothing\b/i;

/** "… and the image or file binary data in the response body", "… and binary content": a stream of bytes. */
const BINARY = /\bbinary (?:data|content)\b/i;

/** A redirect's target: "redirects to a preauthenticated download URL", "the pre-authenticated download URL in the Location header". */
const DOWNLOAD_URL = /\bdownload URL\b/i;

/**
 * The `## Response` sentence: "returns a `201 Created` response code and a [user](…) object"
 * or "… a collection of [x](…) objects" or "… a String collection".
 */
export function extractResponse(doc: PageDoc): ResponseModel | undefined {
  for (const block of topSectionBlocks(doc, inSections(RESPONSE_READ))) {
    const node = block.node;
    if (node.type !== 'paragraph' || block.subsection) continue;
    const text = textOf(node);
    const status = STATUS.exec(text);
    // "… exceeds the quota, a `507 Insufficient Storage` response will be returned": an error case, not the response.
    if (!status || Number(status[1]) >= 400) continue;
    const response: ResponseModel = {
      status: Number(status[1]),
      collection: false,
      source: sourceOf(doc.file, node),
    };
    const after = text.slice(status.index + status[0].length);
    // A type is linked by its name; "[get the operation status](…)" is prose, not a type.
    const link = linksIn(node).find(
      (l) => pageKeyOfLink(l.url) && /^[\w.]+$/.test(textOf(l)) && after.includes(textOf(l)),
    );
    // "202 Accepted … a Location header, which contains the location of the [teamsAsyncOperation]",
    // "… a 202 Accepted response containing a link to the [teamsAsyncOperation]": no body.
    if (response.status === 202 && /\bLocation\b|\b(link|url|pointer) to\b/i.test(after))
      return response;
    // "204 No Content … If the request specifies `Prefer: return=representation`, 200 OK and the updated [plannerTask]": the type is the alternative's.
    // "204 No Content. If the widget was archived, 200 OK and the restored [widget]": the text up to the link itself, not up to the first "widget".
    if (link && response.status === 204) {
      const between = textBefore(node, link).slice(status.index + status[0].length);
      const other = STATUS.exec(between);
      if (other) {
        // The alternative is the representation the request can ask for: typed, on request.
        const otherStatus = Number(other[1]);
        if (/\breturn=representation\b/.test(between) && otherStatus < 300)
          response.representation = { status: otherStatus, type: linkedType(node, link) };
        return response;
      }
    }
    if (!link && NO_BODY.test(after)) return { ...response, noBody: true };
    if (!link && response.status < 300 && BINARY.test(after))
      return { ...response, type: { kind: 'primitive', name: 'Stream' } };
    if (!link && response.status >= 300 && response.status < 400 && DOWNLOAD_URL.test(after))
      return { ...response, download: true };
    if (link) {
      const tail = after.slice(after.indexOf(textOf(link)));
      response.type = linkedType(node, link);
      response.collection =
        /collection|array|list/i.test(after.slice(0, after.indexOf(textOf(link)))) ||
        /^\S*\s+collection/i.test(tail) ||
        /^\S*\s+objects\b/.test(tail);
    } else {
      const primitive =
        /\b(?:an?\s+)?(String|Boolean|Int32|Int64|Double|Stream|DateTimeOffset|Guid)\b( collection)?/.exec(
          after,
        );
      const read = primitive && readTypeText(primitive[1] + (primitive[2] ?? ''));
      if (read && read.type.kind === 'primitive') Object.assign(response, read);
      else Object.assign(response, unlinkedType(after));
    }
    return response;
  }
  return undefined;
}

/** The paragraph's text before `link`, spaced as textOf spaces it. */
function textBefore(paragraph: Paragraph, link: Link): string {
  const parts: string[] = [];
  visit(paragraph, (node) => {
    if (node === link) return EXIT;
    if (!('children' in node)) parts.push(toString(node));
  });
  return parts.join('').replace(/\s+/g, ' ').trimStart();
}

/**
 * "… and a **chat** object", "… a collection of plannerTask objects", "… and collection of
 * **secureScore** objects" (no article): a soft guess, kept only if it resolves.
 */
function unlinkedType(text: string): Pick<ResponseModel, 'type' | 'collection'> | undefined {
  const m =
    /\b(?:(?:an?|the|new|updated)\s+|(?=collection of\s))(collection of\s+)?(?:new\s+|updated\s+)?([A-Za-z][\w.]*)\s+(objects?|resources?|collection|entity)\b/.exec(
      text,
    );
  if (!m || /^(json|new|updated|empty|response|error|http|odata)$/i.test(m[2])) return undefined;
  return {
    type: { kind: 'named', name: m[2], soft: true },
    collection: Boolean(m[1]) || m[3] === 'collection' || m[3] === 'objects',
  };
}
