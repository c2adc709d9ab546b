import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Override, RuleSetting } from '../check/rule.js';

export const ARTIFACTS = ['interfaces', 'validators', 'client'] as const;
export type Artifact = (typeof ARTIFACTS)[number];

/** Defaults from `docs2ts.config.json` or the `docs2ts` key of package.json; CLI flags win. */
export interface Config {
  /** One docs folder or several. */
  docs?: string[];
  /** Globs (relative to each docs folder) that pages must match / must not match. */
  include?: string[];
  exclude?: string[];
  out?: string;
  packageName?: string;
  packageVersion?: string;
  baseUrl?: string;
  cacheDir?: string;
  /** Which artifacts `generate` writes (default: all). */
  emit?: Artifact[];
  /** Validators reject unknown properties by default when true (default false: lenient). */
  strict?: boolean;
  /** Rule settings for `check`: `off`, `info`, `warn`/`warning`, `error`. */
  rules?: Record<string, RuleSetting>;
  /** Rule settings for the pages matching globs (relative to the docs folder), applied over `rules` in order. */
  overrides?: Override[];
  /** Parse threads (default: see parse-pool.ts). */
  threads?: number;
  /** Globs (relative to the output folder) of files `generate` keeps there, beside node_modules, dist and lock files. */
  keep?: string[];
  /** A docs folder with no pages is not an error (default false: exit 1). */
  allowEmpty?: boolean;
}

type KeyKind =
  'string' | 'strings' | 'boolean' | 'rules' | 'overrides' | 'artifacts' | 'count' | 'output-globs';
const KEYS: Record<keyof Config, KeyKind> = {
  docs: 'strings',
  include: 'strings',
  exclude: 'strings',
  out: 'string',
  packageName: 'string',
  packageVersion: 'string',
  baseUrl: 'string',
  cacheDir: 'string',
  emit: 'artifacts',
  strict: 'boolean',
  rules: 'rules',
  overrides: 'overrides',
  threads: 'count',
  keep: 'output-globs',
  allowEmpty: 'boolean',
};

/** A glob inside the output folder: relative, `/`-separated, not climbing out. */
const isOutputGlob = (g: string) =>
  g.trim() !== '' &&
  !g.startsWith('/') &&
  !/^[a-zA-Z]:/.test(g) &&
  !g.includes('\\') &&
  !g.split('/').includes('..');
/**
 * Values that go into the generated package as they are: the name and version npm accepts
 * for a new package (lower case, URL-safe, at most 214 characters; semver), and an http(s)
 * service root.
 */
const VALUE_RULES: Record<string, { test: (v: string) => boolean; expected: string }> = {
  packageName: {
    test: (v) => v.length <= 214 && /^(?:@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/.test(v),
    expected:
      'an npm package name (lower-case letters, digits, "-", "." and "_", optionally "@scope/")',
  },
  packageVersion: {
    test: (v) =>
      /^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(
        v,
      ),
    expected: 'a semver version such as 1.2.3',
  },
  baseUrl: {
    test: (v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol),
    expected: 'an absolute http(s) URL',
  },
};

const SETTINGS: Record<string, RuleSetting> = {
  off: 'off',
  info: 'info',
  warn: 'warning',
  warning: 'warning',
  error: 'error',
};

/** The ids of the rules, loaded only for settings that name rules: the rules are a tenth of a `generate`'s start-up. */
export const ruleIds = async (): Promise<ReadonlySet<string>> =>
  (await import('../check/rules.js')).ALL_RULE_IDS;

/** Validate `{ ruleId: setting }` against the rule ids `known`; `where` names the place for the error message. */
export function parseRuleSettings(
  entries: [string, unknown][],
  where: string,
  known: ReadonlySet<string>,
): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  for (const [id, value] of entries) {
    if (!known.has(id)) throw new Error(`${where}: unknown rule "${id}".`);
    const setting = typeof value === 'string' ? SETTINGS[value] : undefined;
    if (!setting)
      throw new Error(
        `${where}: rule "${id}" must be off, info, warn or error (got ${JSON.stringify(value)}).`,
      );
    out[id] = setting;
  }
  return out;
}

