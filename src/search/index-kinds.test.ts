// The index kind the policy picks for each vector length, built for real: LanceDB in a
// temp folder, a small table, the maintainer's upkeep. The 100-d starter model used to
// get IVF_RQ, which LanceDB refuses for lengths not divisible by 8 (issue #14): it never
// had an index, and the failed build was retried on every upkeep.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchCorpus } from '../bench/search-corpus.js';
import { seededRandom } from '../seeded-random.js';
import { ChunkStore } from '../index/chunk-store.js';
import { makeTempDir } from '../test-support/fixture-folder.js';
import type { LogLevel } from '../log.js';
import { indexKindFor } from './ann-policy.js';
import { IndexMaintainer } from './index-maintainer.js';

const random = seededRandom(9);
const vocabulary = Array.from({ length: 500 }, (_, i) => `w${i.toString(36)}${String.fromCharCode(97 + Math.floor(random() * 26))}`);

describe.each([
  { dims: 100, kind: /ivf_?flat/i },
  { dims: 1024, kind: /ivf_?rq/i },
  { dims: 2560, kind: /ivf_?rq/i },
])('the upkeep at $dims dimensions', ({ dims, kind }) => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let store: ChunkStore;
  const warnings: string[] = [];
  const jobs: string[] = [];
  const corpus = new SearchCorpus(vocabulary, { dimensions: dims, seed: 4, centroids: 8, wordsPerChunk: 12 });
  const files = corpus.files('doc', 40);

  beforeAll(async () => {
    dir = await makeTempDir();
    store = await ChunkStore.open(dir.path, `kinds_d${dims}`, dims);
    await store.replaceFiles(files);
  });

  afterAll(async () => {
    store.close();
    await dir.remove();
  });

  it('builds the index the policy picks, once, and searches through it', async () => {
    const maintainer = new IndexMaintainer({
      store: async () => store,
      // 300 rows is the threshold here (the real one at 100-d is 20,480).
      policy: { exactBelowCells: 300 * dims },
      onJob: (work) => jobs.push(work.kind),
      logger: { log: (level: LogLevel, message: string) => void (level === 'warn' && warnings.push(message)) },
    });
    await maintainer.settle();
    const state = await store.indexState();
    expect(state.rows).toBe(400);
    expect(state.vector?.type).toMatch(kind);
    expect(state.vector?.type).toMatch(new RegExp(indexKindFor(dims).replace('_', '_?'), 'i'));
    expect(state.vector).toMatchObject({ indexed: 400, unindexed: 0 });
    expect(warnings).toEqual([]);
    // Further upkeep finds nothing to do: no rebuild, no retry.
    maintainer.poke();
    await maintainer.settle();
    expect(jobs.filter((job) => job === 'build_vector_index')).toHaveLength(1);
    const options = maintainer.vectorOptions(5);
    expect(options.nprobes).toBeGreaterThan(0);
    for (const row of files.flatMap((f) => f.rows).slice(0, 8)) {
      const [top] = await store.nearest(row.vector, 5, options);
      expect(top?.row.id).toBe(row.id);
    }
    await maintainer.close();
  });
});

describe('a vector index build that fails', () => {
  it('is not retried on every upkeep, only once the table has grown', async () => {
    const dir = await makeTempDir();
    const dims = 100;
    const store = await ChunkStore.open(dir.path, 'fails_d100', dims);
    const corpus = new SearchCorpus(vocabulary, { dimensions: dims, seed: 5, centroids: 8, wordsPerChunk: 12 });
    await store.replaceFiles(corpus.files('doc', 30));
    const warnings: string[] = [];
    // Forcing IVF_PQ with 3 sub-vectors (does not divide 100): LanceDB refuses the build.
    const maintainer = new IndexMaintainer({
      store: async () => store,
      policy: { exactBelowCells: 200 * dims, kind: 'ivf_pq' },
      logger: { log: (level: LogLevel, message: string) => void (level === 'warn' && warnings.push(message)) },
    });
    const original = store.buildVectorIndex.bind(store);
    let attempts = 0;
    store.buildVectorIndex = (spec) => {
      attempts++;
      return original({ ...spec, subVectors: 3 });
    };
    try {
      for (let i = 0; i < 4; i++) await maintainer.settle();
      expect(attempts).toBe(1);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/build_vector_index/);
      // Doubled: tried again.
      await store.replaceFiles(corpus.files('more', 30));
      await maintainer.settle();
      expect(attempts).toBe(2);
    } finally {
      await maintainer.close();
      store.close();
      await dir.remove();
    }
  });
});
