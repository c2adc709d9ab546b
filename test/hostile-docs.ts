import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { wellFormed } from '../src/text/escape.js';

/**
 * Doc sets whose every slot holds a given text: folder and file names, titles, descriptions,
 * type, property, enum member, parameter and header names, paths, permissions and example
 * values. The escaping tests fill them with hostile strings.
 */

/** Hostile fragments: each tries to end the context it lands in and run `PWN()` (or just break the syntax). */
export const HOSTILE = [
  '*/',
  '/*',
  '*/PWN();/*',
  '\u2028',
  '\u2029',
  '`',
  '${',
  '${PWN()}',
  '`+PWN()+`',
  "'",
  "'+PWN()+'",
  '"',
  '"+PWN()+"',
  '\\',
  '\\u0041',
  "\\'",
  '\n',
  '\r',
  '\r\n',
  '</script><script>PWN()</script>',
  '\ud800',
  '\udfff',
  '-->',
  '<!--',
  '|',
  '\\|',
  '@see',
  '{@link x}',
  '#',
  '*',
  '_',
  '**',
  ' @deprecated',
  '\n@internal',
  '@team',
  '\\@x',
  '[a](javascript:PWN())',
  '<b>',
  '&amp;',
  '\t',
  '\x1b[31m',
  '\u00a0',
  '\ufeff',
  '😀',
  '}}',
  '{{packageName}}',
  '//',
  '\\n',
  '$&',
  '$1',
  'constructor',
  '__proto__',
  'toString',
  'prototype',
  'valueOf',
  'hasOwnProperty',
  'x'.repeat(120),
];

/** The texts of one case's slots. */
export interface Slots {
  /** A folder (may hold `/` for nesting) and a file name for the resource page. */
  folder: string;
  file: string;
  title: string;
  description: string;
  typeName: string;
  propertyName: string;
  propertyDescription: string;
  memberName: string;
  memberDescription: string;
  pathSegment: string;
  queryName: string;
  headerName: string;
  bodyName: string;
  paramDescription: string;
  permission: string;
  exampleName: string;
  exampleValue: string;
}

/** A table cell: `|` escaped, line breaks (which end a row) as spaces. */
const cell = (text: string) =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n\u2028\u2029]+/g, ' ');
/** A name cell: in a code span (as the docs write names), so `__proto__` is not read as bold `proto`. */
const nameCell = (text: string) => (text.includes('`') ? cell(text) : `\`${cell(text)}\``);
/** A YAML double-quoted scalar (JSON's escapes are YAML's). */
const yaml = (text: string) => JSON.stringify(text);
/** One line of prose. */
const line = (text: string) => text.replace(/[\r\n]+/g, ' ');
/** JSON inside an HTML comment: `-->` would end the comment. */
const json = (value: unknown, indent?: number) =>
  JSON.stringify(value, null, indent).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');

