import { hash } from '../build/store.js';
import { isRecord, isString } from '../shared/own.js';
import { ModelIndex } from '../model/queries.js';
import { deferredStatements, statementsKey } from './deferred.js';
import type { TypeModel } from '../model/types.js';
import type { MakeStatements, Statements } from '../layout/statements.js';

/**
 * What the memo keeps of a file for a later process (a one-off `generate` after an edit), in
 * the store's memo stage: hashes of its subject and of the types it looked up (their names
 * kept), and its statements' format key. The stage keeps it under the build's `global` key.
 */
export interface StoredFile {
  subject: string;
  names: string[];
  lookups: string;
  statements: string;
}

/** The memo stage of the store, as the memo uses it. */
export interface MemoStore {
  get(path: string, global: string): StoredFile | undefined;
  set(path: string, global: string, file: StoredFile): void;
}

export function isStoredFile(v: unknown): v is StoredFile {
  return (
    isRecord(v) &&
    isString(v.subject) &&
    isString(v.lookups) &&
    isString(v.statements) &&
    Array.isArray(v.names) &&
    v.names.every(isString)
  );
}

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

/** What a file was made from: its subject's parts and the types it looked up (undefined when there was none). */
interface Inputs {
  objects: unknown[];
}

interface Entry {
  subject: Inputs;
  lookups: { names: string[] } & Inputs;
  statements: Statements;
}

/**
 * Statements of each generated file kept across builds (watch mode). A file is made again
 * only when its subject (the type or operation it is for) or a type it looked up has changed
 * (compared as data: see `sameData`). What else a file reads (type names, options) is the build's `global`
 * key: when that changes, nothing is reused. Emitters read the model only through the
 * subject and the recording index, which a test holds to by comparing with fresh builds.
 */
export class EmitMemo {
  private entries = new Map<string, Entry>();
  private global = '';
  reused = 0;
  made = 0;

  /** `store`: what earlier processes kept (see `keep`), for files this one has not made yet. */
  constructor(private readonly store?: MemoStore) {}

  /** Files this build made (not reused), with the hash of its `global` key: what `keep` stores. */
  private madeNow = new Set<string>();
  private globalHash = '';

  /** Start a build: returns the function emitters make their files' statements through. */
  begin(index: RecordingIndex, global: string): MakeStatements {
    const previous = global === this.global ? this.entries : new Map<string, Entry>();
    const globalHash = (this.globalHash = hash(global));
    const made = (this.madeNow = new Set());
    const current = new Map<string, Entry>();
    this.entries = current;
    this.global = global;
    this.reused = this.made = 0;
    this.hashes = new Map();
    this.compared = new Map();
    return (path, subject, make) => {
      const old = previous.get(path);
      if (old) {
        const lookups = old.lookups.names.map((n) => index.types.get(n));
        if (
          this.sameList(old.subject.objects, subject) &&
          this.sameList(old.lookups.objects, lookups)
        ) {
          current.set(path, {
            subject: { objects: subject },
            lookups: { names: old.lookups.names, objects: lookups },
            statements: old.statements,
          });
          this.reused++;
          return old.statements;
        }
      }
      const kept = this.store?.get(path, globalHash);
      const lookups = kept?.names.map((n) => index.types.get(n));
      if (
        kept &&
        lookups &&
        this.hashOf(subject) === kept.subject &&
        this.hashOf(lookups) === kept.lookups
      ) {
        // Made after all if the output no longer holds the file and the format cache lacks it.
        const statements = deferredStatements(kept.statements, () => {
          this.reused--;
          this.made++;
          return make();
        });
        current.set(path, {
          subject: { objects: subject },
          lookups: { names: kept.names, objects: lookups },
          statements,
        });
        this.reused++;
        return statements;
      }
      const names = (index.recording = new Set());
      try {
        const statements = make();
        const lookups = [...names];
        current.set(path, {
          subject: { objects: subject },
          lookups: { names: lookups, objects: lookups.map((n) => index.types.get(n)) },
          statements,
        });
        this.made++;
        made.add(path);
        return statements;
      } finally {
        index.recording = undefined;
      }
    };
  }

  /**
   * A value computed from the whole model (operation names), kept while its inputs (model
   * objects, or lists of them) hold the same data.
   */
  value<T>(name: string, inputs: unknown[], make: () => T): T {
    const objects = inputs.flatMap((v) => (Array.isArray(v) ? (v as unknown[]) : [v]));
    const old = this.values.get(name);
    if (old && this.sameList(old.inputs.objects, objects)) {
      old.inputs = { objects };
      return old.value as T;
    }
    const value = make();
    this.values.set(name, { inputs: { objects }, value });
    return value;
  }

  /** Keep what the last build made in the store, for a later process. */
  keep(): void {
    for (const path of this.madeNow) {
      const { subject, lookups, statements } = this.entries.get(path)!;
      this.store?.set(path, this.globalHash, {
        subject: this.hashOf(subject.objects),
        names: lookups.names,
        lookups: this.hashOf(lookups.objects),
        statements: statementsKey(statements),
      });
    }
  }

  /** One hash of the objects' JSON, from a hash per object (a type many files look up is hashed once). */
  private hashOf(objects: unknown[]): string {
    return hash(objects.map((o) => this.hashOfObject(o)).join(' '));
  }

  /** Each model object is hashed once per build, however many files look it up. */
  private hashOfObject(value: unknown): string {
    let known = this.hashes.get(value);
    if (known === undefined)
      this.hashes.set(value, (known = hash(value === undefined ? '' : JSON.stringify(value))));
    return known;
  }

  /** Whether the objects hold what the last build's did; each pair is compared once a build (many files look up one type). */
  private sameList(old: readonly unknown[], now: readonly unknown[]): boolean {
    if (old.length !== now.length) return false;
    return now.every((value, i) => {
      const known = this.compared.get(value);
      if (known && known.old === old[i]) return known.same;
      const same = sameData(old[i], value);
      this.compared.set(value, { old: old[i], same });
      return same;
    });
  }

  private hashes = new Map<unknown, string>();
  private compared = new Map<unknown, { old: unknown; same: boolean }>();
  private readonly values = new Map<string, { inputs: Inputs; value: unknown }>();
}

/**
 * Whether two model values hold the same JSON data, keys in the same order as JSON compares
 * them (example bodies are the page's data, and an emitter may print them key by key). Model
 * objects are plain data; anything else (a Map, a class) is the same only as the very object.
 * Node's `isDeepStrictEqual` ignores key order; serialising both sides costs ten times this.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  const plain = Object.prototype;
  if (Object.getPrototypeOf(a) !== plain || Object.getPrototypeOf(b) !== plain) return false;
  const keys = Object.keys(a);
  const others = Object.keys(b);
  if (keys.length !== others.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key !== others[i]) return false;
    if (!sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
      return false;
  }
  return true;
}
