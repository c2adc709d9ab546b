import { inSections, sectionRead } from './section-reads.js';
import type { Reporter } from '../shared/diagnostics.js';
import type { ParameterModel } from '../model/types.js';
import { sourceOf, textOf, type PageDoc } from './blocks.js';
import { isTypedTable, readTypedTable } from './typed-table.js';

export const ODATA_OPTIONS = [
  '$count',
  '$expand',
  '$filter',
  '$format',
  '$orderby',
  '$search',
  '$select',
  '$skip',
  '$skiptoken',
  '$top',
];

export const QUERY_PARAMETERS_READ = sectionRead(
  'query-parameters',
  /^(optional )?(query|function) parameters\b|^parameters$/,
  'prose',
  'tables',
);

/**
 * The rows of a "Path parameters" table: the path's placeholders (`item-id`, `size`), or the
 * arguments of a function whose request line writes none (`row`, `column` of `range/cell`).
 */
export const PATH_PARAMETERS_READ = sectionRead('path-parameters', /^path parameters$/, 'tables');

/** The rows of the page's "Path parameters" tables (see `PATH_PARAMETERS_READ`). */
export function extractPathParameters(doc: PageDoc, report: Reporter): ParameterModel[] {
  const params = new Map<string, ParameterModel>();
  for (const block of doc.blocks)
    if (inSections(PATH_PARAMETERS_READ)(block.section))
      readParameterTable(doc, block.node, report, params);
  return [...params.values()];
}

/**
 * The rows of `node` when it is a parameter table (Name | Type | Description), into `params` by
 * name; the names it added (not there before), or undefined when it is no parameter table.
 */
function readParameterTable(
  doc: PageDoc,
  node: PageDoc['blocks'][number]['node'],
  report: Reporter,
  params: Map<string, ParameterModel>,
): string[] | undefined {
  if (node.type !== 'table' || !isTypedTable(node)) return undefined;
  const added: string[] = [];
  for (const row of readTypedTable(node, report)) {
    if (!params.has(row.name)) added.push(row.name);
    params.set(row.name, {
      name: row.name,
      type: row.type,
      collection: row.collection,
      required:
        /\brequired\b/i.test(row.description) &&
        !/\bnot required|optional\b/i.test(row.description),
      description: row.description,
      source: { file: doc.file, line: row.line, column: row.column },
    });
  }
  return added;
}

/** The sections of a function's arguments, as against query options: "Function parameters". */
const FUNCTION_PARAMETERS = /^(optional )?function parameters\b/;

/**
 * Query parameters: the OData system options the section names (`$select`, …) and the rows
 * of any parameter table in it (function parameters, custom query options); and, of those
 * rows, the names a "Function parameters" section gives (`functionArguments`).
 */
export function extractQueryParameters(
  doc: PageDoc,
  report: Reporter,
): { params: ParameterModel[]; functionArguments: Set<string> } {
  const params = new Map<string, ParameterModel>();
  const functionArguments = new Set<string>();
  for (const block of doc.blocks) {
    if (!inSections(QUERY_PARAMETERS_READ)(block.section)) continue;
    const node = block.node;
    const added = readParameterTable(doc, node, report, params);
    if (added) {
      if (FUNCTION_PARAMETERS.test(block.section))
        for (const name of added) functionArguments.add(name);
      continue;
    }
    if (node.type === 'paragraph' || node.type === 'table') {
      for (const option of textOf(node as never).match(/\$[a-z]+/gi) ?? []) {
        const name = option.toLowerCase();
        if (ODATA_OPTIONS.includes(name) && !params.has(name)) {
          params.set(name, {
            name,
            type: {
              kind: 'primitive',
              name:
                name === '$top' || name === '$skip'
                  ? 'Int32'
                  : name === '$count'
                    ? 'Boolean'
                    : 'String',
            },
            collection: false,
            required: false,
            description: '',
            source: sourceOf(doc.file, node),
          });
        }
      }
    }
  }
  return { params: [...params.values()], functionArguments };
}
