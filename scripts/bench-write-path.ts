/**
 * What a 500-row commit of 1,024-d chunks costs the JS thread: LanceDB's conversion of
 * plain objects (the store before issue #19's last change) against Arrow columns built
 * from the typed arrays (src/index/arrow-rows.ts), interleaved, into one table in /tmp.
 * The event-loop delay is what a search waiting for its JS turn meanwhile would wait.
 * Prints figures; never asserts.
 *
 *   node -e "import('vite').then((v) => v.runnerImport('./scripts/bench-write-path.ts'))"
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as lancedb from '@lancedb/lancedb';
import { SearchCorpus } from '../src/bench/search-corpus.js';
import { chunkRowsTable } from '../src/index/arrow-rows.js';
import { ChunkStore } from '../src/index/chunk-store.js';

const dims = 1024;
const dir = await mkdtemp(join(tmpdir(), 'sift-bench-write-'));
try {
  (await ChunkStore.open(dir, 'w', dims)).close();
  const db = await lancedb.connect(dir);
  const table = await db.openTable('chunks_w');
  const corpus = new SearchCorpus(
    Array.from({ length: 3000 }, (_, i) => `word${i}`),
    { dimensions: dims, seed: 5 },
  );
  const variants = {
    'plain objects': (rows: ReturnType<typeof corpus.files>[number]['rows']) => table.add(rows.map((row) => ({ ...row, vector: Array.from(row.vector) }))),
    'Arrow columns': (rows: ReturnType<typeof corpus.files>[number]['rows']) => table.add(chunkRowsTable(rows, dims)),
  };
  const figures = new Map(Object.keys(variants).map((name) => [name, { ms: [] as number[], maxDelay: [] as number[] }]));
  for (let round = 0; round < 10; round++) {
    for (const [name, write] of Object.entries(variants)) {
      const rows = corpus.files(`${name.replace(' ', '-')}-${round}`, 50).flatMap((f) => f.rows);
      const delay = monitorEventLoopDelay({ resolution: 1 });
      delay.enable();
      const started = performance.now();
      await write(rows);
      figures.get(name)!.ms.push(performance.now() - started);
      delay.disable();
      figures.get(name)!.maxDelay.push(delay.max / 1e6);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(1);
  for (const [name, f] of figures) {
    process.stdout.write(`${name}: 500-row commit median ${median(f.ms)} ms, longest JS-thread stall median ${median(f.maxDelay)} ms\n`);
  }
  table.close();
  db.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}
