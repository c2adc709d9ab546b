/**
 * The outside yardstick (issue 17): agreement of a v1.0 model with
 * @microsoft/microsoft-graph-types@2.3.0, Microsoft's typings generated from the service
 * metadata. Used by tests and `npm run yardstick`, never as an input to generation.
 *
 * Counted over the interfaces present in both (namespace and name, case-insensitive):
 * - names: |A∩B| / |A∪B| of the flattened property names (inherited included), summed;
 * - base type, collection-ness and nullability per property present in both;
 * - inheritance: the same direct base (both none counts as the same);
 * - enums: the same member set, ignoring `unknownFutureValue`.
 * The typings' `NullableOption<T>` and `T | null` both count as nullable; ours is nullable
 * when the emitted property type admits null (as `propertyTypeText` prints it).
 * Base types are compared as the Edm types they stand for: the typings print Edm.Binary as
 * `number` and Edm.Stream as `any`, where we print base64 `string`s (a difference by design,
 * counted as agreement and reported as `byDesign`).
 */
import path from 'node:path';
import { Node, Project, type TypeNode } from 'ts-morph';
import { NameTable } from '../src/emit/names.js';
import { propertyTypeText } from '../src/emit/interfaces.js';
import { EDM_TO_TS } from '../src/emit/type-text.js';
import { ModelIndex } from '../src/model/queries.js';
import type { Model, TypeModel } from '../src/model/types.js';
import { ROOT } from './helpers.js';

/** One property as either side types it: base type ('string', 'number', 'boolean', 'unknown' or a lower-cased full name). */
export interface PropertyShape {
  base: string;
  collection: boolean;
  nullable: boolean;
}

export interface Side {
  /** Interfaces by lower-cased full name: flattened properties and the direct base. */
  types: Map<string, { name: string; base?: string; properties: Map<string, PropertyShape> }>;
  /** Enums by lower-cased full name: member names. */
  enums: Map<string, Set<string>>;
}

const ROOT_NS = 'microsoft.graph';
/** Edm types the typings print otherwise than we do, and how they print them. */
const BY_DESIGN: Partial<Record<string, string>> = { Binary: 'number', Stream: 'unknown' };
const PRIMITIVE_TS: Record<string, string> = {
  string: 'string',
  number: 'number',
  boolean: 'boolean',
  any: 'unknown',
  unknown: 'unknown',
};

/** The typings the yardstick reads unless told otherwise. */
export const GRAPH_TYPES = path.join(
  ROOT,
  'node_modules/@microsoft/microsoft-graph-types/microsoft-graph.d.ts',
);

