import { describe, expect, it } from 'vitest';
import type { BenchmarkRow } from '../../../../src/api/contract.js';
import { latestPerSetup, meanAccuracy, plainSetName, setsOf } from './bench-figures.js';

const row = (model: string, at: string, top1: Record<string, number>, dimensions = 100): BenchmarkRow => ({
  at,
  model,
  backend: 'cpu',
  dimensions,
  seedSeconds: 1,
  seedTextsPerSecond: 100,
  longTokensPerSecond: 1000,
  top1,
});

describe('bench figures', () => {
  it('takes the mean over the sets a run scored', () => {
    expect(meanAccuracy(row('a', '1', { x: 1, y: 0.5, z: 0 }))).toBe(0.5);
    expect(meanAccuracy(row('a', '1', {}))).toBeUndefined();
  });

  it('keeps the newest run of each model, dimension and backend', () => {
    const rows = [row('a', '3', { x: 1 }), row('b', '2', { x: 1 }), row('a', '1', { x: 0 }), row('a', '0', { x: 0 }, 64)];
    expect(latestPerSetup(rows).map((r) => `${r.model}@${r.at}/${r.dimensions}`)).toEqual(['a@3/100', 'b@2/100', 'a@0/64']);
    expect(latestPerSetup(rows, 2)).toHaveLength(2);
  });

  it('lists every set any run scored, for any number of sets', () => {
    const many = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`set-${i}`, i / 8]));
    expect(setsOf([row('a', '1', many), row('b', '2', { extra: 1 })])).toHaveLength(9);
  });

  it.each([
    ['en-legal-terms', 'legal terms (en)'],
    ['zh-semantic', 'semantic (zh)'],
    ['mixed_set', 'mixed set'],
  ])('plainSetName(%s) = %s', (name, plain) => {
    expect(plainSetName(name)).toBe(plain);
  });
});
