import { camelCase } from '../text/case.js';
import { wellFormed } from '../text/escape.js';
import { callsOperation, type OperationModel, type ParameterModel } from './types.js';

/** Drop scheme, host and version: `https://graph.microsoft.com/v1.0/me` → `/me`. */
export function pathOfUrl(url: string): string {
  let path = url.replace(/^https?:\/\/[^/]+/i, '').replace(/\\/g, '/');
  path = path.replace(/^\/(v1\.0|beta|docs\/api)(?=\/|$)/i, '');
  if (!path.startsWith('/')) path = '/' + path;
  return path;
}

/** A path that addresses a reference (`/groups/{id}/members/$ref`): adding one sends `{ "@odata.id": URL }`. */
export const isReferencePath = (path: string): boolean => /\/\$ref$/.test(path);

/** One argument of a generated stub's path object, standing for one placeholder occurrence. */
export interface PathArg {
  /** Property name in the path object: camelCase, unique within the operation (`id`, `id2`). */
  prop: string;
  /** The placeholder as the docs wrote it (`id | userPrincipalName`), or the function argument name. */
  placeholder: string;
  /** The documented parameter it matches, when there is one. */
  parameter?: ParameterModel;
  /** Inside an OData string literal (`key='{key}'`): quotes are doubled before encoding. */
  quoted: boolean;
  /** A path below an item (`root:/{item-path}:`): its `/` separate segments (see `addressesByPath`). */
  relativePath: boolean;
}

/**
 * Whether a placeholder between `before` and `after` (the template's text on either side) is
 * OData path-based addressing, `…/root:/{item-path}:/children`: a whole segment opened by `:/`
 * and closed by `:`, the query or the path's end. Its value is a relative path, `a/b/c.txt`.
 */
export function addressesByPath(before: string, after: string): boolean {
  return before.endsWith(':/') && /^(?::|\?|\/?$)/.test(after);
}

export type PathPart = { text: string } | { arg: PathArg };

export interface ParsedPath {
  /** The template after the repairs below, as documented otherwise. */
  template: string;
  parts: PathPart[];
  args: PathArg[];
  /** Lower-case names of query parameters that became path arguments (function arguments). */
  consumed: Set<string>;
}

/**
 * The parameters of a function that an example calls with an argument list its request line
 * does not write (`…/range/cell` documented, `…/range/cell(row=5,column=6)` in an example):
 * `row`, `column`, in the example's order. Only when the template ends in a name, and every
 * argument the example passes is a documented parameter (`documented` finds one by name) that
 * the docs do not call optional; each is named as the example writes it (the table may
 * write `Row`). A call that leaves optional arguments out (`delta`, `image`) is a documented
 * form of its own.
 */
export function calledParameters(
  template: string,
  examples: readonly { request?: { path: string } }[],
  documented: (name: string) => ParameterModel | undefined,
): ParameterModel[] | undefined {
  const name = /\/([A-Za-z_][\w.]*)\/?$/.exec(template)?.[1].toLowerCase();
  if (!name) return undefined;
  for (const example of examples) {
    const last = example.request?.path.replace(/\/$/, '').split('/').pop() ?? '';
    const call = /^([A-Za-z_][\w.]*)\((.*)\)$/.exec(last);
    if (call?.[1].toLowerCase() !== name) continue;
    const keys = [...call[2].matchAll(/(?:^|,)\s*([A-Za-z_]\w*)\s*=/g)].map((m) => m[1]);
    const params = keys.map(documented);
    if (
      !keys.length ||
      params.some((p) => !p || /\b(optional|not required)\b/i.test(p.description))
    )
      return undefined;
    // Named as the call writes them: the table may write `_row_` or `Row`.
    return keys.map((key, i) => ({ ...params[i]!, name: key }));
  }
  return undefined;
}

/**
 * `template` with the argument list a GET example passes to the function it ends in, when the
 * request line writes none (see `calledParameters`): `…/cell` → `…/cell(row={row},column={column})`.
 */
export function withCalledArguments(op: OperationModel, template: string): string {
  if (op.method !== 'GET') return template;
  const called = calledParameters(template, op.examples.filter(callsOperation), (name) =>
    op.queryParameters.find((p) => p.name.toLowerCase() === name.toLowerCase()),
  );
  return called ? template + argumentList(called) : template;
}

