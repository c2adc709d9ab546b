import { cmp, type Diagnostic } from '../shared/diagnostics.js';
import type { Model, OperationModel } from '../model/types.js';
import { identifier } from '../text/escape.js';
import { CLIENT_RUNTIME_EXPORTS, VALIDATED_ENTRY_LOCALS, type NameTable } from './names.js';
import { upperFirst } from '../text/case.js';

/**
 * Function names of the request stubs.
 *
 * A name is built from the operation id (the docs page name, unique in a doc set), whose
 * words are lower case: `user-list-events`, `exactmatchsession-get`, `user-assignlicense`,
 * `intune-deviceconfig-androidcompliancepolicy-create`. Each word gets its casing back from
 * the model (type, property, path segment and function names: `exactmatchsession` →
 * `exactMatchSession`; unknown compounds are split into known words).
 *
 * - A page id with a CRUD verb word (`list`, `get`, `post`/`create`, `update`/`patch`/`put`,
 *   `delete`, `add`, `remove`) gives `<verb><Resource><Rest>`, where Resource is the word before
 *   the verb and Rest the words after it: `user-list-events` → `listUserEvents`,
 *   `exactmatchsession-get` → `getExactMatchSession`, `exactmatchdatastore-post-sessions` →
 *   `createExactMatchDataStoreSession`. `post`/`create` is `create`, `patch`/`put` is `update`.
 *   A bare list is plural (`user-list` → `listUsers`); Rest is singular for create, delete and
 *   single-item gets (`application-delete-owners` → `deleteApplicationOwner`).
 * - Any other page id (actions and functions) gives `<resource><Action>` from its last two
 *   words: `user-assignlicense` → `userAssignLicense`, `exactmatchsession-renew` →
 *   `exactMatchSessionRenew`, `reportroot-getemailactivitycounts` →
 *   `reportRootGetEmailActivityCounts`.
 * - Words before Resource (`intune-deviceconfig-…`) are left out, unless two operations would
 *   get the same name: then every operation sharing it uses all words of its id
 *   (`intune-wip-devicemanagement-get` → `getIntuneWipDeviceManagement`).
 * - Names still equal (ignoring case) get a numeric suffix in operation-id order, and so do
 *   names equal to a model type name, a runtime export, or shaped like a validator
 *   (`validate…`, `is…`, `assert…`, `check…`), which first get a `call` prefix; both are
 *   reported as `emit-name-clash`.
 * - Ids that are not page names (not starting with a letter, e.g. `000_2064b4be…`) use the
 *   kind and the first path's last two named segments instead:
 *   `/dataClassification/exactMatchDataStores/{id}/sessions` → `listExactMatchDataStoreSessions`.
 * - Collection operations sent with GET also get `iterate<Name without list>`:
 *   `listUsers` → `iterateUsers`, `userDelta` → `iterateUserDelta`.
 */
export interface OperationNames {
  fn: string;
  /** For GET collection operations: the async generator over all items. */
  iterate?: string;
}

const VERBS: Record<string, string> = {
  list: 'list',
  get: 'get',
  post: 'create',
  create: 'create',
  update: 'update',
  patch: 'update',
  put: 'update',
  delete: 'delete',
  add: 'add',
  remove: 'remove',
};

/** Names the client runtime exports; operations must not shadow them in the client barrel. */
export const RUNTIME_EXPORTS = CLIENT_RUNTIME_EXPORTS;

/** Interfaces a stub may declare next to its function, named `<Function>Path` and so on (see client.ts). */
export const OPERATION_COMPANIONS = ['Path', 'Options', 'Body'];

const VALIDATOR_SHAPED = /^(validate|is|assert|check)([A-Z0-9_]|$)/;

const lowerFirst = (s: string) => (s ? s[0].toLowerCase() + s.slice(1) : s);

export function plural(word: string): string {
  if (/(ss|us)$/i.test(word)) return word + 'es';
  if (/s$/i.test(word)) return word;
  if (/[^aeiou]y$/i.test(word)) return word.slice(0, -1) + 'ies';
  if (/(x|ch|sh)$/i.test(word)) return word + 'es';
  return word + 's';
}

export function singular(word: string): string {
  if (/[^aeiou]ies$/i.test(word)) return word.slice(0, -3) + 'y';
  if (/(x|ch|sh|ss)es$/i.test(word)) return word.slice(0, -2);
  if (/[^su]s$/i.test(word) && !/(ss|is|us)$/i.test(word)) return word.slice(0, -1);
  return word;
}

/** Restores the casing of lower-case words from identifiers the model spells out. */
export class Recaser {
  /** lower case → cased spelling (most frequent spelling, ties in code-unit order). */
  private readonly spellings = new Map<string, string>();
  private readonly cache = new Map<string, string>();

