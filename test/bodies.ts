import { stubBody } from '../src/emit/client.js';
import { documentedPaths } from '../src/model/path-templates.js';
import { NameTable } from '../src/emit/names.js';
import { operationNames } from '../src/emit/operation-names.js';
import type { Model } from '../src/model/types.js';

/**
 * A TypeScript file (for `src/` of a generated package) passing every example request body of
 * the model, as written, to its stub's `body` parameter type: one line per example, so tsc's
 * errors map back to examples (`lines[n]` is the example on line n + 1).
 */
export function bodySweepSource(model: Model): {
  source: string;
  lines: (string | undefined)[];
  examples: number;
} {
  const names = operationNames(model, new NameTable(model), []);
  const lines: (string | undefined)[] = [];
  const out: string[] = [];
  const emit = (text: string, example?: string) => {
    out.push(text);
    lines.push(example);
  };
  let examples = 0;
  for (const op of [...model.operations].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (stubBody(op) !== 'json') continue;
    const bodies = op.examples
      .map((e, i) => [e.request?.body, i] as const)
      .filter(([b]) => b !== undefined && typeof b === 'object' && b !== null);
    if (!bodies.length) continue;
    const fn = names.get(op.id)!.fn;
    const paths = documentedPaths(op);
    const index = paths.length > 1 || paths[0].args.length ? 2 : 1;
    emit(`import type { ${fn} } from './client/operations/${fn}.js';`);
    for (const [body, i] of bodies) {
      const json = JSON.stringify(body);
      if (json.includes('__proto__')) continue;
      emit(
        `export const body_${examples++}: Parameters<typeof ${fn}>[${index}] = ${json};`,
        `${op.id}#${i}`,
      );
    }
  }
  return { source: out.join('\n') + '\n', lines, examples };
}

/** The examples tsc rejected, from its output on the sweep file. */
export function rejectedBodies(
  tscOutput: string,
  lines: (string | undefined)[],
  file = 'bodies.ts',
): Map<string, string> {
  const rejected = new Map<string, string>();
  for (const m of tscOutput.matchAll(
    new RegExp(`${file.replace('.', '\\.')}\\((\\d+),\\d+\\): error (TS\\d+: [^\\n]*)`, 'g'),
  )) {
    const example = lines[Number(m[1]) - 1];
    if (example && !rejected.has(example)) rejected.set(example, m[2]);
  }
  return rejected;
}
