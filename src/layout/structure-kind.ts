import type { StructureKind } from 'ts-morph';

/**
 * The ts-morph StructureKind values the emitters use, as constants: importing ts-morph takes
 * about 0.5 s (it loads the TypeScript compiler), and a run whose files are all in the format
 * cache never prints, so it need not load ts-morph at all. A test keeps these equal to ts-morph's.
 */
export const Kind = {
  Function: 13 as StructureKind.Function,
  Interface: 19 as StructureKind.Interface,
  SourceFile: 36 as StructureKind.SourceFile,
  TypeAlias: 38 as StructureKind.TypeAlias,
};