/** OData writes these as quoted literals. */
function isStringLike(p: ParameterModel): boolean {
  return !p.collection && p.type.kind === 'primitive' && p.type.name === 'String';
}

/** A function's argument list of placeholders, `(row={row},address='{address}')`. */
export function argumentList(params: readonly ParameterModel[]): string {
  return `(${params.map((p) => (isStringLike(p) ? `${p.name}='{${p.name}}'` : `${p.name}={${p.name}}`)).join(',')})`;
}

/** A function-argument value that is a stand-in in the docs, not a literal: `<address>`, `startDateTime-value`. */
const STAND_IN = /^(<[^<>]*>|[A-Za-z][\w-]*[-_]value)$/i;

/**
 * Parse the path template of an operation (its first documented path) into literal text and
 * arguments.
 *
 * - `{placeholder}` anywhere: an argument named by the camelCase of its first `|` alternative
 *   (`{id | userPrincipalName}` → `id`); repeated names are numbered (`/users/{id}/events/{id}`
 *   → `id`, `id2`), each occurrence its own argument.
 * - Function arguments `name(key='{value}', count={n})`: an argument named after the key
 *   (`key`, `count`); quoted ones are OData string literals. A literal value is made an argument
 *   too when the key is a documented parameter or the value is a stand-in (`<address>`,
 *   `startDateTime-value`, `n`); other literals (`on='reviewer'`) stay.
 * - A GET with a request-body parameter table is a function call: the parameters become
 *   function arguments (`boundingRect(anotherRange='{anotherRange}')`). So do the documented
 *   parameters a GET example passes to a function the request line calls without an argument
 *   list (`cell(row={row},column={column})`, see `calledParameters`).
 * - Repairs of common docs slips: `{user-id} | user-principal-name` (text after a placeholder)
 *   keeps the placeholder only; a whole segment `(team-id)` is a placeholder; spaces after
 *   commas in argument lists are dropped.
 */
export function parsePath(op: OperationModel): ParsedPath {
  let template = op.paths[0] ?? '/';
  template = template.replace(/\}\s*\|[^/{}()]*/g, '}');
  template = template.replace(/\/\(([A-Za-z][\w\- ]*)\)(?=\/|$)/g, '/{$1}');
  template = template.replace(
    /\(([^()]*)\)/g,
    (_, args: string) =>
      `(${args
        .split(',')
        .map((a) => a.trim())
        .join(',')})`,
  );
  if (!template.startsWith('/')) template = '/' + template;

  const documented = new Map<string, ParameterModel>();
  for (const p of op.queryParameters)
    if (!documented.has(p.name.toLowerCase())) documented.set(p.name.toLowerCase(), p);
  // A GET cannot have a body: a parameter table under "Request body" of a GET is a function's
  // parameter list, `boundingRect(anotherRange='{anotherRange}')`.
  if (
    op.method === 'GET' &&
    op.requestBody.kind === 'parameters' &&
    op.requestBody.parameters.length &&
    !/\)$/.test(template)
  ) {
    const params = op.requestBody.parameters.filter(
      (p, i, all) =>
        /^[A-Za-z_][\w]*$/.test(p.name) && all.findIndex((q) => q.name === p.name) === i,
    );
    for (const p of params) documented.set(p.name.toLowerCase(), p);
    template += argumentList(params);
  } else {
    template = withCalledArguments(op, template);
  }
  const pathParams = new Map(op.pathParameters.map((p) => [p.name, p] as const));

  const parts: PathPart[] = [];
  const args: PathArg[] = [];
  const consumed = new Set<string>();
  const taken = new Map<string, number>();
  const newArg = (
    name: string,
    placeholder: string,
    quoted: boolean,
    parameter?: ParameterModel,
    relativePath = false,
  ): PathArg => {
    let base = camelCase(name.split('|')[0]) || 'param';
    if (/^[0-9]/.test(base)) base = 'p' + base;
    const n = (taken.get(base.toLowerCase()) ?? 0) + 1;
    taken.set(base.toLowerCase(), n);
    const arg: PathArg = {
      prop: n === 1 ? base : `${base}${n}`,
      placeholder,
      quoted,
      relativePath,
      ...(parameter ? { parameter } : {}),
    };
    args.push(arg);
    return arg;
  };
  const text = (t: string) => {
    if (!t) return;
    const last = parts[parts.length - 1];
    if (last && 'text' in last) last.text += t;
    else parts.push({ text: t });
  };

  const token = /([A-Za-z_][\w.]*)\(([^()]*)\)|\{([^{}]*)\}/g;
  let at = 0;
  for (const m of template.matchAll(token)) {
    text(template.slice(at, m.index));
    at = m.index + m[0].length;
    if (m[3] !== undefined) {
      const byPath = addressesByPath(template.slice(0, m.index), template.slice(at));
      parts.push({ arg: newArg(m[3], m[3], false, pathParams.get(m[3]), byPath) });
      continue;
    }
    // A function call: `name(k=v,…)`.
    text(`${m[1]}(`);
    m[2].split(',').forEach((raw, i) => {
      if (i) text(',');
      const eq = raw.indexOf('=');
      const key = eq < 0 ? '' : raw.slice(0, eq).trim();
      const value = eq < 0 ? raw.trim() : raw.slice(eq + 1).trim();
      const quoted = value.length >= 2 && value.startsWith("'") && value.endsWith("'");
      const inner = quoted ? value.slice(1, -1) : value;
      const placeholder = /^\{([^{}]*)\}$/.exec(inner)?.[1];
      const param = key ? documented.get(key.toLowerCase()) : undefined;
      const isArg =
        placeholder !== undefined || (key && (param || STAND_IN.test(inner) || inner === 'n'));
      if (!isArg) {
        text(raw.trim());
        return;
      }
      if (key) {
        text(`${key}=`);
        consumed.add(key.toLowerCase());
      }
      if (quoted) text("'");
      parts.push({
        arg: newArg(
          key || placeholder!,
          placeholder ?? key,
          quoted,
          param ?? (placeholder !== undefined ? pathParams.get(placeholder) : undefined),
        ),
      });
      if (quoted) text("'");
    });
    text(')');
  }
  text(template.slice(at));
  return { template, parts, args, consumed };
}

