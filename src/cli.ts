import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
// Commands are imported when they run: `check` need not load ts-morph and prettier, nor a
// plain `generate` yargs.
import {
  isThreadCount,
  loadConfig,
  parseRuleSettings,
  ruleIds,
  type Config,
} from './commands/config.js';
import { DEFAULT_CACHE_DIR } from './build/store.js';
import { RunError, UsageError } from './shared/errors.js';
import type { DocsSource } from './read/load.js';
import { DEFAULT_DOCS } from './shared/paths.js';
import {
  docsOption,
  GENERATE_FLAGS,
  GENERATE_OPTIONS,
  GLOBAL_OPTIONS,
  plainArgs,
  type GenerateFlags,
} from './commands/flags.js';

export { UsageError } from './shared/errors.js';

/** Flags yargs could not make sense of. */
class ArgumentError extends UsageError {}

/** The docs to read: --docs (repeatable) or the config's folders and globs, else the shipped fixtures. */
function docsFolder(value: string[] | undefined, config: Config, threads?: number): DocsSource {
  const roots = (value?.length ? value : (config.docs ?? [DEFAULT_DOCS])).map((d) =>
    path.resolve(d),
  );
  for (const docs of roots) {
    if (!existsSync(docs) || !statSync(docs).isDirectory())
      throw new UsageError(`Docs folder not found: ${docs}`);
  }
  if (threads !== undefined && !isThreadCount(threads))
    throw new UsageError(`--threads ${String(threads)}: expected 1-64.`);
  const count = threads ?? config.threads;
  return {
    roots,
    include: config.include,
    exclude: config.exclude,
    ...(count ? { threads: count } : {}),
    requirePages: !config.allowEmpty,
  };
}

/** `--out FILE` of model and openapi: a folder there is a usage error, not a crash. */
function outFile(value: string | undefined): string | undefined {
  if (value !== undefined && existsSync(value) && statSync(value).isDirectory())
    throw new UsageError(`--out ${value}: a folder; name a file.`);
  return value;
}

/** `docs2ts generate`, its flags read by yargs or `plainArgs`. */
async function generate(args: GenerateFlags, config: Config): Promise<number> {
  if (args.check && args.watch)
    throw new UsageError('--check and --watch cannot be used together.');
  return (await import('./commands/generate.js')).generateCommand({
    docs: docsFolder(args.docs, config, args.threads),
    out: path.resolve(args.out ?? config.out ?? 'generated'),
    check: args.check,
    watch: args.watch,
    quiet: args.quiet,
    json: args.json,
    config,
    cacheDir: args.cache
      ? path.resolve(args['cache-dir'] ?? config.cacheDir ?? DEFAULT_CACHE_DIR)
      : undefined,
  });
}