/** The pages of case `i`: an entity type, an enum and an action on it. */
export function hostilePages(i: number, s: Slots): { file: string; text: string }[] {
  const type = `hostile${i}${s.typeName}`;
  const enumName = `hostileEnum${i}`;
  const folder = `resources/${s.folder}`.replace(/\/+$/, '');
  const resourceFile = `${folder}/${s.file}.md`;
  // Links resolve by page key or by name: the type's name serves, whatever the file is called.
  const link = `../resources/${type.toLowerCase()}.md`;
  const resource = `---
title: ${yaml(`${type} resource type ${s.title}`)}
description: ${yaml(s.description)}
doc_type: resourcePageType
---

# ${type} resource type

Namespace: microsoft.graph

${line(s.description)}

## Properties

|Property|Type|Description|
|:---|:---|:---|
|id|String|The identifier. Read-only. Not nullable.|
|${nameCell(s.propertyName)}|String|${cell(s.propertyDescription)}|
|state${i}|[${enumName}](${enumName.toLowerCase()}.md)|${cell(s.propertyDescription)}|

## JSON representation

<!-- {
  "blockType": "resource",
  "keyProperty": "id",
  "@odata.type": ${json(`microsoft.graph.${type}`)}
}
-->
\`\`\`json
{
  "id": "String (identifier)",
  ${json(s.propertyName)}: "String",
  "state${i}": "String"
}
\`\`\`
`;
  const enumPage = `---
title: "${enumName} enum type"
description: ${yaml(s.memberDescription)}
doc_type: enumPageType
---

# ${enumName} enum type

Namespace: microsoft.graph

${line(s.memberDescription)}

## Members

|Member|Value|Description|
|:---|:---|:---|
|${nameCell(s.memberName)}|0|${cell(s.memberDescription)}|
|other${i}|1|${cell(s.memberDescription)}|
`;
  const api = `---
title: ${yaml(s.title)}
description: ${yaml(s.description)}
doc_type: apiPageType
---

# ${line(s.title) || `action ${i}`}

Namespace: microsoft.graph

${line(s.description)} Acts on a [${type}](${link}).

## Permissions

|Permission type|Permissions (from least to most privileged)|
|:---|:---|
|Delegated (work or school account)|${cell(s.permission)}|
|Application|${cell(s.permission)}|

## HTTP request

<!-- { "blockType": "ignored" } -->
\`\`\`http
POST /hostile${i}/{id}/${s.pathSegment.replace(/\s+/g, '')}
\`\`\`

## Optional query parameters

|Parameter|Type|Description|
|:---|:---|:---|
|${nameCell(s.queryName)}|String|${cell(s.paramDescription)}|

## Request headers

|Name|Description|
|:---|:---|
|Authorization|Bearer {token}. Required.|
|${nameCell(s.headerName)}|${cell(s.paramDescription)}|

## Request body

|Parameter|Type|Description|
|:---|:---|:---|
|${nameCell(s.bodyName)}|String|${cell(s.paramDescription)}|
|count${i}|Int32|${cell(s.paramDescription)}|

## Response

If successful, this action returns a \`200 OK\` response code and a [${type}](${link}) object in the response body.

## Examples

### Request

<!-- {
  "blockType": "request",
  "name": ${json(s.exampleName)}
}
-->
\`\`\`http
POST https://graph.microsoft.com/v1.0/hostile${i}/1/x
Content-Type: application/json

${json({ [s.bodyName]: s.exampleValue }, 2)}
\`\`\`

### Response

<!-- {
  "blockType": "response",
  "@odata.type": ${json(`microsoft.graph.${type}`)}
}
-->
\`\`\`http
HTTP/1.1 200 OK
Content-Type: application/json

${json({ id: s.exampleValue, [s.propertyName]: s.exampleValue }, 2)}
\`\`\`
`;
  return [
    { file: resourceFile, text: resource },
    { file: `${folder}/${enumName.toLowerCase()}.md`, text: enumPage },
    { file: `api/hostile${i}-action.md`, text: api },
  ];
}

/** Ordinary texts, for cases that make one slot hostile. */
export const PLAIN_SLOTS: Slots = {
  folder: 'f',
  file: 'page',
  title: 'Do it',
  description: 'Does it.',
  typeName: 'thing',
  propertyName: 'name',
  propertyDescription: 'A name.',
  memberName: 'one',
  memberDescription: 'The first.',
  pathSegment: 'do',
  queryName: 'q',
  headerName: 'X-Mode',
  bodyName: 'value',
  paramDescription: 'A value.',
  permission: 'Thing.Read',
  exampleName: 'do_it',
  exampleValue: 'v',
};

/** Write pages under `root`. */
export function writeDocSet(root: string, pages: { file: string; text: string }[]): void {
  for (const page of pages) {
    const file = path.join(root, page.file);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, page.text);
  }
}

/** Names the inherited members of every object have, and names the readers take as names. */
export const INHERITED_NAMES = [
  'constructor',
  'toString',
  'valueOf',
  '__proto__',
  'hasOwnProperty',
  'isPrototypeOf',
  'toLocaleString',
];

/** Any text, mostly hostile fragments. */
export const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 6, unit: 'binary' })), {
    maxLength: 6,
  })
  .map((parts) => parts.join(''));

/** A name as a table's first cell gives it (the readers keep an identifier-like token). */
const hostileName = fc.oneof(
  fc.constantFrom(...INHERITED_NAMES, '@odata.x', '$x', 'a-b', 'a.b', 'x'.repeat(120)),
  fc.stringMatching(/^[A-Za-z_$][\w.@$-]{0,20}$/),
  hostileText,
);

/**
 * One path component of a file or folder name: hostile text without `/` and NUL, not `.` or
 * `..`, not dot-led (dot files are not pages), at most 40 characters (a name is at most 255 bytes).
 */
const component = hostileText.map(
  (t) => `n${[...wellFormed(t).replace(/[/\0]/g, '∕')].slice(0, 40).join('')}`,
);

export const slots: fc.Arbitrary<Slots> = fc.record({
  folder: fc.array(component, { minLength: 1, maxLength: 2 }).map((parts) => parts.join('/')),
  file: component,
  title: hostileText,
  description: hostileText,
  typeName: hostileText,
  propertyName: hostileName,
  propertyDescription: hostileText,
  memberName: hostileName,
  memberDescription: hostileText,
  pathSegment: hostileText,
  queryName: hostileName,
  headerName: hostileName,
  bodyName: hostileName,
  paramDescription: hostileText,
  permission: hostileText,
  exampleName: hostileText,
  exampleValue: hostileText,
});
