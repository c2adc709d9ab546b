/**
 * The labelled precision sample of `check` on the v1.0 corpus (fixtures/precision-sample.json):
 * how it is drawn (a fixed seed, so a redraw picks the same findings) and how it is matched
 * against the current findings. `npm run precision-sample` redraws it, keeping the labels of
 * findings already labelled.
 */
import type { Diagnostic } from '../src/shared/diagnostics.js';

export const SAMPLE_SEED = 18;
export const SAMPLE_SIZE = 200;

export type Label = 'real' | 'false-positive';

export interface SampledFinding {
  rule: string;
  file: string;
  line: number;
  message: string;
  /** Unlabelled findings of a fresh draw have none until someone reads the page. */
  label?: Label;
  reason?: string;
}

/** mulberry32: a small seeded generator, the same sequence on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `size` findings drawn without replacement (a partial Fisher–Yates shuffle), in finding order. */
export function drawSample(
  findings: Diagnostic[],
  size = SAMPLE_SIZE,
  seed = SAMPLE_SEED,
): Diagnostic[] {
  const pool = [...findings];
  const next = random(seed);
  const n = Math.min(size, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(next() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  const picked = new Set(pool.slice(0, n));
  return findings.filter((d) => picked.has(d));
}

/** A finding is the same one while its rule, page and line are (messages may be reworded). */
export const sampleKey = (f: { rule?: string; ruleId?: string; file: string; line: number }) =>
  `${f.rule ?? f.ruleId} ${f.file}:${f.line}`;
