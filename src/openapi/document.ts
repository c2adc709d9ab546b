import { ModelIndex } from '../model/queries.js';
import type { Model } from '../model/types.js';
import { buildPaths, ERROR_RESPONSE, errorResponse, SECURITY_SCHEME } from './paths.js';
import { componentSchemas, ODATA_ERROR, odataErrorSchema } from './schemas.js';
import { setOwn } from '../shared/own.js';

export interface OpenApiOptions {
  title: string;
  version: string;
  /** The service root, e.g. `https://graph.microsoft.com/v1.0`; a trailing `/` is dropped. */
  serverUrl: string;
}

export const DEFAULT_SERVER_URL = 'https://graph.microsoft.com/v1.0';

/** Placeholder endpoints: replace them with the tenant's own when the document is used to call the API. */
const AUTHORIZATION_URL = 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize';
const TOKEN_URL = 'https://login.microsoftonline.com/common/oauth2/v2.0/token';

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function scopeMap(scopes: Iterable<string>, kind: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of [...new Set(scopes)].sort(byText)) setOwn(out, s, `${kind} permission ${s}.`);
  return out;
}

/**
 * The model as an OpenAPI 3.1 document: a schema per type, a path item per documented path,
 * security from the permission tables. Pure and deterministic: the same model gives the same
 * object, with keys in a fixed order.
 */
export function toOpenApi(model: Model, options: OpenApiOptions): Record<string, unknown> {
  const index = new ModelIndex(model);
  const delegated = model.operations.flatMap((o) => [
    ...o.permissions.delegatedWork,
    ...o.permissions.delegatedPersonal,
  ]);
  const application = model.operations.flatMap((o) => o.permissions.application);
  const clean = (list: string[]) => list.map((s) => s.trim()).filter(Boolean);
  return {
    openapi: '3.1.0',
    info: {
      title: options.title,
      version: options.version,
      description: 'Built by docs2ts from the API reference docs.',
    },
    servers: [{ url: options.serverUrl.replace(/\/+$/, '') || '/' }],
    security: [{ [SECURITY_SCHEME]: [] }],
    paths: buildPaths(model.operations, index),
    components: {
      schemas: { ...componentSchemas(model, index), [ODATA_ERROR]: odataErrorSchema() },
      responses: { [ERROR_RESPONSE]: errorResponse() },
      securitySchemes: {
        [SECURITY_SCHEME]: {
          type: 'oauth2',
          description:
            'Microsoft identity platform (Azure AD) OAuth 2.0. The URLs are placeholders for the common endpoint.',
          flows: {
            authorizationCode: {
              authorizationUrl: AUTHORIZATION_URL,
              tokenUrl: TOKEN_URL,
              scopes: scopeMap(clean(delegated), 'Delegated'),
            },
            clientCredentials: {
              tokenUrl: TOKEN_URL,
              scopes: scopeMap(clean(application), 'Application'),
            },
          },
        },
      },
    },
  };
}
