import { settled } from './layout.js';

let make: (text: string) => LaidOut;

/**
 * A statement laid out in prettier's shape by one of the declaration builders here
 * (declarations.ts, print.ts): the only text the format stage passes on without prettier.
 * Its constructor is private and `laidOut` is for src/layout/ alone (a dependency-cruiser rule
 * holds it), so an emitter cannot declare its own text formatted: a plain string always goes to prettier.
 */
export class LaidOut {
  private constructor(readonly text: string) {}

  static {
    make = (text) => new LaidOut(text);
  }

  /** In a format-cache key, distinct from the same text as a plain string. */
  toJSON(): { laidOut: string } {
    return { laidOut: this.text };
  }
}

/**
 * A builder's text as a LaidOut statement, or the text itself (for prettier) when a line is
 * one prettier would change: too wide, not ASCII, an unsettled doc comment (see `settled`).
 */
export function laidOut(text: string): LaidOut | string {
  return settled(text) ? make(text) : text;
}
