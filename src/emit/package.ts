import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TEMPLATES } from '../paths.js';
import type { EmitContext, EmittedFile, Emitter } from './emitter.js';

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key] ?? ''));
}

/** `package.json`, `tsconfig.json` and `README.md` of the generated package, from `templates/`. */
export const packageEmitter: Emitter = {
  name: 'package',
  emit({ model, options }: EmitContext): EmittedFile[] {
    const values = {
      packageName: options.packageName,
      packageVersion: options.packageVersion,
      typeCount: model.types.length,
      operationCount: model.operations.length,
    };
    // The templates are prettier-clean; values of plain characters keep them so.
    const plain = Object.values(values).every((v) => /^[\w@./-]+$/.test(String(v)));
    return ['package.json', 'tsconfig.json', 'README.md'].map((name) => ({
      path: name,
      content: fill(readFileSync(path.join(TEMPLATES, name), 'utf8'), values),
      formatted: plain,
    }));
  },
};
