import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { runChecks } from '../src/check/run.js';
import { Reporter, type Diagnostic } from '../src/shared/diagnostics.js';
import { generateFiles } from '../src/generate.js';
import { decodePage, looksLikePage } from '../src/read/load.js';
import { buildModel } from '../src/model/build.js';
import { PACKAGE_ROOT } from '../src/shared/paths.js';
import { safeReadPage } from '../src/pipeline.js';
import type { EmittedFile } from '../src/emit/emitter.js';

let base: { file: string; text: string }[] | undefined;
/** The clean fixture pages: the base every mutation starts from (read once). */
export function basePages(): { file: string; text: string }[] {
  const root = path.join(PACKAGE_ROOT, 'fixtures', 'sessions');
  base ??= ['api', 'resources'].flatMap((dir) =>
    readdirSync(path.join(root, dir))
      .sort()
      .map((f) => ({ file: `${dir}/${f}`, text: readFileSync(path.join(root, dir, f), 'utf8') })),
  );
  return base;
}

const NASTY_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'class',
  'delete',
  'toString',
  'hasOwnProperty',
  '1abc',
  '../etc/passwd',
  'a/b',
  'a\\b',
  'C:x',
  'Ünïcødé',
  '😀emoji',
  'name with space',
  'exactmatchsession',
  'EXACTMATCHSESSION',
  '',
  'a.b.c',
  'null',
  'Object',
  'Promise',
];

type Mutation = (text: string) => string;

const lines = (t: string) => t.split('\n');

/** Page mutations: each a realistic or hostile edit of a page's text. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((n) => (t: string) => t.slice(0, n % (t.length + 1))),
  fc.nat().map((n) => (t: string) => {
    const parts = t.split(/(?=^## )/m);
    return parts.map((_, i) => parts[(i * (n + 1) + n) % parts.length]).join('');
  }),
  fc.nat().map((n) => (t: string) => {
    const parts = t.split(/(?=^## )/m);
    parts.splice(n % parts.length, 0, parts[n % parts.length]);
    return parts.join('');
  }),
  fc.tuple(fc.nat(), fc.integer({ min: -3, max: 5 })).map(([n, k]) => (t: string) => {
    const ls = lines(t);
    const tables = ls.map((l, i) => (l.trim().startsWith('|') ? i : -1)).filter((i) => i >= 0);
    if (!tables.length) return t;
    const i = tables[n % tables.length];
    ls[i] = k < 0 ? ls[i].split('|').slice(0, k).join('|') : ls[i] + '|'.repeat(k) + ' extra |';
    return ls.join('\n');
  }),
  fc.nat().map(
    (n) => (t: string) =>
      lines(t)
        .filter((l, i) => !(l.trim().startsWith('|') && !/^\|\s*:?-/.test(l) && i % 3 === n % 3))
        .join('\n'),
  ),
  fc
    .tuple(fc.nat(), fc.constantFrom('{', '}', '[', ']', ',', '"', ':', ''))
    .map(([n, c]) => (t: string) => {
      const at = t.indexOf('{', n % (t.length + 1));
      return at < 0 ? t : t.slice(0, at + 1) + c + t.slice(at + 1 + (c === '' ? 3 : 0));
    }),
  fc
    .integer({ min: 1, max: 5000 })
    .map(
      (depth) => (t: string) =>
        t.replace('```json\n{', '```json\n{"deep": ' + '['.repeat(depth) + ']'.repeat(depth) + ','),
    ),
  fc
    .string({ maxLength: 40 })
    .map((junk) => (t: string) => t.replace(/<!--\s*\{[^]*?-->/, `<!-- {${junk} -->`)),
  fc
    .integer({ min: 1000, max: 60_000 })
    .map(
      (n) => (t: string) =>
        t.replace('|Property|Type|Description|', `|Property|Type|Description${'x'.repeat(n)}|`),
    ),
  fc
    .integer({ min: 1000, max: 60_000 })
    .map((n) => (t: string) => `${t}\n${'word '.repeat(n / 5)}\n`),
  fc.constantFrom<Mutation>(
    (t) => t.replace(/\n/g, '\r\n'),
    (t) => '\uFEFF' + t,
    (t) => t.replace(/a/, '\0'),
    (t) => t.replace(/^---[^]*?---\n/, ''),
  ),
  fc.tuple(fc.constantFrom(...NASTY_NAMES), fc.nat()).map(([name, n]) => (t: string) => {
    const ls = lines(t);
    const rows = ls
      .map((l, i) =>
        /^\|[A-Za-z@]/.test(l) &&
        !/^\|\s*(Property|Name|Member|Permission|Method|Relationship|Parameter|Header)/i.test(l)
          ? i
          : -1,
      )
      .filter((i) => i >= 0);
    if (!rows.length) return t;
    const i = rows[n % rows.length];
    ls[i] = ls[i].replace(/^\|[^|]*\|/, `|\`${name}\`|`);
    return ls.join('\n');
  }),
  fc
    .constantFrom(...NASTY_NAMES)
    .map(
      (name) => (t: string) =>
        t
          .replace(
            /"@odata\.type": "microsoft\.graph\.(\w+)"/,
            `"@odata.type": "microsoft.graph.${name}"`,
          )
          .replace(/^# (\S+)/m, `# ${name}`),
    ),
  fc.string({ unit: 'binary', maxLength: 30 }).map((s) => (t: string) => t.replace(/String/, s)),
);

/**
 * Hostile shapes past the input limits (deep JSON objects, nested lists and quotes, huge
 * tables): costly per case, so the CLI fuzzing adds them to some of its cases.
 */
