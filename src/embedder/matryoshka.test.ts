import { describe, expect, it } from 'vitest';
import { SiftError } from '../api/errors.js';
import { dimensionChoices, resolveDimensions, truncateAndNormalize } from './matryoshka.js';

describe('dimensionChoices', () => {
  it.each([
    [1024, [32, 64, 128, 256, 512, 768, 1024]],
    [2560, [32, 64, 128, 256, 512, 768, 1024, 2048, 2560]],
    [4096, [32, 64, 128, 256, 512, 768, 1024, 2048, 4096]],
    [100, [32, 64, 100]],
    [64, [32, 64]],
  ])('n_embd %i offers %j', (n, expected) => expect(dimensionChoices(n)).toEqual(expected));
});

describe('resolveDimensions', () => {
  it.each([
    [undefined, 1024, 1024],
    [1024, 1024, 1024],
    [32, 1024, 32],
    [100, 1024, 100],
    [16, 16, 16], // a model smaller than 32 dims keeps its own length
  ])('d=%s of %i -> %i', (d, n, expected) => expect(resolveDimensions(d, n, 'm')).toBe(expected));

  it.each([[31], [1025], [0], [-32], [64.5], [Number.NaN]])('rejects d=%s for n_embd 1024', (d) => {
    let error: unknown;
    try {
      resolveDimensions(d, 1024, 'Qwen3-Embedding-0.6B');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SiftError);
    expect((error as SiftError).code).toBe('invalid_request');
    expect((error as SiftError).message).toBe(
      `Vector dimensions must be a whole number from 32 to 1024 for "Qwen3-Embedding-0.6B" (its full embedding length); got ${d}.`,
    );
  });
});

describe('truncateAndNormalize', () => {
  it.each([
    { full: [3, 4, 12], d: 2, expected: [0.6, 0.8] },
    { full: [0, 0, 5], d: 2, expected: [0, 0] }, // zero prefix stays zero, never NaN
    { full: [1, 0, 0], d: 3, expected: [1, 0, 0] },
    { full: [-2, 0, 9], d: 1, expected: [-1] },
  ])('$full to $d dims -> $expected', ({ full, d, expected }) => {
    const out = truncateAndNormalize(full, d);
    expect(out).toBeInstanceOf(Float32Array);
    expect([...out]).toEqual(expected.map((x) => Math.fround(x)));
  });

  it('does not touch its input and refuses more dims than it has', () => {
    const full = new Float32Array([1, 2, 3]);
    truncateAndNormalize(full, 2);
    expect([...full]).toEqual([1, 2, 3]);
    expect(() => truncateAndNormalize(full, 4)).toThrow();
  });
});
