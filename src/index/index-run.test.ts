// IndexRun with a real LanceDB store and the starter model: the embedder works on one
// batch while the next files are read, and whatever stops a pass (a pause, a failing
// embedder) leaves only files whose chunks are all committed marked done.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../embedder/embedder.js';
import { LlamaEmbedder } from '../embedder/llama-embedder.js';
import { starterModelPath } from '../paths.js';
import { makeFixtureFolder, makeTempDir, type FixtureFolder } from '../test-support/fixture-folder.js';
import { ChunkStore } from './chunk-store.js';
import { IndexRun, PASSAGE_PROGRESS_SLICE } from './index-run.js';

const WORDS = 'river mountain bread garden music science history ocean winter market doctor library'.split(' ');
const noteText = (i: number) => Array.from({ length: 20 }, (_, w) => WORDS[(i * 7 + w * (1 + (i % 5))) % WORDS.length]).join(' ') + ` note ${i}`;
const FILES = 240; // about two embedding batches of 128 chunks
let folder: FixtureFolder;
let data: Awaited<ReturnType<typeof makeTempDir>>;
let embedder: LlamaEmbedder;
let paths: string[];

beforeAll(async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < FILES; i++) {
    files[`notes/n${String(i).padStart(3, '0')}.txt`] = noteText(i);
  }
  folder = await makeFixtureFolder(files);
  paths = Object.keys(files).map((name) => folder.path(name));
  data = await makeTempDir();
  embedder = new LlamaEmbedder({ modelPath: starterModelPath(), gpu: false });
  await embedder.load();
});

afterAll(async () => {
  await embedder.dispose();
  await folder.remove();
  await data.remove();
});

async function openStore(name: string): Promise<ChunkStore> {
  return ChunkStore.open(join(data.path, name), 'starter', (await embedder.load()).dimensions);
}

/** Every file row marked done has exactly its chunks in the table, and no chunk lacks a row. */
async function expectConsistent(store: ChunkStore): Promise<number> {
  const rows = await store.filesIn(folder.root);
  const done = rows.filter((row) => row.status === 'done');
  expect(await store.countChunks(folder.root)).toBe(done.reduce((n, row) => n + row.chunks, 0));
  return done.length;
}

