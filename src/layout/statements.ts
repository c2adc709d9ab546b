import type { StatementStructures } from 'ts-morph';
import type { LaidOut } from './laid-out.js';

/**
 * A generated file's statements: laid out by the builders in src/layout/ (skip prettier),
 * ts-morph structures (printed by those builders where they can), or plain text (for prettier).
 */
export type Statements = (LaidOut | string | StatementStructures)[];

/** Makes one file's statements; `subject` lists what the file is for (JSON-serialisable: its type or operation, …). */
export type MakeStatements = (
  path: string,
  subject: unknown[],
  make: () => Statements,
) => Statements;
