import type { JSDocStructure, OptionalKind } from 'ts-morph';
import { joinStatements, printStatements } from '../layout/print.js';
import { materialize } from './deferred.js';
import { commentText } from '../text/escape.js';
import type { EmittedFile, Statements } from './emitter.js';

/**
 * A generated TypeScript file, printed on the first read of `content` (statements laid out
 * as prettier prints them where the layouts know how; the format stage finishes the rest).
 * A file whose statements are in the format cache is never printed.
 */
export function sourceFile(path: string, statements: Statements): EmittedFile {
  let text: string | undefined;
  return {
    path,
    statements,
    get content() {
      return (text ??= joinStatements(printStatements(materialize(statements))));
    },
  };
}

/** A TSDoc block from docs text and tags, every text escaped for the comment (see `commentText`). */
export function docs(
  description: string,
  ...tags: { tagName: string; text?: string }[]
): OptionalKind<JSDocStructure>[] {
  const clean = commentText(description).trim();
  if (!clean && !tags.length) return [];
  return [
    {
      description: clean || undefined,
      tags: tags.map((t) => (t.text === undefined ? t : { ...t, text: commentText(t.text) })),
    },
  ];
}
