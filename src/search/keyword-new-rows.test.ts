// Keyword search over rows the full-text index does not cover yet, as the app meets them:
// a folder of thousands of files indexed into a table whose full-text index was built
// over a few notes, searched before the upkeep's optimise folds the new rows in. The
// store, the index upkeep (the search's advisor) and the search service are the real
// ones over LanceDB in a temp folder; no model is loaded (keyword search needs none).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../embedder/embedder.js';
import { ChunkStore, type ChunkRow, type FileRow } from '../index/chunk-store.js';
import { makeTempDir } from '../test-support/fixture-folder.js';
import { IndexMaintainer } from './index-maintainer.js';
import { SearchService } from './search-service.js';

const DIMS = 8;
/** Unindexed rows keyword search may skip where a vector list covers them (the app's
 *  default is 500; small here so that the test writes few rows). */
const MAX_FLAT_TEXT_ROWS = 20;
const NEW_FILES = 60;

/** Keyword search must not need the model: any use of it fails the test. */
const noModel: Embedder = new Proxy({} as Embedder, {
  get: (_target, name) => () => {
    throw new Error(`keyword search used the model: Embedder.${String(name)} was called`);
  },
});

function file(path: string, text: string, slot: number): { file: FileRow; rows: ChunkRow[] } {
  const vector = new Float32Array(DIMS);
  vector[slot % DIMS] = 1;
  const row: ChunkRow = { id: `${path}#0`, path, folder: '/docs', chunk: 0, char_start: 0, char_end: text.length, line_no: 1, text, chunk_hash: path, vector };
  return { file: { path, folder: '/docs', size: text.length, mtime_ms: 1, hash: path, chunks: 1, status: 'done', error: '' }, rows: [row] };
}

const NOTES = [
  file('/docs/notes/password.md', 'To reset a forgotten password, choose "Forgot password" on the sign-in page.', 0),
  file('/docs/notes/bread.md', 'Sourdough bread needs a lively starter and a long, slow rise.', 1),
  file('/docs/notes/marathon.md', 'A marathon plan builds the long run slowly over sixteen weeks.', 2),
];

/** Stock notes like e2e/support/fixture-bulk.ts writes: words no note above has. */
const STOCK = Array.from({ length: NEW_FILES }, (_, i) =>
  file(
    `/docs/stock/stock-${String(i).padStart(4, '0')}.txt`,
    `Warehouse stock report ${i}. The inventory count for bolts matches the order sheet. Reorder bolts when fewer than ${(i % 9) + 2} boxes remain.`,
    i,
  ),
);

describe('keyword search finds rows written since the full-text index last covered the table', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let store: ChunkStore;
  let upkeep: IndexMaintainer;
  let service: SearchService;

  beforeAll(async () => {
    dir = await makeTempDir();
    store = await ChunkStore.open(dir.path, 'kw_new_d8', DIMS);
    // No optimise on its own during the test: writes "settle" only after an hour.
    upkeep = new IndexMaintainer({ store: async () => store, policy: { maxFlatTextRows: MAX_FLAT_TEXT_ROWS, settleAfterMs: 3_600_000 } });
    service = new SearchService({ embedder: noModel, store: async () => store, advisor: upkeep });
    // The notes are indexed and searched first: the full-text index covers them...
    await store.replaceFiles(NOTES);
    await upkeep.textIndexReady(store);
    expect((await service.search({ query: 'sourdough', limit: 5, mode: 'keyword' })).hits[0]?.path).toBe('/docs/notes/bread.md');
    // ...then a big folder lands, more rows than the keyword side scans next to a vector list.
    await store.replaceFiles(STOCK);
    expect((await store.indexState()).text).toMatchObject({ indexed: NOTES.length, unindexed: NEW_FILES });
  });

  afterAll(async () => {
    await upkeep.close();
    store.close();
    await dir.remove();
  });

  it('in keyword mode: every new file that holds the words, a page at a time, before any upkeep', async () => {
    const first = await service.search({ query: 'warehouse inventory reorder', limit: 20, mode: 'keyword' });
    expect(first.hits).toHaveLength(20);
    expect(first.hasMore).toBe(true);
    for (const hit of first.hits) expect(hit.path).toMatch(/^\/docs\/stock\//);
    const all = await service.search({ query: 'warehouse inventory reorder', limit: NEW_FILES, mode: 'keyword' });
    expect(new Set(all.hits.map((hit) => hit.path)).size).toBe(NEW_FILES);
    // Nothing was folded in meanwhile: the search itself found them.
    expect((await store.indexState()).text).toMatchObject({ unindexed: NEW_FILES });
  });

  it('in hybrid mode with no query vector (words the model does not know): the words find them', async () => {
    const page = await service.searchWithVector({ query: 'warehouse inventory reorder', limit: 20, mode: 'hybrid' }, undefined);
    expect(page.hits).toHaveLength(20);
    for (const hit of page.hits) expect(hit.path).toMatch(/^\/docs\/stock\//);
  });

  it('in hybrid mode with a query vector: the vector list covers the rows the words may skip', async () => {
    const vector = new Float32Array(DIMS);
    vector[3] = 1;
    const page = await service.searchWithVector({ query: 'warehouse inventory reorder', limit: 20, mode: 'hybrid' }, vector);
    expect(page.hits[0]?.path).toMatch(/^\/docs\/stock\//);
  });
});
