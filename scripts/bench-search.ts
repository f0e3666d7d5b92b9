/**
 * Search latency at scale: N synthetic chunks of D-dimensional vectors in a real LanceDB
 * table (Sift's ChunkStore), exact search vs ANN indexes (build time, latency, recall),
 * warm hybrid query latency through the SearchService without the model forward, and the
 * first query right after M new chunks are written. Prints figures (and one JSON line at
 * the end); never asserts timings.
 *
 * Usage (node 20 has no --experimental-strip-types; vite's module runner runs the .ts):
 *   node -e "import('vite').then((v) => v.runnerImport('./scripts/bench-search.ts'))" -- \
 *     [--rows 100000] [--new 10000] [--dims 1024] [--sizes 10000,25000,50000] \
 *     [--kinds ivf_pq,hnsw_sq] [--queries 50] [--exact-queries 10] [--write-batch 500] [--out file.json]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readGgufFileInfo } from 'node-llama-cpp';
import { runSearchBench } from '../src/bench/search-bench.js';
import { vocabularyFrom } from '../src/bench/search-corpus.js';
import type { VectorIndexKind } from '../src/index/chunk-store.js';
import { starterModelPath } from '../src/paths.js';

// Under `node -e`, process.argv[1] is already the first argument after `--`.
const { values } = parseArgs({
  args: process.argv.slice(1).filter((arg) => arg !== '--'),
  options: {
    rows: { type: 'string', default: '100000' },
    new: { type: 'string', default: '10000' },
    dims: { type: 'string', default: '1024' },
    sizes: { type: 'string', default: '10000,25000,50000' },
    kinds: { type: 'string', default: 'ivf_pq,hnsw_sq' },
    queries: { type: 'string', default: '50' },
    'exact-queries': { type: 'string', default: '10' },
    'write-batch': { type: 'string', default: '500' },
    out: { type: 'string' },
  },
  allowPositionals: true,
});

const info = await readGgufFileInfo(starterModelPath(), { readTensorInfo: false });
const tokens = (info.metadata as unknown as { tokenizer?: { ggml?: { tokens?: readonly string[] } } }).tokenizer?.ggml?.tokens ?? [];
const log = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
log(`node ${process.version}, ${(await import('node:os')).cpus().length} CPUs, load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}`);
const results = await runSearchBench({
  rows: Number(values.rows),
  newRows: Number(values.new),
  dimensions: Number(values.dims),
  vocabulary: vocabularyFrom(tokens),
  sizes: values.sizes.split(',').filter(Boolean).map(Number),
  kinds: values.kinds.split(',').filter(Boolean) as VectorIndexKind[],
  queries: Number(values.queries),
  exactQueries: Number(values['exact-queries']),
  writeBatchRows: Number(values['write-batch']),
  log,
});
const json = JSON.stringify(results);
process.stdout.write(`${json}\n`);
if (values.out) writeFileSync(values.out, `${JSON.stringify(results, null, 2)}\n`);
