import { describedValues, enumOf, listedValues, SENTINEL } from '../model/listed-values.js';
import type { Rule } from './rule.js';

export const enumValuesDisagree: Rule = {
  id: 'enum-values-disagree',
  severity: 'warning',
  description:
    "A value typed by an enum lists possible values that are not the enum's members (or are spelled with other casing).",
  run({ model, index, report }) {
    for (const value of describedValues(model)) {
      const type = enumOf(index, value.type);
      const listed = type && listedValues(value.description);
      if (!type || !listed) continue;
      const members = new Set(type.members.map((m) => m.name));
      const byLowerCase = new Map(type.members.map((m) => [m.name.toLowerCase(), m.name]));
      // `null` in a list says the value may be absent: not a member.
      const strays = listed.filter((v) => !members.has(v) && v !== SENTINEL && v !== 'null');
      if (!strays.length) continue;
      const named = strays.map((v) => {
        const other = byLowerCase.get(v.toLowerCase());
        return other ? `"${v}" (the enum spells it "${other}")` : `"${v}"`;
      });
      report(
        value.source.file,
        value.source,
        `${value.owner}.${value.name} lists ${named.join(', ')}, not ${strays.length > 1 ? 'members' : 'a member'} of ${type.name}.`,
      );
    }
  },
};

export const enumAsString: Rule = {
  id: 'enum-as-string',
  // A suggestion: some such strings are strings in the service too (`signIn.riskEventTypes_v2`).
  severity: 'info',
  description:
    "A String value lists exactly the members of one of the doc set's enums as its possible values.",
  run({ model, report }) {
    const bySet = new Map<string, { name: string; file: string }[]>();
    const setOf = (names: string[]) =>
      [...new Set(names.filter((n) => n !== SENTINEL))].sort().join(',');
    for (const type of model.types)
      if (type.kind === 'enum' && type.members.length > 1) {
        const key = setOf(type.members.map((m) => m.name));
        let same = bySet.get(key);
        if (!same) bySet.set(key, (same = []));
        same.push({ name: type.name, file: type.source.file });
      }
    for (const value of describedValues(model)) {
      if (value.type.kind !== 'primitive' || value.type.name !== 'String') continue;
      const listed = listedValues(value.description);
      // A values section on the value's own page is how the docs tabulate a string's values.
      const names =
        listed && bySet.get(setOf(listed))?.map((e) => e.file !== value.source.file && e.name);
      if (!listed || listed.length < 2 || !names || !names.every(Boolean)) continue;
      report(
        value.source.file,
        value.source,
        `${value.owner}.${value.name} is a String whose possible values are the members of ${names.join(' and ')}: if the service types it so, name ${names.length > 1 ? 'one of them' : 'that enum'} in the type cell.`,
      );
    }
  },
};
