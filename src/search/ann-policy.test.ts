import { describe, expect, it } from 'vitest';
import type { ChunkIndexState } from '../index/chunk-store.js';
import {
  DEFAULT_ANN_POLICY,
  exactBelowRows,
  indexKindFor,
  ivfPartitions,
  nearestOptions,
  planIndexWork,
  pqSubVectors,
  searchBreadth,
  vectorIndexSpec,
  type AnnPolicy,
} from './ann-policy.js';

const policy: AnnPolicy = { ...DEFAULT_ANN_POLICY, exactBelowCells: 10_000 * 1024, optimizeUnindexedRows: 1_000, optimizeUnindexedFraction: 0.05, kind: 'ivf_pq' };
const text = (indexed: number, unindexed = 0) => ({ type: 'FTS', indexed, unindexed });
const ivf = (indexed: number, unindexed = 0) => ({ type: 'IVF_PQ', indexed, unindexed });

describe('planIndexWork', () => {
  it.each<{ name: string; state: ChunkIndexState; quiet?: boolean; idle?: boolean; noPath?: boolean; expected: string[] }>([
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
    { name: 'no path index: create it', state: { rows: 40_000, text: text(40_000), vector: ivf(40_000) }, noPath: true, expected: ['create_path_index'] },
    { name: 'empty table: no path index yet', state: { rows: 0 }, noPath: true, expected: [] },
    {
      name: 'idle, indexes current, the last optimise left two small fragments: consolidate',
      state: { rows: 1_020_000, text: text(1_020_000), vector: ivf(1_020_000), smallFragments: 2 },
      quiet: true,
      idle: true,
      expected: ['consolidate'],
    },
    {
      name: 'quiet but not yet idle: no consolidation (the indexes are current already)',
      state: { rows: 1_020_000, text: text(1_020_000), vector: ivf(1_020_000), smallFragments: 2 },
      quiet: true,
      expected: [],
    },
    {
      name: 'idle with unindexed rows: the optimise first, it compacts as well',
      state: { rows: 1_020_000, text: text(1_020_000, 10), vector: ivf(1_020_000, 10), smallFragments: 3 },
      quiet: true,
      idle: true,
      expected: ['optimize'],
    },
    {
      name: 'idle, one fragment: nothing to consolidate',
      state: { rows: 1_020_000, text: text(1_020_000), vector: ivf(1_020_000), smallFragments: 1 },
      quiet: true,
      idle: true,
      expected: [],
    },
    {
      name: 'idle without a vector index (a small table): no consolidation, exact search reads it as it is',
      state: { rows: 1_000, text: text(1_000), smallFragments: 5 },
      quiet: true,
      idle: true,
      expected: [],
    },
  ])('$name', ({ state, quiet, idle, expected, noPath }) => {
    const withPath = noPath ? state : { ...state, path: { type: 'BTree', indexed: state.rows, unindexed: 0 } };
    const work = planIndexWork(withPath, 1024, policy, quiet ?? false, idle ?? false).map((w) =>
      w.kind === 'build_vector_index' ? `${w.kind} ${w.spec.kind} ${w.spec.partitions} parts` : w.kind,
    );
    expect(work).toEqual(expected);
  });

  it('gives IVF_PQ a sub-vector count that divides the vector length', () => {
    const work = planIndexWork({ rows: 50_000, text: text(50_000) }, 1024, policy).find((w) => w.kind === 'build_vector_index');
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
    ['IVF_PQ on a small table: the minimum probes (all its partitions), refine to 400 candidates', { rows: 10, vector: ivf(10) }, { nprobes: 3, refineFactor: 40 }],
    ['IVF_PQ at 1M rows (1,024-d): 3% of 1,000 partitions, 400 candidates', { rows: 1e6, vector: ivf(1e6) }, { nprobes: 30, refineFactor: 40 }],
    ['IVF_FLAT: exact distances, no refine', { rows: 1e5, vector: { type: 'IVF_FLAT', indexed: 1e5, unindexed: 0 } }, { nprobes: 20 }],
    ['HNSW: ef', { rows: 10, vector: { type: 'IVF_HNSW_SQ', indexed: 10, unindexed: 0 } }, { ef: policy.nprobes * 5 }],
  ])('nearestOptions: %s', (_name, state, expected) => {
    expect(nearestOptions(state, policy)).toEqual(expected);
  });
});

