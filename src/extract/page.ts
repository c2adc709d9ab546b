import { Reporter } from '../shared/diagnostics.js';
import { DEFAULT_NAMESPACE, pageKeyOfFile } from '../model/names.js';
import { argumentList, calledParameters, isReferencePath } from '../model/path-templates.js';
import { callsOperation } from '../model/types.js';
import { isRecord } from '../shared/own.js';
import type { PageResult, PageType } from '../model/page-facts.js';
import type {
  ExampleModel,
  OperationModel,
  ParameterModel,
  PermissionsModel,
  RequestBodyModel,
  ResponseModel,
  SourceRef,
  TypeRef,
} from '../model/types.js';
import { MAX_PARAGRAPH_CHARS, parseMarkdown } from '../read/parse.js';
import type { SkimmedLink } from '../read/skim.js';
import { extractAnnotatedBlocks } from './annotations.js';
import { linksIn, pageKeyOfLink, sourceOf, textOf, toPageDoc, type PageDoc } from './blocks.js';
import { HTTP_REQUEST_READ } from './http-request.js';
import { inSections } from './section-reads.js';
import { fencedLines } from '../text/fences.js';
import { extractEnums } from './enum-table.js';
import { extractExamples } from './examples.js';
import { extractFrontMatter } from './front-matter.js';
import {
  extractHttpRequest,
  functionArguments,
  pathParameterNames,
  type HttpRequestLines,
} from './http-request.js';
import { operationKind } from './operation-kind.js';
import { extractPermissions } from './permissions.js';
import { extractPathParameters, extractQueryParameters } from './query-parameters.js';
import {
  bodyDescribedInProse,
  extractRequestBody,
  parametersFromExample,
  requestBodyStatement,
} from './request-body.js';
import { extractRequestHeaders } from './request-headers.js';
import { representedProperties } from './representation.js';
import { extractNamespace, extractResourceType } from './resource.js';
import { extractResponse } from './response-sentence.js';
import { extractApiDoctorSuppressions, extractSuppressionComments } from './suppressions.js';

const PAGE_TYPES: Record<string, PageType> = {
  apipagetype: 'api',
  resourcepagetype: 'resource',
  enumpagetype: 'enum',
};

/** Read one page: parse, then run every extractor. Never throws for page content. `shortcuts: false` parses every section with remark alone (for tests). */
export function readPage(file: string, text: string, shortcuts = true): PageResult {
  const report = new Reporter(file);
  const parsed = parseMarkdown(text, { skim: shortcuts, lift: shortcuts });
  for (const cut of parsed.capped) report.warn(cut.ruleId, cut.message, cut);
  for (const line of parsed.cut)
    report.warn(
      'paragraph-too-long',
      `Paragraph (or table row) longer than ${MAX_PARAGRAPH_CHARS} characters; the rest of it is not read.`,
      { line, column: 1 },
    );
  const doc = toPageDoc(file, parsed.tree);
  const frontMatter = extractFrontMatter(doc, report);
  if (!frontMatter)
    report.warn(
      'frontmatter-missing',
      'Page has no YAML front matter (title, description, doc_type).',
      { line: 1, column: 1 },
    );
  const title = doc.title
    ? textOf(doc.title)
    : typeof frontMatter?.title === 'string'
      ? frontMatter.title
      : '';
  const annotated = extractAnnotatedBlocks(doc, report);
  const headings = headingCounts(doc);
  const pageType = pageTypeOf(
    doc,
    frontMatter,
    title,
    annotated.some((a) => a.blockType === 'resource'),
  );
  const namespace = extractNamespace(doc, frontMatter);
  const result: PageResult = {
    file,
    pageType,
    ...(frontMatter ? { frontMatter } : {}),
    title,
    types: [],
    annotations: annotated.map((a) => ({
      blockType: a.blockType,
      annotation: a.annotation,
      line: a.comment.position?.start.line ?? 1,
      column: a.comment.position?.start.column ?? 1,
      hasCode: Boolean(a.code),
      ...(a.code?.lang ? { lang: a.code.lang } : {}),
      keyLines: keyLinesOf(a.comment.value, a.comment.position?.start.line ?? 1),
      headingsBefore: headings.get(a.comment) ?? 0,
    })),
    links: collectLinks(doc, parsed.links),
    todos: findTodos(text),
    permissionRows: [],
    suppressions: [
      ...extractSuppressionComments(text),
      ...extractApiDoctorSuppressions(annotated, text),
    ],
    diagnostics: report.items,
  };
  const titleName = /^(\S+)\s+(resource|complex|entity|enum)\b.*type/i.exec(title)?.[1];
  if (pageType === 'resource') {
    const type = extractResourceType(doc, titleName, namespace, annotated, report);
    if (type) result.types.push({ ...type, description: descriptionOf(doc, frontMatter) });
    const represented = representedProperties(
      annotated.find((a) => a.blockType === 'resource')?.code,
    );
    if (represented.length) result.representedProperties = represented;
  }
  const pageEnum = pageType === 'enum' ? titleName : undefined;
  for (const e of extractEnums(doc, pageEnum, report)) {
    const ns = namespace ?? DEFAULT_NAMESPACE;
    if (result.types.some((t) => t.name.toLowerCase() === e.name.toLowerCase())) continue;
    result.types.push({
      name: e.name,
      namespace: ns,
      fullName: `${ns}.${e.name}`,
      kind: 'enum',
      abstract: false,
      open: false,
      description: e.name === pageEnum ? descriptionOf(doc, frontMatter) : '',
      properties: [],
      navigationProperties: [],
      members: e.members,
      derivedTypes: [],
      source: { file, line: e.line, column: e.column },
      declaredBy: e.name === pageEnum ? 'page' : 'section',
    });
  }
  if (pageType === 'api') {
    const { permissions, rows } = extractPermissions(doc);
    result.permissionRows = rows;
    const request = extractHttpRequest(doc, report);
    const operation = extractOperation(
      doc,
      request,
      frontMatter,
      title,
      annotated,
      permissions,
      report,
    );
    if (operation) result.operation = operation;
    if (request) result.requestLines = request.lines;
    const stated = requestBodyStatement(doc);
    if (stated) result.requestBodyStated = stated;
  }
  return result;
}

