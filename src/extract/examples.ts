import type { Code } from 'mdast';
import type { Reporter } from '../shared/diagnostics.js';
import type { ExampleModel, ExampleRequestModel, ExampleResponseModel } from '../model/types.js';
import type { AnnotatedBlock } from './annotations.js';
import { jsonTooDeepAt, MAX_JSON_DEPTH } from '../shared/json-depth.js';
import { pathOfUrl } from '../model/path-templates.js';
import { setOwn } from '../shared/own.js';
import { sectionRead } from './section-reads.js';
import { readLenientJson } from './lenient-json.js';

/** Examples are read as their annotated code blocks only. */
export const EXAMPLES_READ = sectionRead('examples', /^examples?\b/);

interface HttpMessage {
  startLine?: string;
  headers: Record<string, string>;
  body?: unknown;
  bodyText?: string;
  bodyLine?: number;
}

/** Split an HTTP message block: start line, headers until a blank line, then the body. */
export function parseHttpMessage(
  code: Code,
  report: Reporter,
  file: string,
  startPattern: RegExp,
): HttpMessage {
  const first = (code.position?.start.line ?? 0) + 1;
  const lines = code.value.split('\n');
  const message: HttpMessage = { headers: {} };
  let i = 0;
  while (i < lines.length && !lines[i].trim()) i++;
  if (i < lines.length && startPattern.test(lines[i].trim())) {
    message.startLine = lines[i].trim();
    for (i++; i < lines.length && lines[i].trim(); i++) {
      const header = /^([\w-]+)\s*:\s*(.*)$/.exec(lines[i].trim());
      if (header) setOwn(message.headers, header[1], header[2]);
      else break; // a body with no blank line before it
    }
  }
  while (i < lines.length && !lines[i].trim()) i++;
  const text = lines.slice(i).join('\n').trim();
  if (!text) return message;
  message.bodyLine = first + i;
  // A body of another media type (`Content-Type: application/zip` then `[Zip file …]`) is not JSON.
  const contentType = Object.entries(message.headers).find(
    ([name]) => name.toLowerCase() === 'content-type',
  )?.[1];
  const parsed =
    !contentType || /json/i.test(contentType)
      ? parseJsonBody(text, message.bodyLine, report, file)
      : { ok: false as const };
  if (parsed.ok) message.body = parsed.value;
  message.bodyText = text;
  return message;
}

/** JSON bodies only when they look like JSON; placeholders such as `{id}` strings stay text. */
function parseJsonBody(
  text: string,
  firstLine: number,
  report: Reporter,
  file: string,
): { ok: true; value: unknown } | { ok: false } {
  if (!/^[[{]/.test(text)) return { ok: false };
  const tooDeep = jsonTooDeepAt(text);
  if (tooDeep >= 0) {
    report.report(
      'example-json-too-deep',
      'error',
      `Example body nests more than ${MAX_JSON_DEPTH} levels deep; it is not read.`,
      placeAt(text, tooDeep, firstLine),
      file,
    );
    return { ok: false };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = (error as Error).message;
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? NaN);
    const place = placeAt(text, Number.isNaN(position) ? 0 : position, firstLine);
    // Trailing commas, comments, single quotes: Json.NET reads them, so ApiDoctor checks such a
    // body; so does docs2ts, after reporting it.
    const lenient = readLenientJson(text);
    const kinds = [...new Set(lenient?.leniencies.map((l) => l.kind))].join(', ');
    report.report(
      'example-json-invalid',
      'error',
      `Example body is not valid JSON: ${message.replace(/^.*?: /, '')}${lenient ? `; read as ApiDoctor (Json.NET) reads it (${kinds})` : ''}`,
      place,
      file,
    );
    return lenient ? { ok: true, value: lenient.value } : { ok: false };
  }
}

/** Line and column of `offset` in `text`, whose first line is `firstLine` of the page. */
function placeAt(
  text: string,
  offset: number,
  firstLine: number,
): { line: number; column: number } {
  const before = text.slice(0, offset);
  return {
    line: firstLine + (before.match(/\n/g)?.length ?? 0),
    column: before.length - before.lastIndexOf('\n'),
  };
}

const REQUEST_START = /^[A-Za-z]+\s+\S+/;
const STATUS_START = /^HTTP\/[\d.]+\s+\d{3}\b/i;

function toRequest(
  block: AnnotatedBlock,
  report: Reporter,
  file: string,
): ExampleRequestModel | undefined {
  const code = block.code!;
  const message = parseHttpMessage(code, report, file, REQUEST_START);
  const source = {
    file,
    line: code.position?.start.line ?? 1,
    column: code.position?.start.column ?? 1,
  };
  // The URL runs to the end of the line (an optional HTTP/1.1 aside): `search(q='Contoso Project')` keeps its space.
  const start = /^(\S+)\s+(.*?)(?:\s+HTTP\/[\d.]+)?$/.exec(message.startLine ?? '');
  const [method = '', url = ''] = start ? [start[1], start[2]] : [];
  if (!message.startLine)
    report.warn(
      'example-request-line-malformed',
      'Request example has no request line (METHOD URL).',
      { line: source.line + 1, column: 1 },
    );
  const [pathPart, queryPart = ''] = url.split('?');
  const query: Record<string, string> = {};
  for (const pair of queryPart.split('&').filter(Boolean)) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    setOwn(query, safeDecode(key), eq < 0 ? '' : safeDecode(pair.slice(eq + 1)));
  }
  return {
    method: method.toUpperCase(),
    url,
    path: pathOfUrl(pathPart),
    query,
    headers: message.headers,
    ...bodyOf(message),
    annotation: block.annotation,
    ...(block.annotation.opaqueUrl === true || block.annotation.opaqueUrl === 'true'
      ? { opaqueUrl: true as const }
      : {}),
    source,
  };
}

