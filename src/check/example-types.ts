import { isErrorExample, isSubExample } from './example-scope.js';
import { annotationKeyPlace, examplesOf, type Rule } from './rule.js';

const COLLECTION = /^collection\((.*)\)$/i;

export const exampleAnnotationType: Rule = {
  id: 'example-annotation-type',
  severity: 'warning',
  description:
    "A response annotation's @odata.type names another type than the page's Response section, or misspells it.",
  run({ model, index, pages, report }) {
    for (const op of model.operations) {
      const declared =
        op.response.type?.kind === 'named' ? index.type(op.response.type.name) : undefined;
      if (!declared || declared.kind === 'unresolved') continue;
      const family = index.selfAndDescendants(declared);
      for (const e of op.examples) {
        const written = e.response?.odataType;
        // A sub-example's annotation names what its own request returns (`…/mailboxSettings/workingHours`).
        if (!e.response || !written || isSubExample(op, e, index) || isErrorExample(e)) continue;
        const name = written.replace(COLLECTION, '$1').replace(/^#/, '');
        const match = family.find((t) => t.fullName.toLowerCase() === name.toLowerCase());
        const place = annotationKeyPlace(
          pages,
          e.response.source,
          e.response.annotation['@odata.type'] === undefined ? '@type' : '@odata.type',
        );
        if (!match)
          report(
            e.response.source.file,
            place,
            `Annotation @odata.type "${written}" is not ${declared.fullName}, which the Response section returns.`,
          );
        else if (match.fullName !== name)
          report(
            e.response.source.file,
            place,
            `Annotation @odata.type "${written}" should be spelled "${match.fullName}".`,
          );
      }
    }
  },
};

export const exampleOdataTypeUnknown: Rule = {
  id: 'example-odata-type-unknown',
  severity: 'warning',
  description: 'An "@odata.type" inside an example body names a type the docs do not define.',
  run({ model, report }) {
    // Types referenced elsewhere but without a page are reported once by type-unresolved.
    const known = new Set(model.types.map((t) => t.fullName.toLowerCase()));
    for (const { example: e } of examplesOf(model)) {
      for (const part of [e.request, e.response]) {
        if (!part || part.body === undefined || !part.bodyText) continue;
        const lines = part.bodyText.split('\n');
        lines.forEach((line, i) => {
          const m = /"@odata\.type"\s*:\s*"#?([\w.]+)"/.exec(line);
          if (!m || known.has(m[1].toLowerCase()) || !m[1].includes('.')) return;
          report(
            part.source.file,
            { line: (part.bodyLine ?? part.source.line) + i, column: m.index + 1 },
            `@odata.type "${m[1]}" names a type with no page in the docs.`,
          );
        });
      }
    }
  },
};
