import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatRate } from './format.js';

const units = { h: 'h', min: 'min', s: 's' };

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [44.6, '45 s'],
    [61, '1 min 1 s'],
    [600, '10 min'],
    [725, '12 min'],
    [3600, '1 h'],
    [7500, '2 h 5 min'],
    [-5, '0 s'],
  ])('%s s -> %s', (seconds, expected) => {
    expect(formatDuration(seconds, units)).toBe(expected);
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1500, '1.5 KB'],
    [14_000_000, '14 MB'],
    [639_000_000, '639 MB'],
    [4.7e9, '4.7 GB'],
  ])('%s -> %s', (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected);
  });
});

describe('formatRate', () => {
  it.each([
    [0.354, '0.35'],
    [12.44, '12.4'],
    [1234.5, '1,235'],
  ])('%s -> %s', (value, expected) => {
    expect(formatRate(value)).toBe(expected);
  });
});