function toResponse(block: AnnotatedBlock, report: Reporter, file: string): ExampleResponseModel {
  const code = block.code!;
  const message = parseHttpMessage(code, report, file, STATUS_START);
  const a = block.annotation;
  const status = message.startLine ? Number(/\s(\d{3})\b/.exec(message.startLine)![1]) : undefined;
  const declared = a['@odata.type'] ?? a['@type'];
  const odataType = typeof declared === 'string' ? declared : undefined;
  return {
    ...(status === undefined ? {} : { status }),
    headers: message.headers,
    ...bodyOf(message),
    truncated: a.truncated === true || a.truncated === 'true',
    ...(typeof a.isCollection === 'boolean' ? { isCollection: a.isCollection } : {}),
    isEmpty: a.isEmpty === true || a.isEmpty === 'true',
    ...(odataType ? { odataType } : {}),
    annotation: a,
    source: {
      file,
      line: code.position?.start.line ?? 1,
      column: code.position?.start.column ?? 1,
    },
  };
}

function bodyOf(m: HttpMessage) {
  return {
    ...(m.body !== undefined ? { body: m.body } : {}),
    ...(m.bodyText !== undefined ? { bodyText: m.bodyText } : {}),
    ...(m.bodyLine !== undefined && (m.body !== undefined || m.bodyText !== undefined)
      ? { bodyLine: m.bodyLine }
      : {}),
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * Pair request and response blocks in page order: a response belongs to the requests its
 * annotation names (`"name": "get-drive"`, or a list: `["get-drive-default", …]`), as ApiDoctor
 * pairs them, each the last request of that name still without a response; else to the request
 * before it.
 */
export function extractExamples(
  blocks: AnnotatedBlock[],
  report: Reporter,
  file: string,
): ExampleModel[] {
  const examples: ExampleModel[] = [];
  // Requests by name, latest last (those given a response are dropped when met).
  const byName = new Map<string, ExampleModel[]>();
  const lastOpen = (name: unknown) => {
    const list = typeof name === 'string' ? byName.get(name) : undefined;
    while (list?.length && list.at(-1)!.response) list.pop();
    return list?.at(-1);
  };
  for (const block of blocks) {
    if (!block.code) continue;
    const { name } = block.annotation;
    if (block.blockType === 'request') {
      const example: ExampleModel = {
        ...(typeof name === 'string' && name ? { name } : {}),
        request: toRequest(block, report, file),
      };
      examples.push(example);
      if (example.name) {
        let list = byName.get(example.name);
        if (!list) byName.set(example.name, (list = []));
        list.push(example);
      }
    } else if (block.blockType === 'response') {
      const response = toResponse(block, report, file);
      const named = new Set(
        (Array.isArray(name) ? name : [name]).map(lastOpen).filter((e) => e !== undefined),
      );
      const open = examples.at(-1);
      if (named.size) for (const example of named) example.response = response;
      else if (open && open.request && !open.response) open.response = response;
      else examples.push({ response });
    }
  }
  return examples;
}
