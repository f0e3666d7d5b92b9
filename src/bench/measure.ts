// The benchmark's measurements, shared by every engine: the seed test and the index load,
// timed the same way (wall clock around whole calls, after a warm-up).
import { SEED_COPIES, SEED_TEXT } from './corpus.js';

export interface LoadResult {
  texts: number;
  tokens: number;
  seconds: number;
  textsPerSecond: number;
  tokensPerSecond: number;
}

export interface SeedResult {
  texts: number;
  tokensPerText: number;
  /** Median of `repeats` timed batches. */
  seconds: number;
  textsPerSecond: number;
  bestTextsPerSecond: number;
  repeats: number;
}

export interface EngineRun {
  engine: string;
  /** e.g. 'contexts=2' or 'np=32,b=16384,ub=4096'. */
  config: string;
  seed?: SeedResult;
  short?: LoadResult;
  long?: LoadResult;
  /** short + long together: the index load. */
  index?: LoadResult;
  vramUsedBytes?: number;
  /** Whole-process GPU memory at its peak during the run (nvidia-smi), CUDA context included. */
  processVramBytes?: number;
  /** Peak GPU memory in use on the device minus what was in use before the benchmark started. */
  deviceVramDeltaBytes?: number;
  /** Sift's context shape: tokens per decode (KV cells), micro-batch, KV type. */
  tokenBudget?: number;
  microBatch?: number;
  kvCacheType?: string;
  /** Lowest and mean cosine of this run's vectors against the first f16-KV Sift run's, on the check texts. */
  cosineVsF16Kv?: { min: number; mean: number; texts: number };
  /** After the run: the model unloaded, then one query embedded (a reload): milliseconds to its vector. */
  firstResultAfterUnloadMs?: number;
  /** Only possible with the patched node-llama-cpp/llama.cpp build (scripts/gpu/*.patch). */
  needsPatchedBuild?: boolean;
  /** Where Sift's time went over the whole run (seed + index; direct-worker.ts decodeTiming):
   *  wall clock, time inside llama_decode and inside the workers, summed over contexts. */
  timing?: { wallMs: number; decodes: number; decodeMs: number; batchMs: number; hostMsPerDecode: number };
  /** Lowest cosine of this engine's vectors with llama-server's on the check texts. */
  cosineVsServer?: number;
  notes?: string[];
  error?: string;
}

/** What a benchmark needs from an engine: embed a batch of documents. */
export interface BenchEngine {
  /** Vectors for the texts, in order (checked for count only). */
  embedDocuments(texts: string[]): Promise<ArrayLike<number>[]>;
  /** The seed test's "one batch" (one request for a server); defaults to embedDocuments. */
  embedOneBatch?(texts: string[]): Promise<ArrayLike<number>[]>;
}

/** The texts, with their token counts (special tokens included) as the model sees them. */
export interface Corpus {
  seedTokensPerText: number;
  short: string[];
  shortTokens: number;
  long: string[];
  longTokens: number;
}

const now = () => performance.now() / 1000;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const round = (x: number, digits = 1) => Number(x.toFixed(digits));

export function loadResult(texts: number, tokens: number, seconds: number): LoadResult {
  return {
    texts,
    tokens,
    seconds: round(seconds, 3),
    textsPerSecond: round(texts / seconds),
    tokensPerSecond: Math.round(tokens / seconds),
  };
}

export async function measureSeed(engine: BenchEngine, tokensPerText: number, repeats = 5): Promise<SeedResult> {
  const batch = Array<string>(SEED_COPIES).fill(SEED_TEXT);
  const embed = (texts: string[]) => (engine.embedOneBatch ? engine.embedOneBatch(texts) : engine.embedDocuments(texts));
  await embed(batch); // warm-up
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = now();
    const out = await embed(batch);
    times.push(now() - t0);
    if (out.length !== batch.length) throw new Error(`seed test: ${out.length} vectors for ${batch.length} texts`);
  }
  const m = median(times);
  return {
    texts: batch.length,
    tokensPerText,
    seconds: round(m, 5),
    textsPerSecond: round(batch.length / m),
    bestTextsPerSecond: round(batch.length / Math.min(...times)),
    repeats,
  };
}

export async function measureLoad(engine: BenchEngine, texts: string[], tokens: number): Promise<LoadResult> {
  const t0 = now();
  const out = await engine.embedDocuments(texts);
  const seconds = now() - t0;
  if (out.length !== texts.length) throw new Error(`index load: ${out.length} vectors for ${texts.length} texts`);
  return loadResult(texts.length, tokens, seconds);
}

/** Seed test, then the index load (short, then long passages), after warming both shapes up. */
export async function measureEngine(engine: BenchEngine, corpus: Corpus, seedRepeats = 5): Promise<Pick<EngineRun, 'seed' | 'short' | 'long' | 'index'>> {
  await engine.embedDocuments([...corpus.short.slice(0, 8), ...corpus.long.slice(0, 4)]);
  const seed = await measureSeed(engine, corpus.seedTokensPerText, seedRepeats);
  const short = await measureLoad(engine, corpus.short, corpus.shortTokens);
  const long = await measureLoad(engine, corpus.long, corpus.longTokens);
  const index = loadResult(short.texts + long.texts, short.tokens + long.tokens, short.seconds + long.seconds);
  return { seed, short, long, index };
}
