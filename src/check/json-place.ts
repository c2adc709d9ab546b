import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { LineStarts } from '../text/line-starts.js';
import type { Place } from './rule.js';

export type JsonPath = (string | number)[];

/**
 * The line and column of a JSON path inside an example body, so a finding points at the
 * offending key or value, not at the block. Falls back to the body's first line.
 */
export class JsonPlaces {
  private readonly tree: Node | undefined;
  private readonly lines: LineStarts;

  constructor(
    private readonly text: string,
    private readonly firstLine: number,
  ) {
    this.tree = parseTree(text);
    this.lines = new LineStarts(text);
  }

  /** Place of the value at `path`; for a property, `key: true` places its key instead. */
  at(path: JsonPath, key = false): Place {
    const node = this.tree && findNodeAtLocation(this.tree, path);
    if (!node) return { line: this.firstLine, column: 1 };
    const target = key && node.parent?.type === 'property' ? node.parent.children![0] : node;
    return { ...this.position(target.offset), ...this.end(target.offset + target.length) };
  }

  private position(offset: number): Place {
    const { line, column } = this.lines.at(offset);
    return { line: this.firstLine + line, column };
  }

  private end(offset: number): { endLine: number; endColumn: number } {
    const p = this.position(offset);
    return { endLine: p.line, endColumn: p.column };
  }
}

export function pathText(path: JsonPath): string {
  return path.reduce<string>(
    (s, p) =>
      typeof p === 'number'
        ? `${s}[${p}]`
        : /^[A-Za-z_$][\w$]*$/.test(p)
          ? `${s}.${p}`
          : `${s}[${JSON.stringify(p)}]`,
    '$',
  );
}
