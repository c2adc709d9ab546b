// What a stub returns and whether a result has the shape its page documents (see verify.ts).

import { EDM_JSON_TYPE } from '../model/names.js';
import type { ModelIndex } from '../model/queries.js';
import { returnsNothing, type EdmPrimitive, type OperationModel } from '../model/types.js';

export type ResultKind = 'void' | 'unknown' | 'page' | 'binary' | 'primitive' | 'object';

/** What the stub returns, as client.ts declares it. */
export function resultKind(
  op: OperationModel,
  index: ModelIndex,
): { kind: ResultKind; primitive?: EdmPrimitive; valueProperty?: boolean } {
  const { response } = op;
  if (response.download) return { kind: 'binary' };
  if (!response.type) return { kind: returnsNothing(response) ? 'void' : 'unknown' };
  if (response.collection) return { kind: 'page' };
  if (response.type.kind === 'primitive') {
    if (response.type.name === 'Stream') return { kind: 'binary' };
    if (response.type.name === 'Json') return { kind: 'unknown' };
    return { kind: 'primitive', primitive: response.type.name };
  }
  const type = index.type(response.type.name);
  if (type?.kind === 'enum') return { kind: 'primitive', primitive: 'String' };
  if (!type || type.kind === 'unresolved') return { kind: 'unknown' };
  return {
    kind: 'object',
    valueProperty: index.allProperties(type).some((p) => p.name === 'value'),
  };
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array (${value.length})`;
  if (value instanceof ArrayBuffer) return `binary (${value.byteLength} bytes)`;
  if (typeof value === 'object')
    return `an object {${Object.keys(value).slice(0, 4).join(', ')}${Object.keys(value).length > 4 ? ', …' : ''}}`;
  return `${typeof value} ${JSON.stringify(value)?.slice(0, 40)}`;
}

/**
 * `op` as an example that asks `Prefer: return=representation` calls it, when the page
 * documents that representation (`ResponseModel.representation`): its answer is that type.
 */
export function asksRepresentation(
  op: OperationModel,
  headers: Record<string, string>,
): OperationModel | undefined {
  const representation = op.response.representation;
  const asks = Object.entries(headers).some(
    ([k, v]) => /^prefer$/i.test(k) && /\breturn=representation\b/i.test(v),
  );
  if (!representation || !asks) return undefined;
  return { ...op, response: { ...op.response, ...representation, collection: false } };
}

/** Whether the client's result has the shape the page documents; the problem, if not. */
export function shapeProblem(
  op: OperationModel,
  result: ReturnType<typeof resultKind>,
  value: unknown,
): string | undefined {
  const typeName = op.response.type
    ? op.response.type.kind === 'named'
      ? op.response.type.name
      : `Edm.${op.response.type.name}`
    : '';
  switch (result.kind) {
    case 'void':
      return value === undefined
        ? undefined
        : `The page documents no response body (${op.response.status}); the example returns ${describe(value)}.`;
    case 'unknown':
      return undefined;
    case 'page': {
      const ok =
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        Array.isArray((value as { value?: unknown }).value);
      return ok
        ? undefined
        : `The page documents a collection of ${typeName}; the example returns ${describe(value)}, not a page with a "value" array.`;
    }
    case 'binary':
      return value === undefined || value instanceof ArrayBuffer
        ? undefined
        : `The page documents a stream; the client returned ${describe(value)}.`;
    case 'primitive': {
      const want = EDM_JSON_TYPE[result.primitive!];
      return want === 'unknown' || typeof value === want || value === null
        ? undefined
        : `The page documents one ${typeName} (${want}, sent as {"value": …}); the example returns ${describe(value)}.`;
    }
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return `The page documents one ${typeName}; the example returns ${describe(value)}.`;
      if (!result.valueProperty && Array.isArray((value as { value?: unknown }).value))
        return `The page documents one ${typeName}; the example returns a collection ("value" array).`;
      return undefined;
    }
  }
}
