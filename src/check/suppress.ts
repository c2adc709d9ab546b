import picomatch from 'picomatch';
import type { Diagnostic } from '../shared/diagnostics.js';
import type { PageResult, SuppressionFact } from '../model/page-facts.js';
import { mapApiDoctorSuppression, mentionsSubject } from './apidoctor.js';
import type { Override, ReaderRule, RuleSetting } from './rule.js';

/** Rules the suppression step reports itself. */
export const SUPPRESSION_RULES: ReaderRule[] = [
  {
    id: 'suppression-unused',
    severity: 'warning',
    description:
      'A docs2ts-disable comment (or a config override) suppresses nothing, or names an unknown rule.',
  },
  {
    id: 'apidoctor-suppression',
    severity: 'info',
    description: 'An ApiDoctor page suppression maps to no docs2ts rule (it is left to ApiDoctor).',
  },
];

/**
 * Rule settings per file: the config's rules, then each override whose globs match, in order,
 * then the command line's `--rule` flags, which win (as in ESLint).
 */
export class Settings {
  private readonly matchers: {
    files: (file: string) => boolean;
    rules: Record<string, RuleSetting>;
  }[];
  private readonly cache = new Map<string, Record<string, RuleSetting>>();
  constructor(
    readonly global: Record<string, RuleSetting>,
    readonly overrides: Override[] = [],
    readonly flags: Record<string, RuleSetting> = {},
  ) {
    this.matchers = overrides.map((o) => ({
      files: picomatch(o.files, { dot: true }),
      rules: o.rules,
    }));
  }

  forFile(file: string): Record<string, RuleSetting> {
    let settings = this.cache.get(file);
    if (!settings) {
      settings = { ...this.global };
      for (const m of this.matchers) if (file && m.files(file)) Object.assign(settings, m.rules);
      Object.assign(settings, this.flags);
      this.cache.set(file, settings);
    }
    return settings;
  }

  /** A rule must run unless it is off everywhere. */
  runs(ruleId: string): boolean {
    if (this.flags[ruleId]) return this.flags[ruleId] !== 'off';
    return (
      this.global[ruleId] !== 'off' ||
      this.overrides.some((o) => o.rules[ruleId] !== undefined && o.rules[ruleId] !== 'off')
    );
  }

  /** Indices of overrides whose globs match none of these files. */
  unmatched(files: string[]): number[] {
    return this.matchers.flatMap((m, i) => (files.some((f) => m.files(f)) ? [] : [i]));
  }
}

interface Active {
  fact: SuppressionFact;
  /** For ApiDoctor suppressions: the rule and subject it maps to. */
  rule: string;
  subject?: string;
  used: boolean;
}

/**
 * Drop the findings a page's suppressions cover, and report the suppressions that covered
 * nothing (where their rule is not off for the page anyway). Findings are matched as reported,
 * before settings apply, so turning a rule off does not make its comments look unused.
 */
export function applySuppressions(
  findings: Diagnostic[],
  pages: PageResult[],
  settings: Settings,
  knownRules: Set<string>,
): Diagnostic[] {
  const byFile = new Map<string, Active[]>();
  const notes: Diagnostic[] = [];
  for (const page of pages) {
    const active: Active[] = [];
    for (const fact of page.suppressions ?? []) {
      if (fact.kind === 'apidoctor') {
        const mapped = mapApiDoctorSuppression(fact.text ?? '');
        if (mapped) active.push({ fact, rule: mapped.rule, subject: mapped.subject, used: false });
        else
          notes.push(
            note(
              page.file,
              fact,
              'apidoctor-suppression',
              'info',
              `ApiDoctor suppression maps to no docs2ts rule: "${clip(fact.text)}".`,
            ),
          );
      } else if (fact.rule !== '*' && !knownRules.has(fact.rule)) {
        notes.push(
          note(
            page.file,
            fact,
            'suppression-unused',
            'warning',
            `docs2ts-disable comment names an unknown rule "${fact.rule}".`,
          ),
        );
      } else {
        active.push({ fact, rule: fact.rule, used: false });
      }
    }
    if (active.length) byFile.set(page.file, active);
  }
  const kept = findings.filter((d) => {
    const active = byFile.get(d.file);
    if (!active) return true;
    let suppressed = false;
    for (const a of active) {
      if (d.line < a.fact.from || d.line > a.fact.to) continue;
      if (a.rule !== '*' && a.rule !== d.ruleId) continue;
      if (a.fact.kind === 'apidoctor' && !mentionsSubject(d.message, a.subject)) continue;
      a.used = true;
      suppressed = true;
    }
    return !suppressed;
  });
  // ApiDoctor's suppressions are still ApiDoctor's to need: only docs2ts' own are reported unused.
  for (const [file, active] of byFile) {
    const fileSettings = settings.forFile(file);
    for (const a of active) {
      if (
        a.used ||
        a.fact.kind === 'apidoctor' ||
        (a.rule !== '*' && fileSettings[a.rule] === 'off')
      )
        continue;
      notes.push(
        note(
          file,
          a.fact,
          'suppression-unused',
          'warning',
          `Unused docs2ts-${directiveOf(a.fact)} comment: no ${a.rule === '*' ? 'finding' : `${a.rule} finding`} ${coverage(a.fact)}.`,
        ),
      );
    }
  }
  return [...kept, ...notes];
}

const directiveOf = (f: SuppressionFact) =>
  f.kind === 'range' ? 'disable' : f.kind === 'line' ? 'disable-line' : 'disable-next-line';
const coverage = (f: SuppressionFact) =>
  f.kind === 'range' ? `on lines ${f.from}-${f.to}` : `on line ${f.from}`;
const clip = (text = '') => {
  const flat = text
    .replace(/\\[rn]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}…` : flat;
};

function note(
  file: string,
  fact: SuppressionFact,
  ruleId: string,
  severity: Diagnostic['severity'],
  message: string,
): Diagnostic {
  return { file, line: fact.line, column: fact.column, ruleId, severity, message };
}
