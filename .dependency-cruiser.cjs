/**
 * The layering of src/, held by dependency-cruiser (`npm test` runs it: test/layering.test.ts).
 * The pipeline is load → parse → extract/ → model/ → check/ | emit/ → format/ → write, and the
 * model is the only seam: nothing after it reads what the extractors know, no extractor knows
 * what comes after. Shared helpers live in model/ (page facts, names, path templates) or in the
 * neutral text/ (escaping, casing), never in a stage that another stage would then import.
 * layout/ (statements in prettier's shape) sits between emit/ and format/: emit/ builds its
 * statements with it, format/ prints them, and neither imports the other's internals.
 */

/** Folders of the stages after the model. */
const AFTER_MODEL = '^src/(emit|layout|check|format|mock|openapi|diff|commands)/';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment:
        'A cycle makes two modules one: split out what both need (a type, a helper) into a module of its own.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'extract-knows-no-later-stage',
      severity: 'error',
      comment:
        'Extractors turn Markdown into page facts (model/page-facts.ts); they know nothing of checks, emitters, output or commands.',
      from: { path: '^src/extract/' },
      to: { path: AFTER_MODEL },
    },
    {
      name: 'model-is-the-only-seam',
      severity: 'error',
      comment:
        'Stages after the model read the model (and page facts), never extract/: move what they need to model/.',
      from: { path: '^src/(emit|check|format|mock|openapi|diff)/' },
      to: { path: '^src/extract/' },
    },
    {
      name: 'model-knows-no-stage',
      severity: 'error',
      comment:
        'The model is built from page facts and read by every later stage: it imports no stage.',
      from: { path: '^src/model/' },
      to: { path: '^src/(extract|lift|emit|layout|check|format|mock|openapi|diff|commands)/' },
    },
    {
      name: 'text-is-neutral',
      severity: 'error',
      comment: 'text/ (escaping, casing) is shared by every stage, so it imports none.',
      from: { path: '^src/text/' },
      to: { path: '^src/(?!text/)' },
    },
    {
      name: 'shared-is-neutral',
      severity: 'error',
      comment:
        'shared/ (diagnostics as data, package paths, usage errors, own-property and JSON helpers) is imported by every stage, so it imports only text/.',
      from: { path: '^src/shared/' },
      to: { path: '^src/(?!shared/|text/)' },
    },
    {
      name: 'read-knows-no-later-stage',
      severity: 'error',
      comment:
        'read/ and lift/ (finding, loading and parsing pages) run before the model; they know nothing of what comes after.',
      from: { path: '^src/(read|lift)/' },
      to: { path: AFTER_MODEL },
    },
    {
      name: 'readers-know-no-emitters',
      severity: 'error',
      comment:
        'mock/, openapi/, diff/ and check/ read the model and shared helpers (model/, text/), not the emitters.',
      from: {
        path: '^src/(mock|openapi|diff|check)/',
        pathNot: '^src/(diff/model-diff|mock/verify)\\.ts$',
      },
      to: { path: '^src/emit/' },
    },
    {
      name: 'diff-knows-only-emitted-names',
      severity: 'error',
      comment:
        "Exception: diff reports changed type and stub names, so it asks the emitters' naming (emit/names.ts, " +
        'emit/operation-names.ts) rather than copying it; nothing else of emit/.',
      from: { path: '^src/diff/model-diff\\.ts$' },
      to: { path: '^src/emit/', pathNot: '^src/emit/(names|operation-names)\\.ts$' },
    },
    {
      name: 'verify-knows-only-stub-names-and-bodies',
      severity: 'error',
      comment:
        'Exception: verify calls the generated stubs, so it names them as the emitters do (emit/names.ts, ' +
        'emit/operation-names.ts) and builds the body shape a stub takes (emit/client.ts stubBody); nothing else of emit/.',
      from: { path: '^src/mock/verify\\.ts$' },
      to: { path: '^src/emit/', pathNot: '^src/emit/(names|operation-names|client)\\.ts$' },
    },
    {
      name: 'emit-knows-no-format',
      severity: 'error',
      comment:
        'Emitters hand the format stage statements laid out by layout/ (or plain text for prettier); they never format or print through format/.',
      from: { path: '^src/emit/' },
      to: { path: '^src/format/' },
    },
    {
      name: 'format-knows-only-emitted-files',
      severity: 'error',
      comment:
        'format/ takes emitted files (emit/emitter.ts) and their deferred statements (emit/deferred.ts); nothing else of the emitters.',
      from: { path: '^src/format/' },
      to: { path: '^src/emit/', pathNot: '^src/emit/(emitter|deferred)\\.ts$' },
    },
    {
      name: 'layout-is-neutral',
      severity: 'error',
      comment:
        "layout/ (statements in prettier's shape) is shared by emit/ and format/, so it imports neither: only text/.",
      from: { path: '^src/layout/' },
      to: { path: '^src/(?!layout/|text/)' },
    },
    {
      name: 'laid-out-made-by-layout-only',
      severity: 'error',
      comment:
        'A LaidOut statement skips prettier: only the builders in layout/ make one (laid-out.ts), from parts, never from text.',
      from: { path: '^src/', pathNot: '^src/layout/' },
      to: { path: '^src/layout/laid-out\\.ts$' },
    },
    {
      name: 'build-machinery-knows-no-emit-internals',
      severity: 'error',
      comment:
        'The page cache and the up-to-date check store what stages make; they know the stored shapes, not the emitters.',
      from: { path: '^src/build/(cache|up-to-date)\\.ts$' },
      to: { path: '^src/emit/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    // TypeScript 7 has no compiler API, so sources are read with swc (a devDependency);
    // dependency-cruiser is held at 17.x, the last line that runs on Node 20.
    parser: 'swc',
  },
};
