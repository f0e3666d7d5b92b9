/**
 * Where a hybrid query's milliseconds go, and what an optimise does, on a table like the
 * search benchmark's (scripts/bench-search.ts): N synthetic 1,024-d chunks with the
 * full-text, IVF_RQ and path indexes, built once into --base (kept, reused) and copied
 * for each run. Prints figures; never asserts.
 *
 *   node -e "import('vite').then((v) => v.runnerImport('./scripts/bench-search-probe.ts'))" -- \
 *     [--rows 100000] [--base /tmp/sift-probe-100000] [--what parts,compact,parts,optimize] [--rounds 3] [--stable]
 *
 * Steps (--what, in order): parts (each part of a query timed, interleaved, with the
 * search breadth now and before), compact (one optimise), fresh (10,000 new rows, then
 * hybrid / vector / keyword queries on them), optimize (3 rounds of 10,000 rows written
 * then optimised: the fragments compacted). --stable: a table with stable row ids.
 * Searching steps read the base; writing ones a copy of it. The upkeep here never runs
 * on its own (settleAfterMs and the optimise threshold are infinite).
 */
import { cp, rm, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import * as lancedb from '@lancedb/lancedb';
import { readGgufFileInfo } from 'node-llama-cpp';
import { chunkRowsTable } from '../src/index/arrow-rows.js';
import { latency } from '../src/bench/search-bench.js';
import { SearchCorpus, vocabularyFrom } from '../src/bench/search-corpus.js';
import type { Embedder } from '../src/embedder/embedder.js';
import { ChunkStore } from '../src/index/chunk-store.js';
import { DEFAULT_ANN_POLICY, nearestOptions, vectorIndexSpec } from '../src/search/ann-policy.js';
import { IndexMaintainer } from '../src/search/index-maintainer.js';
import { SearchService } from '../src/search/search-service.js';
import { starterModelPath } from '../src/paths.js';

const { values } = parseArgs({
  args: process.argv.slice(1).filter((arg) => arg !== '--'),
  options: {
    rows: { type: 'string', default: '100000' },
    base: { type: 'string' },
    what: { type: 'string', default: 'parts,compact,parts,optimize' },
    queries: { type: 'string', default: '40' },
    rounds: { type: 'string', default: '3' },
    stable: { type: 'boolean', default: false },
  },
});
const rows = Number(values.rows);
const dims = 1024;
const key = 'probe_d1024';
const base = values.base ?? `/tmp/sift-probe-${rows}${values.stable ? '-stable' : ''}`;
// Stable row ids: compaction keeps row ids, so the indexes need no remapping.
const storage = values.stable ? { storageOptions: { new_table_enable_stable_row_ids: 'true' } } : {};
const log = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
const info = await readGgufFileInfo(starterModelPath(), { readTensorInfo: false });
const tokens = (info.metadata as unknown as { tokenizer?: { ggml?: { tokens?: readonly string[] } } }).tokenizer?.ggml?.tokens ?? [];
const corpus = new SearchCorpus(vocabularyFrom(tokens), { dimensions: dims, seed: 11 });
const noEmbedder = {
  peek: () => Promise.reject(new Error('no model')),
} as unknown as Embedder;

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

// The base table: bulk-loaded in appends of 10,000 rows and indexed (as the benchmark's step 4 searches it).
if (!(await exists(`${base}/done`))) {
  await rm(base, { recursive: true, force: true });
  (await ChunkStore.open(base, key, dims, undefined, storage)).close();
  const db = await lancedb.connect(base);
  const table = await db.openTable(`chunks_${key}`);
  for (let loaded = 0; loaded < rows; loaded += 10_000) {
    await table.add(chunkRowsTable(corpus.files(`base-${loaded}`, 1000).flatMap((f) => f.rows), dims));
  }
  table.close();
  db.close();
  const store = await ChunkStore.open(base, key, dims);
  await store.ensureTextIndex();
  await store.buildVectorIndex(vectorIndexSpec(DEFAULT_ANN_POLICY, rows, dims));
  await store.ensurePathIndex();
  store.close();
  await (await import('node:fs/promises')).writeFile(`${base}/done`, '');
  log(`built ${base}`);
}
const sampleFiles = corpus.files('sample', 200);
// Searches only: the base itself; writes: a copy.
const work = /optimize|compact|fresh/.test(values.what) ? `${base}-work` : base;
if (work !== base) {
  await rm(work, { recursive: true, force: true });
  await cp(base, work, { recursive: true });
}

const store = await ChunkStore.open(work, key, dims);
const maintainer = new IndexMaintainer({ store: async () => store, policy: { settleAfterMs: Infinity, optimizeUnindexedRows: Infinity }, onJob: (work, ms) => log(`upkeep: ${work.kind} ${(ms / 1000).toFixed(2)} s`) });
const service = new SearchService({ embedder: noEmbedder, store: async () => store, advisor: maintainer });
// The same with the breadth before the second pass of issue #19 (6% of the partitions,
// at least 7 x 60 = 420 candidates re-ranked), for an interleaved A/B.
const halfProbes = new IndexMaintainer({ store: async () => store, policy: { probeFraction: 0.06, refineFactor: 7 } });
const serviceHalf = new SearchService({ embedder: noEmbedder, store: async () => store, advisor: halfProbes });
await halfProbes.settle();
// Queries on stored rows' words (the base rows' generator is seeded: regenerate 2,000).
const stored = new SearchCorpus(vocabularyFrom(tokens), { dimensions: dims, seed: 11 }).files('base-0', 200).flatMap((f) => f.rows);
const queries = Array.from({ length: Number(values.queries) }, () => corpus.queryFor(corpus.pick(stored)));
await maintainer.settle();
const state = await store.indexState();
log(`state ${JSON.stringify(state)}`);

type Part = [string, (q: { text: string; vector: Float32Array }) => Promise<unknown>];
async function interleaved(parts: Part[], rounds = Number(values.rounds)): Promise<void> {
  const samples = new Map(parts.map(([name]) => [name, [] as number[]]));
  for (const [, fn] of parts) for (const q of queries.slice(0, 3)) await fn(q);
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      for (const [name, fn] of parts) {
        const t0 = performance.now();
        await fn(q);
        samples.get(name)!.push(performance.now() - t0);
      }
    }
  }
  for (const [name, s] of samples) log(`${name.padEnd(40)} ${JSON.stringify(latency(s))}`);
}

