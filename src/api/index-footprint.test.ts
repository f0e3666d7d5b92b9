import { describe, expect, it } from 'vitest';
import { indexFootprint, indexFootprintPer100k } from './index-footprint.js';

const MiB = 2 ** 20;

describe('index footprint per vector length', () => {
  it.each([
    // dims, disk MiB per 100k, memory MiB per 100k (measured at 1,024-d, modelled elsewhere)
    [4096, 1655, 132],
    [2560, 1051, 113],
    [1024, 447, 95],
    [512, 246, 89],
    // Measured at 256-d: 132 MiB on disk, 95 MiB in memory (the model is within 10%).
    [256, 145, 86],
    // The starter model: IVF_FLAT keeps a second copy of the vectors.
    [100, 120, 121],
  ])('%i dimensions: ~%i MiB on disk, ~%i MiB in memory per 100k passages', (dims, disk, memory) => {
    const per = indexFootprintPer100k(dims);
    expect(per.diskBytes / MiB).toBeCloseTo(disk, -1);
    expect(per.memoryBytes / MiB).toBeCloseTo(memory, -1);
  });

  it('a smaller Matryoshka length costs less, by 4 bytes and 1 bit a dimension a passage', () => {
    const full = indexFootprintPer100k(1024);
    const half = indexFootprintPer100k(512);
    expect(full.diskBytes - half.diskBytes).toBe(Math.round(512 * (4 + 1 / 8) * 100_000));
  });

  it('scales with the passages', () => {
    expect(indexFootprint(1_000_000, 1024).diskBytes).toBe(indexFootprintPer100k(1024).diskBytes * 10);
    expect(indexFootprint(0, 1024)).toEqual({ diskBytes: 0, memoryBytes: 0 });
  });
});
