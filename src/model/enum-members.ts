import type { Reporter } from '../shared/diagnostics.js';
import { describedValues, listedValues, SENTINEL } from './listed-values.js';
import type { Model, SourceRef, TypeModel } from './types.js';

/**
 * An enum's members where the value lists that name it ("Possible values are: …" in the
 * descriptions of values typed by it) outweigh its members table, each reported:
 * - a member two or more lists spell in another case, and no list as the table does, takes
 *   the lists' spelling (`enum-member-respelled`): one table against several pages;
 * - a table with exactly another enum's members, whose lists agree on values none of which it
 *   has, was copied from that enum: the lists' values are the members (`enum-table-copied`).
 * A single list against the table decides nothing (`check` reports it: `enum-values-disagree`).
 */
export function settleEnumMembers(model: Model, report: Reporter): void {
  const lists = listsByEnum(model);
  const bySet = new Map<string, TypeModel[]>();
  for (const type of model.types) {
    if (type.kind !== 'enum') continue;
    const key = setKey(type.members.map((m) => m.name));
    const same = bySet.get(key);
    if (same) same.push(type);
    else bySet.set(key, [type]);
  }
  for (const [type, listed] of lists) {
    const copiedFrom = bySet
      .get(setKey(type.members.map((m) => m.name)))
      ?.find((other) => other !== type);
    if (copiedFrom && type.members.length > 1) takeListed(type, copiedFrom, listed, report);
    else respell(type, listed, report);
  }
}

/** A value list: the values it names, `unknownFutureValue` and `null` left out, and where. */
interface List {
  values: string[];
  source: SourceRef;
}

/** The value lists that name each enum, one per value typed by it. */
function listsByEnum(model: Model): Map<TypeModel, List[]> {
  const enums = new Map(
    model.types.filter((t) => t.kind === 'enum').map((t) => [t.fullName.toLowerCase(), t]),
  );
  const lists = new Map<TypeModel, List[]>();
  for (const value of describedValues(model)) {
    const type = value.type.kind === 'named' && enums.get(value.type.name.toLowerCase());
    const listed = type && listedValues(value.description);
    if (!type || !listed) continue;
    const values = listed.filter((v) => v !== SENTINEL && v !== 'null');
    if (!values.length) continue;
    const known = lists.get(type);
    if (known) known.push({ values, source: value.source });
    else lists.set(type, [{ values, source: value.source }]);
  }
  return lists;
}

const setKey = (names: string[]) =>
  [...new Set(names.filter((n) => n !== SENTINEL))].sort().join(',');

function takeListed(type: TypeModel, from: TypeModel, lists: List[], report: Reporter) {
  const [{ values: first, source }, ...rest] = lists;
  const members = new Set(type.members.map((m) => m.name));
  if (rest.some((l) => setKey(l.values) !== setKey(first)) || first.some((v) => members.has(v)))
    return;
  const sentinel = type.members.filter((m) => m.name === SENTINEL);
  type.members = [...new Set(first)]
    .map((name) => ({ name, description: '', source }))
    .concat(sentinel);
  report.report(
    'enum-table-copied',
    'warning',
    `The members table of ${type.name} lists exactly the members of ${from.name}, and the values that name it list ${first.join(', ')}: taken as its members. Correct the table.`,
    type.source,
    type.source.file,
  );
}

function respell(type: TypeModel, lists: List[], report: Reporter) {
  // Each list's spellings by lower case, the first in a list only: one pass over every value.
  const spellings = new Map<string, string[]>();
  for (const { values } of lists) {
    const seen = new Set<string>();
    for (const value of values) {
      const lower = value.toLowerCase();
      if (seen.has(lower)) continue;
      seen.add(lower);
      const known = spellings.get(lower);
      if (known) known.push(value);
      else spellings.set(lower, [value]);
    }
  }
  const names = new Set(type.members.map((m) => m.name));
  for (const member of type.members) {
    const spelt = spellings.get(member.name.toLowerCase()) ?? [];
    const [spelling] = spelt;
    if (spelt.length < 2 || spelt.some((s) => s !== spelling) || names.has(spelling)) continue;
    report.report(
      'enum-member-respelled',
      'info',
      `${type.name}.${member.name} is spelled ${spelling} by the ${spelt.length} values that list it: taken as they spell it.`,
      member.source,
      member.source.file,
    );
    member.name = spelling;
  }
}
