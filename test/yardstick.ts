import path from 'node:path';
import { Project } from 'ts-morph';
import { ModelIndex } from '../src/model/queries.js';
import type { Model } from '../src/model/types.js';
import { ROOT } from './helpers.js';

/** Property names per type (inherited included), keyed by lower-cased full name. */
export type PropertySets = Map<string, { name: string; properties: Set<string> }>;

/** Read @microsoft/microsoft-graph-types' interfaces (a yardstick, never an input). */
export function graphTypesProperties(): PropertySets {
  const project = new Project({ skipAddingFilesFromTsConfig: true });
  const file = project.addSourceFileAtPath(path.join(ROOT, 'node_modules/@microsoft/microsoft-graph-types/microsoft-graph.d.ts'));
  interface Declared { name: string; bases: string[]; own: string[] }
  const declared = new Map<string, Declared>();
  const add = (namespace: string, iface: import('ts-morph').InterfaceDeclaration) => {
    const key = `microsoft.graph.${namespace ? namespace + '.' : ''}${iface.getName()}`.toLowerCase();
    declared.set(key, {
      name: iface.getName(),
      bases: iface.getExtends().map((e) => {
        const text = e.getExpression().getText();
        return `microsoft.graph.${text.includes('.') ? text : (namespace ? namespace + '.' : '') + text}`.toLowerCase();
      }),
      own: iface.getProperties().map((p) => p.getName().replace(/^['"]|['"]$/g, '')),
    });
  };
  for (const iface of file.getInterfaces()) add('', iface);
  for (const ns of file.getModules()) for (const iface of ns.getInterfaces()) add(ns.getName(), iface);
  const out: PropertySets = new Map();
  for (const [key, decl] of declared) {
    const properties = new Set<string>();
    const seen = new Set<string>();
    for (let k: string | undefined = key; k && !seen.has(k); ) {
      seen.add(k);
      const d: Declared | undefined = declared.get(k) ?? declared.get(k.replace(/^microsoft\.graph\.[^.]+\./, 'microsoft.graph.'));
      if (!d) break;
      for (const p of d.own) properties.add(p);
      k = d.bases[0];
    }
    out.set(key, { name: decl.name, properties });
  }
  return out;
}

export function modelProperties(model: Model): PropertySets {
  const index = new ModelIndex(model);
  const out: PropertySets = new Map();
  for (const type of model.types) {
    if (type.kind !== 'entity' && type.kind !== 'complex') continue;
    out.set(type.fullName.toLowerCase(), { name: type.name, properties: new Set(index.allProperties(type).map((p) => p.name)) });
  }
  return out;
}

export interface Agreement {
  shared: number;
  both: number;
  either: number;
  ratio: number;
  worst: { type: string; onlyOurs: string[]; onlyTheirs: string[] }[];
}

/** (names in both) / (names in either), summed over the types both sides have. */
export function agreement(ours: PropertySets, theirs: PropertySets): Agreement {
  let both = 0;
  let either = 0;
  let shared = 0;
  const worst: Agreement['worst'] = [];
  for (const [key, mine] of ours) {
    const other = theirs.get(key);
    if (!other) continue;
    shared++;
    const onlyOurs = [...mine.properties].filter((p) => !other.properties.has(p)).sort();
    const onlyTheirs = [...other.properties].filter((p) => !mine.properties.has(p)).sort();
    const common = mine.properties.size - onlyOurs.length;
    both += common;
    either += common + onlyOurs.length + onlyTheirs.length;
    if (onlyOurs.length + onlyTheirs.length) worst.push({ type: mine.name, onlyOurs, onlyTheirs });
  }
  worst.sort((a, b) => b.onlyOurs.length + b.onlyTheirs.length - (a.onlyOurs.length + a.onlyTheirs.length) || (a.type < b.type ? -1 : 1));
  return { shared, both, either, ratio: both / either, worst };
}