/** For each block, how many headings (H2 and deeper) come before it: one pass. */
function headingCounts(doc: PageDoc): Map<object, number> {
  const counts = new Map<object, number>();
  let count = 0;
  for (const b of doc.blocks) {
    if (b.node.type === 'heading' && b.node.depth > 1) count++;
    counts.set(b.node, count);
  }
  return counts;
}

function keyLinesOf(comment: string, firstLine: number): Record<string, number> {
  const lines: Record<string, number> = {};
  comment.split('\n').forEach((text, i) => {
    for (const m of text.matchAll(/"([^"\\]+)"\s*:/g)) lines[m[1]] ??= firstLine + i;
  });
  return lines;
}

/** What the page holds wins over its `doc_type`, which is sometimes wrong in the docs. */
function pageTypeOf(
  doc: PageDoc,
  fm: Record<string, unknown> | undefined,
  title: string,
  hasResource: boolean,
): PageType {
  const hasHttp = doc.blocks.some((b) => inSections(HTTP_REQUEST_READ)(b.section));
  if (hasResource && !hasHttp) return 'resource';
  if (hasHttp && !hasResource) return 'api';
  const declared = PAGE_TYPES[typeof fm?.doc_type === 'string' ? fm.doc_type.toLowerCase() : ''];
  if (declared) return declared;
  if (hasHttp) return 'api';
  if (/\benum(eration)? type\b/i.test(title)) return 'enum';
  if (hasResource || /\b(resource|complex) type\b/i.test(title)) return 'resource';
  return 'other';
}

function descriptionOf(doc: PageDoc, fm: Record<string, unknown> | undefined): string {
  if (typeof fm?.description === 'string' && fm.description.trim()) return fm.description.trim();
  const para = doc.blocks.find(
    (b) => b.node.type === 'paragraph' && !/^namespace:/i.test(textOf(b.node as never)),
  );
  return para ? textOf(para.node as never) : '';
}

