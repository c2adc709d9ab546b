import { cmp } from '../shared/diagnostics.js';
import { parsePath } from '../model/path-templates.js';
import { NameTable } from '../emit/names.js';
import { operationNames, type OperationNames } from '../emit/operation-names.js';
import { markdownCode, markdownText } from '../text/escape.js';
import {
  returnsNothing,
  type Model,
  type OperationModel,
  type PropertyModel,
  type ResponseModel,
  type TypeModel,
  type TypeRef,
} from '../model/types.js';

/** `moved`: an operation documented on another page (same method and path template). */
export type ChangeKind = 'added' | 'removed' | 'changed' | 'moved';

export interface ApiChange {
  subject: 'type' | 'property' | 'member' | 'operation';
  change: ChangeKind;
  /** `user`, `user.displayName`, `sessionState.failed`, `user-get`. */
  name: string;
  detail: string;
  breaking: boolean;
}

export interface ModelDiff {
  changes: ApiChange[];
  bump: 'major' | 'minor' | 'patch' | 'none';
}

const refText = (ref: TypeRef | undefined, collection = false) =>
  ref ? `${ref.name}${collection ? '[]' : ''}` : 'none';
/** What a stub returns, as a diff names it: a type, `none`, `unknown` (a body of no documented type) or `download` (bytes behind a redirect). */
const resultText = (r: ResponseModel) =>
  r.download
    ? 'download'
    : r.type
      ? refText(r.type, r.collection)
      : returnsNothing(r)
        ? 'none'
        : 'unknown';
const byKey = <T>(items: T[], key: (x: T) => string) => new Map(items.map((x) => [key(x), x]));

/**
 * What changed between two models, for the generated package's users: removals and type
 * changes break them, additions do not. The suggested semver bump follows.
 */
export function diffModels(before: Model, after: Model): ModelDiff {
  const changes: ApiChange[] = [];
  const add = (c: ApiChange) => changes.push(c);
  const oldTypes = byKey(before.types, (t) => t.fullName);
  const newTypes = byKey(after.types, (t) => t.fullName);
  for (const [name, type] of oldTypes)
    if (!newTypes.has(name))
      add({
        subject: 'type',
        change: 'removed',
        name: type.name,
        detail: `${type.kind} ${name}`,
        breaking: true,
      });
  for (const [name, type] of newTypes) {
    const old = oldTypes.get(name);
    if (!old)
      add({
        subject: 'type',
        change: 'added',
        name: type.name,
        detail: `${type.kind} ${name}`,
        breaking: false,
      });
    else diffType(old, type, add);
  }
  diffOperations(before, after, add);
  changes.sort(
    (a, b) =>
      Number(b.breaking) - Number(a.breaking) ||
      cmp(a.subject, b.subject) ||
      cmp(a.name, b.name) ||
      cmp(a.change, b.change),
  );
  const bump = changes.some((c) => c.breaking)
    ? 'major'
    : changes.some((c) => c.change === 'added')
      ? 'minor'
      : changes.length
        ? 'patch'
        : 'none';
  return { changes, bump };
}

function diffType(old: TypeModel, now: TypeModel, add: (c: ApiChange) => void): void {
  const name = now.name;
  if (old.kind !== now.kind)
    add({
      subject: 'type',
      change: 'changed',
      name,
      detail: `kind ${old.kind} → ${now.kind}`,
      breaking: true,
    });
  if ((old.baseType ?? '') !== (now.baseType ?? ''))
    add({
      subject: 'type',
      change: 'changed',
      name,
      detail: `base type ${old.baseType ?? 'none'} → ${now.baseType ?? 'none'}`,
      breaking: true,
    });
  const oldProps = byKey([...old.properties, ...old.navigationProperties], (p) => p.name);
  const newProps = byKey([...now.properties, ...now.navigationProperties], (p) => p.name);
  for (const [p, prop] of oldProps)
    if (!newProps.has(p))
      add({
        subject: 'property',
        change: 'removed',
        name: `${name}.${p}`,
        detail: refText(prop.type, prop.collection),
        breaking: true,
      });
  for (const [p, prop] of newProps) {
    const was = oldProps.get(p);
    if (!was)
      add({
        subject: 'property',
        change: 'added',
        name: `${name}.${p}`,
        detail: refText(prop.type, prop.collection),
        breaking: false,
      });
    else diffProperty(`${name}.${p}`, was, prop, add);
  }
  const oldMembers = new Set(old.members.map((m) => m.name));
  const newMembers = new Set(now.members.map((m) => m.name));
  for (const m of oldMembers)
    if (!newMembers.has(m))
      add({
        subject: 'member',
        change: 'removed',
        name: `${name}.${m}`,
        detail: 'enum member',
        breaking: true,
      });
  for (const m of newMembers)
    if (!oldMembers.has(m))
      add({
        subject: 'member',
        change: 'added',
        name: `${name}.${m}`,
        detail: 'enum member',
        breaking: false,
      });
}

