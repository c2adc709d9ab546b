import { sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { clientEmitter } from './emit/client.js';
import { rootBarrel } from './emit/barrel.js';
import type { EmitOptions, EmittedFile, Emitter } from './emit/emitter.js';
import { interfacesEmitter } from './emit/interfaces.js';
import { NameTable } from './emit/names.js';
import { packageEmitter } from './emit/package.js';
import { validatorsEmitter } from './emit/validators.js';
import type { HashCache } from './cache.js';
import { formatFiles } from './format/index.js';
import type { Progress } from './progress.js';
import type { Model } from './model/types.js';

export const EMITTERS: Emitter[] = [interfacesEmitter, validatorsEmitter, clientEmitter, packageEmitter];

export interface GenerateResult {
  files: EmittedFile[];
  diagnostics: Diagnostic[];
  timings: Record<string, number>;
}

/** Run every emitter on the model, then format; files sorted by path. */
export async function generateFiles(model: Model, options: EmitOptions, emitters = EMITTERS, formatCache?: HashCache<string>, progress?: Progress, format = true): Promise<GenerateResult> {
  let t = performance.now();
  progress?.stage('emitting');
  const names = new NameTable(model);
  const context = { model, names, options, diagnostics: [...names.report.items] };
  const emitted = emitters.flatMap((e) => e.emit(context));
  const files = [...emitted, rootBarrel(emitted)].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const timings: Record<string, number> = { emit: performance.now() - t };
  t = performance.now();
  const formatted = format ? await formatFiles(files, formatCache, progress) : files;
  timings.format = performance.now() - t;
  return { files: formatted, diagnostics: sortDiagnostics(context.diagnostics), timings };
}
