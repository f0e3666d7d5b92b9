// The index policy run for real: LanceDB in a temp folder, an IVF_RQ index built once the
// table passes the (here tiny) threshold, rows written afterwards found before upkeep.
import * as lancedb from '@lancedb/lancedb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchCorpus } from '../bench/search-corpus.js';
import { seededRandom } from '../seeded-random.js';
import { ChunkStore } from '../index/chunk-store.js';
import { makeTempDir } from '../test-support/fixture-folder.js';
import { IndexMaintainer } from './index-maintainer.js';

const DIMS = 32;
const random = seededRandom(5);
const vocabulary = Array.from({ length: 2000 }, (_, i) => `w${i.toString(36)}${String.fromCharCode(97 + Math.floor(random() * 26))}`);

describe('IndexMaintainer on a real table', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let store: ChunkStore;
  let maintainer: IndexMaintainer;
  const jobs: string[] = [];
  const corpus = new SearchCorpus(vocabulary, { dimensions: DIMS, seed: 3, centroids: 20, wordsPerChunk: 20 });
  const base = corpus.files('base', 50);

  beforeAll(async () => {
    dir = await makeTempDir();
    store = await ChunkStore.open(dir.path, 'maint_d32', DIMS);
    maintainer = new IndexMaintainer({
      store: async () => store,
      policy: { exactBelowCells: 600 * 32, settleAfterMs: 60_000 },
      onJob: (work) => jobs.push(work.kind),
    });
    await store.replaceFiles(base);
  });

  afterAll(async () => {
    await maintainer.close();
    store.close();
    await dir.remove();
  });

  it('searches exactly, with no ANN index, while the table is small', async () => {
    await maintainer.textIndexReady(store);
    await maintainer.settle();
    const state = await store.indexState();
    expect(state.rows).toBe(500);
    expect(state.text).toMatchObject({ indexed: 500, unindexed: 0 });
    expect(state.vector).toBeUndefined();
    expect(maintainer.vectorOptions()).toEqual({});
  });

  it('builds an IVF_RQ index once the table passes the threshold, and searches through it', async () => {
    const more = corpus.files('more', 30);
    await store.replaceFiles(more);
    await maintainer.settle();
    const state = await store.indexState();
    expect(state.vector?.type).toMatch(/ivf_?rq/i);
    expect(state.vector).toMatchObject({ indexed: 800, unindexed: 0 });
    expect(jobs).toContain('build_vector_index');
    expect(maintainer.vectorOptions()).toMatchObject({ nprobes: expect.any(Number), refineFactor: expect.any(Number) });
    // Refined with the full vectors, a stored vector finds its own row.
    const rows = more.flatMap((f) => f.rows).slice(0, 10);
    for (const row of rows) {
      const [top] = await store.nearest(row.vector, 5, maintainer.vectorOptions());
      expect(top?.row.id).toBe(row.id);
    }
  });

  it('finds rows written after the build at once, and folds them in when writes settle', async () => {
    const fresh = corpus.files('fresh', 5, 'zzfreshword');
    await store.replaceFiles(fresh);
    maintainer.poke(true);
    const before = await store.indexState();
    expect(before.vector?.unindexed).toBe(50);
    expect(before.text?.unindexed).toBe(50);
    for (const row of fresh.flatMap((f) => f.rows).slice(0, 5)) {
      const [top] = await store.nearest(row.vector, 5, maintainer.vectorOptions());
      expect(top?.row.id).toBe(row.id);
    }
    expect((await store.keywordSearch('zzfreshword', 100)).length).toBe(50);
    // settleAfterMs is a minute here, so only an explicit settle folds them in.
    await maintainer.idle();
    expect((await store.indexState()).vector?.unindexed).toBe(50);
    await maintainer.settle();
    const after = await store.indexState();
    expect(after.vector).toMatchObject({ unindexed: 0, indexed: 850 });
    expect(after.text).toMatchObject({ unindexed: 0 });
    expect((await store.keywordSearch('zzfreshword', 100)).length).toBe(50);
  });
});