export async function loadConfig(dir: string): Promise<Config> {
  const file = path.join(dir, 'docs2ts.config.json');
  const text = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (text !== undefined) return await validateConfig(parseJson(text, file), file, dir);
  const pkg = await fs.readFile(path.join(dir, 'package.json'), 'utf8').catch(() => undefined);
  const fromPackage = pkg
    ? (parseJson(pkg, 'package.json') as { docs2ts?: unknown }).docs2ts
    : undefined;
  return fromPackage === undefined
    ? {}
    : await validateConfig(fromPackage, 'package.json "docs2ts"', dir);
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
}

/** `threads` in the config and `--threads`. */
export const isThreadCount = (v: unknown): v is number =>
  Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 64;

const isStrings = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

/** `overrides`: `[{ "files": ["api/intune-*.md"], "rules": { "rule-id": "off" } }, …]`. */
function parseOverrides(value: unknown, where: string, known: ReadonlySet<string>): Override[] {
  if (!Array.isArray(value))
    throw new Error(
      `${where} must be an array of { "files": [...], "rules": {...} } (got ${JSON.stringify(value)}).`,
    );
  return value.map((entry: unknown, i) => {
    const at = `${where}[${i}]`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry))
      throw new Error(`${at} must be an object with "files" and "rules".`);
    const { files, rules, ...rest } = entry as Record<string, unknown>;
    const unknown = Object.keys(rest)[0];
    if (unknown !== undefined)
      throw new Error(`${at}: unknown key "${unknown}" (known: files, rules).`);
    const globs = typeof files === 'string' ? [files] : files;
    if (!isStrings(globs) || !globs.length || globs.some((g) => !g))
      throw new Error(
        `${at} "files" must be a glob or a non-empty array of globs (got ${JSON.stringify(files)}).`,
      );
    if (!rules || typeof rules !== 'object' || Array.isArray(rules))
      throw new Error(
        `${at} "rules" must be an object of rule settings (got ${JSON.stringify(rules)}).`,
      );
    return {
      files: globs,
      rules: parseRuleSettings(Object.entries(rules), `${at} "rules"`, known),
    };
  });
}

async function validateConfig(value: unknown, where: string, dir: string): Promise<Config> {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new Error(`${where}: the config must be a JSON object.`);
  const config: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const kind = KEYS[key as keyof Config];
    if (!kind)
      throw new Error(`${where}: unknown key "${key}" (known: ${Object.keys(KEYS).join(', ')}).`);
    const bad = (expected: string) =>
      new Error(`${where}: "${key}" must be ${expected} (got ${JSON.stringify(v)}).`);
    if (kind === 'string') {
      if (typeof v !== 'string') throw bad('a string');
      const rule = VALUE_RULES[key];
      if (rule && !rule.test(v)) throw bad(rule.expected);
      config[key] = v;
    } else if (kind === 'strings') {
      if (typeof v !== 'string' && !isStrings(v)) throw bad('a string or an array of strings');
      config[key] = typeof v === 'string' ? [v] : v;
    } else if (kind === 'boolean') {
      if (typeof v !== 'boolean') throw bad('true or false');
      config[key] = v;
    } else if (kind === 'count') {
      if (!isThreadCount(v)) throw bad('a whole number from 1 to 64');
      config[key] = v;
    } else if (kind === 'output-globs') {
      if (!isStrings(v) || !v.every(isOutputGlob))
        throw bad(
          'an array of globs relative to the output folder (no leading /, no .., / as separator)',
        );
      config[key] = v;
    } else if (kind === 'artifacts') {
      if (!isStrings(v) || v.some((a) => !(ARTIFACTS as readonly string[]).includes(a)))
        throw bad(`an array of ${ARTIFACTS.join(', ')}`);
      config[key] = v;
    } else if (kind === 'overrides') {
      config[key] = parseOverrides(v, `${where} "overrides"`, await ruleIds());
    } else {
      if (!v || typeof v !== 'object' || Array.isArray(v)) throw bad('an object of rule settings');
      config[key] = parseRuleSettings(
        Object.entries(v as Record<string, unknown>),
        `${where} "rules"`,
        await ruleIds(),
      );
    }
  }
  const result = config as Config;
  // Folders in a config file are relative to the file, not to where the command runs.
  if (result.docs) result.docs = result.docs.map((d) => path.resolve(dir, d));
  if (result.out) result.out = path.resolve(dir, result.out);
  if (result.cacheDir) result.cacheDir = path.resolve(dir, result.cacheDir);
  return result;
}
