// Optional second stage: a cross-encoder (a GGUF reranker such as Qwen3-Reranker-0.6B)
// reads the query and each top candidate together and scores relevance. Much better
// ordering than either retriever alone, but one model forward per candidate: fine on a
// GPU, seconds on a small CPU, so it is off unless asked for (see rerankByDefault).
import { stat } from 'node:fs/promises';
import type { Llama, LlamaModel, LlamaRankingContext } from 'node-llama-cpp';
import { SiftError } from '../api/errors.js';
import { assertGgufFile, readGgufFacts } from '../embedder/gguf-facts.js';
import { threadsPerContext } from '../embedder/pool-size.js';
import { backendName, openLlama, setLogitsSkipping, type GpuChoice } from '../embedder/llama-runtime.js';
import { assertFits, estimateRanking, type MemoryLedger, type ModelEstimate } from '../embedder/memory-budget.js';
import type { Logger } from '../log.js';
import { BatchedRanking } from './batched-ranking.js';
import { documentWindowTokens, documentWindowText } from './rerank-window.js';

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
  /** 'batched' (default where the Sift engine has the calls): many pairs per decode
   *  (batched-ranking.ts); 'sequential': node-llama-cpp's rankAll, one pair per decode. */
  decodePath?: 'auto' | 'batched' | 'sequential';
  /** Tokens per batched decode (default 2,048). */
  batchTokens?: number;
  /** Batched path: decode the prompt prefix the pairs share once per decode (default true). */
  sharePrefix?: boolean;
  /** Each document is read as its best window of this many tokens (default 96,
   *  rerank-window.ts); 0 reads documents whole (up to the context, then chunked). */
  documentTokens?: number;
  /** The GPU memory budget shared with the embedder (the app's). */
  memory?: MemoryLedger;
  logger?: Logger;
}

interface Loaded {
  llama: Llama;
  model: LlamaModel;
  /** Exactly one of the two: the batched path, or rankAll's context. */
  batched?: BatchedRanking;
  context?: LlamaRankingContext;
  info: RerankerInfo;
}

const DEFAULT_CONTEXT_TOKENS = 1024;
const DEFAULT_BATCH_TOKENS = 2048;
/** A Sift chunk is ~250 tokens and the Qwen3-Reranker prompt ~90: 30 candidates read whole
 *  are ~10,500 tokens per query. Read as 96-token windows around the query's words, with the
 *  prompt decoded once per decode, they are ~3,400: on an H200 (Qwen3-Reranker-0.6B shape,
 *  30 candidates) p50 / p95 125 / 134 ms, where 128-token windows took 177 / 186 ms
 *  (bench/RESULTS.md section 8). 96 tokens is ~70 words, the paragraph a query's words
 *  point at; it also leaves a mid-range GPU more room under the 150 ms budget. */
export const DEFAULT_DOCUMENT_TOKENS = 96;

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
  /** How pairs are decoded: many per decode (the Sift engine) or one per decode (rankAll). */
  decodePath: 'batched' | 'sequential';
  /** Batched: whether the shared prompt prefix is decoded once per decode. */
  sharedPrefix: boolean;
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
    const { batched, context, model } = await this.load();
    const windowTokens = this.options.documentTokens ?? DEFAULT_DOCUMENT_TOKENS;
    let scores: number[];
    if (batched) {
      // All pairs in a few decodes; each document tokenized once (its window, or whole), as
      // its pairs are built, i.e. while the previous decode runs.
      const tokenize = (text: string) => model.tokenize(text, false, 'trimLeadingSpace');
      const read = (doc: number) => (windowTokens > 0 ? documentWindowTokens(query, documents[doc]!, windowTokens, tokenize) : tokenize(documents[doc]!));
      scores = await batched.scoreEach(tokenize(query), documents.length, read);
    } else {
      // rankAll: one pair at a time; it tokenizes the texts itself.
      const read = windowTokens > 0 ? documents.map((d) => documentWindowText(query, d, windowTokens)) : documents;
      scores = await context!.rankAll(query, read, { onOverflow: 'maxChunk' });
    }
    return scores.map((score) => (Number.isFinite(score) ? score : 0));
  }

  async dispose(): Promise<void> {
    const loading = this.loading;
    this.loading = undefined;
    this.loaded = undefined;
    if (!loading) return;
    const loaded = await loading.catch(() => undefined);
    if (!loaded) return;
    await loaded.batched?.dispose();
    await loaded.context?.dispose();
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
      // The batched path's one cache holds a whole decode's tokens.
      const cells = Math.max(this.options.contextTokens ?? DEFAULT_CONTEXT_TOKENS, this.options.decodePath === 'sequential' ? 0 : (this.options.batchTokens ?? DEFAULT_BATCH_TOKENS));
      const estimate = await estimateReranker(modelPath, cells);
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
      // The Sift engine then leaves a Qwen3 reranker's lm_head on disk and never computes it
      // (its yes/no head reads the hidden state): no 151,669 logits per token, no host copy of
      // them (scripts/gpu/llama-skip-logits.patch; stock builds ignore the variable).
      setLogitsSkipping(true);
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
    const path = this.options.decodePath ?? 'auto';
    const batchTokens = Math.max(contextSize, this.options.batchTokens ?? DEFAULT_BATCH_TOKENS);
    let batched: BatchedRanking | undefined;
    if (path !== 'sequential') {
      batched = await BatchedRanking.create(llama, model, { batchTokens, chunkTokens: contextSize, sequences: 64, threads, sharePrefix: this.options.sharePrefix }).catch((error: unknown) => {
        logger?.log('warn', `reranker: no batched ranking context (${(error as Error).message}); one pair per decode`);
        return undefined;
      });
      if (!batched && path === 'batched') {
        await model.dispose();
        throw new Error('this llama.cpp build cannot batch reranker pairs (not the Sift engine of this version)');
      }
    }
    const context = batched ? undefined : await model.createRankingContext({ contextSize, batchSize: contextSize, threads });
    const onGpu = llama.gpu !== false && model.gpuLayers > 0;
    const vramAfter = await llama.getVramState();
    const info: RerankerInfo = {
      name: facts.name,
      path: modelPath,
      backend: backendName(llama),
      vramUsedBytes: onGpu ? Math.max(0, vramAfter.used - vramBefore.used) : 0,
      ramUsedBytes: Math.max(0, process.memoryUsage.rss() - rssBefore),
      fallbackReason,
      decodePath: batched ? 'batched' : 'sequential',
      sharedPrefix: batched?.sharesPrefix ?? false,
    };
    memory?.set('reranker', info.vramUsedBytes);
    logger?.log(
      'info',
      `reranker: ${modelPath} on ${info.backend}, ${batched ? `batched, ${batchTokens} tokens per decode${batched.sharesPrefix ? ', shared prefix' : ''}` : `context ${contextSize}`}, ${Math.round(info.vramUsedBytes / 2 ** 20)} MiB VRAM`,
    );
    this.loaded = { llama, model, batched, context, info };
    return this.loaded;
  }
}
