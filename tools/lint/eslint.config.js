// ESLint for docs2ts' own TypeScript: typescript-eslint's recommended-type-checked rules, run by
// test/lint.test.ts (by hand: `node tools/lint/node_modules/eslint/bin/eslint.js -c tools/lint/eslint.config.js .`).
import js from '@eslint/js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default tseslint.config(
  {
    ignores: ['dist/', 'generated/', 'fixtures/', 'node_modules/', 'test/tools/', 'tools/', 'bin/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } },
    rules: {
      // A leading underscore marks what a destructuring leaves out on purpose (`{ out: _out, ...rest }`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  // Plain JavaScript (the bench's comparison apps, bin/) has no type information to check with.
  {
    files: ['**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
  {
    rules: {
      // Functions stay async where callers expect a promise (an interface that does I/O
      // elsewhere, a fake fetch), whether or not this body awaits.
      '@typescript-eslint/require-await': 'off',
      // Escaping is matching control characters on purpose (JSON, XML, terminals, bidi marks).
      'no-control-regex': 'off',
    },
  },
  {
    // Standard Schema's types are written as the spec writes them, a declared namespace; the
    // runtime's `internal` namespace keeps what validators share apart from the public names.
    files: ['templates/**/*.ts'],
    // templates/tsconfig.json is the generated package's; the project's own includes the runtime.
    languageOptions: {
      parserOptions: { projectService: false, project: path.join(root, 'tsconfig.json') },
    },
    rules: {
      '@typescript-eslint/no-namespace': 'off',
      // The runtime is copied into every generated package and compiled with the user's
      // settings: `| undefined` on optional members is what exactOptionalPropertyTypes needs,
      // and the edm table's assertions keep every entry one Checker type.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/no-duplicate-type-constituents': 'off',
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      // node:test's test() and describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': 'off',
      // Tests and the bench read the CLI's JSON output (JSON.parse gives `any`) and assert on
      // its shape; the assertions are the check, so a typed copy of every output would add nothing.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