async function parts(): Promise<void> {
  const state = await store.indexState();
  const params = nearestOptions(state, DEFAULT_ANN_POLICY, 60, dims);
  log(`breadth ${JSON.stringify(params)}`);
  await interleaved([
    [`hybrid, breadth now ${JSON.stringify(maintainer.vectorOptions(60))}`, (q) => service.searchWithVector({ query: q.text, limit: 20, mode: 'hybrid' }, q.vector)],
    [`hybrid, breadth before ${JSON.stringify(halfProbes.vectorOptions(60))}`, (q) => serviceHalf.searchWithVector({ query: q.text, limit: 20, mode: 'hybrid' }, q.vector)],
    ['vector (service)', (q) => service.searchWithVector({ query: q.text, limit: 20, mode: 'vector' }, q.vector)],
    ['keyword (service)', (q) => service.searchWithVector({ query: q.text, limit: 20, mode: 'keyword' }, q.vector)],
    ['nearest 60 (policy breadth)', (q) => store.nearest(q.vector, 60, params)],
    ['nearest 60, half the probes', (q) => store.nearest(q.vector, 60, { ...params, nprobes: Math.max(1, Math.round(params.nprobes! / 2)) })],
    ['nearest 60, no refine', (q) => store.nearest(q.vector, 60, { nprobes: params.nprobes })],
    ['nearest 60, half the probes, refine 5', (q) => store.nearest(q.vector, 60, { nprobes: Math.max(1, Math.round(params.nprobes! / 2)), refineFactor: 5 })],
    ['nearest 60, half the probes, no refine', (q) => store.nearest(q.vector, 60, { nprobes: Math.max(1, Math.round(params.nprobes! / 2)) })],
    ['keywordSearch 60', (q) => store.keywordSearch(q.text, 60)],
    ['keywordSearch 60 (+indexStats)', (q) => store.keywordSearch(q.text, 60, undefined, 500)],
    ['holdsTerm (1 word)', (q) => store.holdsTerm(q.text.split(' ')[0]!)],
    ['rowCount', () => store.rowCount()],
    ['indexState', () => store.indexState()],
  ]);
}

