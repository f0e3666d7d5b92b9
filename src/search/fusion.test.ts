import { describe, expect, it } from 'vitest';
import { maxFusedScore, reciprocalRankFusion, type RankedList } from './fusion.js';

const keysOf = (lists: RankedList<string>[], k?: number) => reciprocalRankFusion(lists, k).map((item) => item.key);

describe('reciprocalRankFusion: order', () => {
  it.each([
    { name: 'one list keeps its order', lists: [{ keys: ['a', 'b', 'c'], weight: 1 }], expected: ['a', 'b', 'c'] },
    { name: 'empty lists give nothing', lists: [{ keys: [], weight: 1 }, { keys: [], weight: 1 }], expected: [] },
    { name: 'no lists give nothing', lists: [], expected: [] },
    {
      name: 'an item in both lists beats items in one',
      lists: [{ keys: ['a', 'b', 'c'], weight: 1 }, { keys: ['c', 'd', 'e'], weight: 1 }],
      expected: ['c', 'a', 'b', 'd', 'e'],
    },
    {
      name: 'mirrored ranks tie; the tie goes to the first list',
      lists: [{ keys: ['a', 'b'], weight: 1 }, { keys: ['b', 'a'], weight: 1 }],
      expected: ['a', 'b'],
    },
    {
      name: 'a heavier list wins ties and near ties',
      lists: [{ keys: ['a', 'b'], weight: 1 }, { keys: ['b', 'a'], weight: 2 }],
      expected: ['b', 'a'],
    },
    {
      name: 'weight 0 ignores a list',
      lists: [{ keys: ['a', 'b'], weight: 1 }, { keys: ['z', 'b'], weight: 0 }],
      expected: ['a', 'b'],
    },
    {
      name: 'a duplicate key counts once, at its best rank',
      lists: [{ keys: ['a', 'a', 'b'], weight: 1 }, { keys: ['b'], weight: 1 }],
      expected: ['b', 'a'],
    },
    {
      name: 'two mid ranks beat one top rank with the usual k',
      lists: [{ keys: ['x', 'y', 'm'], weight: 1 }, { keys: ['p', 'q', 'm'], weight: 1 }],
      expected: ['m', 'x', 'p', 'y', 'q'],
    },
    {
      name: 'k = 0 makes one top rank beat two mid ranks',
      lists: [{ keys: ['x', 'y', 'm'], weight: 1 }, { keys: ['p', 'q', 'm'], weight: 1 }],
      k: 0,
      expected: ['x', 'p', 'm', 'y', 'q'],
    },
  ])('$name', ({ lists, k, expected }) => {
    expect(keysOf(lists, k)).toEqual(expected);
  });
});

describe('reciprocalRankFusion: scores and ranks', () => {
  it.each([
    { k: 60, w: [1, 1], ranks: [1, 1], score: 2 / 61 },
    { k: 60, w: [1, 1], ranks: [1, undefined], score: 1 / 61 },
    { k: 10, w: [2, 0.5], ranks: [3, 1], score: 2 / 13 + 0.5 / 11 },
    { k: 0, w: [1, 1], ranks: [2, 4], score: 1 / 2 + 1 / 4 },
  ])('k=$k weights=$w ranks=$ranks -> $score', ({ k, w, ranks, score }) => {
    const filler = (n: number | undefined) => (n === undefined ? [] : [...Array.from({ length: n - 1 }, (_, i) => `f${i}`), 'target']);
    const lists = ranks.map((rank, i) => ({ keys: filler(rank).map((key) => (key === 'target' ? key : `${i}${key}`)), weight: w[i]! }));
    const target = reciprocalRankFusion(lists, k).find((item) => item.key === 'target')!;
    expect(target.score).toBeCloseTo(score, 12);
    expect(target.ranks).toEqual(ranks);
  });

  it('maxFusedScore is the score of rank 1 everywhere', () => {
    const fused = reciprocalRankFusion([{ keys: ['a'], weight: 1 }, { keys: ['a'], weight: 0.5 }], 20);
    expect(fused[0]!.score / maxFusedScore([1, 0.5], 20)).toBeCloseTo(1, 12);
  });

  it.each([
    { k: -1, weight: 1 },
    { k: Number.NaN, weight: 1 },
    { k: 60, weight: -1 },
    { k: 60, weight: Number.POSITIVE_INFINITY },
  ])('rejects k=$k weight=$weight', ({ k, weight }) => {
    expect(() => reciprocalRankFusion([{ keys: ['a'], weight }], k)).toThrow(RangeError);
  });
});