describe('the index for each model size', () => {
  // The starter model (100-d), Qwen3-Embedding 0.6B (1,024), 4B (2,560), 8B (4,096), and
  // Matryoshka lengths in between. IVF_RQ needs a length divisible by 8 in LanceDB 0.31.
  it.each([
    [100, 'ivf_flat'],
    [1024, 'ivf_rq'],
    [2560, 'ivf_rq'],
    [4096, 'ivf_rq'],
    [768, 'ivf_rq'],
    [250, 'ivf_flat'],
    [1000, 'ivf_rq'],
    [1030, 'ivf_pq'],
  ])('%i dimensions: %s', (dims, kind) => {
    expect(indexKindFor(dims)).toBe(kind);
  });

  it.each<[number, number, object]>([
    [100, 20_480, { kind: 'ivf_flat', partitions: 143 }],
    [100, 1_000_000, { kind: 'ivf_flat', partitions: 1000 }],
    [1024, 2_000, { kind: 'ivf_rq', partitions: 45 }],
    [1024, 1_000_000, { kind: 'ivf_rq', partitions: 1000 }],
    [2560, 800, { kind: 'ivf_rq', partitions: 28 }],
    [4096, 500, { kind: 'ivf_rq', partitions: 22 }],
    [4096, 100_000, { kind: 'ivf_rq', partitions: 316 }],
  ])('%i dimensions, %i rows (the build threshold and beyond): %o', (dims, rows, spec) => {
    expect(rows).toBeGreaterThanOrEqual(exactBelowRows(DEFAULT_ANN_POLICY, dims));
    expect(vectorIndexSpec(DEFAULT_ANN_POLICY, rows, dims)).toEqual(spec);
  });

  it('never plans IVF_RQ for a length it cannot take, even when asked for', () => {
    expect(vectorIndexSpec({ ...DEFAULT_ANN_POLICY, kind: 'ivf_rq' }, 50_000, 100).kind).toBe('ivf_flat');
    expect(vectorIndexSpec({ ...DEFAULT_ANN_POLICY, kind: 'ivf_pq' }, 50_000, 100)).toEqual({ kind: 'ivf_pq', partitions: 224, subVectors: 25 });
    const work = planIndexWork({ rows: 30_000, text: text(30_000) }, 100).find((w) => w.kind === 'build_vector_index');
    expect(work).toMatchObject({ kind: 'build_vector_index', spec: { kind: 'ivf_flat' } });
  });
});

describe('search breadth by table size', () => {
  // Probes grow with the partitions (~sqrt(rows)), so the share of the table searched
  // stays ~3% at 1,024-d (at least 20 probes); refine re-ranks ~0.42 x sqrt(rows)
  // candidates whatever the limit (at least 2 x the limit). Measured recall@10
  // (scripts/bench-search.ts, limit 60): 100k 1.0 (120-420 candidates), 1M 0.985-1.0.
  it.each<[number, number, object]>([
    [10_000, 60, { nprobes: 20, refineFactor: 2 }],
    [100_000, 60, { nprobes: 20, refineFactor: 3 }],
    [1_000_000, 60, { nprobes: 30, refineFactor: 7 }],
    [1_000_000, 10, { nprobes: 30, refineFactor: 42 }],
    [10_000_000, 60, { nprobes: 95, refineFactor: 23 }],
    [1_000, 200, { nprobes: 20, refineFactor: 2 }],
    [400, 5, { nprobes: 20, refineFactor: 20 }],
  ])('IVF_RQ over %i rows, limit %i: %o', (rows, limit, expected) => {
    expect(searchBreadth(rows, 'ivf_rq', DEFAULT_ANN_POLICY, limit)).toEqual(expected);
  });

  it.each<[number, number, object]>([
    [1024, 100_000, { nprobes: 20, refineFactor: 3 }],
    [512, 100_000, { nprobes: 27, refineFactor: 7 }],
    [256, 100_000, { nprobes: 38, refineFactor: 7 }],
    [256, 1_000_000, { nprobes: 120, refineFactor: 7 }],
    [4096, 1_000_000, { nprobes: 60, refineFactor: 7 }],
    [2560, 100_000, { nprobes: 20, refineFactor: 7 }],
    [768, 1_000_000, { nprobes: 70, refineFactor: 7 }],
  ])('by vector length (shorter: a larger share; 1,024-d measured narrower): %i-d over %i rows: %o', (dims, rows, expected) => {
    expect(searchBreadth(rows, 'ivf_rq', DEFAULT_ANN_POLICY, 60, dims)).toEqual(expected);
  });

  it('IVF_FLAT for the 100-d starter model: probes x3.2, no refine', () => {
    expect(searchBreadth(100_000, 'ivf_flat', DEFAULT_ANN_POLICY, 60, 100)).toEqual({ nprobes: 61 });
  });

  it('probes every partition of a tiny index, no more', () => {
    expect(searchBreadth(100, 'ivf_flat', DEFAULT_ANN_POLICY, 10)).toEqual({ nprobes: 10 });
  });
});
