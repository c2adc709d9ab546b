import { cmp } from '../diagnostics.js';
import { markdownCode, markdownText } from '../emit/escape.js';
import type { Model, OperationModel, PropertyModel, TypeModel, TypeRef } from '../model/types.js';

export type ChangeKind = 'added' | 'removed' | 'changed';

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

const refText = (ref: TypeRef | undefined, collection = false) => (ref ? `${ref.name}${collection ? '[]' : ''}` : 'none');
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
  for (const [name, type] of oldTypes) if (!newTypes.has(name)) add({ subject: 'type', change: 'removed', name: type.name, detail: `${type.kind} ${name}`, breaking: true });
  for (const [name, type] of newTypes) {
    const old = oldTypes.get(name);
    if (!old) add({ subject: 'type', change: 'added', name: type.name, detail: `${type.kind} ${name}`, breaking: false });
    else diffType(old, type, add);
  }
  const oldOps = byKey(before.operations, (o) => o.id);
  const newOps = byKey(after.operations, (o) => o.id);
  for (const [id, op] of oldOps) if (!newOps.has(id)) add({ subject: 'operation', change: 'removed', name: id, detail: `${op.method} ${op.paths[0] ?? ''}`, breaking: true });
  for (const [id, op] of newOps) {
    const old = oldOps.get(id);
    if (!old) add({ subject: 'operation', change: 'added', name: id, detail: `${op.method} ${op.paths[0] ?? ''}`, breaking: false });
    else diffOperation(old, op, add);
  }
  changes.sort((a, b) => Number(b.breaking) - Number(a.breaking) || cmp(a.subject, b.subject) || cmp(a.name, b.name) || cmp(a.change, b.change));
  const bump = changes.some((c) => c.breaking) ? 'major' : changes.some((c) => c.change === 'added') ? 'minor' : changes.length ? 'patch' : 'none';
  return { changes, bump };
}

function diffType(old: TypeModel, now: TypeModel, add: (c: ApiChange) => void): void {
  const name = now.name;
  if (old.kind !== now.kind) add({ subject: 'type', change: 'changed', name, detail: `kind ${old.kind} → ${now.kind}`, breaking: true });
  if ((old.baseType ?? '') !== (now.baseType ?? '')) add({ subject: 'type', change: 'changed', name, detail: `base type ${old.baseType ?? 'none'} → ${now.baseType ?? 'none'}`, breaking: true });
  const oldProps = byKey([...old.properties, ...old.navigationProperties], (p) => p.name);
  const newProps = byKey([...now.properties, ...now.navigationProperties], (p) => p.name);
  for (const [p, prop] of oldProps) if (!newProps.has(p)) add({ subject: 'property', change: 'removed', name: `${name}.${p}`, detail: refText(prop.type, prop.collection), breaking: true });
  for (const [p, prop] of newProps) {
    const was = oldProps.get(p);
    if (!was) add({ subject: 'property', change: 'added', name: `${name}.${p}`, detail: refText(prop.type, prop.collection), breaking: false });
    else diffProperty(`${name}.${p}`, was, prop, add);
  }
  const oldMembers = new Set(old.members.map((m) => m.name));
  const newMembers = new Set(now.members.map((m) => m.name));
  for (const m of oldMembers) if (!newMembers.has(m)) add({ subject: 'member', change: 'removed', name: `${name}.${m}`, detail: 'enum member', breaking: true });
  for (const m of newMembers) if (!oldMembers.has(m)) add({ subject: 'member', change: 'added', name: `${name}.${m}`, detail: 'enum member', breaking: false });
}

function diffProperty(name: string, was: PropertyModel, now: PropertyModel, add: (c: ApiChange) => void): void {
  const before = refText(was.type, was.collection);
  const after = refText(now.type, now.collection);
  if (before !== after) add({ subject: 'property', change: 'changed', name, detail: `type ${before} → ${after}`, breaking: true });
  if (was.nullable === false && now.nullable !== false) add({ subject: 'property', change: 'changed', name, detail: 'now nullable', breaking: true });
  else if (was.nullable !== false && now.nullable === false) add({ subject: 'property', change: 'changed', name, detail: 'no longer nullable', breaking: false });
}

function diffOperation(old: OperationModel, now: OperationModel, add: (c: ApiChange) => void): void {
  const name = now.id;
  const change = (detail: string, breaking: boolean) => add({ subject: 'operation', change: 'changed', name, detail, breaking });
  if (old.method !== now.method) change(`method ${old.method} → ${now.method}`, true);
  const removedPaths = old.paths.filter((p) => !now.paths.includes(p));
  if (removedPaths.length) change(`path(s) removed: ${removedPaths.join(', ')}`, true);
  const addedPaths = now.paths.filter((p) => !old.paths.includes(p));
  if (addedPaths.length) change(`path(s) added: ${addedPaths.join(', ')}`, false);
  const oldResult = refText(old.response.type, old.response.collection);
  const newResult = refText(now.response.type, now.response.collection);
  if (oldResult !== newResult) change(`response ${oldResult} → ${newResult}`, true);
  if (old.response.status !== now.response.status) change(`status ${old.response.status} → ${now.response.status}`, false);
  const params = (op: OperationModel) => (op.requestBody.kind === 'parameters' ? op.requestBody.parameters : []);
  const oldParams = byKey(params(old), (p) => p.name);
  for (const p of params(now)) {
    const was = oldParams.get(p.name);
    if (!was && p.required) change(`new required parameter ${p.name}`, true);
    else if (!was) change(`new optional parameter ${p.name}`, false);
    else if (refText(was.type, was.collection) !== refText(p.type, p.collection)) change(`parameter ${p.name}: ${refText(was.type, was.collection)} → ${refText(p.type, p.collection)}`, true);
  }
  for (const [p] of oldParams) if (!params(now).some((x) => x.name === p)) change(`parameter ${p} removed`, true);
}

export function formatDiffText(diff: ModelDiff): string {
  if (!diff.changes.length) return 'No API changes.';
  const lines = diff.changes.map((c) => `${c.breaking ? 'BREAKING ' : '         '}${c.change.padEnd(8)} ${c.subject.padEnd(9)} ${c.name}  ${c.detail}`);
  return `${lines.join('\n')}\n\n${diff.changes.length} change(s), ${diff.changes.filter((c) => c.breaking).length} breaking. Suggested version bump: ${diff.bump}.`;
}

export function formatDiffMarkdown(diff: ModelDiff): string {
  const section = (title: string, list: ApiChange[]) => (list.length ? [`### ${title}`, '', ...list.map((c) => `- **${c.change}** ${c.subject} ${markdownCode(c.name)}: ${markdownText(c.detail)}`), ''] : []);
  return [
    `## API changes (suggested bump: ${diff.bump})`, '',
    ...section('Breaking', diff.changes.filter((c) => c.breaking)),
    ...section('Added', diff.changes.filter((c) => !c.breaking && c.change === 'added')),
    ...section('Other', diff.changes.filter((c) => !c.breaking && c.change !== 'added')),
    ...(diff.changes.length ? [] : ['No API changes.', '']),
  ].join('\n');
}