  constructor(model: Model) {
    const counts = new Map<string, Map<string, number>>();
    // Type names weigh most, then property names, then path segments (often all lower case).
    const add = (text: string, weight: number) => {
      for (const token of text.split(/[^A-Za-z0-9]+/)) {
        if (token.length < 2) continue;
        const pieces = [token, ...token.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(' ')];
        for (const piece of pieces) {
          if (piece.length < 2) continue;
          const key = piece.toLowerCase();
          const spelled = lowerFirst(piece);
          let m = counts.get(key);
          if (!m) counts.set(key, (m = new Map<string, number>()));
          m.set(spelled, (m.get(spelled) ?? 0) + weight);
        }
      }
    };
    // Weights summed per distinct text first: names repeat thousands of times (`id`, `displayName`).
    const texts = new Map<string, number>();
    const bump = (text: string, weight: number) => texts.set(text, (texts.get(text) ?? 0) + weight);
    for (const type of model.types) {
      bump(type.name, 100);
      for (const p of type.properties) bump(p.name, 10);
      for (const p of type.navigationProperties) bump(p.name, 10);
    }
    for (const op of model.operations)
      for (const path of op.paths)
        for (const segment of path.split('/')) bump(segment.replace(/\{[^}]*\}/g, ' '), 1);
    for (const [text, weight] of texts) add(text, weight);
    for (const [key, m] of counts) {
      const best = [...m.entries()].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))[0][0];
      this.spellings.set(key, best);
    }
  }

  /** `exactmatchdatastore` → `exactMatchDataStore` (camelCase). */
  recase(word: string): string {
    const lower = word.toLowerCase();
    let out = this.cache.get(lower);
    if (out === undefined) this.cache.set(lower, (out = this.compute(lower)));
    return out;
  }

  private compute(word: string): string {
    const whole = this.spellings.get(word);
    if (whole) return whole;
    // Plural of a known word: `activitybasedtimeoutpolicies` → `activityBasedTimeoutPolicies`.
    for (const [suffix, replacement] of [
      ['ies', 'y'],
      ['es', ''],
      ['s', ''],
    ] as const) {
      if (word.endsWith(suffix)) {
        const stem = this.spellings.get(word.slice(0, -suffix.length) + replacement);
        if (stem && stem.length > 2)
          return stem.slice(0, stem.length - replacement.length) + suffix;
      }
    }
    // Fewest known pieces (3+ letters); characters no piece covers cost more than a piece.
    const n = word.length;
    const best: { cost: number; parts: string[] }[] = [{ cost: 0, parts: [] }];
    for (let i = 1; i <= n; i++) {
      let choice = { cost: best[i - 1].cost + 3, parts: [...best[i - 1].parts, word[i - 1]] };
      for (let j = 0; j <= i - 3; j++) {
        const spelled = this.spellings.get(word.slice(j, i));
        if (spelled && best[j].cost + 1 < choice.cost)
          choice = { cost: best[j].cost + 1, parts: [...best[j].parts, spelled] };
      }
      best[i] = choice;
    }
    // Glue runs of uncovered single characters back together, lower case.
    const parts: string[] = [];
    let run = '';
    for (const part of best[n].parts) {
      if (part.length === 1) {
        run += part;
        continue;
      }
      if (run) {
        parts.push(run);
        run = '';
      }
      parts.push(part);
    }
    if (run) parts.push(run);
    return lowerFirst(parts.map(upperFirst).join(''));
  }
}

interface Candidate {
  op: OperationModel;
  short: string;
  long: string;
}

function pascal(words: string[], recaser: Recaser): string {
  return words.map((w) => upperFirst(recaser.recase(w))).join('');
}

/** The two names an operation id allows (see the scheme above). */
export function candidateNames(
  op: OperationModel,
  recaser: Recaser,
): { short: string; long: string } {
  const words = op.id
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (!words.length || !/^[a-z]/.test(words[0])) {
    const name = pathName(op);
    return { short: name, long: name };
  }
  const v = words.findIndex((w, i) => i > 0 && w in VERBS);
  if (v < 0) {
    const long = lowerFirst(pascal(words, recaser));
    return { short: lowerFirst(pascal(words.slice(-2), recaser)), long };
  }
  const verb = VERBS[words[v]];
  const prefix = words.slice(0, v - 1);
  const resource = words[v - 1];
  let rest = pascal(words.slice(v + 1), recaser);
  let thing = upperFirst(recaser.recase(resource));
  const single =
    verb === 'create' || verb === 'delete' || (verb === 'get' && !op.response.collection);
  if (rest && single) rest = singular(rest);
  // `agreement-post-agreements`, `team-put-teams`: the collection of the resource itself.
  const restWords = words.slice(v + 1).join('');
  if (restWords === resource || singular(restWords) === resource) rest = '';
  if (!rest && verb === 'list') thing = plural(thing);
  const short = verb + thing + rest;
  return { short, long: verb + pascal(prefix, recaser) + thing + rest };
}

