import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { readDefinitionLine } from '../src/text/link-definition.js';

// The two readings the shared one replaced: the skim's loose one and the lifter's plain one.
const SKIM = /^ {0,3}\[([^\]]+)\]:\s*<?([^\s>]+)/;
const LIFT = /^\[([^\\[\]^]*[^\\[\]^\s][^\\[\]^]*)\]:[ \t]*([^\s<>\\&"'()]+)[ \t]*$/;

test('a definition line reads its label and destination, and whether it is plain', () => {
  assert.deepEqual(readDefinitionLine('[user]: ../resources/user.md'), {
    label: 'user',
    url: '../resources/user.md',
    plain: true,
  });
  assert.deepEqual(readDefinitionLine('   [User]: <user.md> "The user"'), {
    label: 'User',
    url: 'user.md',
    plain: false,
  });
  assert.equal(readDefinitionLine('[a\\b]: x.md')?.plain, false);
  assert.equal(readDefinitionLine('[^1]: a footnote')?.plain, false);
  assert.equal(readDefinitionLine('[a]: x.md\r')?.plain, false);
  assert.equal(readDefinitionLine('    [a]: x.md'), undefined);
  assert.equal(readDefinitionLine('[a]:'), undefined);
  assert.equal(readDefinitionLine('[a] : x.md'), undefined);
});

test('the shared reading reads every line as the skim and the lifter each did', () => {
  const piece = fc.constantFrom(
    ...[' ', '\t', '\r', '\v', '[', ']', ':', '<', '>', '\\', '&', '"', "'", '(', ')', '^'],
    ...['a', 'B', '.md', '/', '#x', ' "t"'],
  );
  const text = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));
  const line = fc.oneof(
    text,
    fc
      .tuple(fc.constantFrom('', ' ', '   ', '    ', '\t'), text, text, text, text)
      .map(([indent, label, gap, url, rest]) => `${indent}[${label}]:${gap}${url}${rest}`),
  );
  fc.assert(
    fc.property(line, (l) => {
      const read = readDefinitionLine(l);
      const skim = SKIM.exec(l);
      const lift = LIFT.exec(l);
      assert.deepEqual(read && [read.label, read.url], skim ? [skim[1], skim[2]] : undefined);
      assert.equal(read?.plain ?? false, !!lift);
      if (lift) assert.deepEqual([read?.label, read?.url], [lift[1], lift[2]]);
    }),
    { numRuns: 20_000 },
  );
});
