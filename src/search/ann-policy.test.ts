import { describe, expect, it } from 'vitest';
import type { ChunkIndexState } from '../index/chunk-store.js';
import { DEFAULT_ANN_POLICY, exactBelowRows, ivfPartitions, nearestOptions, planIndexWork, pqSubVectors, type AnnPolicy } from './ann-policy.js';

const policy: AnnPolicy = { ...DEFAULT_ANN_POLICY, exactBelowCells: 10_000 * 1024, optimizeUnindexedRows: 1_000, optimizeUnindexedFraction: 0.05, kind: 'ivf_pq' };
const text = (indexed: number, unindexed = 0) => ({ type: 'FTS', indexed, unindexed });
const ivf = (indexed: number, unindexed = 0) => ({ type: 'IVF_PQ', indexed, unindexed });

describe('planIndexWork', () => {
  it.each<{ name: string; state: ChunkIndexState; quiet?: boolean; expected: string[] }>([
    { name: 'empty table: nothing yet (an index over no rows scans later rows badly)', state: { rows: 0 }, expected: [] },
    { name: 'first rows: the text index', state: { rows: 10 }, expected: ['create_text_index'] },
    {
      name: 'a text index built over no rows: fold the rows in at once',
      state: { rows: 10, text: text(0, 10) },
      expected: ['optimize'],
    },
    { name: 'small table, indexes current: nothing', state: { rows: 500, text: text(500) }, expected: [] },
    { name: 'below the threshold: exact search, no ANN', state: { rows: 9_999, text: text(9_999) }, expected: [] },
    {
      name: 'at the threshold: build the ANN index',
      state: { rows: 10_000, text: text(10_000) },
      expected: ['build_vector_index ivf_pq 100 parts'],
    },
    {
      name: 'no text index on a big table: both',
      state: { rows: 20_000 },
      expected: ['create_text_index', 'build_vector_index ivf_pq 141 parts'],
    },
    { name: 'a few unindexed rows while writing: wait', state: { rows: 20_500, text: text(20_000, 500), vector: ivf(20_000, 500) }, expected: [] },
    {
      name: 'a few unindexed rows once writes settled: fold in',
      state: { rows: 20_500, text: text(20_000, 500), vector: ivf(20_000, 500) },
      quiet: true,
      expected: ['optimize'],
    },
    {
      name: 'many unindexed rows: fold in even while writing',
      state: { rows: 22_000, text: text(22_000), vector: ivf(20_000, 2_000) },
      expected: ['optimize'],
    },
    {
      name: 'on a big table the threshold is a fraction of it',
      state: { rows: 200_000, text: text(200_000), vector: ivf(191_000, 9_000) },
      expected: [],
    },
    {
      name: 'the table doubled since the build: retrain',
      state: { rows: 40_000, text: text(40_000), vector: ivf(20_000, 20_000) },
      expected: ['build_vector_index ivf_pq 200 parts'],
    },
    { name: 'quiet and current: nothing', state: { rows: 40_000, text: text(40_000), vector: ivf(40_000) }, quiet: true, expected: [] },
  ])('$name', ({ state, quiet, expected }) => {
    const work = planIndexWork(state, 1024, policy, quiet ?? false).map((w) =>
      w.kind === 'build_vector_index' ? `${w.kind} ${w.spec.kind} ${w.spec.partitions} parts` : w.kind,
    );
    expect(work).toEqual(expected);
  });

  it('gives IVF_PQ a sub-vector count that divides the vector length', () => {
    const [work] = planIndexWork({ rows: 50_000, text: text(50_000) }, 1024, policy);
    expect(work).toMatchObject({ kind: 'build_vector_index', spec: { kind: 'ivf_pq', subVectors: 64 } });
  });
});

describe('index parameters', () => {
  it.each([
    [1024, 2_000],
    [4096, 500],
    [100, 20_480],
    [1_000_000, 256],
  ])('exactBelowRows at %i dimensions = %i', (dims, rows) => {
    expect(exactBelowRows({ ...DEFAULT_ANN_POLICY, exactBelowCells: 2_048_000 }, dims)).toBe(rows);
  });

  it.each([
    [0, 1],
    [1, 1],
    [10_000, 100],
    [100_000, 316],
    [1_000_000, 1000],
  ])('ivfPartitions(%i) = %i', (rows, partitions) => {
    expect(ivfPartitions(rows)).toBe(partitions);
  });

  it.each([
    [1024, 64],
    [768, 48],
    [100, 25],
    [64, 4],
    [7, 7],
  ])('pqSubVectors(%i) = %i', (dims, sub) => {
    expect(pqSubVectors(dims)).toBe(sub);
    expect(dims % sub).toBe(0);
  });

  it.each<[string, ChunkIndexState | undefined, object]>([
    ['unknown state: exact', undefined, {}],
    ['no vector index: exact', { rows: 10, text: text(10) }, {}],
    ['IVF: probes and refine', { rows: 10, vector: ivf(10) }, { nprobes: policy.nprobes, refineFactor: policy.refineFactor }],
    ['HNSW: ef', { rows: 10, vector: { type: 'IVF_HNSW_SQ', indexed: 10, unindexed: 0 } }, { ef: policy.nprobes * 5 }],
  ])('nearestOptions: %s', (_name, state, expected) => {
    expect(nearestOptions(state, policy)).toEqual(expected);
  });
});
