import type { Diagnostic } from '../shared/diagnostics.js';
import type { ModelIndex } from '../model/queries.js';
import type { Model } from '../model/types.js';
import type { MakeStatements, Statements } from '../layout/statements.js';
import type { NameTable } from './names.js';

export type { Statements } from '../layout/statements.js';

/** One generated file, path relative to the output folder with `/` separators. */
export interface EmittedFile {
  path: string;
  content: string;
  /** For TypeScript files: the ts-morph statements `content` is printed from (the format cache's key). */
  statements?: Statements;
  /** `content` is already as prettier prints it (a template kept prettier-clean; a test checks). */
  formatted?: boolean;
}

export interface EmitOptions {
  packageName: string;
  packageVersion: string;
  baseUrl: string;
  /** Validators treat unknown properties as errors by default (config `strict`). */
  strict?: boolean;
}

export interface EmitContext {
  model: Model;
  names: NameTable;
  /** Lookups over the model; per-file code reads the model only through this and its subject. */
  index: ModelIndex;
  /** Make one file's statements (or reuse them from the last build; see memo.ts). */
  statements: MakeStatements;
  /** Compute a value from whole-model inputs (or reuse it from the last build when they are the same). */
  computed: <T>(name: string, inputs: unknown[], make: () => T) => T;
  options: EmitOptions;
  /** Emitters report what they had to change (renames, skipped members) here. */
  diagnostics: Diagnostic[];
}

/** An emitter turns the model into files of one kind; it never reads Markdown. */
export interface Emitter {
  name: string;
  emit(context: EmitContext): EmittedFile[];
}