/** Read @microsoft/microsoft-graph-types' interfaces and enum aliases (or those of typings of the same layout, such as the beta package's). */
export function graphTypesSide(typings = GRAPH_TYPES): Side {
  const project = new Project({ skipAddingFilesFromTsConfig: true });
  const file = project.addSourceFileAtPath(typings);
  const scopes: { ns: string; node: typeof file | import('ts-morph').ModuleDeclaration }[] = [
    { ns: '', node: file },
  ];
  for (const m of file.getModules()) scopes.push({ ns: m.getName(), node: m });
  const fullName = (ns: string, name: string) =>
    `${ROOT_NS}.${ns ? ns + '.' : ''}${name}`.toLowerCase();
  const declared = new Set<string>();
  for (const { ns, node } of scopes) {
    for (const d of [...node.getInterfaces(), ...node.getTypeAliases()])
      declared.add(fullName(ns, d.getName()));
  }
  /** A type name as written inside namespace `ns`: its own namespace first, then the root. */
  const resolveName = (ns: string, written: string): string => {
    const text = written.replace(/^microsoftgraph\./, '');
    if (text.includes('.')) return `${ROOT_NS}.${text}`.toLowerCase();
    const local = fullName(ns, text);
    return declared.has(local) ? local : fullName('', text);
  };
  const shapeOf = (ns: string, node: TypeNode | undefined): PropertyShape => {
    let nullable = false;
    let collection = false;
    let t: TypeNode | undefined = node;
    for (;;) {
      if (!t) return { base: 'unknown', collection, nullable: true };
      if (Node.isTypeReference(t) && t.getTypeName().getText() === 'NullableOption')
        [nullable, t] = [true, t.getTypeArguments()[0]];
      else if (Node.isUnionTypeNode(t)) {
        const parts = t.getTypeNodes().filter((p) => p.getText() !== 'null');
        if (parts.length < t.getTypeNodes().length) nullable = true;
        if (parts.length !== 1)
          return { base: parts.map((p) => p.getText()).join(' | '), collection, nullable };
        t = parts[0];
      } else if (Node.isArrayTypeNode(t)) [collection, t] = [true, t.getElementTypeNode()];
      else if (Node.isParenthesizedTypeNode(t)) t = t.getTypeNode();
      else break;
    }
    const text = t.getText();
    return {
      base: PRIMITIVE_TS[text] ?? (/^[\w.]+$/.test(text) ? resolveName(ns, text) : text),
      collection,
      nullable,
    };
  };
  interface Declared {
    name: string;
    base?: string;
    own: [string, PropertyShape][];
  }
  const interfaces = new Map<string, Declared>();
  const enums: Side['enums'] = new Map();
  for (const { ns, node } of scopes) {
    for (const iface of node.getInterfaces()) {
      const base = iface.getExtends()[0]?.getExpression().getText();
      interfaces.set(fullName(ns, iface.getName()), {
        name: iface.getName(),
        ...(base ? { base: resolveName(ns, base) } : {}),
        own: iface
          .getProperties()
          .map((p) => [p.getName().replace(/^['"]|['"]$/g, ''), shapeOf(ns, p.getTypeNode())]),
      });
    }
    for (const alias of node.getTypeAliases()) {
      const union = alias.getTypeNode();
      const literals =
        union && Node.isUnionTypeNode(union) ? union.getTypeNodes() : union ? [union] : [];
      if (
        !literals.length ||
        !literals.every((l) => Node.isLiteralTypeNode(l) && Node.isStringLiteral(l.getLiteral()))
      )
        continue;
      enums.set(
        fullName(ns, alias.getName()),
        new Set(literals.map((l) => l.getText().slice(1, -1))),
      );
    }
  }
  const types: Side['types'] = new Map();
  for (const [key, decl] of interfaces) {
    const properties = new Map<string, PropertyShape>();
    const seen = new Set<string>();
    for (let k: string | undefined = key; k && !seen.has(k);) {
      seen.add(k);
      const d: Declared | undefined = interfaces.get(k);
      if (!d) break;
      for (const [name, shape] of d.own) if (!properties.has(name)) properties.set(name, shape);
      k = d.base;
    }
    types.set(key, { name: decl.name, ...(decl.base ? { base: decl.base } : {}), properties });
  }
  return { types, enums };
}

/** Our side, as the interfaces emitter prints it. */
export function modelSide(model: Model): Side {
  const index = new ModelIndex(model);
  const names = new NameTable(model);
  const baseOf = (ref: TypeModel['properties'][number]['type']): string => {
    if (ref.kind === 'primitive')
      return BY_DESIGN[ref.name] ? `edm.${ref.name}` : EDM_TO_TS[ref.name];
    const target = index.type(ref.name);
    return !target || target.kind === 'unresolved' ? 'unknown' : target.fullName.toLowerCase();
  };
  const types: Side['types'] = new Map();
  const enums: Side['enums'] = new Map();
  for (const type of model.types) {
    if (type.kind === 'enum')
      enums.set(type.fullName.toLowerCase(), new Set(type.members.map((m) => m.name)));
    if (type.kind !== 'entity' && type.kind !== 'complex') continue;
    const properties = new Map<string, PropertyShape>();
    for (const p of index.allProperties(type)) {
      const text = propertyTypeText(p, type, names, index);
      properties.set(p.name, {
        base: baseOf(p.type),
        collection: p.collection,
        nullable: /\| null$|^unknown$/.test(text),
      });
    }
    const base = type.baseType ? index.type(type.baseType) : undefined;
    types.set(type.fullName.toLowerCase(), {
      name: type.name,
      ...(base && base.kind !== 'unresolved' ? { base: base.fullName.toLowerCase() } : {}),
      properties,
    });
  }
  return { types, enums };
}

export interface Ratio {
  agree: number;
  of: number;
}
export interface Yardstick {
  sharedTypes: number;
  sharedEnums: number;
  names: Ratio;
  baseType: Ratio;
  collection: Ratio;
  inheritance: Ratio;
  enums: Ratio;
  /** Properties whose base types agree only as Edm types (see BY_DESIGN). */
  byDesign: number;
  /** Properties nullable in the typings but not in ours (`agree` counts those). */
  nullableTheirsOnly: Ratio;
  /** Disagreements, for reports: `kind type.property: ours ≠ theirs`. */
  samples: Record<
    'names' | 'baseType' | 'collection' | 'inheritance' | 'enums' | 'nullableTheirsOnly',
    string[]
  >;
}

export const THRESHOLDS = {
  names: 0.96,
  baseType: 0.99,
  inheritance: 0.9,
  enums: 0.96,
  nullableTheirsOnly: 0.005,
};

export function measure(ours: Side, theirs: Side): Yardstick {
  const r = (): Ratio => ({ agree: 0, of: 0 });
  const y: Yardstick = {
    sharedTypes: 0,
    sharedEnums: 0,
    byDesign: 0,
    names: r(),
    baseType: r(),
    collection: r(),
    inheritance: r(),
    enums: r(),
    nullableTheirsOnly: r(),
    samples: {
      names: [],
      baseType: [],
      collection: [],
      inheritance: [],
      enums: [],
      nullableTheirsOnly: [],
    },
  };
  const count = (
    ratio: Ratio,
    same: boolean,
    kind: keyof Yardstick['samples'],
    sample: () => string,
  ) => {
    ratio.of++;
    if (same) ratio.agree++;
    else y.samples[kind].push(sample());
  };
  for (const [key, mine] of ours.types) {
    const other = theirs.types.get(key);
    if (!other) continue;
    y.sharedTypes++;
    count(
      y.inheritance,
      mine.base === other.base,
      'inheritance',
      () => `${mine.name}: ${mine.base ?? '-'} ≠ ${other.base ?? '-'}`,
    );
    const union = new Set([...mine.properties.keys(), ...other.properties.keys()]);
    for (const name of union) {
      const a = mine.properties.get(name);
      const b = other.properties.get(name);
      y.names.of++;
      if (!a || !b) {
        y.samples.names.push(`${mine.name}.${name}: only ${a ? 'docs' : 'graph-types'}`);
        continue;
      }
      y.names.agree++;
      const edm = /^edm\.(\w+)$/.exec(a.base)?.[1];
      const byDesign = !!edm && (BY_DESIGN[edm] === b.base || b.base === 'string');
      if (byDesign) y.byDesign++;
      count(
        y.baseType,
        a.base === b.base || byDesign,
        'baseType',
        () => `${mine.name}.${name}: ${a.base} ≠ ${b.base}`,
      );
      count(
        y.collection,
        a.collection === b.collection,
        'collection',
        () =>
          `${mine.name}.${name}: ${a.collection ? '[]' : 'one'} ≠ ${b.collection ? '[]' : 'one'}`,
      );
      y.nullableTheirsOnly.of++;
      if (b.nullable && !a.nullable) {
        y.nullableTheirsOnly.agree++;
        y.samples.nullableTheirsOnly.push(`${mine.name}.${name}`);
      }
    }
  }
  for (const [key, mine] of ours.enums) {
    const other = theirs.enums.get(key);
    if (!other) continue;
    y.sharedEnums++;
    const strip = (s: Set<string>) => [...s].filter((m) => m !== 'unknownFutureValue').sort();
    const [a, b] = [strip(mine), strip(other)];
    count(
      y.enums,
      a.join() === b.join(),
      'enums',
      () => `${key}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`,
    );
  }
  return y;
}

const pct = (r: Ratio) => `${((r.agree / (r.of || 1)) * 100).toFixed(2)} %`.padStart(8);

/** The figures as lines of text, with a few disagreements of each kind. */
export function formatYardstick(
  y: Yardstick,
  samples = 0,
  against = '@microsoft/microsoft-graph-types@2.3.0',
): string[] {
  const line = (label: string, r: Ratio, target: string, kind: keyof Yardstick['samples']) => [
    `  ${label.padEnd(40)} ${pct(r)}  (${r.agree}/${r.of}; target ${target})`,
    ...y.samples[kind].slice(0, samples).map((s) => `      ${s}`),
  ];
  return [
    `yardstick vs ${against}: ${y.sharedTypes} shared interfaces, ${y.sharedEnums} shared enums`,
    ...line('property names (Jaccard)', y.names, '≥ 96 %', 'names'),
    ...line(
      `same base type (${y.byDesign} Edm.Binary/Stream by design)`,
      y.baseType,
      '≥ 99 %',
      'baseType',
    ),
    ...line('same collection-ness', y.collection, '-', 'collection'),
    ...line('same direct base (extends)', y.inheritance, '≥ 90 %', 'inheritance'),
    ...line('same enum members', y.enums, '≥ 96 %', 'enums'),
    ...line(
      'nullable in typings, non-null in ours',
      y.nullableTheirsOnly,
      '≤ 0.5 %',
      'nullableTheirsOnly',
    ),
  ];
}

/** Which thresholds a measurement misses ([] when all are met). */
export function missedThresholds(y: Yardstick): string[] {
  const ratio = (r: Ratio) => r.agree / (r.of || 1);
  const missed: string[] = [];
  for (const key of ['names', 'baseType', 'inheritance', 'enums'] as const)
    if (ratio(y[key]) < THRESHOLDS[key]) missed.push(`${key} ${pct(y[key]).trim()}`);
  if (ratio(y.nullableTheirsOnly) > THRESHOLDS.nullableTheirsOnly)
    missed.push(`nullableTheirsOnly ${pct(y.nullableTheirsOnly).trim()}`);
  return missed;
}
