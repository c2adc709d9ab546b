import { callsOperation, hasNoBody } from '../model/types.js';
import { hasValueProperty } from './example-values.js';
import { isErrorExample, responseShapeOf } from './example-scope.js';
import { JsonPlaces } from './json-place.js';
import { annotationOfBlock, examplesOf, type Rule } from './rule.js';

export const exampleUnpaired: Rule = {
  id: 'example-unpaired',
  severity: 'warning',
  description:
    'A request example has no response example after it, or a response example has no request before it.',
  run({ model, pages, report }) {
    for (const { example: e } of examplesOf(model)) {
      if (e.request && !e.response)
        report(
          e.request.source.file,
          e.request.source,
          `Request example${e.name ? ` "${e.name}"` : ''} has no response example.`,
        );
      if (e.response && !e.request) {
        // The annotation before the response's own: a request block annotated "ignored" is one ApiDoctor and docs2ts skip.
        const own = annotationOfBlock(pages, e.response.source);
        const before = own && annotationOfBlock(pages, { ...e.response.source, line: own.line });
        // Another response under the same heading as the one before: a second outcome of that request.
        if (before?.blockType === 'response' && before.headingsBefore === own!.headingsBefore)
          continue;
        const ignored =
          before?.blockType === 'ignored' &&
          before.hasCode &&
          /^(https?|msgraph-interactive)$/i.test(before.lang ?? '');
        report(
          e.response.source.file,
          e.response.source,
          ignored
            ? `Response example follows a request block annotated "ignored" (line ${before.line}): annotate that block "request" to pair them.`
            : 'Response example has no request example before it.',
        );
      }
    }
  },
};

export const exampleStatusLine: Rule = {
  id: 'example-status-line-malformed',
  severity: 'warning',
  description: 'A response example does not start with an HTTP status line (HTTP/1.1 200 OK).',
  run({ model, report }) {
    for (const { example: e } of examplesOf(model)) {
      if (e.response && e.response.status === undefined)
        report(
          e.response.source.file,
          { line: e.response.source.line + 1, column: 1 },
          'Response example has no status line such as "HTTP/1.1 200 OK".',
        );
    }
  },
};

export const exampleContradictsPage: Rule = {
  id: 'example-contradicts-page',
  severity: 'warning',
  description:
    "An example's HTTP method, status or body differs from the page's HTTP request, Request body and Response sections.",
  run({ model, pages, report }) {
    const stated = new Map(pages.map((p) => [p.file, p.requestBodyStated]));
    for (const { op, example: e } of examplesOf(model)) {
      // A call of an opaque URL is another call: its method, body and status are its own.
      if (!callsOperation(e)) continue;
      if (e.request && e.request.method && e.request.method !== op.method) {
        report(
          e.request.source.file,
          { line: e.request.source.line + 1, column: 1 },
          `Example uses ${e.request.method}; the page's HTTP request is ${op.method}.`,
        );
      }
      // A body the Request body section describes in prose ("supply the values for relevant fields") is documented.
      const statement = stated.get(op.source.file);
      // A body read from the examples (no Request body section) is still undocumented.
      const { requestBody: body } = op;
      const undocumented = body.kind === 'none' ? statement !== 'described' : body.fromExample;
      if (e.request?.bodyText?.trim() && (op.method === 'GET' || undocumented)) {
        const why =
          op.method === 'GET'
            ? 'GET requests carry no body'
            : statement === 'none'
              ? 'the Request body section says to send none'
              : `the page documents none (no Request body section)${body.kind === 'none' ? '' : ': the body is read from the examples'}`;
        report(
          e.request.source.file,
          { line: e.request.bodyLine ?? e.request.source.line, column: 1 },
          `Example sends a request body; ${why}.`,
        );
      }
      const status = e.response?.status;
      // `Prefer: return=representation` asks for 200 and the object instead of 204.
      const represented =
        status === 200 &&
        op.response.status === 204 &&
        Object.entries(e.request?.headers ?? {}).some(
          ([k, v]) => /^prefer$/i.test(k) && /return=representation/i.test(v),
        );
      if (
        e.response &&
        status !== undefined &&
        status !== op.response.status &&
        op.response.source &&
        !represented &&
        !isErrorExample(e)
      ) {
        report(
          e.response.source.file,
          { line: e.response.source.line + 1, column: 1 },
          `Example responds ${status}; the Response section says ${op.response.status}.`,
        );
      }
      if (
        e.response &&
        status === op.response.status &&
        hasNoBody(op.response) &&
        op.response.source &&
        e.response.bodyText?.trim()
      ) {
        report(
          e.response.source.file,
          { line: e.response.bodyLine ?? e.response.source.line + 1, column: 1 },
          `Example returns a body; the Response section says the response has none (${op.response.status}).`,
        );
      }
      if (
        e.response &&
        status === op.response.status &&
        op.response.type &&
        !e.response.bodyText?.trim()
      ) {
        report(
          e.response.source.file,
          { line: e.response.source.line + 1, column: 1 },
          `Example returns no body; the Response section names a ${op.response.type.name}${op.response.collection ? ' collection' : ''}.`,
        );
      }
    }
  },
};

export const exampleCardinality: Rule = {
  id: 'example-cardinality-mismatch',
  severity: 'warning',
  description:
    'A response example is shaped as a collection where the method returns one object, or the reverse, or wraps one object in "value": { … }.',
  run({ model, index, report }) {
    for (const op of model.operations) {
      for (const e of op.examples) {
        const body = e.response?.body;
        const shape = e.response && responseShapeOf(op, e, index);
        if (
          !e.response ||
          body === null ||
          typeof body !== 'object' ||
          !shape ||
          shape.type.kind !== 'named' ||
          hasValueProperty(shape.type, index)
        )
          continue;
        const name = index.type(shape.type.name)?.name ?? shape.type.name;
        const value = Array.isArray(body) ? undefined : (body as { value?: unknown }).value;
        const isPage = Array.isArray(value);
        const wrapped = value !== null && typeof value === 'object' && !isPage;
        const place =
          e.response.bodyText && e.response.bodyLine !== undefined && (isPage || wrapped)
            ? new JsonPlaces(e.response.bodyText, e.response.bodyLine).at(['value'], true)
            : { line: e.response.bodyLine ?? e.response.source.line, column: 1 };
        if (shape.collection && wrapped)
          report(
            e.response.source.file,
            place,
            `The method returns a collection of ${name}; this example's "value" is one object, not an array.`,
          );
        else if (shape.collection && !isPage && !Array.isArray(body))
          report(
            e.response.source.file,
            place,
            `The method returns a collection of ${name}; this example is a single object (no "value" array).`,
          );
        if (!shape.collection && isPage)
          report(
            e.response.source.file,
            place,
            `The method returns one ${name}; this example is a collection ("value" array).`,
          );
        if (!shape.collection && wrapped)
          report(
            e.response.source.file,
            place,
            `The method returns one ${name}; this example wraps it in "value": { … } (the object itself is the response body).`,
          );
      }
    }
  },
};
