import type { Rule } from './rule.js';

export const placeholderText: Rule = {
  id: 'placeholder-text',
  severity: 'warning',
  description: 'A TODO placeholder is left in the page text, tables or front matter.',
  run({ pages, report }) {
    for (const page of pages)
      for (const todo of page.todos)
        report(page.file, todo, `Placeholder left in: "${todo.text}".`);
  },
};

const REQUIRED_FRONT_MATTER = ['title', 'description', 'doc_type'];

export const frontMatterFields: Rule = {
  id: 'frontmatter-field-missing',
  severity: 'warning',
  description: `Front matter lacks one of ${REQUIRED_FRONT_MATTER.join(', ')} or leaves it empty.`,
  run({ pages, report }) {
    for (const page of pages) {
      if (!page.frontMatter || page.pageType === 'other') continue; // missing front matter: frontmatter-missing
      // Front matter that does not parse reads as {}: frontmatter-invalid reports it, its fields are not missing.
      if (page.diagnostics.some((d) => d.ruleId === 'frontmatter-invalid')) continue;
      const missing = REQUIRED_FRONT_MATTER.filter(
        (key) => typeof page.frontMatter![key] !== 'string' || !page.frontMatter![key].trim(),
      );
      if (missing.length)
        report(
          page.file,
          { line: 1, column: 1 },
          `Front matter is missing ${missing.map((m) => `"${m}"`).join(', ')}.`,
        );
    }
  },
};

export const permissionsMissing: Rule = {
  id: 'permissions-missing',
  severity: 'warning',
  description:
    'A method page names no real permission scope: no permissions table, or only placeholders and empty cells.',
  run({ pages, report }) {
    for (const page of pages) {
      const p = page.operation?.permissions;
      if (!p || p.delegatedWork.length || p.delegatedPersonal.length || p.application.length)
        continue;
      // The newer page template keeps the table in a generated include the annotation stands for.
      if (page.annotations.some((a) => a.blockType === 'permissions')) continue;
      // "None." / "Not supported." everywhere is a statement, not a gap.
      const stated =
        page.permissionRows.length > 0 &&
        page.permissionRows.every((r) =>
          /^(not supported|none|not applicable)\.?$/i.test(r.text.trim()),
        );
      if (stated) continue;
      const place =
        page.permissionRows.find((r) => !/^(not supported|none)\.?$/i.test(r.text.trim())) ??
        page.operation!.source;
      report(
        page.file,
        place,
        page.permissionRows.length
          ? `The Permissions table names no permission scope ("${place === page.operation!.source ? '' : (place as { text: string }).text.slice(0, 60)}").`
          : 'The page has no Permissions table.',
      );
    }
  },
};
