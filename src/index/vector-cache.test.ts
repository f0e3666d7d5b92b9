// The embedding cache on a real LanceDB table: vectors by chunk hash, appended by the
// indexer after a miss, found again through the BTREE on chunk_hash that the store's
// compaction gives it (rows appended since are found by the scan next to the index).
import * as lancedb from '@lancedb/lancedb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChunkStore } from './chunk-store.js';
import { makeTempDir } from '../test-support/fixture-folder.js';

const DIMS = 16;

function vectorOf(seed: number): Float32Array {
  return Float32Array.from({ length: DIMS }, (_, i) => Math.sin(seed * 31 + i));
}

describe('the embedding cache', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let store: ChunkStore;

  beforeEach(async () => {
    dir = await makeTempDir();
    store = await ChunkStore.open(dir.path, 'cache_d16', DIMS);
  });

  afterEach(async () => {
    store.close();
    await dir.remove();
  });

  it('finds what was cached, by hash, and nothing for other hashes', async () => {
    await store.cacheVectors([
      { hash: 'h1', vector: vectorOf(1) },
      { hash: 'h2', vector: vectorOf(2) },
    ]);
    const found = await store.cachedVectors(['h2', 'h3', 'h1', 'h2']);
    expect([...found.keys()].sort()).toEqual(['h1', 'h2']);
    expect(Array.from(found.get('h2')!)).toEqual(Array.from(vectorOf(2)));
    expect(await store.cachedCount()).toBe(2);
  });

  it('gets a chunk_hash index from the compaction, and finds rows cached before and after it', async () => {
    await store.cacheVectors(Array.from({ length: 300 }, (_, i) => ({ hash: `old${i}`, vector: vectorOf(i) })));
    await store.optimize();
    const db = await lancedb.connect(dir.path);
    const table = await db.openTable('vcache_cache_d16');
    expect((await table.listIndices()).map((index) => [index.name, index.indexType])).toEqual([['chunk_hash_idx', 'BTree']]);
    table.close();
    db.close();
    await store.cacheVectors([{ hash: 'new1', vector: vectorOf(1000) }]);
    const found = await store.cachedVectors(['old7', 'old299', 'new1', 'absent']);
    expect([...found.keys()].sort()).toEqual(['new1', 'old299', 'old7']);
    expect(Array.from(found.get('old7')!)).toEqual(Array.from(vectorOf(7)));
    // A second compaction keeps the index and updates it.
    await store.optimize();
    expect([...(await store.cachedVectors(['new1'])).keys()]).toEqual(['new1']);
  });

  it('keeps one vector per hash even when a hash is cached twice (a redo after a crash)', async () => {
    await store.cacheVectors([{ hash: 'twice', vector: vectorOf(5) }]);
    await store.cacheVectors([
      { hash: 'twice', vector: vectorOf(5) },
      { hash: 'twice', vector: vectorOf(5) },
    ]);
    const found = await store.cachedVectors(['twice']);
    expect(found.size).toBe(1);
    expect(Array.from(found.get('twice')!)).toEqual(Array.from(vectorOf(5)));
  });

  it('refuses a vector of another length with a clear message', async () => {
    await expect(store.cacheVectors([{ hash: 'short', vector: new Float32Array(8) }])).rejects.toThrow(/8 dimensions; the cache holds 16/);
  });
});
