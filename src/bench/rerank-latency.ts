// Latency the reranker adds to one query: Sift's own LlamaReranker (src/search/rerank.ts,
// the code the app runs) scoring the top N candidates of a query, timed per query after a
// warm-up. Printed figures for bench/RESULTS.md, not assertions.
import { DEFAULT_DOCUMENT_TOKENS, LlamaReranker } from '../search/rerank.js';
import type { GpuChoice } from '../embedder/llama-runtime.js';
import { makePassages } from './corpus.js';
import { decodeTiming } from '../embedder/direct-worker.js';

export interface RerankLatencyOptions {
  modelPath: string;
  gpu: GpuChoice;
  /** Candidates reranked per query (the app reranks the top 30). */
  candidates: number;
  /** Timed queries (after two warm-up queries). */
  queries: number;
  /** Words-per-token-calibrated length of each candidate passage (a Sift chunk is ~250 tokens). */
  passageTokens: number;
  contextTokens?: number;
  /** rerank.ts's options: which decode path, tokens per batched decode, the document window. */
  decodePath?: 'auto' | 'batched' | 'sequential';
  batchTokens?: number;
  documentTokens?: number;
  sharePrefix?: boolean;
}

export interface RerankLatencyReport {
  model: string;
  backend: string;
  candidates: number;
  passageTokens: number;
  queries: number;
  loadMs: number;
  /** Per query: all candidates scored. */
  p50Ms: number;
  p95Ms: number;
  meanMs: number;
  perCandidateMs: number;
  decodePath: string;
  batchTokens?: number;
  documentTokens: number;
  /** Batched: the shared prompt prefix decoded once per decode. */
  sharedPrefix: boolean;
  /** Per timed query, from direct-worker.ts's counters: decodes, time inside llama_decode,
   *  time inside the worker (decode + batch filling + reading scores), and the rest of
   *  score() (windows, tokenizing, pair building). Absent for rankAll. */
  perQuery?: { decodes: number; decodeMs: number; workerMs: number; hostMs: number };
  /** Every timed query's scores, in order (for comparing paths on the same inputs). */
  scores: number[][];
}

const QUERIES = [
  'how do I reset my password',
  'quarterly revenue of the northern region',
  'which trains go to the airport at night',
  'python function that parses dates from log lines',
  '如何更改默认的下载文件夹',
  'the contract clause about early termination',
];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

export async function rerankLatency(options: RerankLatencyOptions): Promise<RerankLatencyReport> {
  const reranker = new LlamaReranker({
    modelPath: options.modelPath,
    gpu: options.gpu,
    contextTokens: options.contextTokens,
    decodePath: options.decodePath,
    batchTokens: options.batchTokens,
    documentTokens: options.documentTokens,
    sharePrefix: options.sharePrefix,
  });
  try {
    const t0 = performance.now();
    const { model } = await reranker.load();
    const loadMs = performance.now() - t0;
    const count = (text: string) => model.tokenize(text).length;
    const passages = makePassages(options.candidates * 4, options.passageTokens, count, 20241202);
    const candidatesFor = (q: number) => Array.from({ length: options.candidates }, (_, i) => passages[(q * 7 + i) % passages.length]!);
    for (let q = 0; q < 2; q++) await reranker.score(QUERIES[q % QUERIES.length]!, candidatesFor(q));
    const timing0 = { ...decodeTiming };
    const times: number[] = [];
    const allScores: number[][] = [];
    for (let q = 0; q < options.queries; q++) {
      const docs = candidatesFor(q + 2);
      const start = performance.now();
      const scores = await reranker.score(QUERIES[q % QUERIES.length]!, docs);
      times.push(performance.now() - start);
      allScores.push(scores);
      if (scores.length !== docs.length) throw new Error(`the reranker returned ${scores.length} scores for ${docs.length} candidates`);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    const round = (x: number) => Number(x.toFixed(1));
    const decodes = decodeTiming.decodes - timing0.decodes;
    const workerMs = (decodeTiming.batchMs - timing0.batchMs) / times.length;
    const perQuery =
      decodes > 0
        ? {
            decodes: round(decodes / times.length),
            decodeMs: round((decodeTiming.decodeMs - timing0.decodeMs) / times.length),
            workerMs: round(workerMs),
            hostMs: round(mean - workerMs),
          }
        : undefined;
    return {
      model: options.modelPath,
      backend: await reranker.backend(),
      candidates: options.candidates,
      passageTokens: options.passageTokens,
      queries: options.queries,
      loadMs: Math.round(loadMs),
      p50Ms: round(percentile(sorted, 0.5)),
      p95Ms: round(percentile(sorted, 0.95)),
      meanMs: round(mean),
      perCandidateMs: round(mean / options.candidates),
      decodePath: reranker.loadedInfo()?.decodePath ?? 'unknown',
      batchTokens: options.batchTokens,
      documentTokens: options.documentTokens ?? DEFAULT_DOCUMENT_TOKENS,
      sharedPrefix: reranker.loadedInfo()?.sharedPrefix ?? false,
      perQuery,
      scores: allScores,
    };
  } finally {
    await reranker.dispose();
  }
}
