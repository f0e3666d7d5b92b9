/**
 * Vector queries with 10,000 rows written since the index was built: through the
 * in-memory list of recent rows (src/index/recent-rows.ts, with fast_search) against
 * LanceDB scanning them (a filter that keeps every row forces that path). 30,000 indexed
 * + 10,000 new 1,024-d rows in /tmp. Prints p50 / p95; never asserts.
 *
 *   node -e "import('vite').then((v) => v.runnerImport('./scripts/bench-recent-rows.ts'))"
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { chunkRowsTable } from '../src/index/arrow-rows.js';
import { SearchCorpus } from '../src/bench/search-corpus.js';
import { ChunkStore } from '../src/index/chunk-store.js';

const dir = await mkdtemp(join(tmpdir(), 'sift-bench-recent-'));
try {
  const corpus = new SearchCorpus(
    Array.from({ length: 3000 }, (_, i) => `word${i}`),
    { dimensions: 1024, seed: 3 },
  );
  (await ChunkStore.open(dir, 'k', 1024)).close();
  const db = await lancedb.connect(dir);
  const table = await db.openTable('chunks_k');
  for (let i = 0; i < 3; i++) await table.add(chunkRowsTable(corpus.files(`b${i}`, 1000).flatMap((f) => f.rows), 1024));
  table.close();
  db.close();
  const store = await ChunkStore.open(dir, 'k', 1024);
  await store.buildVectorIndex({ kind: 'ivf_rq', partitions: 173 });
  const fresh = corpus.files('fresh', 1000);
  for (let i = 0; i < fresh.length; i += 50) await store.replaceFiles(fresh.slice(i, i + 50));
  process.stdout.write(`${JSON.stringify({ recent: store.recentRows(), vector: (await store.indexState()).vector })}\n`);
  const queries = Array.from({ length: 30 }, () => corpus.queryFor(corpus.pick(fresh).rows[0]!).vector);
  const time = async (label: string, search: (q: Float32Array) => Promise<unknown>) => {
    const samples: number[] = [];
    for (const q of queries) {
      const started = performance.now();
      await search(q);
      samples.push(performance.now() - started);
    }
    samples.sort((a, b) => a - b);
    process.stdout.write(`${label}: p50 ${samples[15]!.toFixed(1)} ms, p95 ${samples[28]!.toFixed(1)} ms\n`);
  };
  const breadth = { nprobes: 20, refineFactor: 7 };
  await time('index (fast_search) + in-memory list', (q) => store.nearest(q, 60, breadth));
  await time('index + LanceDB scanning the 10,000 new rows', (q) => store.nearest(q, 60, { ...breadth, where: 'chunk >= 0' }));
  await time('index (fast_search) + in-memory list, again', (q) => store.nearest(q, 60, breadth));
  store.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}