function extractOperation(
  doc: PageDoc,
  request: HttpRequestLines | undefined,
  fm: Record<string, unknown> | undefined,
  title: string,
  annotated: ReturnType<typeof extractAnnotatedBlocks>,
  permissions: PermissionsModel,
  report: Reporter,
): OperationModel | undefined {
  const source: SourceRef = request
    ? { file: doc.file, line: request.line, column: request.column }
    : sourceOf(doc.file, doc.title ?? {});
  if (!request) {
    report.warn(
      'http-request-missing',
      'Method page has no HTTP request block.',
      doc.title?.position,
    );
    return undefined;
  }
  // Function parameters documented in a table but passed in the path are path parameters.
  const { params: tableParams, functionArguments: argumentRows } = extractQueryParameters(
    doc,
    report,
  );
  // A "Path parameters" row names a placeholder (its emphasis and case aside), or an argument
  // of a function an example calls with arguments its request line does not write; other
  // rows are not parameters of the call (`{id_value}` inside a `$filter`).
  const pathRows = extractPathParameters(doc, report);
  const written = new Set(pathParameterNames(request.paths).map(looseName));
  const paths = withOptionalArguments(request.method, request.paths, [
    ...tableParams.filter((p) => argumentRows.has(p.name)),
    // A function's argument under "Path parameters" (`valuesOnly` of `range/usedRange`).
    ...pathRows.filter((row) => !written.has(looseName(row.name))),
  ]);
  const examples = extractExamples(annotated, report, doc.file);
  // What the page leaves unsaid is read from its examples, but not from calls of opaque URLs.
  const calls = examples.filter(callsOperation);
  const response = inferFromExamples(
    extractResponse(doc),
    calls,
    request.method,
    /^list\b/i.test(title),
    report,
  );
  const requestBody = withUntabledBody(
    doc,
    withReferenceBody(extractRequestBody(doc, report), request.method, paths, source),
    request.method,
    paths,
    calls,
  );
  const string: TypeRef = { kind: 'primitive', name: 'String' };
  const pathNames = pathParameterNames(paths);
  const args = functionArguments(paths);
  // Lookups by name, built once (the first of each name wins, as a search in order would find
  // it): a page may write thousands of lines and rows.
  const firstBy = <T>(items: T[], keys: (item: T) => (string | undefined)[]) => {
    const map = new Map<string, T>();
    for (const item of items)
      for (const key of keys(item)) if (key !== undefined && !map.has(key)) map.set(key, item);
    return map;
  };
  const placeholders = firstBy(pathNames, (name) => [looseName(name)]);
  const placeholderOf = (row: ParameterModel) => placeholders.get(looseName(row.name));
  const rows = firstBy([...tableParams, ...pathRows], (p) => [looseName(p.name)]);
  const rowNamed = (name: string) => rows.get(looseName(name));
  const tableNames = new Set(tableParams.map((p) => p.name));
  const tableLoose = new Set(tableParams.map((p) => looseName(p.name)));
  const functionRows = new Map<string, ParameterModel>();
  if (request.method === 'GET')
    for (const path of paths)
      for (const row of calledParameters(path, calls, rowNamed) ?? [])
        if (!placeholderOf(row) && !tableLoose.has(looseName(row.name)))
          functionRows.set(row.name, row);
  const tableFor = firstBy(tableParams, (p) => [p.name, args.get(p.name)]);
  const pathRowFor = firstBy(pathRows, (row) => [placeholderOf(row)]);
  const documentedAs = (placeholder: string) =>
    tableFor.get(placeholder) ?? pathRowFor.get(placeholder);
  const inPath = new Set(pathNames);
  return {
    id: pageKeyOfFile(doc.file),
    title: typeof fm?.title === 'string' && fm.title ? fm.title : title,
    description: typeof fm?.description === 'string' ? fm.description : '',
    kind: operationKind(request.method, paths, requestBody, response),
    method: request.method,
    paths,
    pathParameters: pathNames.map((name) => {
      const documented = documentedAs(name);
      return documented
        ? { ...documented, name, required: true }
        : { name, type: string, collection: false, required: true, description: '', source };
    }),
    queryParameters: [
      ...tableParams.filter((p) => !inPath.has(p.name) && !args.has(p.name)),
      ...functionRows.values(),
      // Written into the request line itself: part of the call, so required.
      ...request.query
        .filter((name) => !tableNames.has(name))
        .map((name) => ({
          name,
          type: string,
          collection: false,
          required: true,
          description: '',
          source,
        })),
    ],
    headers: extractRequestHeaders(doc),
    requestBody,
    response,
    permissions,
    examples,
    source,
  };
}

/**
 * A GET function whose request line writes no arguments (`…/usedRange`), while its "Function
 * parameters" table (or "Path parameters" rows naming no placeholder) lists only arguments it
 * says are optional (`valuesOnly`), has two documented forms: without them, and with them all
 * (`…/usedRange(valuesOnly={valuesOnly})`), as OData passes a function's arguments. A function
 * the page already writes with arguments is left as written.
 */
