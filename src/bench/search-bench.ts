// The search latency benchmark behind scripts/bench-search.ts: a LanceDB chunks table of
// N synthetic chunks (real ChunkStore, real SearchService; only the query embedding is
// given, so the model forward is excluded), measured exact and with ANN indexes, then
// with M new chunks written through the store's normal write path.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import type { Embedder } from '../embedder/embedder.js';
import { ChunkStore, type ChunkRow, type NearestOptions, type VectorIndexKind } from '../index/chunk-store.js';
import { IndexMaintainer } from '../search/index-maintainer.js';
import { vectorIndexSpec, DEFAULT_ANN_POLICY, nearestOptions } from '../search/ann-policy.js';
import { SearchService } from '../search/search-service.js';
import { SearchCorpus } from './search-corpus.js';

export interface SearchBenchOptions {
  rows: number;
  newRows: number;
  dimensions: number;
  vocabulary: string[];
  /** Row counts at which exact search latency is measured on the way up. */
  sizes: number[];
  kinds: VectorIndexKind[];
  /** Queries per latency figure (exact search at 100k rows is slow: fewer there). */
  queries: number;
  exactQueries: number;
  /** Rows per commit when writing the new chunks (the indexer flushes up to 2,000). */
  writeBatchRows: number;
  log: (line: string) => void;
}

export interface Latency {
  p50: number;
  p95: number;
  mean: number;
  n: number;
}

export function latency(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  const round = (x: number) => Math.round(x * 10) / 10;
  return { p50: round(at(0.5)), p95: round(at(0.95)), mean: round(sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1)), n: sorted.length };
}

async function timeEach<T>(items: readonly T[], fn: (item: T) => Promise<unknown>): Promise<Latency> {
  const samples: number[] = [];
  for (const item of items) {
    const started = performance.now();
    await fn(item);
    samples.push(performance.now() - started);
  }
  return latency(samples);
}

/** The query with its longest Latin word misspelt (two inner letters swapped). */
function withTypo(text: string): string {
  const words = text.split(' ');
  let longest = -1;
  words.forEach((w, i) => {
    if (/^[a-z]{5,}$/.test(w) && (longest < 0 || w.length > words[longest]!.length)) longest = i;
  });
  if (longest < 0) return text;
  const w = words[longest]!;
  words[longest] = w.slice(0, 2) + w[3] + w[2] + w.slice(4);
  return words.join(' ');
}

/** The benchmark never embeds: searchWithVector gets the query vector directly. */
const noEmbedder: Embedder = new Proxy({} as Embedder, {
  get: (_target, name) => () => {
    throw new Error(`the search benchmark excludes the model; Embedder.${String(name)} was called`);
  },
});

const KEY = 'bench_d';