function diffProperty(
  name: string,
  was: PropertyModel,
  now: PropertyModel,
  add: (c: ApiChange) => void,
): void {
  const before = refText(was.type, was.collection);
  const after = refText(now.type, now.collection);
  if (before !== after)
    add({
      subject: 'property',
      change: 'changed',
      name,
      detail: `type ${before} → ${after}`,
      breaking: true,
    });
  if (was.nullable === false && now.nullable !== false)
    add({ subject: 'property', change: 'changed', name, detail: 'now nullable', breaking: true });
  else if (was.nullable !== false && now.nullable === false)
    add({
      subject: 'property',
      change: 'changed',
      name,
      detail: 'no longer nullable',
      breaking: false,
    });
}

/** A path template with its placeholder names taken out: `/teams/{id}` and `/teams/{team-id}` are one path. */
export const pathKey = (path: string) => path.replace(/\{[^}]*\}/g, '{}').toLowerCase();
const templatesOf = (op: OperationModel) => new Set(op.paths.map(pathKey));

/** The generated stub names of each operation, made only when a diff needs them. */
class StubNames {
  private names?: Map<string, OperationNames>;
  constructor(private readonly model: Model) {}
  of(op: OperationModel): OperationNames {
    this.names ??= operationNames(this.model, new NameTable(this.model), []);
    return this.names.get(op.id) ?? { fn: op.id };
  }
}

const stubText = (n: OperationNames) => (n.iterate ? `${n.fn}/${n.iterate}` : n.fn);

/**
 * Operations are the same when their page is (the id), or, for a page that is gone, when a new
 * page documents the same method and path template (placeholder names ignored): a move, which
 * breaks the generated package only where the stub's name changes.
 */
function diffOperations(before: Model, after: Model, add: (c: ApiChange) => void): void {
  const oldNames = new StubNames(before);
  const newNames = new StubNames(after);
  const oldOps = byKey(before.operations, (o) => o.id);
  const newOps = byKey(after.operations, (o) => o.id);
  const gone = [...oldOps.values()]
    .filter((o) => !newOps.has(o.id))
    .sort((a, b) => cmp(a.id, b.id));
  const fresh = new Set([...newOps.values()].filter((o) => !oldOps.has(o.id)));
  const shared = (a: OperationModel, b: OperationModel) =>
    a.method === b.method ? [...templatesOf(a)].filter((t) => templatesOf(b).has(t)).length : 0;
  const moves = new Map<OperationModel, OperationModel>();
  for (const old of gone) {
    const best = [...fresh]
      .map((op) => ({ op, n: shared(old, op) }))
      .filter((c) => c.n > 0)
      .sort((a, b) => b.n - a.n || cmp(a.op.id, b.op.id))[0];
    if (!best) continue;
    moves.set(old, best.op);
    fresh.delete(best.op);
  }
  for (const old of gone) {
    const now = moves.get(old);
    if (!now) {
      // The endpoint may still be documented by a page that stayed: the stub is what goes.
      const still = after.operations.find((op) => shared(old, op) > 0);
      const detail = `${old.method} ${old.paths[0] ?? ''}${still ? `; still documented by ${still.id} (stub ${newNames.of(still).fn}), stub ${oldNames.of(old).fn} is gone` : ''}`;
      add({ subject: 'operation', change: 'removed', name: old.id, detail, breaking: true });
      continue;
    }
    const fromStub = stubText(oldNames.of(old));
    const toStub = stubText(newNames.of(now));
    const renamed = fromStub !== toStub;
    add({
      subject: 'operation',
      change: 'moved',
      name: now.id,
      detail: `${now.method} ${now.paths[0] ?? ''} moved from page ${old.id}${renamed ? `; stub ${fromStub} → ${toStub}` : ` (stub ${toStub})`}`,
      breaking: renamed,
    });
    diffOperation(old, now, add, oldNames, newNames);
  }
  for (const op of fresh)
    add({
      subject: 'operation',
      change: 'added',
      name: op.id,
      detail: `${op.method} ${op.paths[0] ?? ''}`,
      breaking: false,
    });
  for (const [id, now] of newOps) {
    const old = oldOps.get(id);
    if (old) diffOperation(old, now, add, oldNames, newNames);
  }
}

