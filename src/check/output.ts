import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { reporter } from 'vfile-reporter';
import {
  sortDiagnostics,
  terminalText,
  type Diagnostic,
  type Severity,
} from '../shared/diagnostics.js';
import { formatGithub, formatJunit } from './ci-formats.js';
import { OTHER_RULES, RULES } from './rules.js';

export const CHECK_FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

/** The findings in the chosen format; `docsUri` is the docs folder's file URL (SARIF). */
export function formatFindings(
  format: CheckFormat,
  list: Diagnostic[],
  run: { version: string; docsUri: string; color?: boolean; githubPrefix?: string },
): string {
  switch (format) {
    case 'json':
      return formatJson(list);
    case 'sarif':
      return formatSarif(list, run.version, run.docsUri);
    case 'github':
      return formatGithub(list, run.githubPrefix);
    case 'junit':
      return formatJunit(list);
    default:
      return formatStylish(list, run.color);
  }
}

/** Stylish: grouped by file, as vfile-reporter prints it. */
export function formatStylish(list: Diagnostic[], color = false): string {
  if (!list.length) return 'no issues found';
  return reporter(toVFiles(list), { color });
}

/** One object per finding with a fixed key order. */
export function formatJson(list: Diagnostic[]): string {
  return JSON.stringify(
    list.map((d) => ({
      file: d.file,
      line: d.line,
      column: d.column,
      endLine: d.endLine ?? d.line,
      endColumn: d.endColumn ?? d.column,
      ruleId: d.ruleId,
      severity: d.severity,
      message: d.message,
    })),
    null,
    2,
  );
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

/** SARIF 2.1.0, as GitHub code scanning loads it; paths are relative to the docs folder. */
export function formatSarif(list: Diagnostic[], version: string, docsUri: string): string {
  const rules = [...RULES, ...OTHER_RULES].sort((a, b) => (a.id < b.id ? -1 : 1));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'docs2ts',
            version,
            informationUri: 'https://www.npmjs.com/package/docs2ts',
            rules: rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.description },
              defaultConfiguration: { level: LEVEL[r.severity] },
            })),
          },
        },
        originalUriBaseIds: { DOCSROOT: { uri: docsUri.endsWith('/') ? docsUri : `${docsUri}/` } },
        results: list.map((d) => ({
          ruleId: d.ruleId,
          ...(ruleIndex.has(d.ruleId) ? { ruleIndex: ruleIndex.get(d.ruleId) } : {}),
          level: LEVEL[d.severity],
          message: { text: d.message },
          ...(d.file
            ? {
                locations: [
                  {
                    physicalLocation: {
                      artifactLocation: { uri: encodeURI(d.file), uriBaseId: 'DOCSROOT' },
                      region: {
                        startLine: d.line,
                        startColumn: d.column,
                        ...(d.endLine
                          ? { endLine: d.endLine, endColumn: d.endColumn ?? d.column }
                          : {}),
                      },
                    },
                  },
                ],
              }
            : {}),
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

/**
 * The diagnostics as vfiles for vfile-reporter, which prints to a terminal: texts through
 * `terminalText`. Here, not in diagnostics.ts: reading pages need not load vfile.
 */
function toVFiles(list: Diagnostic[]): VFile[] {
  const files = new Map<string, VFile>();
  for (const d of sortDiagnostics(list)) {
    const path = terminalText(d.file);
    let file = files.get(path);
    if (!file) files.set(path, (file = new VFile({ path })));
    const place = d.endLine
      ? {
          start: { line: d.line, column: d.column },
          end: { line: d.endLine, column: d.endColumn ?? d.column },
        }
      : { line: d.line, column: d.column };
    const message: VFileMessage = file.message(terminalText(d.message), {
      place,
      ruleId: d.ruleId,
      source: 'docs2ts',
    });
    message.fatal = d.severity === 'error' ? true : d.severity === 'warning' ? false : undefined;
  }
  return [...files.values()];
}
