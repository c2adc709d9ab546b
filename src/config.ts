import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Defaults from `docs2ts.config.json` or the `docs2ts` key of package.json; CLI flags win. */
export interface Config {
  docs?: string;
  out?: string;
  packageName?: string;
  packageVersion?: string;
  baseUrl?: string;
}

const KEYS: Record<keyof Config, 'string'> = {
  docs: 'string', out: 'string', packageName: 'string', packageVersion: 'string', baseUrl: 'string',
};

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
    if (typeof v !== KEYS[key as keyof Config]) throw new Error(`${where}: "${key}" must be a ${KEYS[key as keyof Config]}.`);
    config[key as keyof Config] = v as string;
  }
  // Folders in a config file are relative to the file, not to where the command runs.
  if (config.docs) config.docs = path.resolve(dir, config.docs);
  if (config.out) config.out = path.resolve(dir, config.out);
  return config;
}
