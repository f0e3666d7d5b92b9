import { describe, expect, it } from 'vitest';
import { niceCeiling } from './chart-scale.js';

describe('niceCeiling', () => {
  it.each([
    [0, 1],
    [Number.NaN, 1],
    [0.4, 1],
    [1, 1],
    [1.2, 1.5],
    [7, 8],
    [9.5, 10],
    [510, 600],
    [2002, 2500],
    [1000, 1000],
  ])('%s -> %s', (value, expected) => {
    expect(niceCeiling(value)).toBe(expected);
  });
});