export const hostileMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc
    .integer({ min: 1, max: 8000 })
    .map(
      (d) => (t: string) =>
        t.replace(
          '```json\n{',
          '```json\n{"deep": ' + '{"a":'.repeat(d) + '1' + '}'.repeat(d) + ',',
        ),
    ),
  fc.tuple(fc.integer({ min: 1, max: 3000 }), fc.constantFrom('- ', '> ', '1. ', '> - ')).map(
    ([n, marker]) =>
      (t: string) =>
        `${t}\n${marker.repeat(n)}x\n`,
  ),
  fc
    .integer({ min: 1, max: 400 })
    .map(
      (n) => (t: string) =>
        `${t}\n${Array.from({ length: n }, (_, i) => `${' '.repeat(i * 2)}- item`).join('\n')}\n`,
    ),
  fc
    .integer({ min: 9_000, max: 12_000 })
    .map(
      (n) => (t: string) =>
        t.replace(
          /^(\|:?-+.*\n)/m,
          (row) => row + Array.from({ length: n }, (_, i) => `|p${i}|String|d|`).join('\n') + '\n',
        ),
    ),
);

/** Byte-level damage applied after the text mutations: NULs, lone UTF-8 lead bytes, Latin-1. */
export const byteDamage = fc.array(
  fc.tuple(fc.nat(), fc.constantFrom(0x00, 0xff, 0xc3, 0xe9, 0x80, 0xed)),
  { maxLength: 3 },
);

export interface FuzzCase {
  pages: { file: string; bytes: Uint8Array }[];
}

export const fuzzCase: fc.Arbitrary<FuzzCase> = fc
  .tuple(
    fc.nat(),
    fc.array(mutation, { minLength: 1, maxLength: 4 }),
    byteDamage,
    fc.constantFrom('resources/x.md', 'api/x.md', 'odd name ü.md', 'x.txt', 'a/b/c.md'),
    fc.boolean(),
  )
  .map(([pick, mutations, damage, fileName, withOthers]) => {
    const base = basePages();
    const page = base[pick % base.length];
    const text = mutations.reduce((t, m) => m(t), page.text);
    const bytes = Buffer.from(text, 'utf8');
    for (const [at, byte] of damage) if (bytes.length) bytes[at % bytes.length] = byte;
    const others = withOthers ? base.filter((p) => p !== page).slice(pick % 8, (pick % 8) + 2) : [];
    return {
      pages: [
        { file: fileName, bytes: new Uint8Array(bytes) },
        ...others.map((p) => ({ file: p.file, bytes: new Uint8Array(Buffer.from(p.text)) })),
      ],
    };
  });

export interface CaseResult {
  diagnostics: Diagnostic[];
  files: EmittedFile[];
}

/** Run one case through load (decode) → read → model → check → emit (no prettier: it is not ours to fuzz). */
export async function runCase(c: FuzzCase, format = false): Promise<CaseResult> {
  const report = new Reporter('');
  const results = [];
  for (const page of c.pages) {
    const text = decodePage(page.bytes, page.file, report);
    if (!looksLikePage(page.file, text) || !text.trim()) continue;
    results.push(safeReadPage(page.file, text));
  }
  const built = buildModel(results);
  const diagnostics = [
    ...report.items,
    ...runChecks({
      model: built.model,
      pages: results,
      diagnostics: [...results.flatMap((r) => r.diagnostics), ...built.diagnostics],
      timings: {},
      files: new Map(),
    }),
  ];
  const generated = format
    ? await generateFiles(built.model, {
        packageName: 'fuzz',
        packageVersion: '0.0.0',
        baseUrl: 'https://example.test',
      })
    : await generateFiles(
        built.model,
        { packageName: 'fuzz', packageVersion: '0.0.0', baseUrl: 'https://example.test' },
        { format: false },
      );
  // Print every file: printing is part of emitting and must not throw either.
  const files = generated.files.map((f) => ({ path: f.path, content: f.content }));
  return { diagnostics: [...diagnostics, ...generated.diagnostics], files };
}

/** The invariants every case must keep; returns the broken ones (empty when fine). */
export function invariantViolations(result: CaseResult): string[] {
  const problems: string[] = [];
  for (const d of result.diagnostics) {
    if (d.ruleId === 'internal-error') problems.push(`internal error: ${d.message.slice(0, 300)}`);
    if (!(d.line >= 1 && d.column >= 1) || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(d.ruleId) || !d.message)
      problems.push(`unplaced diagnostic ${JSON.stringify(d).slice(0, 200)}`);
  }
  const seen = new Set<string>();
  for (const f of result.files) {
    if (
      !/^[A-Za-z0-9_][A-Za-z0-9_./-]*$/.test(f.path) ||
      f.path.split('/').some((s) => s === '..' || s === '.' || s === '')
    )
      problems.push(`unsafe file name ${JSON.stringify(f.path)}`);
    const key = f.path.toLowerCase();
    if (seen.has(key)) problems.push(`file names clash ignoring case: ${f.path}`);
    seen.add(key);
  }
  return problems;
}
