// Rows written after the vector index was built are searched from the in-memory list
// (LanceDB answers for indexed rows only, fast_search), on a real table: found at once,
// replaced and removed files' rows gone at once, a filtered query still complete, and
// the list emptied by the optimise that indexes them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchCorpus } from '../bench/search-corpus.js';
import { seededRandom } from '../seeded-random.js';
import { makeTempDir } from '../test-support/fixture-folder.js';
import { ChunkStore, sqlString } from './chunk-store.js';

const DIMS = 64;
const random = seededRandom(21);
const vocabulary = Array.from({ length: 800 }, (_, i) => `v${i.toString(36)}${String.fromCharCode(97 + Math.floor(random() * 26))}`);
const ann = { nprobes: 20, refineFactor: 20 };

describe('recent rows next to the vector index', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let store: ChunkStore;
  const corpus = new SearchCorpus(vocabulary, { dimensions: DIMS, seed: 8, centroids: 10, wordsPerChunk: 12 });
  const base = corpus.files('base', 60);
  const fresh = corpus.files('fresh', 5);
  const changed = corpus.files('changed', 1)[0]!;

  beforeAll(async () => {
    dir = await makeTempDir();
    store = await ChunkStore.open(dir.path, 'recent_d64', DIMS);
    await store.replaceFiles(base);
  });

  afterAll(async () => {
    store.close();
    await dir.remove();
  });

  it('is not used before this process has seen the index cover the table', async () => {
    expect(store.recentRows()).toMatchObject({ rows: 60 * 10, used: false });
    await store.buildVectorIndex({ kind: 'ivf_rq', partitions: 8 });
    expect(store.recentRows()).toMatchObject({ rows: 0, used: true });
  });

  it('finds new rows at once, and drops replaced and removed files', async () => {
    await store.replaceFiles(fresh);
    expect(store.recentRows()).toMatchObject({ rows: 50, used: true });
    expect((await store.indexState()).vector).toMatchObject({ indexed: 600, unindexed: 50 });
    for (const row of fresh.flatMap((f) => f.rows).slice(0, 10)) {
      const [top] = await store.nearest(row.vector, 5, ann);
      expect(top?.row.id).toBe(row.id);
      expect(top?.similarity).toBeCloseTo(1, 5);
    }
    // An old, indexed row is still found through the index.
    const old = base[0]!.rows[3]!;
    expect((await store.nearest(old.vector, 5, ann))[0]?.row.id).toBe(old.id);

    // The first fresh file changes: its old vectors must not be found any more.
    const [first, second] = fresh;
    await store.replaceFiles([{ file: first!.file, rows: changed.rows.slice(0, 4) }]);
    const gone = first!.rows[2]!;
    expect((await store.nearest(gone.vector, 5, ann)).some((m) => m.row.id === gone.id && m.similarity > 0.999)).toBe(false);
    await store.removeFiles([second!.file.path]);
    const removed = second!.rows[0]!;
    expect((await store.nearest(removed.vector, 5, ann)).some((m) => m.row.path === second!.file.path)).toBe(false);
    expect(store.recentRows().rows).toBe(34);

    // A filtered query is answered by LanceDB over every row, new ones included.
    const third = fresh[2]!.rows[1]!;
    const filtered = await store.nearest(third.vector, 3, { ...ann, where: `path = ${sqlString(third.path)}` });
    expect(filtered[0]?.row.id).toBe(third.id);
  });

  it('empties the list once an optimise has folded the rows into the index', async () => {
    await store.optimizeChunkIndexes();
    expect(store.recentRows()).toMatchObject({ rows: 0, used: true });
    expect((await store.indexState()).vector?.unindexed).toBe(0);
    const row = fresh[2]!.rows[0]!;
    expect((await store.nearest(row.vector, 5, ann))[0]?.row.id).toBe(row.id);
  });
});
