import { ModelIndex } from '../model/queries.js';
import type { TypeModel } from '../model/types.js';
import type { Statements } from './emitter.js';

/**
 * The model lookups of one build, recording which type names a file looks up while it is
 * made. Every query of ModelIndex (ancestors, descendants, properties) goes through `type()`.
 */
export class RecordingIndex extends ModelIndex {
  recording?: Set<string>;

  override type(fullName: string): TypeModel | undefined {
    this.recording?.add(fullName);
    return super.type(fullName);
  }
}

interface Entry {
  /** JSON of each part of the subject. */
  subject: string[];
  /** Type name → JSON of the type when the file was made ('' when there was none). */
  lookups: Map<string, string>;
  statements: Statements;
}

/** Makes one file's statements; `subject` lists what the file is for (JSON-serialisable: its type or operation, …). */
export type MakeStatements = (path: string, subject: unknown[], make: () => Statements) => Statements;

/**
 * Statements of each generated file kept across builds (watch mode). A file is made again
 * only when its subject (the type or operation it is for) or a type it looked up has changed
 * (compared as JSON). What else a file reads (type names, options) is the build's `global`
 * key: when that changes, nothing is reused. Emitters read the model only through the
 * subject and the recording index, which a test holds to by comparing with fresh builds.
 */
export class EmitMemo {
  private entries = new Map<string, Entry>();
  private global = '';
  reused = 0;
  made = 0;

  /** Start a build: returns the function emitters make their files' statements through. */
  begin(index: RecordingIndex, global: string): MakeStatements {
    const previous = global === this.global ? this.entries : new Map<string, Entry>();
    const current = new Map<string, Entry>();
    this.entries = current;
    this.global = global;
    this.reused = this.made = 0;
    this.json = new Map();
    return (path, subject, make) => {
      const key = subject.map((part) => this.jsonOf(part));
      const old = previous.get(path);
      if (old && sameTexts(old.subject, key) && this.sameLookups(old.lookups, index)) {
        current.set(path, old);
        this.reused++;
        return old.statements;
      }
      const names = (index.recording = new Set());
      try {
        const statements = make();
        current.set(path, { subject: key, lookups: new Map([...names].map((n) => [n, this.jsonOf(index.types.get(n))])), statements });
        this.made++;
        return statements;
      } finally {
        index.recording = undefined;
      }
    };
  }

  /**
   * A value computed from the whole model (operation names), kept while its inputs (model
   * objects, or lists of them) serialise the same.
   */
  value<T>(name: string, inputs: unknown[], make: () => T): T {
    const key = inputs.flatMap((v) => (Array.isArray(v) ? v.map((x) => this.jsonOf(x)) : [this.jsonOf(v)]));
    const old = this.values.get(name);
    if (old && sameTexts(old.key, key)) return old.value as T;
    const value = make();
    this.values.set(name, { key, value });
    return value;
  }

  private sameLookups(lookups: Map<string, string>, index: RecordingIndex): boolean {
    for (const [name, text] of lookups) if (this.jsonOf(index.types.get(name)) !== text) return false;
    return true;
  }

  // Each model object is serialised once per build, however many files look it up.
  private json = new Map<unknown, string>();
  private readonly values = new Map<string, { key: string[]; value: unknown }>();

  private jsonOf(value: unknown): string {
    if (value === undefined) return '';
    let text = this.json.get(value);
    if (text === undefined) this.json.set(value, (text = JSON.stringify(value)));
    return text;
  }
}

const sameTexts = (a: string[], b: string[]) => a.length === b.length && a.every((text, i) => text === b[i]);
