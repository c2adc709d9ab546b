import type { ModelIndex } from '../model/queries.js';
import type { OperationModel } from '../model/types.js';
import {
  blankBefore,
  exportAll,
  namespaceImport,
  pureCallDeclaration,
} from '../layout/declarations.js';
import type { Statements } from '../layout/statements.js';
import { validatorNames, type NameTable } from './names.js';
import { isIterable, type OperationNames } from './operation-names.js';

/**
 * The validator of an operation's response: `validateX` for an entity or complex type (the
 * representation a request can ask for, where the response has no body), else none.
 */
export function responseValidator(
  op: OperationModel,
  index: ModelIndex,
  table: NameTable,
): string | undefined {
  const type = index.structuredType(op.response.type ?? op.response.representation?.type);
  if (!type) return undefined;
  return validatorNames(table.of(type.fullName)).validate;
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
  validators: Map<string, string | undefined>,
): Statements {
  const out: Statements = [
    namespaceImport('operations', './client/index.js'),
    namespaceImport('validators', './validators/index.js'),
    blankBefore(exportAll('./index.js')),
  ];
  for (const op of ops) {
    const validator = validators.get(op.id);
    if (!validator) continue;
    const names = opNames.get(op.id)!;
    const fns = [names.fn, ...(names.iterate && isIterable(op) ? [names.iterate] : [])];
    for (const fn of fns) {
      out.push(
        pureCallDeclaration({
          docs: [
            {
              description: `{@link operations.${fn}}, each response checked by {@link validators.${validator}}.`,
            },
          ],
          block: true,
          blankBefore: true,
          head: `export const ${fn}`,
          prefix: '/* @__PURE__ */ ',
          callee: 'operations.validated',
          args: [`operations.${fn}`, `validators.${validator}`],
        }),
      );
    }
  }
  return out;
}
