import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TEMPLATES } from '../shared/paths.js';
import type { EmitContext, EmittedFile, Emitter } from './emitter.js';
import { jsonText, markdownText, stringLiteral } from '../text/escape.js';

/**
 * The escaping of each placeholder context: `"{{json:packageName}}"` inside a JSON string (so
 * the template stays valid JSON, which tsc reads as the templates' package.json),
 * `{{md:…}}` Markdown text, `{{ts:…}}` a whole string literal.
 */
const CONTEXTS: Record<string, (value: string) => string> = {
  json: (v) => jsonText(v).slice(1, -1),
  md: markdownText,
  ts: stringLiteral,
};

/** A template with every placeholder filled, escaped for its context; a placeholder without one is a template bug. */
function fill(template: string, name: string, values: Record<string, string | number>): string {
  return template.replace(
    /\{\{(?:(\w+):)?(\w+)\}\}/g,
    (_, context: string | undefined, key: string) => {
      const escape = context ? CONTEXTS[context] : undefined;
      if (!escape || !Object.hasOwn(values, key))
        throw new Error(
          `templates/${name}: placeholder {{${context ?? ''}:${key}}} names no context or value`,
        );
      return escape(String(values[key]));
    },
  );
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
      content: fill(readFileSync(path.join(TEMPLATES, name), 'utf8'), name, values),
      formatted: plain,
    }));
  },
};
