import type { StatementStructures } from 'ts-morph';

/** A generated file's statements: ts-morph structures, or text already laid out. */
export type Statements = (string | StatementStructures)[];

/** Makes one file's statements; `subject` lists what the file is for (JSON-serialisable: its type or operation, …). */
export type MakeStatements = (
  path: string,
  subject: unknown[],
  make: () => Statements,
) => Statements;