function withOptionalArguments(method: string, paths: string[], rows: ParameterModel[]): string[] {
  if (method !== 'GET' || !rows.length) return paths;
  // Sets, not a scan of every path per row or per path: a page may write thousands of lines.
  const placeholders = new Set(pathParameterNames(paths));
  // Functions written with arguments: the path up to the last `(` (no backtracking regex).
  const calledWith = new Set(
    paths.filter((p) => p.includes('(')).map((p) => p.slice(0, p.lastIndexOf('('))),
  );
  // Said to be optional ("Optional. …"): a row that says nothing may be required (a `Required?` column).
  const optional = rows.filter(
    (row) => /\boptional\b/i.test(row.description) && !placeholders.has(row.name),
  );
  if (!optional.length || optional.length < rows.length) return paths;
  return paths.flatMap((path) =>
    /\/[A-Za-z_][\w.]*$/.test(path) && !calledWith.has(path)
      ? [path, path + argumentList(optional)]
      : [path],
  );
}

/**
 * A body no table or type describes, read from the request example's JSON object: an update's
 * is the resource (a Partial of it: the link step names it, as for a table of updatable
 * properties), another method's the example's properties (see parametersFromExample). Either
 * the Request body section describes it only in prose (driveitem-move: "supply the new value
 * for the parentReference property"), or the page has no Request body section at all, yet an
 * example sends one (`PATCH /subscriptions/{id}` with `{"expirationDateTime": …}`): that body
 * is marked `fromExample` (check reports the missing section), and the link step makes a create
 * of a POST whose body is the resource it returns.
 */
function withUntabledBody(
  doc: PageDoc,
  body: RequestBodyModel,
  method: string,
  paths: string[],
  examples: ExampleModel[],
): RequestBodyModel {
  if (!mayTakeJsonBody(body, method, paths)) return body;
  const request = examples.map((e) => e.request).find((r) => isRecord(r?.body));
  const prose = bodyDescribedInProse(doc);
  const unstated = !prose && request && !requestBodyStatement(doc);
  const source =
    prose ??
    (unstated ? { ...request.source, line: request.bodyLine ?? request.source.line } : undefined);
  if (!source) return body;
  const mark = unstated ? { fromExample: true as const } : {};
  if (method === 'PATCH' || method === 'PUT')
    return { kind: 'parameters', parameters: [], source, ...mark };
  const example = request?.body as Record<string, unknown> | undefined;
  // An example of annotations alone (`{"teamsApp@odata.bind": URL}`) still sends a body, and so
  // does an empty one ("provide an empty JSON `{}` as request body").
  if (!example) return body;
  return {
    kind: 'parameters',
    parameters: parametersFromExample(example, source),
    source,
    ...mark,
  };
}

/** A method sending JSON that nothing has given a body yet: not GET or DELETE, nor a media resource (`/photo/$value`, `/content`), which takes raw bytes. */
function mayTakeJsonBody(body: RequestBodyModel, method: string, paths: string[]): boolean {
  const media = paths.some((p) => /\/(\$value|content)$/.test(p));
  return body.kind === 'none' && !media && !/^(GET|DELETE)$/.test(method);
}

/**
 * Adding a reference (`POST /groups/{id}/members/$ref`) sends `{ "@odata.id": URL }`: the OData
 * convention, which pages state in prose ("provide the id of a [user]"), not in a table.
 */
function withReferenceBody(
  body: RequestBodyModel,
  method: string,
  paths: string[],
  source: SourceRef,
): RequestBodyModel {
  // The type a Request body sentence names is the referenced object's ("supply a JSON
  // representation of a [directoryObject]"); a parameter table of its own is kept.
  if (body.kind === 'parameters' || !/^(POST|PUT)$/.test(method) || !paths.some(isReferencePath))
    return body;
  return {
    kind: 'parameters',
    parameters: [
      {
        name: '@odata.id',
        type: { kind: 'primitive', name: 'String' },
        collection: false,
        required: true,
        description: 'The URL of the object to reference.',
        source,
      },
    ],
    source,
  };
}

/**
 * Where the Response section names no type, the examples' annotations may (`Collection(microsoft.graph.driveItem)`).
 * Where it names one object but every example is a page of results, the examples win, reported.
 */
