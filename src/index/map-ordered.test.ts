import { describe, expect, it } from 'vitest';
import { mapOrdered } from './map-ordered.js';

describe('mapOrdered', () => {
  it('keeps input order and never exceeds the concurrency', async () => {
    let active = 0;
    let peak = 0;
    const results: number[] = [];
    const delays = [30, 5, 20, 1, 10, 2];
    for await (const value of mapOrdered(delays, 2, async (ms) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, ms));
      active--;
      return ms;
    })) {
      results.push(value);
    }
    expect(results).toEqual(delays);
    expect(peak).toBe(2);
  });

  it('surfaces a failure when the consumer reaches it', async () => {
    const seen: number[] = [];
    const run = async () => {
      for await (const value of mapOrdered([1, 2, 3], 3, async (n) => {
        if (n === 2) throw new Error('boom');
        return n;
      })) {
        seen.push(value);
      }
    };
    await expect(run()).rejects.toThrow('boom');
    expect(seen).toEqual([1]);
  });
});