/** Run the CLI; resolves to the process exit code (0 ok, 1 findings or stale, 2 usage error). */
export async function main(argv: string[]): Promise<number> {
  let code = 0;
  let config: Config;
  try {
    config = await loadConfig(process.cwd());
  } catch (error) {
    process.stderr.write(`docs2ts: ${(error as Error).message}\n`);
    return 2;
  }
  try {
    // A plain `generate` (the run repeated most, often with nothing to do) is read without yargs.
    const plain = argv[0] === 'generate' ? plainArgs(argv.slice(1), GENERATE_FLAGS) : undefined;
    if (plain) return await generate(plain as GenerateFlags, config);
  } catch (error) {
    return failed(error);
  }
  const { default: yargs } = await import('yargs');
  const cli = yargs(argv)
    .scriptName('docs2ts')
    .usage('$0 <command> [options]\n\nTurn Markdown API reference pages into TypeScript.')
    .options(GLOBAL_OPTIONS)
    .command(
      'generate',
      'Write interfaces, validators and request stubs as a TypeScript package',
      (y) => y.options(GENERATE_OPTIONS),
      async (args) => {
        code = await generate(args, config);
      },
    )
    .command(
      'check',
      'Find what is wrong in the docs: every finding with its place and rule id',
      (y) =>
        y
          .option('docs', docsOption)
          .option('format', {
            choices: ['stylish', 'json', 'sarif', 'github', 'junit'] as const,
            default: 'stylish' as const,
            describe: 'Output format',
          })
          .option('max-warnings', {
            type: 'number',
            describe: 'Exit 1 when there are more warnings than this',
          })
          .option('rule', {
            type: 'string',
            array: true,
            default: [] as string[],
            describe: 'Rule setting id=off|info|warn|error (repeatable)',
          })
          .option('baseline', {
            type: 'string',
            describe:
              'Report only findings not in this file (written with the current findings when missing)',
          })
          .option('update-baseline', {
            type: 'boolean',
            default: false,
            describe: 'Rewrite the --baseline file with the current findings',
          }),
      async (args) => {
        if (args['update-baseline'] && !args.baseline)
          throw new UsageError('--update-baseline needs --baseline FILE.');
        const flags = parseRuleSettings(
          args.rule.map((r) => {
            const eq = r.indexOf('=');
            if (eq < 0) throw new UsageError(`--rule ${r}: expected id=off|info|warn|error.`);
            return [r.slice(0, eq), r.slice(eq + 1)] as [string, string];
          }),
          '--rule',
          await ruleIds(),
        );
        code = await (
          await import('./commands/check.js')
        ).checkCommand({
          docs: docsFolder(args.docs, config, args.threads),
          format: args.format,
          maxWarnings: args['max-warnings'],
          rules: config.rules ?? {},
          overrides: config.overrides ?? [],
          flags,
          quiet: args.quiet,
          ...(args.baseline
            ? { baseline: path.resolve(args.baseline), updateBaseline: args['update-baseline'] }
            : {}),
        });
      },
    )
    .command(
      'model',
      'Write the intermediate model as JSON',
      (y) =>
        y
          .option('docs', docsOption)
          .option('out', { type: 'string', describe: 'Output file (default: stdout)' }),
      async (args) => {
        code = await (
          await import('./commands/model.js')
        ).modelCommand({
          docs: docsFolder(args.docs, config, args.threads),
          out: outFile(args.out),
          quiet: args.quiet,
        });
      },
    )
    .command(
      'openapi',
      'Write an OpenAPI 3.1 document of the API',
      (y) =>
        y
          .option('docs', docsOption)
          .option('out', { type: 'string', describe: 'Output file (default: stdout)' })
          .option('format', {
            choices: ['json', 'yaml'] as const,
            describe: 'Output format (default: yaml for a .yaml/.yml --out, else json)',
          })
          .option('title', { type: 'string', default: 'API', describe: 'info.title' })
          .option('api-version', { type: 'string', default: '1.0.0', describe: 'info.version' }),
      async (args) => {
        code = await (
          await import('./commands/openapi.js')
        ).openApiCommand({
          docs: docsFolder(args.docs, config, args.threads),
          out: outFile(args.out),
          format: args.format,
          title: args.title,
          apiVersion: args['api-version'],
          serverUrl: config.baseUrl,
          quiet: args.quiet,
        });
      },
    )
    .command(
      'mock',
      'Serve the documented example responses over HTTP (runs until stopped)',
      (y) =>
        y
          .option('docs', docsOption)
          .option('port', { type: 'number', default: 0, describe: 'Port (default: a free one)' })
          .option('host', {
            type: 'string',
            default: '127.0.0.1',
            describe: 'Address to listen on',
          }),
      async (args) => {
        if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535)
          throw new UsageError(`--port ${args.port}: expected 0-65535.`);
        code = await (
          await import('./commands/mock.js')
        ).mockCommand({
          docs: docsFolder(args.docs, config, args.threads),
          port: args.port,
          host: args.host,
          quiet: args.quiet,
          serviceRoot: config.baseUrl,
        });
      },
    )
    .command(
      'verify',
      'Call every documented example through the generated stubs against the mock; exit 1 on a failure',
      (y) =>
        y
          .option('docs', docsOption)
          .option('json', { type: 'boolean', default: false, describe: 'Print the report as JSON' })
          .option('verbose', {
            type: 'boolean',
            default: false,
            describe: 'List every failure and skipped example',
          }),
      async (args) => {
        code = await (
          await import('./commands/verify.js')
        ).verifyCommand({
          docs: docsFolder(args.docs, config, args.threads),
          json: args.json,
          verbose: args.verbose,
          quiet: args.quiet,
        });
      },
    )
    .command(
      'diff <old> <new>',
      'List API changes between two docs folders (or model files) and suggest a semver bump',
      (y) =>
        y
          .positional('old', {
            type: 'string',
            demandOption: true,
            describe: 'Old docs folder or model JSON',
          })
          .positional('new', {
            type: 'string',
            demandOption: true,
            describe: 'New docs folder or model JSON',
          })
          .option('format', {
            choices: ['text', 'json', 'markdown'] as const,
            default: 'text' as const,
          }),
      async (args) => {
        for (const p of [args.old, args.new])
          if (!existsSync(p)) throw new UsageError(`Not found: ${p}`);
        code = await (
          await import('./commands/diff.js')
        ).diffCommand({
          old: path.resolve(args.old),
          new: path.resolve(args.new),
          format: args.format,
        });
      },
    )
    .demandCommand(1, 'Name a command: generate, check, model, diff, openapi, mock or verify.')
    .strict()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new ArgumentError(message);
    });
  try {
    await cli.parseAsync();
  } catch (error) {
    return failed(error);
  }
  return code;
}

/** The exit code of a run that threw, its message printed: 2 for wrong flags, else 1. */
function failed(error: unknown): number {
  if (
    error instanceof UsageError ||
    !(error instanceof Error) ||
    error.name === 'YError' ||
    /^--rule/.test(error.message)
  ) {
    // The flags themselves were wrong: point at the usage. A refused value explains itself.
    const hint =
      error instanceof ArgumentError ||
      (error as Error).name === 'YError' ||
      /^--rule/.test((error as Error).message);
    process.stderr.write(
      `docs2ts: ${(error as Error).message}\n${hint ? 'Run docs2ts --help for usage.\n' : ''}`,
    );
    return 2;
  }
  // A refusal, or a system error (EACCES, ENOSPC, …) the user can act on: one line. A bug: its stack.
  const systemError =
    typeof (error as NodeJS.ErrnoException).code === 'string' && 'syscall' in error;
  process.stderr.write(
    `docs2ts: ${error instanceof RunError || systemError ? error.message : (error.stack ?? error.message)}\n`,
  );
  return 1;
}
