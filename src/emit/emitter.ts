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
  /**
   * The output folder still holds this file as the last build wrote it (see `HeldFiles`): the
   * content hash its manifest lists. `content` is then read from there, if asked for.
   */
  held?: string;
}

/**
 * The files the output folder still holds as the last build wrote them: for a file's path and
 * the key of the statements it is printed from, the file as held, else undefined.
 */
export type HeldFiles = (path: string, statementsKey: string) => EmittedFile | undefined;

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
