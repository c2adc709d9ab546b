import { examplesOf, type Rule } from './rule.js';

export const exampleUnpaired: Rule = {
  id: 'example-unpaired',
  severity: 'warning',
  description: 'A request example has no response example after it, or a response example has no request before it.',
  run({ model, report }) {
    for (const { example: e } of examplesOf(model)) {
      if (e.request && !e.response) report(e.request.source.file, e.request.source, `Request example${e.name ? ` "${e.name}"` : ''} has no response example.`);
      if (e.response && !e.request) report(e.response.source.file, e.response.source, 'Response example has no request example before it.');
    }
  },
};

export const exampleStatusLine: Rule = {
  id: 'example-status-line-malformed',
  severity: 'warning',
  description: 'A response example does not start with an HTTP status line (HTTP/1.1 200 OK).',
  run({ model, report }) {
    for (const { example: e } of examplesOf(model)) {
      if (e.response && e.response.status === undefined) report(e.response.source.file, { line: e.response.source.line + 1, column: 1 }, 'Response example has no status line such as "HTTP/1.1 200 OK".');
    }
  },
};

export const exampleContradictsPage: Rule = {
  id: 'example-contradicts-page',
  severity: 'warning',
  description: "An example's HTTP method, status or body differs from the page's HTTP request, Request body and Response sections.",
  run({ model, report }) {
    for (const { op, example: e } of examplesOf(model)) {
      if (e.request && e.request.method && e.request.method !== op.method) {
        report(e.request.source.file, { line: e.request.source.line + 1, column: 1 }, `Example uses ${e.request.method}; the page's HTTP request is ${op.method}.`);
      }
      if (e.request?.bodyText?.trim() && (op.requestBody.kind === 'none' || op.method === 'GET')) {
        const why = op.method === 'GET' ? 'GET requests carry no body' : 'the page documents none (no Request body type or parameter table)';
        report(e.request.source.file, { line: e.request.bodyLine ?? e.request.source.line, column: 1 }, `Example sends a request body; ${why}.`);
      }
      const status = e.response?.status;
      if (e.response && status !== undefined && status !== op.response.status && op.response.source) {
        report(e.response.source.file, { line: e.response.source.line + 1, column: 1 }, `Example responds ${status}; the Response section says ${op.response.status}.`);
      }
      if (e.response && status === op.response.status && op.response.type && !e.response.bodyText?.trim()) {
        report(e.response.source.file, { line: e.response.source.line + 1, column: 1 }, `Example returns no body; the Response section names a ${op.response.type.name}${op.response.collection ? ' collection' : ''}.`);
      }
    }
  },
};

export const exampleCardinality: Rule = {
  id: 'example-cardinality-mismatch',
  severity: 'warning',
  description: 'A response example is shaped as a collection where the method returns one object, or the reverse.',
  run({ model, index, report }) {
    for (const op of model.operations) {
      if (!op.response.type || op.response.type.kind !== 'named') continue;
      const type = index.type(op.response.type.name);
      const hasValueProperty = Boolean(type && index.allProperties(type).some((p) => p.name === 'value'));
      for (const e of op.examples) {
        const body = e.response?.body;
        if (!e.response || body === null || typeof body !== 'object' || hasValueProperty) continue;
        const isPage = !Array.isArray(body) && Array.isArray((body as { value?: unknown }).value);
        const place = { line: e.response.bodyLine ?? e.response.source.line, column: 1 };
        if (op.response.collection && !isPage && !Array.isArray(body)) report(e.response.source.file, place, `The method returns a collection of ${type?.name ?? op.response.type.name}; this example is a single object (no "value" array).`);
        if (!op.response.collection && isPage) report(e.response.source.file, place, `The method returns one ${type?.name ?? op.response.type.name}; this example is a collection ("value" array).`);
      }
    }
  },
};