for (const step of values.what.split(',')) {
  if (step === 'parts') await parts();
  if (step === 'fresh') {
    // 10,000 new rows as the benchmark's step 5a writes them, then hybrid, vector and
    // keyword queries on them, each timed, the slowest shown.
    // As in the benchmark: this process has seen an optimise (the in-memory list of new
    // rows is trusted) and the service has asked for the text index already.
    await store.optimizeChunkIndexes();
    await service.searchWithVector({ query: queries[0]!.text, limit: 20, mode: 'hybrid' }, queries[0]!.vector);
    await maintainer.idle();
    const fresh = corpus.files('fresh', 1000);
    for (let i = 0; i < fresh.length; i += 50) await store.replaceFiles(fresh.slice(i, i + 50));
    const rowsFresh = fresh.flatMap((f) => f.rows);
    const qs = Array.from({ length: 50 }, () => corpus.queryFor(corpus.pick(rowsFresh)));
    const words = [...new Set(qs.flatMap((q) => q.text.split(' ')).filter((w) => w.length >= 5))].slice(0, 40);
    const termSamples: number[] = [];
    for (const word of words) {
      const t0 = performance.now();
      await store.holdsTerm(word);
      termSamples.push(performance.now() - t0);
    }
    log(`after 10,000 new rows, holdsTerm on ${words.length} words: ${JSON.stringify(latency(termSamples))}`);
    for (const [name, mode] of [['hybrid', 'hybrid'], ['vector', 'vector'], ['keyword', 'keyword'], ['hybrid again', 'hybrid']] as const) {
      const samples: number[] = [];
      for (const q of qs) {
        const t0 = performance.now();
        await service.searchWithVector({ query: q.text, limit: 20, mode }, q.vector);
        samples.push(performance.now() - t0);
      }
      log(`after 10,000 new rows, ${name}: ${JSON.stringify(latency(samples))}; slowest ${samples.map((x, i) => [x, i] as const).sort((a, b) => b[0] - a[0]).slice(0, 5).map(([x, i]) => `#${i} ${x.toFixed(0)}`).join(', ')}`);
    }
  }
  if (step === 'compact') {
    const t0 = performance.now();
    await store.optimizeChunkIndexes();
    log(`compacted in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  }
}

if (values.what.includes('optimize')) {
  // 20 commits of 500 new rows, then optimise: the compaction's fragments and time.
  const db = await lancedb.connect(work, { readConsistencyInterval: 0 });
  const table = await db.openTable(`chunks_${key}`);
  for (let round = 0; round < 3; round++) {
    const fresh = corpus.files(`fresh${round}`, 1000);
    const t0 = performance.now();
    for (let i = 0; i < fresh.length; i += 50) await store.replaceFiles(fresh.slice(i, i + 50));
    log(`round ${round}: wrote 10,000 rows in ${((performance.now() - t0) / 1000).toFixed(2)} s; fragments ${JSON.stringify((await table.stats()).fragmentStats)}`);
    const t1 = performance.now();
    const stats = await table.optimize({ cleanupOlderThan: new Date(Date.now() - 60_000) });
    log(`round ${round}: optimize ${((performance.now() - t1) / 1000).toFixed(2)} s ${JSON.stringify(stats)}; fragments ${JSON.stringify((await table.stats()).fragmentStats)}`);
    log(`indices ${JSON.stringify(await table.listIndices())}`);
  }
  table.close();
  db.close();
}
await maintainer.close();
await halfProbes.close();
store.close();
void sampleFiles;