function diffOperation(
  old: OperationModel,
  now: OperationModel,
  add: (c: ApiChange) => void,
  oldNames: StubNames,
  newNames: StubNames,
): void {
  const name = now.id;
  const change = (detail: string, breaking: boolean) =>
    add({ subject: 'operation', change: 'changed', name, detail, breaking });
  if (old.method !== now.method) change(`method ${old.method} → ${now.method}`, true);
  const oldTemplates = templatesOf(old);
  const newTemplates = templatesOf(now);
  const removedPaths = old.paths.filter((p) => !newTemplates.has(pathKey(p)));
  if (removedPaths.length) change(`path(s) removed: ${removedPaths.join(', ')}`, true);
  const addedPaths = now.paths.filter((p) => !oldTemplates.has(pathKey(p)));
  if (addedPaths.length) change(`path(s) added: ${addedPaths.join(', ')}`, false);
  // Placeholders renamed on the stub's path: its path object's property names follow them.
  if (old.paths[0] && now.paths[0] && pathKey(old.paths[0]) === pathKey(now.paths[0])) {
    const before = parsePath(old)
      .args.map((a) => a.prop)
      .join(', ');
    const after = parsePath(now)
      .args.map((a) => a.prop)
      .join(', ');
    if (before !== after)
      change(`path arguments of ${newNames.of(now).fn}: { ${before} } → { ${after} }`, true);
  }
  // A page that stayed can still get another stub name (a new clash): users' imports break.
  const fromStub = stubText(oldNames.of(old));
  const toStub = stubText(newNames.of(now));
  if (old.id === now.id && fromStub !== toStub) change(`stub ${fromStub} → ${toStub}`, true);
  const oldResult = resultText(old.response);
  const newResult = resultText(now.response);
  if (oldResult !== newResult) change(`response ${oldResult} → ${newResult}`, true);
  if (old.response.status !== now.response.status)
    change(`status ${old.response.status} → ${now.response.status}`, false);
  const params = (op: OperationModel) =>
    op.requestBody.kind === 'parameters' ? op.requestBody.parameters : [];
  const oldParams = byKey(params(old), (p) => p.name);
  for (const p of params(now)) {
    const was = oldParams.get(p.name);
    if (!was && p.required) change(`new required parameter ${p.name}`, true);
    else if (!was) change(`new optional parameter ${p.name}`, false);
    else if (refText(was.type, was.collection) !== refText(p.type, p.collection))
      change(
        `parameter ${p.name}: ${refText(was.type, was.collection)} → ${refText(p.type, p.collection)}`,
        true,
      );
  }
  for (const [p] of oldParams)
    if (!params(now).some((x) => x.name === p)) change(`parameter ${p} removed`, true);
}

export function formatDiffText(diff: ModelDiff): string {
  if (!diff.changes.length) return 'No API changes.';
  const lines = diff.changes.map(
    (c) =>
      `${c.breaking ? 'BREAKING ' : '         '}${c.change.padEnd(8)} ${c.subject.padEnd(9)} ${c.name}  ${c.detail}`,
  );
  return `${lines.join('\n')}\n\n${diff.changes.length} change(s), ${diff.changes.filter((c) => c.breaking).length} breaking. Suggested version bump: ${diff.bump}.`;
}

export function formatDiffMarkdown(diff: ModelDiff): string {
  const section = (title: string, list: ApiChange[]) =>
    list.length
      ? [
          `### ${title}`,
          '',
          ...list.map(
            (c) =>
              `- **${c.change}** ${c.subject} ${markdownCode(c.name)}: ${markdownText(c.detail)}`,
          ),
          '',
        ]
      : [];
  return [
    `## API changes (suggested bump: ${diff.bump})`,
    '',
    ...section(
      'Breaking',
      diff.changes.filter((c) => c.breaking),
    ),
    ...section(
      'Added',
      diff.changes.filter((c) => !c.breaking && c.change === 'added'),
    ),
    ...section(
      'Other',
      diff.changes.filter((c) => !c.breaking && c.change !== 'added'),
    ),
    ...(diff.changes.length ? [] : ['No API changes.', '']),
  ].join('\n');
}
