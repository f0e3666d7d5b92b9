import { describe, expect, it } from 'vitest';
import { bootstrapInterval, bootstrapSamples, pairedDifference, queryScores, summarize } from './ranking-metrics.js';

describe('queryScores', () => {
  it.each([
    { ranks: [1], count: 1, top1: 1, rr: 1, ndcg10: 1 },
    { ranks: [2], count: 1, top1: 0, rr: 0.5, ndcg10: 1 / Math.log2(3) },
    { ranks: [], count: 1, top1: 0, rr: 0, ndcg10: 0 },
    { ranks: [11], count: 1, top1: 0, rr: 1 / 11, ndcg10: 0 },
    // two relevant documents, both found at 1 and 2: ideal
    { ranks: [2, 1], count: 2, top1: 1, rr: 1, ndcg10: 1 },
    // two relevant, one found at 3: DCG 1/log2(4) = 0.5 over IDCG 1 + 1/log2(3)
    { ranks: [3], count: 2, top1: 0, rr: 1 / 3, ndcg10: 0.5 / (1 + 1 / Math.log2(3)) },
  ])('ranks $ranks of $count relevant -> top-1 $top1, RR $rr, nDCG@10 $ndcg10', ({ ranks, count, top1, rr, ndcg10 }) => {
    const scores = queryScores(ranks, count);
    expect(scores.top1).toBe(top1);
    expect(scores.rr).toBeCloseTo(rr, 12);
    expect(scores.ndcg10).toBeCloseTo(ndcg10, 12);
  });
});

describe('bootstrap', () => {
  it('is reproducible and the same for every mode of a set', () => {
    const a = bootstrapSamples(20);
    const b = bootstrapSamples(20);
    expect(a).toHaveLength(1000);
    expect(a[7]).toEqual(b[7]);
    expect(Math.max(...a.map((s) => Math.max(...s)))).toBeLessThan(20);
  });

  it('an interval holds the mean, is a point for constant values, and narrows with more queries', () => {
    const few = [1, 0, 1, 1, 0, 1, 0, 1, 1, 0];
    const many = Array.from({ length: 200 }, (_, i) => few[i % few.length]!);
    const [lo, hi] = bootstrapInterval(few, bootstrapSamples(few.length));
    expect(lo).toBeLessThanOrEqual(0.6);
    expect(hi).toBeGreaterThanOrEqual(0.6);
    expect(bootstrapInterval([1, 1, 1], bootstrapSamples(3))).toEqual([1, 1]);
    const [mlo, mhi] = bootstrapInterval(many, bootstrapSamples(many.length));
    expect(mhi - mlo).toBeLessThan((hi - lo) / 2);
  });

  it('summarize gives the means and their intervals', () => {
    const summary = summarize([queryScores([1], 1), queryScores([2], 1), queryScores([], 1), queryScores([1], 1)]);
    expect(summary.top1).toBe(0.5);
    expect(summary.mrr).toBeCloseTo(0.625, 12);
    expect(summary.ci.top1[0]).toBeLessThanOrEqual(0.5);
    expect(summary.ci.top1[1]).toBeGreaterThanOrEqual(0.5);
    expect(summarize([]).ci.mrr).toEqual([0, 0]);
  });

  it('a paired difference with one side always better has an interval above zero', () => {
    const a = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? 1 : 0.5));
    const b = a.map((x) => x - 0.1);
    const diff = pairedDifference(a, b);
    expect(diff.mean).toBeCloseTo(0.1, 12);
    expect(diff.ci[0]).toBeCloseTo(0.1, 12);
  });
});
