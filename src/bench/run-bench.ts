// The throughput benchmark: Sift's embedder (one run per pool size asked for) and, when
// a llama-server binary is given, llama.cpp's server on the same file and the same texts,
// in one process, so the ratio compares like with like.
import { cpus } from 'node:os';
import { basename } from 'node:path';
import type { Llama } from 'node-llama-cpp';
import { LlamaEmbedder } from '../embedder/llama-embedder.js';
import { setLogitsSkipping, type GpuChoice } from '../embedder/llama-runtime.js';
import type { Logger } from '../log.js';
import { makePassages, SEED_TEXT } from './corpus.js';
import { describeServerConfig, LlamaServer, type ServerConfig } from './llama-server.js';
import { measureEngine, type Corpus, type EngineRun } from './measure.js';
import type { SiftVariant } from './variants.js';
import { cosineSimilarity as cosine } from '../embedder/embedder.js';
import { GpuMemorySampler } from './gpu-memory.js';
import { decodeTiming } from '../embedder/direct-worker.js';

export interface BenchOptions {
  modelPath: string;
  gpu: GpuChoice;
  /** Sift configurations to run, one after another (see variants.ts). */
  variants: SiftVariant[];
  maxContexts?: number;
  maxContextTokens?: number;
  threadsPerContext?: number;
  /** Fraction of the 1,000 + 200 passages (e.g. 0.25 for a big model on a small machine). */
  scale: number;
  seedRepeats: number;
  llamaServer?: string;
  serverConfigs: ServerConfig[];
  /** A llama.cpp binding to use instead of choosing one (the GPU script's source build). */
  llama?: Llama;
  logger?: Logger;
  progress?: (message: string) => void;
  /** Called with the report so far after every run (a cut-off benchmark keeps what finished). */
  onRun?: (partial: BenchReport) => void;
  /** GPU memory in use before this process touched the GPU (nvidia-smi), for the whole-process figures. */
  gpuBaselineBytes?: number;
  /** Sample whole-process GPU memory with nvidia-smi during each run. */
  sampleGpuMemory?: boolean;
  /** After the first Sift run: unload, then time one query through a reload. */
  reloadCheck?: boolean;
  /** Write the texts as devkit/bench_hf.py reads them ({seed_text, seed_copies, short, long}). */
  corpusOut?: (corpus: { seed_text: string; seed_copies: number; short: string[]; long: string[] }) => void;
}

export interface BenchReport {
  model: { path: string; name: string; architecture: string; family?: string; pooling?: string; dimensions: number; contextTokens: number };
  machine: { backend: string; devices: string[]; cpuCores: number; fallbackReason?: string; gpuBaselineBytes?: number };
  corpus: { seedText: string; seedCopies: number; seedTokensPerText: number; short: number; shortAvgTokens: number; long: number; longAvgTokens: number };
  runs: EngineRun[];
  /** Best Sift run that the prebuilt addon can do over the best llama-server run, per load. */
  ratio?: Ratio;
  /** The same with the patched build's runs included (several texts per decode, skip-logits). */
  ratioPatched?: Ratio;
  /** Cosine of Sift's vectors with llama-server's for the same texts (same model file):
   *  the lowest over every Sift configuration, each one's own in runs[].cosineVsServer. */
  agreement?: { texts: number; minCosine: number };
}

export interface Ratio {
  seed: number;
  index: number;
  short: number;
  long: number;
}

export const SHORT_PASSAGES = 1000;
export const LONG_PASSAGES = 200;
const CHECK_TEXTS = [
  SEED_TEXT,
  'What is the capital of France? Paris is the capital and largest city of France.',
  'def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n',
  'Qwen3-Embedding 模型支持多语言文本嵌入，适用于检索、聚类和分类任务。',
];

