import { hash, isRecord, isString } from '../build/store.js';
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

/**
 * What a file was made from: its subject's parts and the types it looked up (undefined when
 * there was none), kept as objects. They are serialised only when a later build compares
 * them, so a one-off build pays nothing; the JSON is then kept for the builds after.
 */
interface Inputs {
  objects: unknown[];
  json?: string[];
}

interface Entry {
  subject: Inputs;
  lookups: { names: string[] } & Inputs;
  statements: Statements;
}

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
    this.json = new Map();
    this.hashes = new Map();
    return (path, subject, make) => {
      const old = previous.get(path);
      if (old) {
        const subjectNow = this.same(old.subject, subject);
        const lookupsNow =
          subjectNow &&
          this.same(
            old.lookups,
            old.lookups.names.map((n) => index.types.get(n)),
          );
        if (subjectNow && lookupsNow) {
          current.set(path, {
            subject: subjectNow,
            lookups: { names: old.lookups.names, ...lookupsNow },
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
   * objects, or lists of them) serialise the same.
   */
  value<T>(name: string, inputs: unknown[], make: () => T): T {
    const objects = inputs.flatMap((v) => (Array.isArray(v) ? (v as unknown[]) : [v]));
    const old = this.values.get(name);
    const now = old && this.same(old.inputs, objects);
    if (old && now) {
      old.inputs = now;
      return old.value as T;
    }
    const value = make();
    this.values.set(name, { inputs: { objects }, value });
    return value;
  }

  /**
   * Serialise what the last build kept, ahead of the next one (watch mode calls this while it
   * waits for an edit, so the edit's rebuild compares without serialising the old model).
   */
  settle(): void {
    for (const { subject, lookups } of this.entries.values())
      for (const inputs of [subject, lookups])
        inputs.json ??= inputs.objects.map((o) => this.jsonOf(o));
    for (const { inputs } of this.values.values())
      inputs.json ??= inputs.objects.map((o) => this.jsonOf(o));
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
    // A one-off run is done with the model's JSON (tens of MB for a large doc set); watch keeps it in its entries.
    if (this.store) this.json = new Map();
  }

  /** One hash of the objects' JSON, from a hash per object (a type many files look up is hashed once). */
  private hashOf(objects: unknown[]): string {
    return hash(objects.map((o) => this.hashOfObject(o)).join(' '));
  }

  private hashOfObject(value: unknown): string {
    let known = this.hashes.get(value);
    if (known !== undefined) return known;
    // A one-off run (with a store) compares hashes only: it keeps no JSON (tens of MB).
    this.hashes.set(value, (known = hash(this.jsonOf(value, !this.store))));
    return known;
  }

  /** `inputs` again when `objects` serialise as they did, with their JSON; undefined when not. */
  private same(inputs: Inputs, objects: unknown[]): Inputs | undefined {
    if (inputs.objects.length !== objects.length) return undefined;
    const json = inputs.json ?? inputs.objects.map((o) => this.jsonOf(o));
    inputs.json = json;
    const now = objects.map((o) => this.jsonOf(o));
    return now.every((text, i) => text === json[i]) ? { objects, json: now } : undefined;
  }

  // Each model object is serialised (and hashed) once per build, however many files look it up.
  private json = new Map<unknown, string>();
  private hashes = new Map<unknown, string>();
  private readonly values = new Map<string, { inputs: Inputs; value: unknown }>();

  /** `value`'s JSON, kept for the objects' next comparison unless `keep` is false. */
  private jsonOf(value: unknown, keep = true): string {
    if (value === undefined) return '';
    let text = this.json.get(value);
    if (text === undefined) {
      text = JSON.stringify(value);
      if (keep) this.json.set(value, text);
    }
    return text;
  }
}
