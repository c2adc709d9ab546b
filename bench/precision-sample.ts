/**
 * `npm run precision-sample`: keep the labelled sample of `check` findings on the v1.0 corpus
 * (fixtures/precision-sample.json) at SAMPLE_SIZE findings the current code still produces.
 * Labelled findings that are still produced keep their label and reason; those no longer
 * produced are dropped (a fixed false positive, or a finding to look at: the test names them);
 * the rest is topped up with findings drawn at random from the others (seeded by SAMPLE_SEED and
 * the findings kept, so the same file always draws the same), written
 * unlabelled, to be labelled by reading the page at their line. An empty file is a fresh draw.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runChecks } from '../src/check/run.js';
import { readDocs } from '../src/pipeline.js';
import { CORPUS, FIXTURES } from '../test/helpers.js';
import {
  drawSample,
  SAMPLE_SEED,
  SAMPLE_SIZE,
  sampleKey,
  type SampledFinding,
} from '../test/precision-sample.js';

const file = path.join(FIXTURES, 'precision-sample.json');
const before: SampledFinding[] = existsSync(file)
  ? (JSON.parse(readFileSync(file, 'utf8')) as SampledFinding[])
  : [];
const findings = runChecks(await readDocs(CORPUS));
const produced = new Set(findings.map(sampleKey));
const kept = before.filter((f) => produced.has(sampleKey(f)));
const taken = new Set(kept.map(sampleKey));
// Seeded by what is kept too, so that successive top-ups do not all pick near the same place.
const seed = [...taken]
  .sort()
  .join('\n')
  .split('')
  .reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261 ^ SAMPLE_SEED);
const added = drawSample(
  findings.filter((d) => !taken.has(sampleKey(d))),
  Math.max(0, SAMPLE_SIZE - kept.length),
  seed,
).map((d): SampledFinding => ({ rule: d.ruleId, file: d.file, line: d.line, message: d.message }));
const sample = [...kept, ...added];
writeFileSync(file, `[\n${sample.map((f) => `  ${JSON.stringify(f)}`).join(',\n')}\n]\n`);
console.log(
  `${kept.length} kept, ${before.length - kept.length} no longer produced, ${added.length} drawn (of ${findings.length} findings) into ${path.relative(process.cwd(), file)}; ${sample.filter((f) => !f.label).length} to label.`,
);
