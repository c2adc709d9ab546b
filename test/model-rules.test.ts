/**
 * fixtures/model: one page (or a few) per reading rule of issue 17, each a class of pages seen
 * in the Graph docs. The set as a whole generates a package that compiles under tsc --strict.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import type { OperationModel, PropertyModel, TypeModel } from '../src/model/types.js';
import { compile, FIXTURES, generateInto, readOnce } from './helpers.js';

const MODEL = path.join(FIXTURES, 'model');
const read = readOnce(MODEL);
const type = async (fullName: string): Promise<TypeModel> => {
  const found = (await read).model.types.find((t) => t.fullName === fullName);
  assert.ok(found, `type ${fullName}`);
  return found;
};
const property = async (typeName: string, name: string): Promise<PropertyModel> => {
  const t = await type(`microsoft.graph.${typeName}`);
  const found = [...t.properties, ...t.navigationProperties].find((p) => p.name === name);
  assert.ok(found, `${typeName}.${name}`);
  return found;
};
const operation = async (id: string): Promise<OperationModel> => {
  const found = (await read).model.operations.find((o) => o.id === id);
  assert.ok(found, `operation ${id}`);
  return found;
};
const diagnosticsOf = async (file: string) => (await read).diagnostics.filter((d) => d.file === file).map((d) => `${d.ruleId}:${d.line}`);

test('nullability: "Not nullable" and "Nullable" are read, "Required." is not (it speaks of requests)', async () => {
  assert.equal((await property('loan', 'dueDateTime')).nullable, undefined);
  assert.equal((await property('loan', 'notes')).nullable, undefined);
  assert.equal((await property('loan', 'readerName')).nullable, false);
  assert.equal((await property('loan', 'stamps')).nullable, false);
  assert.equal((await property('loan', 'returnedDateTime')).nullable, true);
});

test('the fixture set generates a package that compiles under tsc --strict, with the nullability rule', async () => {
  const { out } = await generateInto(MODEL);
  assert.equal(await compile(out, true), '');
  const { readFile } = await import('node:fs/promises');
  const loan = await readFile(path.join(out, 'src/models/Loan.ts'), 'utf8');
  for (const line of ['dueDateTime?: string | null;', 'notes?: string[] | null;', 'readerName?: string;', 'stamps?: string[];']) assert.ok(loan.includes(line), line);
});

