import { createHash } from 'node:crypto';
import { cmp, Reporter } from '../shared/diagnostics.js';
import type { Model, TypeModel } from '../model/types.js';
import { pascalCase } from '../text/case.js';
import { identifier } from '../text/escape.js';

/**
 * Global names generated code relies on, plus the generated package's own helpers:
 * a type that would shadow one gets a `Type` suffix.
 */
const TAKEN_TYPE_NAMES = new Set([
  'Array',
  'Boolean',
  'Date',
  'Error',
  'Function',
  'Map',
  'Number',
  'Object',
  'Partial',
  'Promise',
  'Record',
  'Set',
  'String',
  'Symbol',
  'Uint8Array',
  'URL',
  'Headers',
  'Response',
  'Request',
  'AbortSignal',
  'JSON',
  'Math',
  'RegExp',
  'ValidationResult',
  'ValidationError',
  'ValidateOptions',
  'GraphClient',
  'ClientOptions',
  'GraphError',
  'Page',
  'RequestOptions',
  'QueryOptions',
  'Readonly',
  'Required',
  'Pick',
  'Omit',
]);

export const DEFAULT_NAMESPACE = 'microsoft.graph';

/** Longest file name stem: file systems allow 255 bytes, tools and archives (`.d.ts.map`, paths) less. */
const MAX_STEM = 100;
/** Files the emitters write themselves next to the named ones. */
const FIXED_STEMS = new Set(['index', 'runtime', 'defaults']);

/**
 * The file name (without extension) for a generated identifier: the identifier itself, or
 * for one too long (or one spelling a fixed file such as `index` in some case) a readable
 * prefix, `-` and a hash of the whole identifier. Identifiers have no `-`, so a shortened
 * name never meets an unshortened one; identifiers unique ignoring case give stems that are.
 */
export function fileStem(ident: string): string {
  if (ident.length <= MAX_STEM && !FIXED_STEMS.has(ident.toLowerCase())) return ident;
  const hash = createHash('sha256').update(ident).digest('hex').slice(0, 12);
  return `${ident.slice(0, MAX_STEM - hash.length - 1)}-${hash}`;
}

/** What the client runtime exports (client/index.ts re-exports it). */
export const CLIENT_RUNTIME_EXPORTS = [
  'createClient',
  'iterate',
  'iteratePages',
  'encodeSegment',
  'encodePath',
  'encodeStringLiteral',
  'encodeCollection',
  'GraphError',
  'ResponseValidationError',
  'GraphClient',
  'Client',
  'ClientOptions',
  'RequestOptions',
  'Page',
  'QueryValue',
  'OperationRequest',
  'GraphErrorBody',
  'SelectOf',
  'ExpandOf',
  'ResponseValidator',
  'ResponseValidationIssue',
  'IterateOptions',
  'DEFAULT_BASE_URL',
  'RetryOptions',
  'DEFAULT_RETRY',
  'FetchRequest',
  'Middleware',
  'retryAfterMs',
  'selectPath',
  'castSegment',
  'CastOf',
  'PathArguments',
  'PathTemplate',
  'Selected',
  'Writable',
  'ODataAnnotations',
  'Annotated',
  'own',
  'validated',
];

/** The namespaces `src/validated.ts` imports (see validated-entry.ts); operation names never take them. */
export const VALIDATED_ENTRY_LOCALS = ['operations', 'validators'];

/** What the validators' runtime exports into the package's root scope (src/index.ts re-exports every barrel). */
export const VALIDATOR_RUNTIME_EXPORTS = [
  'ValidationError',
  'ValidationResult',
  'DEFAULT_STRICT',
  'ValidateOptions',
  'internal',
  'describeValue',
  'propertyPath',
  'reportError',
  'anyValue',
  'edm',
  'objectSpec',
  'objectValue',
  'enumValue',
  'runChecker',
  'throwIfInvalid',
  'StandardSchemaV1',
  'pathKeys',
  'standardSchemaOf',
];

/**
 * What a type's validators module exports for the type named `name` (`User`): `checkUser` (the
 * internal checker other validators call), `validateUser`, `isUser`, `assertUser` and the
 * Standard Schema object `userSchema`. The one spelling of these names: the validators emitter
 * declares them, the `validated` entry calls them, and the name table reserves them.
 */
export function validatorNames(name: string) {
  return {
    check: `check${name}`,
    validate: `validate${name}`,
    is: `is${name}`,
    assert: `assert${name}`,
    schema: `${name[0].toLowerCase()}${name.slice(1)}Schema`,
  };
}

/** Names one type exports into the root scope: the model (`X`, an enum's `XValues`, a family's `AnyX`) and its validators. */
export function typeExports(type: TypeModel, name: string): string[] {
  const out = [name, ...Object.values(validatorNames(name))];
  if (type.kind === 'enum') out.push(`${name}Values`);
  if ((type.kind === 'entity' || type.kind === 'complex') && type.derivedTypes.length)
    out.push(`Any${name}`);
  return out;
}

/**
 * The TypeScript name of every model type: PascalCase of the type name, prefixed with the
 * namespace below `microsoft.graph` (`microsoft.graph.callRecords.session` → `CallRecordsSession`).
 * Names are unique ignoring case (they are also file names), and every name a type exports
 * (typeExports) is unique in the root scope, which also holds the runtimes' exports: one
 * registry, `exported`, that the operation names (operation-names.ts) are then chosen against.
 * Clashes get a numeric suffix in full-name order and are reported.
 */
export class NameTable {
  private readonly names = new Map<string, string>();
  /** Every name the models and validators export into the root scope, runtime included (exact case). */
  readonly exported = new Set<string>([...VALIDATOR_RUNTIME_EXPORTS, ...CLIENT_RUNTIME_EXPORTS]);
  readonly report = new Reporter('');

  constructor(model: Model) {
    const used = new Set<string>();
    const types = [...model.types].sort((a, b) => cmp(a.fullName, b.fullName));
    for (const type of types) {
      let base = identifier(this.preferred(type));
      if (TAKEN_TYPE_NAMES.has(base) || this.exported.has(base)) base += 'Type';
      let name = base;
      const taken = (n: string) =>
        used.has(n.toLowerCase()) || typeExports(type, n).some((e) => this.exported.has(e));
      for (let n = 2; taken(name); n++) name = `${base}${n}`;
      if (name !== base) {
        const why = used.has(base.toLowerCase())
          ? `${base} is taken`
          : `${typeExports(type, base).find((e) => this.exported.has(e))} is taken`;
        this.report.report(
          'emit-name-clash',
          'warning',
          `Type ${type.fullName} is emitted as ${name}: ${why}.`,
          type.source,
          type.source.file,
        );
      }
      used.add(name.toLowerCase());
      for (const e of typeExports(type, name)) this.exported.add(e);
      this.names.set(type.fullName, name);
    }
  }

  private preferred(type: TypeModel): string {
    const sub = type.namespace.startsWith(DEFAULT_NAMESPACE)
      ? type.namespace.slice(DEFAULT_NAMESPACE.length)
      : type.namespace;
    return pascalCase(sub) + (pascalCase(type.name) || 'Type');
  }

  /** Every name, as one string: equal tables give equal keys. */
  key(): string {
    return JSON.stringify([...this.names]);
  }

  /** The file name stem of a type's files (see `fileStem`). */
  fileOf(fullName: string): string {
    return fileStem(this.of(fullName));
  }

  /** The identifier of a type; throws for a name the model does not have (a bug, not bad input). */
  of(fullName: string): string {
    const name = this.names.get(fullName);
    if (!name) throw new Error(`No type ${fullName} in the model`);
    return name;
  }
}
