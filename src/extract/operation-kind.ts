import type { HttpMethod, OperationKind, RequestBodyModel, ResponseModel } from '../model/types.js';

/**
 * Classify an operation: DELETE → delete, PATCH/PUT → update, GET → function when the path
 * calls one (`/delta()`, `getSchedule(...)`), else list or get by the response's cardinality;
 * POST with a typed body → create, other POSTs → action.
 */
export function operationKind(
  method: HttpMethod,
  paths: string[],
  body: RequestBodyModel,
  response: ResponseModel,
): OperationKind {
  if (method === 'DELETE') return 'delete';
  if (method === 'PATCH' || method === 'PUT') return 'update';
  const last = (paths[0] ?? '').split('/').pop() ?? '';
  if (method === 'GET') return /\(/.test(last) ? 'function' : response.collection ? 'list' : 'get';
  return body.kind === 'type' ? 'create' : 'action';
}
