import type { InferredOptionTypes } from 'yargs';

/** The flags of every command, and those of `generate`: yargs reads them, or `plainArgs` (see there). */
export const GLOBAL_OPTIONS = {
  quiet: { type: 'boolean', default: false, describe: 'Print nothing but errors' },
  threads: {
    type: 'number',
    describe: 'Threads that parse pages (default: 1 below 4 cores, else cores - 1)',
  },
} as const;

export const docsOption = {
  type: 'string',
  array: true,
  describe: 'Docs folder, repeatable (default: config, else the shipped fixtures)',
} as const;

export const GENERATE_OPTIONS = {
  docs: docsOption,
  out: { type: 'string', describe: 'Output folder (default: generated)' },
  check: {
    type: 'boolean',
    default: false,
    describe: 'Write nothing; exit 1 if the output is stale',
  },
  watch: { type: 'boolean', default: false, describe: 'Regenerate when the docs change' },
  json: { type: 'boolean', default: false, describe: 'Print a machine-readable summary' },
  cache: {
    type: 'boolean',
    default: true,
    describe: 'Reuse per-page and formatting results (--no-cache to disable)',
  },
  'cache-dir': {
    type: 'string',
    describe: 'Cache folder (default: node_modules/.cache/docs2ts)',
  },
} as const;

export type GenerateFlags = InferredOptionTypes<typeof GLOBAL_OPTIONS & typeof GENERATE_OPTIONS>;

export const GENERATE_FLAGS = { ...GLOBAL_OPTIONS, ...GENERATE_OPTIONS };

interface Flag {
  type: 'boolean' | 'string' | 'number';
  array?: boolean;
  default?: unknown;
}

/**
 * A command's flags when each is plain, read as yargs reads it: `--name value` or
 * `--name=value` (a value not starting with `-`, a number's in digits), `--flag` and
 * `--no-flag`, repeated only where an array is expected. Loading yargs is a third of a
 * nothing-to-do build's time; anything else (help, short or unknown flags, positionals, a
 * value needing yargs' rules) is undefined: left to yargs, its errors and its help.
 */
export function plainArgs(
  argv: string[],
  flags: Record<string, Flag>,
): Record<string, unknown> | undefined {
  const args: Record<string, unknown> = {};
  for (const [name, flag] of Object.entries(flags))
    if (flag.default !== undefined) args[name] = flag.default;
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([a-z][a-z-]*[a-z])(?:=(.*))?$/s.exec(argv[i]);
    if (!match) return undefined;
    let [, name, value] = match;
    let flag = Object.hasOwn(flags, name) ? flags[name] : undefined;
    if (!flag && value === undefined && name.startsWith('no-')) {
      name = name.slice(3);
      flag = Object.hasOwn(flags, name) ? flags[name] : undefined;
      if (flag?.type !== 'boolean') return undefined;
      value = 'false';
    }
    if (!flag || (seen.has(name) && !flag.array)) return undefined;
    seen.add(name);
    if (flag.type === 'boolean') {
      if (value !== undefined && value !== 'false') return undefined;
      args[name] = value === undefined;
      continue;
    }
    value ??= argv[++i];
    if (value === undefined || value === '' || value.startsWith('-')) return undefined;
    if (flag.type === 'number' && !/^\d+$/.test(value)) return undefined;
    const parsed = flag.type === 'number' ? Number(value) : value;
    args[name] = flag.array ? [...((args[name] as unknown[] | undefined) ?? []), parsed] : parsed;
  }
  return args;
}
