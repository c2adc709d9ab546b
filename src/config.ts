import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { RuleSetting } from './check/rule.js';
import { ALL_RULE_IDS } from './check/rules.js';

/** Defaults from `docs2ts.config.json` or the `docs2ts` key of package.json; CLI flags win. */
export interface Config {
  docs?: string;
  out?: string;
  packageName?: string;
  packageVersion?: string;
  baseUrl?: string;
  cacheDir?: string;
  /** Rule settings for `check`: `off`, `info`, `warning` (or `warn`), `error`. */
  rules?: Record<string, RuleSetting>;
}

const KEYS: Record<keyof Config, 'string' | 'object'> = {
  docs: 'string', out: 'string', packageName: 'string', packageVersion: 'string', baseUrl: 'string', cacheDir: 'string', rules: 'object',
};

const SETTINGS: Record<string, RuleSetting> = { off: 'off', info: 'info', warn: 'warning', warning: 'warning', error: 'error' };

/** Validate `{ ruleId: setting }`; `where` names the place for the error message. */
export function parseRuleSettings(entries: [string, unknown][], where: string): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  for (const [id, value] of entries) {
    if (!ALL_RULE_IDS.has(id)) throw new Error(`${where}: unknown rule "${id}".`);
    const setting = typeof value === 'string' ? SETTINGS[value] : undefined;
    if (!setting) throw new Error(`${where}: rule "${id}" must be off, info, warn or error (got ${JSON.stringify(value)}).`);
    out[id] = setting;
  }
  return out;
}

export async function loadConfig(dir: string): Promise<Config> {
  const file = path.join(dir, 'docs2ts.config.json');
  const text = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (text !== undefined) return validateConfig(parseJson(text, file), file, dir);
  const pkg = await fs.readFile(path.join(dir, 'package.json'), 'utf8').catch(() => undefined);
  const fromPackage = pkg ? (parseJson(pkg, 'package.json') as { docs2ts?: unknown }).docs2ts : undefined;
  return fromPackage === undefined ? {} : validateConfig(fromPackage, 'package.json "docs2ts"', dir);
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
  }
}

function validateConfig(value: unknown, where: string, dir: string): Config {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${where}: the config must be a JSON object.`);
  const config: Config = {};
  for (const [key, v] of Object.entries(value)) {
    if (!(key in KEYS)) throw new Error(`${where}: unknown key "${key}" (known: ${Object.keys(KEYS).join(', ')}).`);
    if (typeof v !== KEYS[key as keyof Config] || v === null || Array.isArray(v)) throw new Error(`${where}: "${key}" must be a ${KEYS[key as keyof Config]}.`);
    if (key === 'rules') config.rules = parseRuleSettings(Object.entries(v as object), `${where} "rules"`);
    else config[key as Exclude<keyof Config, 'rules'>] = v as string;
  }
  // Folders in a config file are relative to the file, not to where the command runs.
  if (config.docs) config.docs = path.resolve(dir, config.docs);
  if (config.out) config.out = path.resolve(dir, config.out);
  if (config.cacheDir) config.cacheDir = path.resolve(dir, config.cacheDir);
  return config;
}
