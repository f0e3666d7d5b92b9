// Benchmarks of the model runtime, built on a real pipeline over generated passages:
// - rerank latency: what reranking the top N candidates adds to a search, end to end
//   (search with and without rerank) and the reranker's own step, with the reranker's shape;
// - idle reload: the time to the first result after the models were unloaded for being
//   idle, against a warm search.
// Figures only: nothing here asserts a time.
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { SiftError } from '../api/errors.js';
import { readGgufFacts } from '../embedder/gguf-facts.js';
import type { GpuChoice } from '../embedder/llama-runtime.js';
import { LlamaEmbedder } from '../embedder/llama-embedder.js';
import { ResidentEmbedder } from '../embedder/resident-embedder.js';
import type { Logger } from '../log.js';
import { starterModelPath } from '../paths.js';
import { ModelPipeline } from '../pipeline/model-pipeline.js';
import { LlamaReranker, type Reranker } from '../search/rerank.js';
import { RerankerSlot } from '../search/reranker-slot.js';
import { seededRandom } from '../seeded-random.js';
import { wordsText } from './corpus.js';

export interface Stats {
  n: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * q) - 1))] ?? 0;
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    n: values.length,
    meanMs: round(values.reduce((a, b) => a + b, 0) / Math.max(1, values.length)),
    p50Ms: round(at(0.5)),
    p95Ms: round(at(0.95)),
    maxMs: round(sorted.at(-1) ?? 0),
  };
}

/** The figures that say what a GGUF is (the reranker's shape in the report). */
export async function modelShape(path: string) {
  const facts = await readGgufFacts(path);
  return {
    name: facts.name,
    architecture: facts.architecture,
    layers: facts.blockCount,
    embeddingLength: facts.embeddingLength,
    feedForwardLength: facts.feedForwardLength,
    heads: facts.headCount,
    kvHeads: facts.headCountKv,
    contextLength: facts.contextLength,
    fileBytes: (await stat(path)).size,
    file: basename(path),
  };
}

/** A folder of `count` generated passages of about `words` words each (one chunk each). */
async function passageFolder(count: number, words: number): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'sift-runtime-bench-'));
  const random = seededRandom(7);
  for (let i = 0; i < count; i++) await writeFile(join(folder, `p${String(i).padStart(4, '0')}.txt`), `${wordsText(random, words)}\n`);
  return folder;
}

function queries(count: number): string[] {
  const random = seededRandom(11);
  return Array.from({ length: count }, () => wordsText(random, 6).replace(/\.$/, ''));
}

/** A reranker that counts the candidates it is given and times its own step. */
class TimedReranker implements Reranker {
  readonly steps: number[] = [];
  /** CPU time of the whole process over each step (every thread): on a shared, busy
   *  machine the wall time is mostly waiting for a core; this is the work itself. */
  readonly cpu: number[] = [];
  readonly candidates: number[] = [];
  constructor(readonly inner: Reranker) {}
  async score(query: string, documents: string[]): Promise<number[]> {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const scores = await this.inner.score(query, documents);
    const cpu = process.cpuUsage(cpuBefore);
    this.steps.push(performance.now() - started);
    this.cpu.push((cpu.user + cpu.system) / 1000);
    this.candidates.push(documents.length);
    return scores;
  }
  dispose() {
    return this.inner.dispose();
  }
}

export interface RerankLatencyOptions {
  rerankerPath: string;
  /** The embedding model of the search (default: the starter model). */
  modelPath?: string;
  gpu?: GpuChoice;
  candidates?: number;
  queries?: number;
  /** Words per generated passage (~1.3 tokens each). */
  passageWords?: number;
  logger?: Logger;
  progress?: (message: string) => void;
}

