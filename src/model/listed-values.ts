import type { ModelIndex } from './queries.js';
import type { Model, SourceRef, TypeModel, TypeRef } from './types.js';

/** The sentence that lists a value's allowed values: "Possible values are: a, b, c." */
const LISTING =
  /\b(?:possible|supported|allowed|valid) values?\b(?: for [\w ]+?)?(?: are| is| include)?\s*:?\s*/i;
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * The values a description lists after "Possible values are" (also "supported", "allowed",
 * "valid"; "is", "include", a colon): the run of identifiers separated by commas, "and" or "or",
 * to the end of the sentence. Undefined when the description lists none.
 */
export function listedValues(description: string): string[] | undefined {
  const found = LISTING.exec(description);
  if (!found) return undefined;
  const rest = description.slice(found.index + found[0].length);
  const sentence = rest.split(/\.(?:\s|$)|;/)[0];
  const values: string[] = [];
  for (const part of sentence.split(/,|\s(?:and|or)\s/)) {
    const item = part
      .trim()
      .replace(/^(?:and|or)\s+/, '')
      .replace(/^["'*_]+|["'*_]+$/g, '');
    if (!IDENTIFIER.test(item)) break;
    values.push(item);
  }
  return values.length ? values : undefined;
}

/** A typed value a table documents with a description: a property, a parameter or a body field. */
export interface DescribedValue {
  owner: string;
  name: string;
  type: TypeRef;
  description: string;
  source: SourceRef;
}

/** Properties of every type, then parameters and body fields of every operation, in model order. */
export function* describedValues(model: Model): Generator<DescribedValue> {
  for (const type of model.types)
    for (const p of [...type.properties, ...type.navigationProperties])
      yield { owner: type.name, ...p };
  for (const op of model.operations) {
    const body = op.requestBody;
    const fields =
      body.kind === 'type' ? body.fields : body.kind === 'parameters' ? body.parameters : [];
    for (const p of [...op.pathParameters, ...op.queryParameters, ...fields])
      yield { owner: op.id, ...p };
  }
}

/** The enum a reference names, if it names one. */
export function enumOf(index: ModelIndex, ref: TypeRef): TypeModel | undefined {
  const type = ref.kind === 'named' ? index.type(ref.name) : undefined;
  return type?.kind === 'enum' ? type : undefined;
}

/** `unknownFutureValue` is the service's evolvable-enum sentinel: lists often leave it out. */
export const SENTINEL = 'unknownFutureValue';
