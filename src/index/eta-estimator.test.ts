import { describe, expect, it } from 'vitest';
import { EtaEstimator } from './eta-estimator.js';

describe('EtaEstimator', () => {
  it('gives no estimate over the warm-up, then one from the rate after it', () => {
    // The case: 154 files, the model loads for 5 s, then ~20 files/s (a 13 s job).
    const eta = new EtaEstimator();
    expect(eta.estimate(0, 154, 0)).toBeUndefined();
    expect(eta.estimate(1, 154, 5000)).toBeUndefined(); // the rate over the load would say 12 min
    expect(eta.estimate(10, 154, 5450)).toBeUndefined(); // under 2 s of measuring
    const estimate = eta.estimate(61, 154, 8000)!;
    expect(estimate).toBeGreaterThan(4);
    expect(estimate).toBeLessThan(6); // 93 files at 20/s
  });

  it('waits for a few files when each one is slow', () => {
    const eta = new EtaEstimator();
    eta.estimate(1, 10, 0);
    expect(eta.estimate(2, 10, 10_000)).toBeUndefined();
    expect(eta.estimate(4, 10, 30_000)).toBeCloseTo(60);
  });

  it('says nothing when nothing is left', () => {
    const eta = new EtaEstimator();
    eta.estimate(1, 5, 0);
    expect(eta.estimate(5, 5, 9000)).toBeUndefined();
  });
});
