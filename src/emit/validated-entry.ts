import type { ModelIndex } from '../model/queries.js';
import type { OperationModel } from '../model/types.js';
import { docBlock, list } from '../format/layout.js';
import type { NameTable } from './names.js';
import { isIterable, type OperationNames } from './operation-names.js';

/** The validator of an operation's response: `validateX` for an entity or complex type, else none. */
export function responseValidator(
  op: OperationModel,
  index: ModelIndex,
  table: NameTable,
): string | undefined {
  const ref = op.response.type;
  const type = ref?.kind === 'named' ? index.type(ref.name) : undefined;
  if (!type || (type.kind !== 'entity' && type.kind !== 'complex')) return undefined;
  return `validate${table.of(type.fullName)}`;
}

/**
 * `export const name = /* @__PURE__ *\/ operations.validated(…)` as prettier prints it: flat when
 * it fits, else the arguments broken when the call's head fits, else broken after `=`.
 */
function wrapped(name: string, validator: string): string {
  const head = `export const ${name} =`;
  const call = '/* @__PURE__ */ operations.validated';
  const args = [`operations.${name}`, `validators.${validator}`];
  const flat = `${call}(${args.join(', ')});`;
  if (`${head} ${call}(`.length <= 100)
    return list(0, `${head} ${call}`, args, ';') ?? `${head} ${flat}`;
  return `${head}\n  ${list(2, call, args, ';')?.replace(/\n/g, '\n  ') ?? flat}`;
}

/**
 * `src/validated.ts`, the package's `validated` entry: everything the root exports, with each
 * operation (and `iterateX`) whose response has a structured type replaced by one that checks
 * every response with that type's validator. Only what an app imports from here is bundled:
 * the root's operations import no validators.
 */
export function validatedEntry(
  ops: OperationModel[],
  opNames: Map<string, OperationNames>,
  index: ModelIndex,
  table: NameTable,
): string[] {
  const out = [
    `import * as operations from './client/index.js';`,
    `import * as validators from './validators/index.js';`,
    `\nexport * from './index.js';`,
  ];
  for (const op of ops) {
    const validator = responseValidator(op, index, table);
    if (!validator) continue;
    const names = opNames.get(op.id)!;
    const fns = [names.fn, ...(names.iterate && isIterable(op) ? [names.iterate] : [])];
    for (const fn of fns) {
      const doc = docBlock([
        `{@link operations.${fn}}, each response checked by {@link validators.${validator}}.`,
      ]);
      out.push(`\n${doc}${wrapped(fn, validator)}`);
    }
  }
  return out;
}