describe('IndexRun', () => {
  it('indexes every file with the embedder running alongside the reader', async () => {
    const store = await openStore('clean');
    let embedCalls = 0;
    const counting: Embedder = Object.assign(Object.create(embedder) as LlamaEmbedder, {
      embed: (texts: string[], kind: 'query' | 'document') => {
        embedCalls++;
        return embedder.embed(texts, kind);
      },
    });
    const totals = await new IndexRun(folder.root, { store, embedder: counting }).run(paths, new Map());
    expect(totals).toMatchObject({ indexed: FILES, unchanged: 0, failed: [] });
    expect(embedCalls).toBeGreaterThanOrEqual(2);
    expect(await expectConsistent(store)).toBe(FILES);
  });

  it('embeds a passage repeated across a first pass once, however far apart the copies are', async () => {
    // 500 notes, then copies of the first 200. Each embedding batch (128 passages) takes
    // over a second, so commits land between batches, and by the last batches the copies'
    // originals are only in the cache table, written earlier in this same pass.
    const files: Record<string, string> = {};
    for (let i = 0; i < 700; i++) files[`r${String(i).padStart(3, '0')}.txt`] = noteText(i % 500);
    const repeats = await makeFixtureFolder(files);
    try {
      const store = await openStore('repeats');
      const slow: Embedder = Object.assign(Object.create(embedder) as LlamaEmbedder, {
        embed: async (texts: string[], kind: 'query' | 'document') => {
          await new Promise((resolve) => setTimeout(resolve, 1100));
          return embedder.embed(texts, kind);
        },
      });
      const all = Object.keys(files).map((name) => repeats.path(name));
      const totals = await new IndexRun(repeats.root, { store, embedder: slow }).run(all, new Map());
      expect(totals).toMatchObject({ indexed: 700, chunksEmbedded: 500, chunksReused: 200 });
    } finally {
      await repeats.remove();
    }
  });

  it('counts a passage repeated within one batch as embedded once in the progress too', async () => {
    // The progress line adds up each committed file's "embedded"; the pass's total counts
    // each passage once. With copies in one batch the running count went past the total
    // and then dropped to it (git's docs: 6,045 chunks, then 5,983).
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`c${String(i).padStart(2, '0')}.txt`] = noteText(i % 10);
    const copies = await makeFixtureFolder(files);
    try {
      const store = await openStore('copies');
      let committed = 0;
      const all = Object.keys(files).map((name) => copies.path(name));
      const totals = await new IndexRun(copies.root, {
        store,
        embedder,
        onCommitted: (outcomes) => {
          for (const outcome of outcomes) if (outcome.kind === 'indexed') committed += outcome.embedded;
        },
      }).run(all, new Map());
      expect(totals).toMatchObject({ indexed: 40, chunksEmbedded: 10, chunksReused: 30 });
      expect(committed).toBe(totals.chunksEmbedded);
    } finally {
      await copies.remove();
    }
  });

  it('reports the passages of one large file as they embed, in slices', async () => {
    // One file of ~1,500 short passages: the file count stands still meanwhile.
    const words = Array.from({ length: 24_000 }, (_, i) => `${WORDS[(i * 5) % WORDS.length]}${i}`);
    const big = await makeFixtureFolder({ 'book.txt': words.join(' ') });
    try {
      const store = await openStore('book');
      const seen: Array<[string, number, number]> = [];
      const totals = await new IndexRun(big.root, {
        store,
        embedder,
        maxChunkTokens: 16,
        onPassages: (path, done, total) => seen.push([path, done, total]),
      }).run([big.path('book.txt')], new Map());
      const total = totals.chunksEmbedded;
      expect(total).toBeGreaterThan(2 * PASSAGE_PROGRESS_SLICE);
      expect(seen.length).toBe(Math.ceil(total / PASSAGE_PROGRESS_SLICE));
      expect(seen.map(([path]) => path)).toEqual(seen.map(() => big.path('book.txt')));
      expect(seen.map(([, done]) => done)).toEqual(seen.map((_, i) => Math.min((i + 1) * PASSAGE_PROGRESS_SLICE, total)));
      expect(seen.every(([, , of]) => of === total)).toBe(true);
      expect(await store.countChunks(big.root)).toBe(total);
    } finally {
      await big.remove();
    }
  });

  it('a failing embedder rejects the run and leaves a consistent index that the next pass completes', async () => {
    const store = await openStore('failing');
    let calls = 0;
    const failing: Embedder = Object.assign(Object.create(embedder) as LlamaEmbedder, {
      embed: (texts: string[], kind: 'query' | 'document') => {
        if (++calls === 2) return Promise.reject(new Error('GPU lost'));
        return embedder.embed(texts, kind);
      },
    });
    await expect(new IndexRun(folder.root, { store, embedder: failing }).run(paths, new Map())).rejects.toThrow('GPU lost');
    expect(await expectConsistent(store)).toBeLessThan(FILES);
    const known = new Map((await store.filesIn(folder.root)).map((row) => [row.path, row]));
    const totals = await new IndexRun(folder.root, { store, embedder }).run(paths, known);
    expect(totals.indexed + totals.unchanged).toBe(FILES);
    expect(await expectConsistent(store)).toBe(FILES);
  });

  it('a pause commits the batch already being embedded, so the resumed pass does not embed it again', async () => {
    const store = await openStore('paused');
    let seen = 0;
    const gate = () => {
      if (++seen > 150) throw new Error('paused');
    };
    let committed = 0;
    const first = new IndexRun(folder.root, {
      store,
      embedder,
      gate,
      onCommitted: (outcomes) => (committed += outcomes.filter((o) => o.kind === 'indexed').length),
    });
    await expect(first.run(paths, new Map())).rejects.toThrow('paused');
    const done = await expectConsistent(store);
    expect(done).toBe(committed);
    // The first batch (128+ chunks, one per file) was embedding when the gate closed.
    expect(done).toBeGreaterThanOrEqual(128);
    const known = new Map((await store.filesIn(folder.root)).map((row) => [row.path, row]));
    const totals = await new IndexRun(folder.root, { store, embedder }).run(paths, known);
    expect(totals).toMatchObject({ indexed: FILES - done, unchanged: done });
    expect(await expectConsistent(store)).toBe(FILES);
  });
});