describe('IndexMaintainer while writes go on', () => {
  it('holds an optimise for (1 / duty - 1) x the last one, and never holds settling', async () => {
    const dir = await makeTempDir();
    const store = await ChunkStore.open(dir.path, 'duty_d32', DIMS);
    const jobs: string[] = [];
    const maintainer = new IndexMaintainer({
      store: async () => store,
      // An optimise once 20 rows wait; after one, wait 99 x its duration.
      policy: { exactBelowCells: 100 * 32, optimizeUnindexedRows: 20, optimizeDuty: 0.01, settleAfterMs: 600_000 },
      debounceMs: 10,
      onJob: (work) => jobs.push(work.kind),
    });
    const corpus = new SearchCorpus(vocabulary, { dimensions: DIMS, seed: 9, centroids: 5, wordsPerChunk: 10 });
    try {
      await store.replaceFiles(corpus.files('a', 30));
      await maintainer.settle();
      const optimisesBefore = jobs.filter((job) => job === 'optimize').length;
      // 30 unindexed rows, over the threshold, writes going on: the first optimise runs...
      await store.replaceFiles(corpus.files('b', 3));
      maintainer.poke(true);
      await waitUntil(async () => (await store.indexState()).vector?.unindexed === 0);
      expect(jobs.filter((job) => job === 'optimize').length).toBe(optimisesBefore + 1);
      // ...the next is held while writes go on...
      await store.replaceFiles(corpus.files('c', 3));
      for (let i = 0; i < 5; i++) {
        maintainer.poke(true);
        await new Promise((resolve) => setTimeout(resolve, 50));
        await maintainer.idle();
      }
      expect((await store.indexState()).vector?.unindexed).toBe(30);
      // ...and settling does not wait.
      await maintainer.settle();
      expect((await store.indexState()).vector?.unindexed).toBe(0);
    } finally {
      await maintainer.close();
      store.close();
      await dir.remove();
    }
  });
});

