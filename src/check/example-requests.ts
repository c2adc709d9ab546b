import { documentsPath } from './example-scope.js';
import { annotationKeyPlace, examplesOf, type Rule } from './rule.js';

export const exampleUrlMalformed: Rule = {
  id: 'example-url-malformed',
  severity: 'warning',
  description:
    'A request example URL is not an absolute http(s) URL, or contains backslashes, or spaces in a path segment.',
  run({ model, report }) {
    for (const { example: e } of examplesOf(model)) {
      const url = e.request?.url;
      if (!e.request || !url) continue;
      // Spaces in the query (`$filter=displayName eq 'a'`), in function arguments (`search(q='Contoso Project')`) and in
      // placeholders (`{id | userPrincipalName}`) are the docs' readable style, encoded by every client; not in a path segment.
      const segments = url.split('?')[0].replace(/\([^)]*\)|\{[^}]*\}/g, '');
      const problem = url.includes('\\')
        ? 'contains a backslash'
        : /\s/.test(segments)
          ? 'contains white space'
          : !/^https?:\/\//i.test(url)
            ? 'is not an absolute http(s) URL'
            : undefined;
      if (problem)
        report(
          e.request.source.file,
          { line: e.request.source.line + 1, column: 1 },
          `Request URL ${problem}: ${url.slice(0, 100)}`,
        );
    }
  },
};

export const examplePathUndocumented: Rule = {
  id: 'example-path-undocumented',
  severity: 'info',
  description: "A request example's path matches none of the page's HTTP request paths.",
  run({ model, index, report }) {
    for (const { op, example: e } of examplesOf(model)) {
      if (!e.request?.url || !op.paths.length || e.request.opaqueUrl) continue;
      if (documentsPath(op, e.request.path)) continue;
      // A documented collection cast to one of its item types (`…/members/microsoft.graph.user`).
      const cast = index.castIn(op, e.request.path);
      if (cast && documentsPath(op, cast.path)) continue;
      report(
        e.request.source.file,
        { line: e.request.source.line + 1, column: 1 },
        `Example path ${e.request.path} matches none of the documented paths (${op.paths.slice(0, 3).join(', ')}).`,
      );
    }
  },
};

export const exampleNameDuplicate: Rule = {
  id: 'example-name-duplicate',
  severity: 'warning',
  description:
    'Two request examples share an annotation "name" (names identify examples across the docs).',
  run({ model, pages, report }) {
    const first = new Map<string, string>();
    for (const { example: e } of examplesOf(model)) {
      if (!e.name || !e.request) continue;
      const where = `${e.request.source.file}:${annotationKeyPlace(pages, e.request.source, 'name').line}`;
      const other = first.get(e.name.toLowerCase());
      if (other)
        report(
          e.request.source.file,
          annotationKeyPlace(pages, e.request.source, 'name'),
          `Example name "${e.name}" is also used at ${other}.`,
        );
      else first.set(e.name.toLowerCase(), where);
    }
  },
};
