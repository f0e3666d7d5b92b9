import { describe, expect, it } from 'vitest';
import { indexFootprint, indexFootprintPer100k, SEARCH_MEMORY_FIXED_BYTES } from './index-footprint.js';

const MiB = 2 ** 20;

describe('index footprint per vector length', () => {
  it.each([
    // dims, disk MiB per 100k, memory MiB per 100k (measured at 1,024-d, modelled elsewhere)
    [4096, 1655, 52],
    [2560, 1051, 33],
    [1024, 447, 15],
    [512, 246, 9],
    // Measured at 256-d: 132 MiB on disk (the model is within 10%).
    [256, 145, 6],
    // The starter model: IVF_FLAT keeps a second copy of the vectors.
    [100, 120, 41],
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

  it('scales with the passages, memory on top of a fixed part', () => {
    expect(indexFootprint(1_000_000, 1024).diskBytes).toBe(indexFootprintPer100k(1024).diskBytes * 10);
    // Measured: 244 MiB over 1.02M passages, 114 MiB over 120k.
    expect(indexFootprint(1_000_000, 1024).memoryBytes / MiB).toBeCloseTo(250, -1);
    expect(indexFootprint(100_000, 1024).memoryBytes).toBe(SEARCH_MEMORY_FIXED_BYTES + indexFootprintPer100k(1024).memoryBytes);
    expect(indexFootprint(0, 1024)).toEqual({ diskBytes: 0, memoryBytes: 0 });
  });
});
