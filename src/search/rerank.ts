// Optional second stage: a cross-encoder (a GGUF reranker such as Qwen3-Reranker-0.6B)
// reads the query and each top candidate together and scores relevance. Much better
// ordering than either retriever alone, but one model forward per candidate: fine on a
// GPU, seconds on a small CPU, so it is off unless asked for (see rerankByDefault).
import type { Llama, LlamaModel, LlamaRankingContext } from 'node-llama-cpp';
import { SiftError } from '../api/errors.js';
import { assertGgufFile } from '../embedder/gguf-facts.js';
import { backendName, openLlama, type GpuChoice } from '../embedder/llama-runtime.js';
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
  logger?: Logger;
}

interface Loaded {
  llama: Llama;
  model: LlamaModel;
  context: LlamaRankingContext;
}

const DEFAULT_CONTEXT_TOKENS = 1024;

/** Reranking is on by default only where a forward is cheap (a GPU backend). */
export function rerankByDefault(backend: string | undefined): boolean {
  return backend !== undefined && backend !== 'cpu';
}

export class LlamaReranker implements Reranker {
  private loading: Promise<Loaded> | undefined;

  constructor(private readonly options: LlamaRerankerOptions) {}

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
    if (!loading) return;
    const loaded = await loading.catch(() => undefined);
    if (!loaded) return;
    await loaded.context.dispose();
    await loaded.model.dispose();
  }

  private async doLoad(): Promise<Loaded> {
    const { modelPath, logger } = this.options;
    await assertGgufFile(modelPath);
    // The process's one runtime for this backend (src/embedder/llama-runtime.ts), shared
    // with the embedder and the hardware probe; never disposed here.
    const { llama, fallbackReason } = await openLlama(this.options.gpu ?? 'auto', logger);
    if (fallbackReason) logger?.log('warn', `reranker: ${fallbackReason}`);
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
    // node-llama-cpp defaults to 6 threads, ruinous on a 2-core CPU.
    const context = await model.createRankingContext({ contextSize, batchSize: contextSize, threads: llama.cpuMathCores });
    logger?.log('info', `reranker: ${modelPath} on ${backendName(llama)}, context ${contextSize}`);
    return { llama, model, context };
  }
}
