import { promises as fs } from 'node:fs';
import { diffModels, formatDiffMarkdown, formatDiffText } from '../diff/model-diff.js';
import type { Model } from '../model/types.js';
import { readDocs } from '../pipeline.js';

export interface DiffArgs {
  old: string;
  new: string;
  format: 'text' | 'json' | 'markdown';
}

/** A docs folder, or a model JSON file written by `docs2ts model`. */
async function modelOf(source: string): Promise<Model> {
  const stat = await fs.stat(source);
  if (stat.isDirectory()) return (await readDocs(source)).model;
  const model = JSON.parse(await fs.readFile(source, 'utf8')) as Model;
  if (!Array.isArray(model.types) || !Array.isArray(model.operations))
    throw new Error(`${source} is not a docs2ts model file.`);
  return model;
}

/** `docs2ts diff OLD NEW`: API changes between two doc sets; exit 0 either way. */
export async function diffCommand(args: DiffArgs): Promise<number> {
  const diff = diffModels(await modelOf(args.old), await modelOf(args.new));
  const text =
    args.format === 'json'
      ? JSON.stringify(diff, null, 2)
      : args.format === 'markdown'
        ? formatDiffMarkdown(diff)
        : formatDiffText(diff);
  process.stdout.write(text + '\n');
  return 0;
}