const KIND_VERBS: Partial<Record<OperationModel['kind'], string>> = {
  list: 'list',
  get: 'get',
  create: 'create',
  update: 'update',
  delete: 'delete',
};

/**
 * For ids that are not page names (`000_2064b4be…`): the kind's verb plus the last two named
 * segments of the first path, `/dataClassification/exactMatchDataStores/{id}/sessions` →
 * `listExactMatchDataStoreSessions`; actions and functions `<owner><Action>`.
 */
function pathName(op: OperationModel): string {
  const segments = (op.paths[0] ?? '')
    .replace(/\{[^}]*\}/g, '')
    .split('/')
    .map((s) => s.replace(/\(.*$/, '').replace(/[^A-Za-z0-9]/g, ''))
    .filter((s) => /^[A-Za-z]/.test(s));
  const thing = segments[segments.length - 1] ?? 'operation';
  const parent = segments.length > 1 ? upperFirst(singular(segments[segments.length - 2])) : '';
  const verb = KIND_VERBS[op.kind];
  if (!verb) return lowerFirst(parent) + upperFirst(thing);
  return verb + parent + upperFirst(verb === 'list' ? thing : singular(thing));
}

/**
 * Names for every operation, keyed by operation id; deterministic for a model. Clashes are
 * resolved as the scheme above says and reported to `diagnostics`.
 */
export function operationNames(
  model: Model,
  names: NameTable,
  diagnostics: Diagnostic[],
): Map<string, OperationNames> {
  const recaser = new Recaser(model);
  const ops = [...model.operations].sort((a, b) => cmp(a.id, b.id));
  const candidates: Candidate[] = ops.map((op) => ({ op, ...candidateNames(op, recaser) }));
  const shortCount = new Map<string, number>();
  for (const c of candidates)
    shortCount.set(c.short.toLowerCase(), (shortCount.get(c.short.toLowerCase()) ?? 0) + 1);

  // Names that are taken before any operation is named: model types and runtime exports.
  const taken = new Set<string>([
    ...RUNTIME_EXPORTS.map((n) => n.toLowerCase()),
    ...VALIDATED_ENTRY_LOCALS,
    ...model.types.map((t) => names.of(t.fullName).toLowerCase()),
  ]);
  const reserved = new Set(taken);
  const used = new Set<string>();
  const result = new Map<string, OperationNames>();
  const report = (op: OperationModel, message: string) =>
    diagnostics.push({
      file: op.source.file,
      line: op.source.line,
      column: op.source.column,
      ruleId: 'emit-name-clash',
      severity: 'warning',
      message,
    });
  // A function's companions (`XPath`, `XOptions`, `XBody`) share the root scope with every model and validator name.
  const companionTaken = (name: string) =>
    OPERATION_COMPANIONS.map((s) => upperFirst(name) + s).find((c) => names.exported.has(c));
  const claim = (op: OperationModel, base: string, what: string, companions: boolean): string => {
    let name = base;
    let why = '';
    if (VALIDATOR_SHAPED.test(name)) {
      why = `${name} looks like a validator name`;
      name = 'call' + upperFirst(name);
    }
    if (reserved.has(name.toLowerCase()) || names.exported.has(name)) {
      why = `${name} is a model type or runtime name`;
      name = 'call' + upperFirst(name);
    }
    const start = name;
    const free = (n: string) =>
      !used.has(n.toLowerCase()) &&
      !taken.has(n.toLowerCase()) &&
      !names.exported.has(n) &&
      !(companions && companionTaken(n));
    for (let n = 2; !free(name); n++) name = `${start}${n}`;
    if (name !== start)
      why =
        companions && companionTaken(start) && !used.has(start.toLowerCase())
          ? `${companionTaken(start)} is a model or validator name`
          : `${start} is taken`;
    if (name !== base)
      report(op, `The ${what} of operation ${op.id} is emitted as ${name}: ${why}.`);
    used.add(name.toLowerCase());
    return name;
  };

  for (const c of candidates) {
    const base = identifier((shortCount.get(c.short.toLowerCase()) ?? 0) > 1 ? c.long : c.short);
    result.set(c.op.id, { fn: claim(c.op, base, 'function', true) });
  }
  // Iterators after all functions, so an iterator never takes a function's name.
  for (const c of candidates) {
    const entry = result.get(c.op.id)!;
    if (!isIterable(c.op)) continue;
    const stem = /^list[A-Z0-9]/.test(entry.fn) ? entry.fn.slice(4) : upperFirst(entry.fn);
    let base = `iterate${stem}`;
    if (used.has(base.toLowerCase()) || taken.has(base.toLowerCase()))
      base = `iterate${upperFirst(entry.fn)}`;
    entry.iterate = claim(c.op, base, 'iterator', false);
  }
  return result;
}

/** GET operations returning a collection of a documented type get an `iterate…` helper. */
export function isIterable(op: OperationModel): boolean {
  return op.method === 'GET' && op.response.collection && op.response.type !== undefined;
}