/** Literal path text as it goes on the wire: characters that are not allowed in a URL path are percent-encoded. */
export function encodeLiteral(text: string): string {
  // A lone surrogate has no UTF-8 form (encodeURIComponent throws): it goes as U+FFFD.
  return wellFormed(text).replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/gu, (c) =>
    encodeURIComponent(c),
  );
}

/** A segment written as an ellipsis (`/childFolders/{id}/.../messages`): a reading aid, not a callable path. */
const ELLIPSIS_SEGMENT = /\/(?:\.{3,}|\u2026)(?=\/|$)/;

/**
 * Every documented path of an operation, parsed as `parsePath` parses the first; a path whose
 * template repeats an earlier one is left out, and so are paths with an ellipsis segment
 * (unless that leaves none). The first is always the operation's first documented path.
 */
export function documentedPaths(op: OperationModel): ParsedPath[] {
  const out: ParsedPath[] = [];
  const seen = new Set<string>();
  for (const [i, path] of (op.paths.length ? op.paths : ['/']).entries()) {
    if (i > 0 && ELLIPSIS_SEGMENT.test(path)) continue;
    const parsed = parsePath({ ...op, paths: [path] });
    if (seen.has(parsed.template)) continue;
    seen.add(parsed.template);
    out.push(parsed);
  }
  return out;
}

/** The key that names a template in a path object: `template`, unless a path parameter has that name. */
export function templateKey(paths: ParsedPath[]): string {
  const taken = new Set(paths.flatMap((p) => p.args.map((a) => a.prop.toLowerCase())));
  let key = 'template';
  while (taken.has(key.toLowerCase())) key = `path${key[0].toUpperCase()}${key.slice(1)}`;
  return key;
}

/**
 * Whether each path needs its template named to be chosen: a path is chosen by its parameters
 * unless an earlier path has the same parameter names.
 */
export function needsTemplate(paths: ParsedPath[]): boolean[] {
  const seen = new Set<string>();
  return paths.map((p) => {
    const keys = p.args
      .map((a) => a.prop)
      .sort()
      .join(',');
    if (seen.has(keys)) return true;
    seen.add(keys);
    return false;
  });
}