export async function runRerankLatency(options: RerankLatencyOptions) {
  const candidates = options.candidates ?? 30;
  const logger = options.logger ?? { log: () => undefined };
  const gpu = options.gpu ?? 'auto';
  const folder = await passageFolder(Math.max(60, candidates * 2), options.passageWords ?? 120);
  const dbDir = await mkdtemp(join(tmpdir(), 'sift-runtime-bench-db-'));
  const embedder = new LlamaEmbedder({ modelPath: options.modelPath ?? starterModelPath(), gpu, logger });
  const llamaReranker = new LlamaReranker({ modelPath: options.rerankerPath, gpu, logger });
  const reranker = new TimedReranker(llamaReranker);
  const pipeline = new ModelPipeline({
    dbUri: dbDir,
    embedder,
    dimensionsFor: (facts) => facts.nativeDimensions ?? facts.dimensions,
    logger,
    emit: () => undefined,
    reranker,
    // Enough candidates that the reranked head is the whole `candidates`.
    searchTuning: { rerankTop: candidates, minCandidates: candidates * 2 },
  });
  try {
    options.progress?.(`indexing ${Math.max(60, candidates * 2)} passages`);
    await pipeline.indexFolder(folder);
    await pipeline.settle();
    const loadStarted = performance.now();
    await llamaReranker.load();
    const loadMs = performance.now() - loadStarted;
    const list = queries(options.queries ?? 20);
    // Warm-up: first calls allocate buffers.
    for (const query of list.slice(0, 2)) {
      await pipeline.search({ query, limit: 10, rerank: false });
      await pipeline.search({ query, limit: 10, rerank: true });
    }
    reranker.steps.length = 0;
    reranker.cpu.length = 0;
    reranker.candidates.length = 0;
    const plain: number[] = [];
    const reranked: number[] = [];
    for (const [i, query] of list.entries()) {
      options.progress?.(`query ${i + 1}/${list.length}`);
      let started = performance.now();
      await pipeline.search({ query, limit: 10, rerank: false });
      plain.push(performance.now() - started);
      started = performance.now();
      await pipeline.search({ query, limit: 10, rerank: true });
      reranked.push(performance.now() - started);
    }
    const info = llamaReranker.loadedInfo();
    return {
      reranker: { ...(await modelShape(options.rerankerPath)), backend: info?.backend, vramUsedBytes: info?.vramUsedBytes, loadMs: Math.round(loadMs) },
      embedder: (await embedder.load()).name,
      candidatesPerQuery: stats(reranker.candidates).meanMs,
      queries: list.length,
      searchPlain: stats(plain),
      searchReranked: stats(reranked),
      rerankStep: stats(reranker.steps),
      rerankStepCpu: stats(reranker.cpu),
      addedPerQuery: stats(reranked.map((ms, i) => ms - plain[i]!)),
    };
  } finally {
    await pipeline.close();
    await embedder.dispose();
    await rm(folder, { recursive: true, force: true });
    await rm(dbDir, { recursive: true, force: true });
  }
}

export interface IdleReloadOptions {
  modelPath?: string;
  rerankerPath?: string;
  gpu?: GpuChoice;
  repeats?: number;
  logger?: Logger;
  progress?: (message: string) => void;
}

/**
 * Time to the first result after an idle unload, through the same ResidentEmbedder and
 * RerankerSlot the app uses (idle time shortened to 200 ms), against a warm search.
 */
export async function runIdleReload(options: IdleReloadOptions) {
  const logger = options.logger ?? { log: () => undefined };
  const gpu = options.gpu ?? 'auto';
  const idleMs = 200;
  const folder = await passageFolder(60, 120);
  const dbDir = await mkdtemp(join(tmpdir(), 'sift-runtime-bench-db-'));
  const modelPath = options.modelPath ?? starterModelPath();
  const resident = new ResidentEmbedder(new LlamaEmbedder({ modelPath, gpu, logger }), { idleMs: () => null });
  const reranker = options.rerankerPath
    ? new RerankerSlot({
        path: () => options.rerankerPath!,
        mode: () => 'on',
        gpu: () => gpu,
        embedderBackend: async () => (await resident.load()).backend,
        idleMs: () => null,
        logger,
      })
    : undefined;
  const pipeline = new ModelPipeline({
    dbUri: dbDir,
    embedder: resident,
    dimensionsFor: (facts) => facts.nativeDimensions ?? facts.dimensions,
    logger,
    emit: () => undefined,
    reranker,
    rerankByDefault: async () => reranker !== undefined,
  });
  const search = async (query: string) => {
    const started = performance.now();
    const { hits } = await pipeline.search({ query, limit: 10 });
    if (hits.length === 0) throw new SiftError('internal', 'the benchmark search found nothing');
    return performance.now() - started;
  };
  try {
    options.progress?.('indexing 60 passages');
    await pipeline.indexFolder(folder);
    await pipeline.settle();
    const list = queries(2 + (options.repeats ?? 3) * 2);
    await search(list[0]!);
    await search(list[1]!);
    const cold: number[] = [];
    const warm: number[] = [];
    let at = 2;
    for (let r = 0; r < (options.repeats ?? 3); r++) {
      options.progress?.(`unload and reload ${r + 1}/${options.repeats ?? 3}`);
      // Wait out the idle time, as the app's timer would.
      const unloadsBefore = resident.idle.unloads;
      resident.unloadWhenIdle();
      reranker?.changed();
      while (resident.idle.unloads === unloadsBefore || resident.loadedInfo()) await new Promise((resolve) => setTimeout(resolve, idleMs / 4));
      cold.push(await search(list[at++]!));
      warm.push(await search(list[at++]!));
    }
    const info = resident.loadedInfo();
    return {
      embedder: { ...(await modelShape(modelPath)), backend: info?.backend },
      reranker: options.rerankerPath ? { ...(await modelShape(options.rerankerPath)), backend: reranker?.state()?.info?.backend } : undefined,
      firstResultAfterUnload: stats(cold),
      warmSearch: stats(warm),
    };
  } finally {
    await pipeline.close();
    await resident.dispose();
    await rm(folder, { recursive: true, force: true });
    await rm(dbDir, { recursive: true, force: true });
  }
}
