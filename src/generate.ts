import { sortDiagnostics, type Diagnostic } from './shared/diagnostics.js';
import { clientEmitter } from './emit/client.js';
import { rootBarrel } from './emit/barrel.js';
import type { EmitOptions, EmittedFile, Emitter, HeldFiles, Statements } from './emit/emitter.js';
import { EmitMemo, RecordingIndex } from './emit/memo.js';
import { interfacesEmitter } from './emit/interfaces.js';
import { NameTable } from './emit/names.js';
import { packageEmitter } from './emit/package.js';
import { validatorsEmitter } from './emit/validators.js';
import type { Stage } from './build/store.js';
import { formatFiles } from './format/index.js';
import type { Progress } from './build/progress.js';
import type { Model } from './model/types.js';

export const EMITTERS: Emitter[] = [
  interfacesEmitter,
  validatorsEmitter,
  clientEmitter,
  packageEmitter,
];

export interface GenerateResult {
  files: EmittedFile[];
  diagnostics: Diagnostic[];
  timings: Record<string, number>;
}

export interface GenerateOptions {
  emitters?: Emitter[];
  formatCache?: Stage<string>;
  progress?: Progress;
  /** Off: files as emitted, statements not yet laid out by prettier where the layouts leave them. */
  format?: boolean;
  /** Statements kept across builds (watch mode); see memo.ts. */
  memo?: EmitMemo;
  /** The files the output folder still holds as the last build wrote them (see `formatFiles`). */
  held?: HeldFiles;
}

/** Run every emitter on the model, then format; files sorted by path. */
export async function generateFiles(
  model: Model,
  options: EmitOptions,
  { emitters = EMITTERS, formatCache, progress, format = true, memo, held }: GenerateOptions = {},
): Promise<GenerateResult> {
  let t = performance.now();
  progress?.stage('emitting');
  const names = new NameTable(model);
  const index = new RecordingIndex(model);
  const statements = memo
    ? memo.begin(index, `${names.key()} ${JSON.stringify(options)}`)
    : (_path: string, _subject: unknown[], make: () => Statements) => make();
  const computed = <T>(name: string, inputs: unknown[], make: () => T) =>
    memo ? memo.value(name, inputs, make) : make();
  const context = {
    model,
    names,
    index,
    options,
    statements,
    computed,
    diagnostics: [...names.report.items],
  };
  const emitted = emitters.flatMap((e) => e.emit(context));
  const files = [...emitted, rootBarrel(emitted)].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
  const timings: Record<string, number> = { emit: performance.now() - t };
  t = performance.now();
  const formatted = format ? await formatFiles(files, formatCache, progress, held) : files;
  timings.format = performance.now() - t;
  return { files: formatted, diagnostics: sortDiagnostics(context.diagnostics), timings };
}
