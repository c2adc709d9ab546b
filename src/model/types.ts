/**
 * The intermediate model: the only seam between reading docs and emitting code.
 * Everything here is plain JSON-serialisable data with stable field order.
 */

export const MODEL_VERSION = 1;

/** A place in a docs page (1-based line and column), relative to the docs root. */
export interface SourceRef {
  file: string;
  line: number;
  column: number;
}

export const EDM_PRIMITIVES = [
  'Binary',
  'Boolean',
  'Byte',
  'Date',
  'DateTimeOffset',
  'Decimal',
  'Double',
  'Duration',
  'Guid',
  'Int16',
  'Int32',
  'Int64',
  'SByte',
  'Single',
  'Stream',
  'String',
  'TimeOfDay',
  'Json',
] as const;
export type EdmPrimitive = (typeof EDM_PRIMITIVES)[number];

/**
 * A reference to a type. `named` references are resolved by the link step to the
 * canonical full name of a type in `Model.types` (which may be of kind `unresolved`).
 */
export type TypeRef =
  | { kind: 'primitive'; name: EdmPrimitive }
  /**
   * `link`: the page key a docs link pointed at; `soft`: a name read from prose without a link,
   * dropped silently when nothing matches it; `anyOf`: "an [a](…) or [b](…) object", linked to
   * the nearest base type the alternatives share. All used by the link step, then dropped.
   */
  | {
      kind: 'named';
      name: string;
      link?: string;
      soft?: boolean;
      anyOf?: { name: string; link?: string }[];
    };

export interface PropertyModel {
  name: string;
  type: TypeRef;
  collection: boolean;
  /** true: the docs say "Nullable"; false: "Not nullable"; undefined: not stated. */
  nullable?: boolean;
  readOnly: boolean;
  description: string;
  source: SourceRef;
}

export interface EnumMemberModel {
  name: string;
  value?: number;
  description: string;
  source: SourceRef;
}

export type TypeKind = 'entity' | 'complex' | 'enum' | 'unresolved';

export interface TypeModel {
  /** Canonical name as the type's own page spells it, e.g. `user`. */
  name: string;
  namespace: string;
  /** `namespace.name`, the key every TypeRef points at. */
  fullName: string;
  kind: TypeKind;
  baseType?: string;
  abstract: boolean;
  open: boolean;
  key?: string;
  description: string;
  properties: PropertyModel[];
  navigationProperties: PropertyModel[];
  members: EnumMemberModel[];
  /** Full names of types deriving directly from this one (filled by the link step). */
  derivedTypes: string[];
  source: SourceRef;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type OperationKind = 'list' | 'get' | 'create' | 'update' | 'delete' | 'action' | 'function';

export interface ParameterModel {
  name: string;
  type: TypeRef;
  collection: boolean;
  required: boolean;
  /** true: the docs say the value may be null ("Set it to `null` otherwise", "If null, …"); else unstated. */
  nullable?: boolean;
  description: string;
  source: SourceRef;
}

export interface HeaderModel {
  name: string;
  required: boolean;
  description: string;
  source: SourceRef;
}

/**
 * `fromExample`: the page has no Request body section, and the body is read from its request
 * example (`source` is there): an update's is the resource, a create's the resource it returns
 * when that has every property the example sends, another method's the example's properties.
 */
export type RequestBodyModel =
  | { kind: 'none' }
  /** `fields`: the properties the page's request-body table lists, if it has one. */
  | {
      kind: 'type';
      type: TypeRef;
      collection: boolean;
      fields: ParameterModel[];
      source: SourceRef;
      fromExample?: true;
      /** `fields` are the page's table of updatable properties, read as the resource (an update). */
      updatable?: true;
    }
  | { kind: 'parameters'; parameters: ParameterModel[]; source: SourceRef; fromExample?: true };

export interface ResponseModel {
  status: number;
  /** Absent when the response has no body (see `hasNoBody`) or the page names no type. */
  type?: TypeRef;
  collection: boolean;
  source?: SourceRef;
  /** The Response section says the body is empty ("It does not return anything in the response body"). */
  noBody?: true;
  /**
   * A redirect to the content to download ("a `302 Found` response that redirects to a
   * preauthenticated download URL for the report"): a client that follows it gets the bytes.
   */
  download?: true;
  /**
   * What the method answers instead when the request asks `Prefer: return=representation`
   * (Planner's updates: `204` and no body by default, `200` and the updated object on request).
   * Only on a response with no body type: the reader sets it for a `204` alone.
   */
  representation?: { status: number; type: TypeRef };
}

export interface PermissionsModel {
  delegatedWork: string[];
  delegatedPersonal: string[];
  application: string[];
}

export interface ExampleRequestModel {
  method: string;
  url: string;
  /** Path below the version segment, e.g. `/users/{id}`. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** The parsed JSON body, when the body is valid JSON. */
  body?: unknown;
  /** The body as written: checks map JSON paths back to lines and columns through it. */
  bodyText?: string;
  annotation: Record<string, unknown>;
  /**
   * The annotation says `"opaqueUrl": true` (ApiDoctor's): the URL is one an earlier response
   * returned (an upload session's `uploadUrl`), used as it is. The example is a call of that
   * URL, not of the operation's paths: nothing about the operation is read from it or checked
   * against it (see `callsOperation`).
   */
  opaqueUrl?: true;
  source: SourceRef;
  /** Line of the first body line, for placing diagnostics inside the JSON. */
  bodyLine?: number;
}

export interface ExampleResponseModel {
  /** Absent when the block has no status line (a bare JSON body). */
  status?: number;
  headers: Record<string, string>;
  body?: unknown;
  /** The body as written (see ExampleRequestModel.bodyText). */
  bodyText?: string;
  truncated: boolean;
  isCollection?: boolean;
  isEmpty: boolean;
  odataType?: string;
  annotation: Record<string, unknown>;
  source: SourceRef;
  bodyLine?: number;
}

export interface ExampleModel {
  name?: string;
  request?: ExampleRequestModel;
  response?: ExampleResponseModel;
}

/** Whether an example calls the operation it documents, not an opaque URL (`ExampleRequestModel.opaqueUrl`). */
export const callsOperation = (example: ExampleModel): boolean => !example.request?.opaqueUrl;

/** Whether a response has no body: its page says so, or its status (204, 205) has none. */
export const hasNoBody = (r: ResponseModel): boolean =>
  !r.type && (r.noBody === true || r.status === 204 || r.status === 205);

/** Whether a call answers nothing to return: a response with no body, or a `202 Accepted` naming no type. */
export const returnsNothing = (r: ResponseModel): boolean =>
  hasNoBody(r) || (!r.type && r.status === 202);

export interface OperationModel {
  /** The page's file name without extension, e.g. `user-get`: unique within a doc set. */
  id: string;
  title: string;
  description: string;
  kind: OperationKind;
  method: HttpMethod;
  paths: string[];
  pathParameters: ParameterModel[];
  queryParameters: ParameterModel[];
  headers: HeaderModel[];
  requestBody: RequestBodyModel;
  response: ResponseModel;
  permissions: PermissionsModel;
  examples: ExampleModel[];
  source: SourceRef;
}

export interface Model {
  version: number;
  types: TypeModel[];
  operations: OperationModel[];
}