export async function runSearchBench(options: SearchBenchOptions): Promise<Record<string, unknown>> {
  const { log } = options;
  const dir = await mkdtemp(join(tmpdir(), 'sift-bench-search-'));
  const results: Record<string, unknown> = { rows: options.rows, newRows: options.newRows, dimensions: options.dimensions };
  const corpus = new SearchCorpus(options.vocabulary, { dimensions: options.dimensions, seed: 11 });
  const key = `${KEY}${options.dimensions}`;
  let store = await ChunkStore.open(dir, key, options.dimensions);
  store.close();
  const sample: Array<Pick<ChunkRow, 'text' | 'vector' | 'id'>> = [];
  try {
    // 1. Bulk load (not what is measured: straight appends of 10,000 rows).
    const db = await lancedb.connect(dir);
    const table = await db.openTable(`chunks_${key}`);
    const sizes = [...new Set([...options.sizes.filter((s) => s < options.rows), options.rows])].sort((a, b) => a - b);
    const exactBySize: Record<number, Latency> = {};
    let loaded = 0;
    let loadMs = 0;
    for (const size of sizes) {
      while (loaded < size) {
        const files = Math.min(1000, Math.ceil((size - loaded) / 10));
        const batch = corpus.files(`base-${loaded}`, files).flatMap(({ rows }) => rows);
        for (let i = 0; i < batch.length; i += 997) sample.push(batch[i]!);
        const started = performance.now();
        await table.add(batch.map((row) => ({ ...row, vector: Array.from(row.vector) })));
        loadMs += performance.now() - started;
        loaded += batch.length;
      }
      store = await ChunkStore.open(dir, key, options.dimensions);
      const queries = Array.from({ length: options.exactQueries }, () => corpus.queryFor(corpus.pick(sample)));
      await store.nearest(queries[0]!.vector, 50, { exact: true });
      exactBySize[size] = await timeEach(queries, (q) => store.nearest(q.vector, 50, { exact: true }));
      log(`exact vector search, ${size} rows: p50 ${exactBySize[size]!.p50} ms, p95 ${exactBySize[size]!.p95} ms`);
      store.close();
    }
    table.close();
    db.close();
    results.loadSeconds = Math.round(loadMs / 100) / 10;
    results.exactVector = exactBySize;

    store = await ChunkStore.open(dir, key, options.dimensions);
    const queries = Array.from({ length: options.queries }, () => corpus.queryFor(corpus.pick(sample)));
    // Exact top 10 of the first 20 queries: the ground truth for recall.
    const truth: Array<{ vector: Float32Array; ids: string[] }> = [];
    for (const q of queries.slice(0, 20)) truth.push({ vector: q.vector, ids: (await store.nearest(q.vector, 10, { exact: true })).map((m) => m.row.id) });
    const recallAt10 = async (params: NearestOptions) => {
      let found = 0;
      for (const { vector, ids } of truth) {
        const got = new Set((await store.nearest(vector, 10, params)).map((m) => m.row.id));
        found += ids.filter((id) => got.has(id)).length;
      }
      return Math.round((found / (truth.length * 10)) * 1000) / 1000;
    };

    // 2. Full-text index over every row.
    let started = performance.now();
    await store.ensureTextIndex();
    results.textIndexBuildSeconds = Math.round(performance.now() - started) / 1000;
    log(`full-text index (ICU) over ${options.rows} rows: ${results.textIndexBuildSeconds} s`);
    await store.keywordSearch(queries[0]!.text, 50);
    results.keyword = await timeEach(queries, (q) => store.keywordSearch(q.text, 50));
    log(`keyword search: ${JSON.stringify(results.keyword)}`);

    // 3. ANN indexes, one after another; the policy's kind last so it stays for step 4.
    const kinds = [...options.kinds.filter((k) => k !== DEFAULT_ANN_POLICY.kind), DEFAULT_ANN_POLICY.kind];
    const ann: Record<string, unknown> = {};
    for (const kind of kinds) {
      const spec = vectorIndexSpec({ ...DEFAULT_ANN_POLICY, kind }, options.rows, options.dimensions);
      started = performance.now();
      // A search loop alongside the build: searches must keep answering meanwhile.
      let building = true;
      const during: number[] = [];
      const searching = (async () => {
        while (building) {
          const q = corpus.pick(queries);
          const t0 = performance.now();
          await store.keywordSearch(q.text, 50);
          during.push(performance.now() - t0);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })();
      await store.buildVectorIndex(spec);
      building = false;
      await searching;
      const buildSeconds = Math.round(performance.now() - started) / 1000;
      const state = await store.indexState();
      const params = nearestOptions(state);
      await store.nearest(queries[0]!.vector, 50, params);
      const lat = await timeEach(queries, (q) => store.nearest(q.vector, 60, params));
      const recall = await recallAt10(params);
      // IVF search breadth vs recall: partitions probed and full-vector refine.
      const sweep: Record<string, unknown> = {};
      if (kind.startsWith('ivf')) {
        for (const [nprobes, refineFactor] of [[20, undefined], [10, 5], [20, 5], [20, 10], [40, 10]] as const) {
          const p = { nprobes, refineFactor };
          const l = await timeEach(queries, (q) => store.nearest(q.vector, 60, p));
          sweep[`nprobes=${nprobes},refine=${refineFactor}`] = { p50: l.p50, p95: l.p95, recallAt10: await recallAt10(p) };
        }
        log(`${kind} search breadth: ${JSON.stringify(sweep)}`);
      }
      ann[kind] = { spec, params, buildSeconds, vector: lat, recallAt10: recall, keywordDuringBuild: latency(during), sweep };
      log(`${kind} ${JSON.stringify(spec)}: build ${buildSeconds} s, vector ${JSON.stringify(lat)}, recall@10 ${recall}, keyword during build ${JSON.stringify(latency(during))}`);
    }
    results.ann = ann;

    // 4. Hybrid through the search service, warm.
    const maintainer = new IndexMaintainer({ store: async () => store });
    await maintainer.settle();
    const service = new SearchService({ embedder: noEmbedder, store: async () => store, advisor: maintainer });
    const hybrid = (q: { text: string; vector: Float32Array }) => service.searchWithVector({ query: q.text, limit: 20, mode: 'hybrid' }, q.vector);
    for (const q of queries.slice(0, 5)) await hybrid(q);
    results.hybrid = await timeEach(queries, hybrid);
    log(`hybrid (vector + keyword + fusion + grouping + snippets), warm: ${JSON.stringify(results.hybrid)}`);
    // The same queries with a typo in their longest word: the keyword side finds the word
    // missing from the index and adds a fuzzy clause (src/search/keyword-plan.ts).
    const typo = (q: { text: string; vector: Float32Array }) => ({ ...q, text: withTypo(q.text) });
    results.hybridTypo = await timeEach(queries.map(typo), hybrid);
    log(`hybrid with a typo in one word (fuzzy keyword clause), warm: ${JSON.stringify(results.hybridTypo)}`);
    const syntax = (q: { text: string; vector: Float32Array }) => ({ ...q, text: `${q.text} -zzabsentword "${q.text.split(' ').slice(0, 2).join(' ')}"` });
    results.hybridSyntax = await timeEach(queries.map(syntax), hybrid);
    log(`hybrid with a -word and a "phrase" (post-checked), warm: ${JSON.stringify(results.hybridSyntax)}`);

    // 5a. New chunks through the store's write path, searched before any index upkeep.
    const marker = 'zzfreshmarker';
    const perCommit = Math.max(1, Math.round(options.writeBatchRows / 10));
    const writeAll = async (batch: typeof fresh, afterCommit?: () => void) => {
      for (let i = 0; i < batch.length; i += perCommit) {
        await store.replaceFiles(batch.slice(i, i + perCommit));
        afterCommit?.();
      }
    };
    const fresh = corpus.files('fresh', Math.ceil(options.newRows / 10), marker);
    const freshRows = fresh.flatMap(({ rows }) => rows);
    started = performance.now();
    await writeAll(fresh);
    const writeSeconds = Math.round(performance.now() - started) / 1000;
    const probe = freshRows[freshRows.length - 1]!;
    const probeQuery = `${marker} ${probe.text.split(' ')[3]}`;
    started = performance.now();
    const first = await service.searchWithVector({ query: probeQuery, limit: 20, mode: 'hybrid' }, probe.vector);
    const firstMs = Math.round((performance.now() - started) * 10) / 10;
    const stateAfter = await store.indexState();
    const newQueries = Array.from({ length: options.queries }, () => corpus.queryFor(corpus.pick(freshRows)));
    const hybridUnindexed = await timeEach(newQueries, hybrid);
    const vectorFound = await Promise.all(
      freshRows.slice(0, 20).map(async (row) => (await store.nearest(row.vector, 1, nearestOptions(stateAfter)))[0]?.row.id === row.id),
    );
    const keywordFresh = (await store.keywordSearch(marker, 5)).length;
    // 5b. Folding them into the indexes.
    started = performance.now();
    await store.optimizeChunkIndexes();
    const optimizeSeconds = Math.round(performance.now() - started) / 1000;
    const hybridAfter = await timeEach(newQueries, hybrid);
    const keywordFreshAfter = (await store.keywordSearch(marker, 5)).length;
    results.newChunks = {
      rows: freshRows.length,
      commits: Math.ceil(fresh.length / perCommit),
      writeSeconds,
      unindexedAfterWrite: { text: stateAfter.text?.unindexed, vector: stateAfter.vector?.unindexed },
      firstHybridQueryMs: firstMs,
      newestChunkFirst: first.hits[0]?.path === probe.path,
      newVectorsFoundTop1: `${vectorFound.filter(Boolean).length}/${vectorFound.length}`,
      keywordFindsNewBeforeOptimize: keywordFresh > 0,
      hybridWithUnindexedRows: hybridUnindexed,
      optimizeSeconds,
      keywordFindsNewAfterOptimize: keywordFreshAfter > 0,
      hybridAfterOptimize: hybridAfter,
    };
    log(`new chunks, no upkeep yet: ${JSON.stringify(results.newChunks)}`);

    // 5c. The same again as in the app: the maintainer is poked after every commit (the
    // indexer's progress events) and queries run meanwhile.
    const jobs: string[] = [];
    const live = new IndexMaintainer({
      store: async () => store,
      debounceMs: 1000,
      onJob: (work, ms) => jobs.push(`${work.kind} ${(ms / 1000).toFixed(1)} s`),
      logger: { log: (level, message) => level !== 'info' && log(`maintainer ${level}: ${message}`) },
    });
    const liveService = new SearchService({ embedder: noEmbedder, store: async () => store, advisor: live });
    const more = corpus.files('fresh2', Math.ceil(options.newRows / 10), `${marker}two`);
    let writing = true;
    const duringWrites: number[] = [];
    const querying = (async () => {
      while (writing) {
        const q = corpus.pick(newQueries);
        const t0 = performance.now();
        await liveService.searchWithVector({ query: q.text, limit: 20, mode: 'hybrid' }, q.vector);
        duringWrites.push(performance.now() - t0);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    started = performance.now();
    await writeAll(more, () => live.poke(true));
    const liveWriteSeconds = Math.round(performance.now() - started) / 1000;
    writing = false;
    await querying;
    started = performance.now();
    await live.settle();
    const settleSeconds = Math.round(performance.now() - started) / 1000;
    const after = await store.indexState();
    results.newChunksWithUpkeep = {
      rows: more.length * 10,
      writeSeconds: liveWriteSeconds,
      hybridDuringWrites: latency(duringWrites),
      settleAfterLastWriteSeconds: settleSeconds,
      upkeepJobs: jobs,
      unindexedAfterSettle: { text: after.text?.unindexed, vector: after.vector?.unindexed },
    };
    log(`new chunks with upkeep: ${JSON.stringify(results.newChunksWithUpkeep)}`);
    await live.close();
    await maintainer.close();
    return results;
  } finally {
    store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
