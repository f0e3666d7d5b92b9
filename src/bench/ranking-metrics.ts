// Ranking quality of one mode on one test set, and how sure we can be of it. Per query:
// top-1 (the first hit is relevant), reciprocal rank of the first relevant hit, and
// nDCG@10 with binary relevance (several documents may answer a query). Per set: the
// means, each with a seeded percentile bootstrap interval over the queries, so that a
// change can be told from noise. Pure: table-tested in ranking-metrics.test.ts.
import { seededRandom } from '../seeded-random.js';

export const NDCG_DEPTH = 10;
export const BOOTSTRAP_RESAMPLES = 1000;
export const BOOTSTRAP_SEED = 20261202;

export interface QueryScores {
  top1: number;
  rr: number;
  ndcg10: number;
}

/** Scores of one query from the 1-based ranks at which its relevant documents came back
 *  (absent ones left out) and how many relevant documents it has. */
export function queryScores(relevantRanks: readonly number[], relevantCount: number): QueryScores {
  const ranks = [...relevantRanks].sort((a, b) => a - b);
  const first = ranks[0];
  let dcg = 0;
  for (const rank of ranks) if (rank <= NDCG_DEPTH) dcg += 1 / Math.log2(rank + 1);
  let ideal = 0;
  for (let i = 1; i <= Math.min(relevantCount, NDCG_DEPTH); i++) ideal += 1 / Math.log2(i + 1);
  return { top1: first === 1 ? 1 : 0, rr: first ? 1 / first : 0, ndcg10: ideal > 0 ? dcg / ideal : 0 };
}

export type Interval = [number, number];

export interface MetricSummary {
  top1: number;
  mrr: number;
  ndcg10: number;
  /** 95 % percentile-bootstrap intervals of the three means. */
  ci: { top1: Interval; mrr: Interval; ndcg10: Interval };
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Bootstrap resample indices: the same for every mode of a set (same seed and size),
 *  so intervals of different modes come from the same resampled query sets. */
export function bootstrapSamples(size: number, resamples = BOOTSTRAP_RESAMPLES, seed = BOOTSTRAP_SEED): Uint32Array[] {
  const random = seededRandom(seed ^ size);
  return Array.from({ length: size === 0 ? 0 : resamples }, () => {
    const sample = new Uint32Array(size);
    for (let i = 0; i < size; i++) sample[i] = Math.floor(random() * size);
    return sample;
  });
}

/** The 2.5th and 97.5th percentiles of the mean of `values` over the resamples. */
export function bootstrapInterval(values: readonly number[], samples: readonly Uint32Array[]): Interval {
  if (values.length === 0 || samples.length === 0) return [mean(values), mean(values)];
  const means = samples.map((sample) => {
    let sum = 0;
    for (const i of sample) sum += values[i]!;
    return sum / sample.length;
  });
  means.sort((a, b) => a - b);
  const at = (q: number) => means[Math.min(means.length - 1, Math.max(0, Math.round(q * (means.length - 1))))]!;
  return [at(0.025), at(0.975)];
}

export function summarize(scores: readonly QueryScores[], samples = bootstrapSamples(scores.length)): MetricSummary {
  const column = (key: keyof QueryScores) => scores.map((s) => s[key]);
  return {
    top1: mean(column('top1')),
    mrr: mean(column('rr')),
    ndcg10: mean(column('ndcg10')),
    ci: {
      top1: bootstrapInterval(column('top1'), samples),
      mrr: bootstrapInterval(column('rr'), samples),
      ndcg10: bootstrapInterval(column('ndcg10'), samples),
    },
  };
}

/** Interval of the mean per-query difference a - b (paired: the same resampled queries). */
export function pairedDifference(a: readonly number[], b: readonly number[], samples = bootstrapSamples(a.length)): { mean: number; ci: Interval } {
  const diff = a.map((value, i) => value - b[i]!);
  return { mean: mean(diff), ci: bootstrapInterval(diff, samples) };
}