function inferFromExamples(
  stated: ResponseModel | undefined,
  examples: ExampleModel[],
  method: string,
  titledList: boolean,
  report: Reporter,
): ResponseModel {
  const response: ResponseModel = stated ?? {
    status: method === 'POST' ? 201 : method === 'DELETE' ? 204 : 200,
    collection: false,
  };
  // The page says what comes back instead of a body: examples do not type it.
  if (response.noBody || response.download) return response;
  if ((response.status === 204 || response.status === 205) && response.type) {
    // "204 No Content … and an educationClass object in the response body": no body can come back.
    report.warn(
      'response-type-without-content',
      `The Response section names a ${response.type.name} body for ${response.status}, which has none; read as no body.`,
      response.source,
    );
    delete response.type;
    response.collection = false;
    return response;
  }
  const responses = examples
    .map((e) => e.response)
    .filter((r): r is NonNullable<typeof r> => Boolean(r && r.body !== undefined));
  const collections = responses.filter(
    (r) => /^collection\(/i.test(r.odataType ?? '') || r.isCollection === true,
  );
  if (!response.type || (response.type.kind === 'named' && response.type.soft)) {
    const typed = responses.filter(
      (r) => !!r.odataType && /^(collection\()?#?[\w.]+\)?$/i.test(r.odataType),
    );
    const annotations = typed.map((r) => r.odataType!);
    const annotated = annotations[0];
    if (annotated && (response.status ?? 200) < 300 && response.status !== 204) {
      const unwrap = (t: string) => t.replace(/^collection\((.*)\)$/i, '$1');
      const name = unwrap(annotated);
      // Examples of several types (a fileAttachment, an itemAttachment…): their common base.
      const names = [...new Set(annotations.map(unwrap))];
      return {
        ...response,
        type: {
          kind: 'named',
          name,
          ...(names.length > 1 ? { anyOf: names.map((n) => ({ name: n })) } : {}),
        },
        // `Collection(microsoft.graph.list)`, `"@type": "microsoft.graph.list", "isCollection": true`,
        // or a sentence that says so of a type it does not link ("a collection of **list** objects").
        collection:
          /^collection\(/i.test(annotated) || typed[0].isCollection === true || response.collection,
      };
    }
    return response;
  }
  const pages = responses.filter((r) =>
    Array.isArray((r.body as { value?: unknown } | null)?.value),
  );
  const saysCollection =
    collections.length === responses.length || (titledList && method === 'GET');
  if (
    !response.collection &&
    responses.length > 0 &&
    saysCollection &&
    pages.length === responses.length
  ) {
    report.warn(
      'response-cardinality-inferred',
      'The Response section names one object, but every example returns a collection; read as a collection.',
      response.source,
    );
    return { ...response, collection: true };
  }
  return response;
}

/** Relative links to pages, in page order: from the tree, and from the lines the parser skimmed. */
function collectLinks(doc: PageDoc, skimmed: SkimmedLink[]): PageResult['links'] {
  const found: SkimmedLink[] = [...skimmed];
  for (const { node } of doc.blocks) {
    for (const link of linksIn(node as never)) {
      found.push({
        url: link.url,
        text: textOf(link),
        line: link.position?.start.line ?? 1,
        column: link.position?.start.column ?? 1,
      });
    }
  }
  const links: PageResult['links'] = [];
  for (const link of found.sort((a, b) => a.line - b.line || a.column - b.column)) {
    const key = pageKeyOfLink(link.url);
    if (key && !/^\/|^https?:/i.test(link.url)) links.push({ key, ...link });
  }
  return links;
}

/**
 * `TODO` markers in prose, tables and front matter; code blocks are examples, not prose, and
 * HTML comments (`<!-- TODO: … -->`) are notes to writers that readers never see.
 */
function findTodos(text: string): PageResult['todos'] {
  const todos: PageResult['todos'] = [];
  if (!text.includes('TODO')) return todos;
  const lines = text.split('\n');
  const code = fencedLines(lines);
  let inComment = false;
  lines.forEach((raw, i) => {
    if (code.inside.has(i) || code.openers.has(i + 1)) return;
    let line = '';
    for (const part of raw.split(/(<!--|-->)/)) {
      if (part === '<!--' && !inComment) inComment = true;
      else if (part === '-->' && inComment) inComment = false;
      line += inComment || part === '-->' ? ' '.repeat(part.length) : part;
    }
    const at = line.search(/\bTODO\b/);
    if (at >= 0)
      todos.push({
        line: i + 1,
        column: at + 1,
        text: line
          .slice(at, at + 60)
          .replace(/[*|\s]+$/, '')
          .trim(),
      });
  });
  return todos;
}

/** A parameter's name as a table and a placeholder may both write it: case and emphasis (`_id_`) aside. */
function looseName(name: string): string {
  return name.replace(/^_+|_+$/g, '').toLowerCase();
}