describe('IndexMaintainer once writes have stopped', () => {
  it('consolidates the fragments when idle, so that the next burst compacts only its own rows', async () => {
    const dir = await makeTempDir();
    const store = await ChunkStore.open(dir.path, 'idle_d32', DIMS);
    const jobs: string[] = [];
    const maintainer = new IndexMaintainer({
      store: async () => store,
      policy: { exactBelowCells: 100 * 32, settleAfterMs: 50, consolidateAfterMs: 300 },
      debounceMs: 10,
      onJob: (work) => jobs.push(work.kind),
    });
    const corpus = new SearchCorpus(vocabulary, { dimensions: DIMS, seed: 4, centroids: 5, wordsPerChunk: 10 });
    const fragments = async () => {
      const state = await store.indexState();
      return state.smallFragments;
    };
    try {
      await store.replaceFiles(corpus.files('a', 30));
      await maintainer.settle();
      expect((await store.indexState()).vector).toMatchObject({ indexed: 300, unindexed: 0 });
      // A burst of writes; its optimise leaves the new rows' fragment beside the old one.
      for (let i = 0; i < 3; i++) {
        await store.replaceFiles(corpus.files(`b${i}`, 2));
        maintainer.poke(true);
      }
      await waitUntil(async () => (await store.indexState()).vector?.unindexed === 0);
      expect(await fragments()).toBe(2);
      expect(jobs).not.toContain('consolidate');
      // Idle: one fragment, every row still found through the indexes.
      await waitUntil(async () => jobs.includes('consolidate') && (await fragments()) === 1);
      expect((await store.indexState()).vector).toMatchObject({ indexed: 360, unindexed: 0 });
      // The next burst's optimise compacts its own rows and leaves the rest as it is
      // (one fragment of 360 rows, one of the 20 new), where before it rewrote all of them.
      await store.replaceFiles(corpus.files('c0', 1));
      maintainer.poke(true);
      await store.replaceFiles(corpus.files('c1', 1));
      maintainer.poke(true);
      await maintainer.settle();
      const lengths = (await stats(dir.path, 'chunks_idle_d32')).lengths;
      expect([lengths.min, lengths.max]).toEqual([20, 360]);
    } finally {
      await maintainer.close();
      store.close();
      await dir.remove();
    }
  });

  it('does not consolidate on its own at start, before it has seen a write', async () => {
    const dir = await makeTempDir();
    const store = await ChunkStore.open(dir.path, 'start_d32', DIMS);
    const jobs: string[] = [];
    const policy = { exactBelowCells: 100 * 32, settleAfterMs: 50, consolidateAfterMs: 100 };
    const corpus = new SearchCorpus(vocabulary, { dimensions: DIMS, seed: 6, centroids: 5, wordsPerChunk: 10 });
    const first = new IndexMaintainer({ store: async () => store, policy });
    try {
      await store.replaceFiles(corpus.files('a', 30));
      await first.settle();
      await store.replaceFiles(corpus.files('b', 2));
      await first.settle();
      await first.close();
      expect(await store.indexState()).toMatchObject({ smallFragments: 2, vector: { indexed: 320, unindexed: 0 } });
      const next = new IndexMaintainer({ store: async () => store, policy, debounceMs: 10, onJob: (work) => jobs.push(work.kind) });
      next.poke();
      await new Promise((resolve) => setTimeout(resolve, 400));
      await next.idle();
      expect(jobs).toEqual([]);
      await next.settle({ consolidate: true });
      expect(jobs).toEqual(['consolidate']);
      expect((await store.indexState()).smallFragments).toBe(1);
      // Searches poke all the time: nothing more to do, and no second consolidation.
      for (let i = 0; i < 3; i++) {
        next.poke();
        await new Promise((resolve) => setTimeout(resolve, 150));
        await next.idle();
      }
      expect(jobs).toEqual(['consolidate']);
      await next.close();
    } finally {
      store.close();
      await dir.remove();
    }
  });
});

async function stats(path: string, table: string): Promise<{ lengths: { min: number; max: number } }> {
  const db = await lancedb.connect(path);
  const opened = await db.openTable(table);
  try {
    return (await opened.stats()).fragmentStats;
  } finally {
    opened.close();
    db.close();
  }
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('IndexMaintainer.close with a job that never ends', () => {
  it('stops waiting after closeTimeoutMs and logs the stuck job as an error', async () => {
    // A LanceDB call that never returns (as the full-text index writes did with a
    // one-thread compute pool: src/index/lance-runtime.ts).
    const stuck = { dimensions: DIMS, indexState: () => new Promise<never>(() => {}) } as unknown as ChunkStore;
    const logs: Array<[string, string]> = [];
    const maintainer = new IndexMaintainer({
      store: async () => stuck,
      debounceMs: 0,
      closeTimeoutMs: 200,
      logger: { log: (level: string, message: string) => logs.push([level, message]) },
    });
    maintainer.poke(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await maintainer.close();
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(logs).toEqual([['error', expect.stringMatching(/did not end within 0.2 s of closing \(read state, running for [\d.]+ s\)/)]]);
  });

  it('waits for a job that ends in time, and logs nothing', async () => {
    const logs: string[] = [];
    let finish: (() => void) | undefined;
    const slow = { dimensions: DIMS, indexState: () => new Promise((resolve) => (finish = () => resolve({ rows: 0 }))), recentRows: () => ({ rows: 0, used: false, capacity: 1 }) } as unknown as ChunkStore;
    const maintainer = new IndexMaintainer({ store: async () => slow, debounceMs: 0, closeTimeoutMs: 5_000, logger: { log: (_level: string, message: string) => logs.push(message) } });
    maintainer.poke(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    setTimeout(() => finish?.(), 100);
    await maintainer.close();
    expect(finish).toBeDefined();
    expect(logs).toEqual([]);
  });
});