export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const say = options.progress ?? (() => undefined);
  if (options.variants.length === 0) throw new Error('no Sift configuration to run');
  const makeEmbedder = (variant: SiftVariant) => {
    return new LlamaEmbedder({
      // Explicit either way: the rows without :skip are what a stock llama.cpp computes.
      skipLogits: variant.skipLogits,
      batchTokens: variant.batchTokens,
      microBatchTokens: variant.microBatchTokens,
      kvCacheType: variant.kvCacheType,
      flashAttention: variant.flashAttention,
      modelPath: options.modelPath,
      gpu: options.gpu,
      contexts: variant.contexts,
      sequencesPerContext: variant.sequences,
      decodePath: variant.decodePath,
      maxContexts: options.maxContexts,
      maxContextTokens: options.maxContextTokens,
      threadsPerContext: options.threadsPerContext,
      llama: options.llama,
      logger: options.logger,
    });
  };

  say(`loading ${basename(options.modelPath)}`);
  let embedder = makeEmbedder(options.variants[0]!);
  const info = await embedder.load();
  const count = (text: string) => embedder.countTokens(text);
  // Passages as long as asked, but never longer than one text may be here.
  const shortTarget = Math.min(256, info.contextTokens);
  const longTarget = Math.min(1000, info.contextTokens);
  say(`making ${SHORT_PASSAGES} + ${LONG_PASSAGES} passages of ~${shortTarget} / ~${longTarget} tokens (scale ${options.scale})`);
  const short = makePassages(Math.max(1, Math.round(SHORT_PASSAGES * options.scale)), shortTarget, count, 20240601);
  const long = makePassages(Math.max(1, Math.round(LONG_PASSAGES * options.scale)), longTarget, count, 20240602);
  const sum = (texts: string[]) => texts.reduce((acc, t) => acc + count(t), 0);
  const corpus: Corpus = { seedTokensPerText: count(SEED_TEXT), short, shortTokens: sum(short), long, longTokens: sum(long) };
  options.corpusOut?.({ seed_text: SEED_TEXT, seed_copies: 100, short, long });
  // The vector checks: mixed short texts, plus passages long enough to span several
  // micro-batches of a sized context (a text split across them must pool the same).
  const checkTexts = [...CHECK_TEXTS, ...long.slice(0, 2), ...short.slice(0, 2)];

  const report: BenchReport = {
    model: {
      path: options.modelPath,
      name: info.name,
      architecture: info.architecture,
      family: info.family,
      pooling: info.pooling,
      dimensions: info.dimensions,
      contextTokens: info.contextTokens,
    },
    machine: {
      backend: info.backend,
      devices: info.deviceNames ?? [],
      cpuCores: cpus().length,
      fallbackReason: info.fallbackReason,
      gpuBaselineBytes: options.gpuBaselineBytes,
    },
    corpus: {
      seedText: SEED_TEXT,
      seedCopies: 100,
      seedTokensPerText: corpus.seedTokensPerText,
      short: short.length,
      shortAvgTokens: Math.round(corpus.shortTokens / short.length),
      long: long.length,
      longAvgTokens: Math.round(corpus.longTokens / long.length),
    },
    runs: [],
  };

  const siftChecks = new Map<EngineRun, Float32Array[]>();
  let f16Check: Float32Array[] | undefined;
  const sampler = (pid: () => number | undefined) => (options.sampleGpuMemory ? new GpuMemorySampler(pid, options.gpuBaselineBytes) : undefined);
  for (const [k, variant] of options.variants.entries()) {
    // The first embedder was loaded for the corpus: its load is not in its memory peak,
    // which the whole-process sampling then starts after (the model stays loaded).
    if (k > 0) embedder = makeEmbedder(variant);
    const run: EngineRun = { engine: 'sift', config: '' };
    const memory = sampler(() => process.pid);
    try {
      const loaded = await embedder.load();
      run.config =
        `contexts=${loaded.contexts}${variant.contexts === undefined ? ' (auto)' : ''}, ${loaded.decodePath}` +
        `${(loaded.sequencesPerContext ?? 1) > 1 ? ` x${loaded.sequencesPerContext}` : ''}` +
        `${loaded.tokenBudget ? ` @${loaded.tokenBudget}/${loaded.microBatch} kv ${loaded.kvCacheType}` : ''}${variant.flashAttention ? `, fa ${variant.flashAttention}` : ''}${variant.skipLogits ? ', skip-logits' : ''}`;
      run.needsPatchedBuild = loaded.decodePath === 'multi-sequence' || variant.skipLogits;
      run.vramUsedBytes = loaded.vramUsedBytes;
      run.tokenBudget = loaded.tokenBudget;
      run.microBatch = loaded.microBatch;
      run.kvCacheType = loaded.kvCacheType;
      say(`sift ${run.config}: seed test, then ${short.length} + ${long.length} passages`);
      const t0 = { ...decodeTiming, at: performance.now() };
      Object.assign(run, await measureEngine({ embedDocuments: (texts) => embedder.embed(texts, 'document') }, corpus, options.seedRepeats));
      const decodes = decodeTiming.decodes - t0.decodes;
      const wallMs = performance.now() - t0.at;
      const decodeMs = decodeTiming.decodeMs - t0.decodeMs;
      run.timing = {
        wallMs: Math.round(wallMs),
        decodes,
        decodeMs: Math.round(decodeMs),
        batchMs: Math.round(decodeTiming.batchMs - t0.batchMs),
        // With one context: the time the GPU waited on the host, per decode.
        hostMsPerDecode: decodes > 0 ? Number(((wallMs - decodeMs / Math.max(1, loaded.contexts ?? 1)) / decodes).toFixed(3)) : 0,
      };
      const check = await embedder.embed(checkTexts, 'document');
      siftChecks.set(run, check);
      if ((loaded.kvCacheType ?? 'f16') === 'f16') f16Check ??= check;
      else if (f16Check) {
        const cosines = check.map((v, i) => cosine(v, f16Check![i]!));
        run.cosineVsF16Kv = {
          min: Number(Math.min(...cosines).toFixed(6)),
          mean: Number((cosines.reduce((a, b) => a + b, 0) / cosines.length).toFixed(6)),
          texts: cosines.length,
        };
      }
      const peak = await memory?.stop();
      run.processVramBytes = peak?.processBytes;
      run.deviceVramDeltaBytes = peak?.deviceDeltaBytes;
      if (k === 0 && options.reloadCheck) {
        // Idle unload, then the next query: the model and its contexts load again first.
        await embedder.dispose();
        const t0 = performance.now();
        await embedder.embed(['how do I reset my password'], 'query');
        run.firstResultAfterUnloadMs = Math.round(performance.now() - t0);
      }
    } catch (error) {
      run.error = (error as Error).message;
      await memory?.stop();
    } finally {
      await embedder.dispose();
    }
    report.runs.push(run);
    options.onRun?.(report);
  }

  // The variable is process-wide: leave it unset once Sift's runs are done (llama-server
  // gets an environment without it in any case, llama-server.ts).
  setLogitsSkipping(false);

  if (options.llamaServer) {
    let serverCheck: Float32Array[] | undefined;
    for (const config of options.serverConfigs) {
      const run: EngineRun = { engine: 'llama-server', config: describeServerConfig(config) };
      say(`llama-server ${run.config}`);
      let server: LlamaServer | undefined;
      const memory = sampler(() => server?.pid);
      try {
        server = await LlamaServer.start({
          binary: options.llamaServer,
          modelPath: options.modelPath,
          config,
          slotContext: info.contextTokens + 1,
          threads: Math.max(1, options.llama?.cpuMathCores ?? cpus().length),
          gpu: info.backend !== 'cpu',
        });
        Object.assign(run, await measureEngine(server, corpus, options.seedRepeats));
        const peak = await memory?.stop();
        run.processVramBytes = peak?.processBytes;
        run.deviceVramDeltaBytes = peak?.deviceDeltaBytes;
        serverCheck ??= await server.embedDocuments(checkTexts);
        if (serverCheck) {
          let minCosine = 1;
          for (const [siftRun, vectors] of siftChecks) {
            siftRun.cosineVsServer = Number(Math.min(...vectors.map((v, i) => cosine(v, serverCheck![i]!))).toFixed(6));
            minCosine = Math.min(minCosine, siftRun.cosineVsServer);
          }
          report.agreement = { texts: checkTexts.length, minCosine: Number(minCosine.toFixed(6)) };
        }
      } catch (error) {
        run.error = `${(error as Error).message}${server ? `\n${server.logTail()}` : ''}`;
        await memory?.stop();
      } finally {
        await server?.stop();
      }
      report.runs.push(run);
      setRatios(report);
      options.onRun?.(report);
    }
  }
  setRatios(report);
  return report;
}

function setRatios(report: BenchReport): void {
  report.ratio = ratios(report.runs.filter((r) => !r.needsPatchedBuild));
  const patched = report.runs.some((r) => r.needsPatchedBuild);
  report.ratioPatched = patched ? ratios(report.runs) : undefined;
}

function ratios(runs: EngineRun[]): Ratio | undefined {
  const best = (engine: string, pick: (r: EngineRun) => number | undefined) =>
    Math.max(0, ...runs.filter((r) => r.engine === engine && !r.error).map((r) => pick(r) ?? 0));
  const ratio = (pick: (r: EngineRun) => number | undefined) => {
    const theirs = best('llama-server', pick);
    return theirs > 0 ? Number((best('sift', pick) / theirs).toFixed(2)) : undefined;
  };
  const seed = ratio((r) => r.seed?.textsPerSecond);
  const index = ratio((r) => r.index?.tokensPerSecond);
  const short = ratio((r) => r.short?.tokensPerSecond);
  const long = ratio((r) => r.long?.tokensPerSecond);
  if (seed === undefined || index === undefined || short === undefined || long === undefined) return undefined;
  return { seed, index, short, long };
}
