import assert from 'node:assert/strict';
import { test } from 'node:test';
import yargs from 'yargs';
import {
  GENERATE_FLAGS,
  GENERATE_OPTIONS,
  GLOBAL_OPTIONS,
  plainArgs,
} from '../src/commands/flags.js';

/** What yargs makes of `generate` flags, as the CLI declares them. */
async function byYargs(argv: string[]): Promise<Record<string, unknown>> {
  let parsed: Record<string, unknown> = {};
  await yargs(['generate', ...argv])
    .options(GLOBAL_OPTIONS)
    .command(
      'generate',
      '',
      (y) => y.options(GENERATE_OPTIONS),
      (args) => {
        parsed = args;
      },
    )
    .strict()
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new Error(message);
    })
    .parseAsync();
  return Object.fromEntries(Object.keys(GENERATE_FLAGS).map((k) => [k, parsed[k]]));
}

const withDefaults = (args: Record<string, unknown>) =>
  Object.fromEntries(Object.keys(GENERATE_FLAGS).map((k) => [k, args[k]]));

test('plain generate flags are read as yargs reads them', async () => {
  for (const argv of [
    [],
    ['--docs', 'a', '--out', 'b', '--cache-dir', 'c', '--json', '--quiet'],
    ['--docs', 'a', '--docs', 'b', '--no-cache', '--threads', '3'],
    ['--docs=a', '--out=b=c', '--check', '--watch=false'],
  ]) {
    const plain = plainArgs(argv, GENERATE_FLAGS);
    assert.ok(plain, argv.join(' '));
    assert.deepEqual(withDefaults(plain), await byYargs(argv), argv.join(' '));
  }
});

test('anything else is left to yargs: help, short, unknown or unusual flags', () => {
  for (const argv of [
    ['--help'],
    ['-h'],
    ['--version'],
    ['--docs', 'a', 'b'],
    ['--docs'],
    ['--out', '-x'],
    ['--out', ''],
    ['--out', 'a', '--out', 'b'],
    ['--threads', 'two'],
    ['--cacheDir', 'c'],
    ['--no-out'],
    ['--quiet=yes'],
    ['--json', '--no-json'],
    ['--unknown'],
    ['--', 'x'],
    ['positional'],
  ])
    assert.equal(plainArgs(argv, GENERATE_FLAGS), undefined, argv.join(' '));
});
