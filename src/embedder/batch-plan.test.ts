import { describe, expect, it } from 'vitest';
import { longestFirst, planBatches, takeBatch } from './batch-plan.js';

describe('longestFirst', () => {
  it.each([
    [[], []],
    [[3], [0]],
    [[1, 5, 3], [1, 2, 0]],
    [[2, 2, 9, 2], [2, 0, 1, 3]], // ties keep input order
  ])('orders %j as %j', (lengths, expected) => {
    expect(longestFirst(lengths)).toEqual(expected);
  });
});

describe('takeBatch', () => {
  it.each([
    { heads: [], budget: 10, seqs: 4, expected: 0 },
    { heads: [12], budget: 10, seqs: 4, expected: 1 }, // an over-long head still goes alone
    { heads: [4, 4, 4], budget: 10, seqs: 4, expected: 2 },
    { heads: [4, 4, 4], budget: 100, seqs: 2, expected: 2 },
    { heads: [1, 1, 1, 1, 1], budget: 100, seqs: 16, expected: 5 },
    { heads: [6, 5, 1], budget: 10, seqs: 4, expected: 1 }, // stops at the first that does not fit
  ])('$heads within $budget tokens / $seqs seqs takes $expected', ({ heads, budget, seqs, expected }) => {
    expect(takeBatch(heads, { tokenBudget: budget, maxSequences: seqs })).toBe(expected);
  });
});

describe('planBatches', () => {
  it.each([
    { lengths: [], budget: 10, seqs: 4, expected: [] },
    { lengths: [4, 4, 4], budget: 100, seqs: 1, expected: [[0], [1], [2]] },
    { lengths: [4, 4, 4], budget: 100, seqs: 2, expected: [[0, 1], [2]] },
    { lengths: [3, 9, 5, 1], budget: 10, seqs: 8, expected: [[1], [2, 0, 3]] },
    { lengths: [10, 10, 1], budget: 10, seqs: 8, expected: [[0], [1], [2]] },
    { lengths: [6, 5, 5, 4], budget: 10, seqs: 8, expected: [[0], [1, 2], [3]] },
  ])('$lengths within $budget tokens / $seqs seqs -> $expected', ({ lengths, budget, seqs, expected }) => {
    const batches = planBatches(lengths, { tokenBudget: budget, maxSequences: seqs });
    expect(batches).toEqual(expected);
    expect(batches.flat().sort((a, b) => a - b)).toEqual(lengths.map((_, i) => i));
  });

  it('throws for a text over the budget (the caller must split it first)', () => {
    expect(() => planBatches([3, 11], { tokenBudget: 10, maxSequences: 4 })).toThrow(/text 1 has 11 tokens/);
  });
});
