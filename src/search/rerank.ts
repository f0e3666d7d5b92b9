// Optional second stage: a cross-encoder (a GGUF reranker such as Qwen3-Reranker-0.6B)
// reads the query and each top candidate together and scores relevance. Much better
// ordering than either retriever alone, but one model forward per candidate: fine on a
// GPU, seconds on a small CPU, so it is off unless asked for (see rerankByDefault).
import { stat } from 'node:fs/promises';
import type { Llama, LlamaModel, LlamaRankingContext } from 'node-llama-cpp';
import { SiftError } from '../api/errors.js';
import { assertGgufFile, readGgufFacts } from '../embedder/gguf-facts.js';
import { threadsPerContext } from '../embedder/pool-size.js';
import { backendName, openLlama, type GpuChoice } from '../embedder/llama-runtime.js';
import { assertFits, estimateRanking, type MemoryLedger, type ModelEstimate } from '../embedder/memory-budget.js';
import type { Logger } from '../log.js';

export interface Reranker {
  /** Relevance of each document to the query, in [0, 1], in input order. */
  score(query: string, documents: string[]): Promise<number[]>;
  dispose(): Promise<void>;
}

export interface LlamaRerankerOptions {
  modelPath: string;
  /** The same choice as the embedder's (the GPU setting); both share one llama.cpp runtime. */
  gpu?: GpuChoice;
  /** Query + document tokens per evaluation; longer documents are scored by their best window. */
  contextTokens?: number;
  /** The GPU memory budget shared with the embedder (the app's). */
  memory?: MemoryLedger;
  logger?: Logger;
}

interface Loaded {
  llama: Llama;
  model: LlamaModel;
  context: LlamaRankingContext;
  info: RerankerInfo;
}

const DEFAULT_CONTEXT_TOKENS = 1024;

/** What the loaded reranker runs on and what it took, for the status and the Models view. */
export interface RerankerInfo {
  name: string;
  path: string;
  backend: string;
  /** VRAM the model and its context took at load (0 on the CPU). */
  vramUsedBytes: number;
  /** RAM the process grew by over the load (the CPU's real figure; rough on a GPU). */
  ramUsedBytes: number;
  fallbackReason?: string;
}

/** Weights + the ranking context, from the GGUF header (nothing loaded). */
export async function estimateReranker(modelPath: string, contextTokens = DEFAULT_CONTEXT_TOKENS): Promise<ModelEstimate> {
  return estimateRanking(await readGgufFacts(modelPath), (await stat(modelPath)).size, contextTokens);
}


/** Reranking is on by default only where a forward is cheap (a GPU backend). */
export function rerankByDefault(backend: string | undefined): boolean {
  return backend !== undefined && backend !== 'cpu';
}

export class LlamaReranker implements Reranker {
  private loading: Promise<Loaded> | undefined;
  private loaded: Loaded | undefined;

  constructor(private readonly options: LlamaRerankerOptions) {}

  get modelPath(): string {
    return this.options.modelPath;
  }

  /** Facts of the loaded model, without loading it (undefined until loaded). */
  loadedInfo(): RerankerInfo | undefined {
    return this.loaded?.info;
  }

  /** Loads the model on first use; later calls share it. */
  load(): Promise<Loaded> {
    this.loading ??= this.doLoad().catch((error: unknown) => {
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  async backend(): Promise<string> {
    const { llama } = await this.load();
    return backendName(llama);
  }

  async score(query: string, documents: string[]): Promise<number[]> {
    if (documents.length === 0) return [];
    const { context } = await this.load();
    // One context evaluates one pair at a time; rankAll queues them in order.
    const scores = await context.rankAll(query, documents, { onOverflow: 'maxChunk' });
    return scores.map((score) => (Number.isFinite(score) ? score : 0));
  }

  async dispose(): Promise<void> {
    const loading = this.loading;
    this.loading = undefined;
    this.loaded = undefined;
    if (!loading) return;
    const loaded = await loading.catch(() => undefined);
    if (!loaded) return;
    await loaded.context.dispose();
    await loaded.model.dispose();
    this.options.memory?.set('reranker', 0);
  }

  private async doLoad(): Promise<Loaded> {
    const { modelPath, logger } = this.options;
    await assertGgufFile(modelPath);
    // The process's one runtime for this backend (src/embedder/llama-runtime.ts), shared
    // with the embedder and the hardware probe; never disposed here.
    const { llama, fallbackReason } = await openLlama(this.options.gpu ?? 'auto', logger);
    if (fallbackReason) logger?.log('warn', `reranker: ${fallbackReason}`);
    const vramBefore = await llama.getVramState();
    const rssBefore = process.memoryUsage.rss();
    const memory = this.options.memory;
    const facts = await readGgufFacts(modelPath);
    if (memory && llama.gpu !== false) {
      // It shares the budget with the embedding pool: what that holds comes off first.
      const estimate = await estimateReranker(modelPath, this.options.contextTokens);
      assertFits({
        name: facts.name,
        what: 'reranker',
        needBytes: estimate.totalBytes,
        budgetBytes: memory.budget('reranker', vramBefore),
        heldBytes: memory.heldByOthers('reranker'),
      });
    }
    let model: LlamaModel;
    try {
      model = await llama.loadModel({ modelPath });
    } catch (error) {
      throw new SiftError('model_load_failed', `Cannot load the reranker ${modelPath}: ${(error as Error).message}`, {
        cause: error,
        detail: { key: 'rerankerLoadFailed', params: { file: modelPath, reason: (error as Error).message } },
      });
    }
    if (!model.fileInsights.supportsRanking) {
      await model.dispose();
      throw new SiftError(
        'model_invalid',
        `${modelPath} is not a reranker model (it has no classification head); use e.g. Qwen3-Reranker-0.6B.`,
        { detail: { key: 'rerankerInvalid', params: { file: modelPath } } },
      );
    }
    const contextSize = Math.min(model.trainContextSize || DEFAULT_CONTEXT_TOKENS, this.options.contextTokens ?? DEFAULT_CONTEXT_TOKENS);
    // node-llama-cpp defaults to 6 threads, ruinous on a 2-core CPU; and all the cores are
    // no better: ggml's threads meet at spin barriers after every operation, so with anything
    // else running (the embedder's contexts, other programs) they stall (pool-size.ts). Half
    // the cores, as if the reranker were one of two contexts; two on a GPU to feed it.
    const onGpuLayers = llama.gpu !== false && model.gpuLayers > 0;
    const threads = threadsPerContext(llama.cpuMathCores, 2, onGpuLayers);
    const context = await model.createRankingContext({ contextSize, batchSize: contextSize, threads });
    const onGpu = llama.gpu !== false && model.gpuLayers > 0;
    const vramAfter = await llama.getVramState();
    const info: RerankerInfo = {
      name: facts.name,
      path: modelPath,
      backend: backendName(llama),
      vramUsedBytes: onGpu ? Math.max(0, vramAfter.used - vramBefore.used) : 0,
      ramUsedBytes: Math.max(0, process.memoryUsage.rss() - rssBefore),
      fallbackReason,
    };
    memory?.set('reranker', info.vramUsedBytes);
    logger?.log('info', `reranker: ${modelPath} on ${info.backend}, context ${contextSize}, ${Math.round(info.vramUsedBytes / 2 ** 20)} MiB VRAM`);
    this.loaded = { llama, model, context, info };
    return this.loaded;
  }
}
