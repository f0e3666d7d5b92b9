// In-process embedding engine on node-llama-cpp. The model is a resource: loaded lazily
// behind one promise, disposed explicitly; failures are SiftErrors with a reason a person
// can act on, never null vectors.
//
// Throughput: a pool of embedding contexts on one model (context-pool.ts), sized from
// free VRAM, each context only as large as a passage needs (a 32k default context costs
// gigabytes of KV cache for nothing). Correctness: Sift builds the exact token ids itself
// (token-input.ts), so Qwen3-Embedding always pools an appended EOS.
import { stat } from 'node:fs/promises';
import type { Llama, LlamaModel } from 'node-llama-cpp';
import { SiftError } from '../api/errors.js';
import type { Logger } from '../log.js';
import { longestFirst } from './batch-plan.js';
import { ContextPool } from './context-pool.js';
import type { FlashAttention, KvCacheType, ModelShape } from './context-plan.js';
import type { EmbedKind, Embedder, EmbedderInfo } from './embedder.js';
import { assertGgufFile, readGgufFacts, type GgufFacts } from './gguf-facts.js';
import { backendName, cublasFrom, loadModelWithFallback, openLlama, setLogitsSkipping, type GpuChoice, type Runtime } from './llama-runtime.js';
import { resolveDimensions, truncateAndNormalize } from './matryoshka.js';
import { assertFits, decodePoolBytes, estimateModel, type MemoryLedger } from './memory-budget.js';
import { familyFor, poolingWarning, type ModelFamily } from './model-family.js';
import { createWorkers, supportsSequenceEmbeddings, type WorkerSettings, type Workers } from './worker-factory.js';
import { capContent, specialCount, specialTokensFor, withSpecials, type SpecialTokens } from './token-input.js';
import { prepareAhead } from './tokenize-ahead.js';

export { assertGgufFile };

export interface LlamaEmbedderOptions {
  modelPath: string;
  /** 'auto' lets node-llama-cpp pick CUDA, Vulkan, Metal or CPU; false forces the CPU. */
  gpu?: GpuChoice;
  /** Upper bound for each context; the model's training length caps it further. */
  maxContextTokens?: number;
  /** The task in Qwen3-Embedding's query instruction (`Instruct: {task}\nQuery: {text}`). */
  queryTask?: string;
  /** Matryoshka size: keep the first d dims (32..n_embd) and re-normalise. Default: all. */
  dimensions?: number;
  /** Fixed number of embedding contexts (default: from free VRAM on a GPU, 1 on the CPU). */
  contexts?: number;
  /** Most contexts the VRAM-based sizing may choose (default 4, and at most UV_THREADPOOL_SIZE). */
  maxContexts?: number;
  /** CPU threads each context uses (default: the math cores shared among the contexts). */
  threadsPerContext?: number;
  /** 'auto' (default): the fastest decode path the addon allows; 'public-api': node-llama-cpp's
   *  LlamaEmbeddingContext only (the reference path). */
  decodePath?: 'auto' | 'public-api';
  /** Texts per decode when the addon can pool several sequences (default 16). */
  sequencesPerContext?: number;
  /** Tokens per decode when several texts share one (Sift engine: the KV cells of the one
   *  cache the texts share; default max(context, 2048)). */
  batchTokens?: number;
  /** Tokens per micro-batch on the Sift engine (default: from the model, context-plan.ts). */
  microBatchTokens?: number;
  /** KV cache type on the Sift engine: 'f16' (default) or 'q8_0' (about half the KV memory). */
  kvCacheType?: KvCacheType;
  /** Flash attention on the Sift engine: 'auto' (default, llama.cpp decides), 'on', 'off'. */
  flashAttention?: FlashAttention;
  /** Skip the output layer (lm_head) in pooled embedding contexts: default true. Only an
   *  engine built with scripts/gpu/llama-skip-logits.patch reads it (stock builds ignore
   *  it); there it saves computing and copying 151,669 logits per token on Qwen3. */
  skipLogits?: boolean;
  /** Use this llama.cpp binding instead of choosing one (the GPU benchmark's source build). */
  llama?: Llama;
  /** The GPU memory budget shared with the reranker (the app's); none: free VRAM decides. */
  memory?: MemoryLedger;
  logger?: Logger;
}

export interface PeekInfo extends Omit<EmbedderInfo, 'backend' | 'contextTokens'> {
  loaded: boolean;
  backend?: string;
}

interface Loaded extends Runtime {
  pool: ContextPool;
  family: ModelFamily;
  specials: SpecialTokens;
  /** Content tokens one text may have (context minus specials minus one). */
  maxContent: number;
  info: EmbedderInfo;
}

const DEFAULT_MAX_CONTEXT = 2048;
const DEFAULT_MAX_CONTEXTS = 4;

export class LlamaEmbedder implements Embedder {
  private loading: Promise<Loaded> | undefined;
  private loaded: Loaded | undefined;
  private header: Promise<GgufFacts> | undefined;

  constructor(private readonly options: LlamaEmbedderOptions) {}

  private facts(): Promise<GgufFacts> {
    this.header ??= readGgufFacts(this.options.modelPath);
    this.header.catch(() => (this.header = undefined));
    return this.header;
  }

  /** The loaded model's facts without loading it or counting as a use (the status line). */
  loadedInfo(): EmbedderInfo | undefined {
    return this.loaded?.info;
  }

  async peek(): Promise<PeekInfo> {
    const facts = await this.facts();
    const family = familyFor(facts.architecture);
    return {
      name: facts.name,
      path: this.options.modelPath,
      architecture: facts.architecture,
      dimensions: resolveDimensions(this.options.dimensions, facts.embeddingLength, facts.name),
      nativeDimensions: facts.embeddingLength,
      family: family.id,
      pooling: facts.pooling,
      matryoshka: family.matryoshka,
      loaded: this.loaded !== undefined,
      backend: this.loaded?.info.backend,
    };
  }

  async load(): Promise<EmbedderInfo> {
    this.loading ??= this.doLoad().catch((error: unknown) => {
      // A failed load must not poison later attempts (the user may fix the file).
      this.loading = undefined;
      throw error;
    });
    return (await this.loading).info;
  }

  private async doLoad(): Promise<Loaded> {
    const { modelPath, logger } = this.options;
    const facts = await this.facts();
    const dimensions = resolveDimensions(this.options.dimensions, facts.embeddingLength, facts.name);
    const family = familyFor(facts.architecture);
    const opened = this.options.llama ? { llama: this.options.llama } : await openLlama(this.options.gpu ?? 'auto', logger);
    const vramBefore = await opened.llama.getVramState();
    const rssBefore = process.memoryUsage.rss();
    // On a GPU, the model and one context must fit the budget before anything loads: a
    // readable refusal that names a model that would fit, not an out-of-memory later.
    const memory = this.options.memory;
    let budgetRoom: number | undefined;
    if (memory && opened.llama.gpu !== false) {
      const budget = memory.budget('embedder', vramBefore);
      const held = memory.heldByOthers('embedder');
      const estimate = estimateModel(
        facts,
        (await stat(modelPath)).size,
        Math.min(facts.contextLength || DEFAULT_MAX_CONTEXT, this.options.maxContextTokens ?? DEFAULT_MAX_CONTEXT),
        // The switch is the Sift engine's (stock builds ignore the variable).
        supportsSequenceEmbeddings(opened.llama) ? cublasFrom(opened.llama.gpu) : undefined,
      );
      assertFits({ name: facts.name, what: 'embedder', needBytes: estimate.totalBytes, budgetBytes: budget, heldBytes: held, suggest: memory.suggest });
      budgetRoom = budget - held;
    }
    // Before the model loads: the Sift engine then leaves a pooled Qwen3 model's output
    // layer on disk (no GPU copy of its 151,669 x n_embd token embedding).
    setLogitsSkipping(this.options.skipLogits ?? true);
    let runtime = await loadModelWithFallback(opened.llama, modelPath, logger, facts.architecture);
    let fallbackReason = opened.fallbackReason ?? runtime.fallbackReason;
    const contextSize = Math.min(runtime.model.trainContextSize || DEFAULT_MAX_CONTEXT, this.options.maxContextTokens ?? DEFAULT_MAX_CONTEXT);

    const settings: WorkerSettings = {
      contextSize,
      requestedContexts: this.options.contexts,
      maxContexts: this.options.maxContexts ?? DEFAULT_MAX_CONTEXTS,
      threadsPerContext: this.options.threadsPerContext,
      decodePath: this.options.decodePath ?? 'auto',
      sequencesPerContext: this.options.sequencesPerContext,
      batchTokens: this.options.batchTokens,
      pooled: facts.pooling === 'mean' || facts.pooling === 'cls' || facts.pooling === 'last',
      shape: modelShape(runtime.model, facts.pooling),
      kvCacheType: this.options.kvCacheType,
      microBatchTokens: this.options.microBatchTokens,
      flashAttention: this.options.flashAttention,
      logger,
    };
    if (budgetRoom !== undefined && runtime.llama.gpu !== false) {
      // What the weights took comes off the room; the contexts share the rest.
      const afterModel = await runtime.llama.getVramState();
      settings.contextBudgetBytes = Math.max(0, budgetRoom - Math.max(0, afterModel.used - vramBefore.used));
      // A context's cuBLAS pool grows during its first decodes, after the pool is sized from
      // what the first context took at creation: counted per context up front.
      settings.decodePoolBytes = (microBatch: number) => decodePoolBytes(facts, microBatch, cublasFrom(runtime.llama.gpu));
    }
    let built: Workers;
    try {
      built = await createWorkers(runtime, settings);
    } catch (error) {
      if (runtime.llama.gpu === false) throw contextError(error);
      // The model fit but no context did: the whole thing goes to the CPU.
      fallbackReason = `No embedding context fit on ${backendName(runtime.llama)} (${(error as Error).message}); running on the CPU.`;
      logger?.log('warn', fallbackReason);
      await runtime.model.dispose();
      const cpu = await openLlama(false, logger);
      runtime = { llama: cpu.llama, model: await cpu.llama.loadModel({ modelPath }) };
      built = await createWorkers(runtime, settings).catch((cpuError: unknown) => {
        throw contextError(cpuError);
      });
    }
    const { workers } = built;
    const { llama, model } = runtime;
    const onGpu = llama.gpu !== false && model.gpuLayers > 0;
    const vramAfter = await llama.getVramState();
    const specials = specialTokensFor(model, family);
    const warning = poolingWarning(family, facts.pooling, facts.name);
    if (warning) logger?.log('warn', warning);
    const info: EmbedderInfo = {
      name: facts.name,
      path: modelPath,
      architecture: facts.architecture,
      dimensions,
      nativeDimensions: model.embeddingVectorSize,
      // node-llama-cpp refuses inputs of contextSize tokens or more.
      contextTokens: contextSize - 1,
      backend: backendName(llama),
      family: family.id,
      pooling: facts.pooling,
      matryoshka: family.matryoshka,
      deviceNames: onGpu ? await llama.getGpuDeviceNames().catch(() => []) : [],
      gpuLayers: model.gpuLayers,
      contexts: workers.length,
      sequencesPerContext: built.sequencesPerContext,
      decodePath: built.path,
      engineBuild: supportsSequenceEmbeddings(llama) ? 'sift' : 'prebuilt',
      tokenBudget: built.sized?.tokenBudget,
      microBatch: built.sized?.microBatch,
      kvCacheType: built.sized?.kvCacheType,
      vramUsedBytes: onGpu ? Math.max(0, vramAfter.used - vramBefore.used) : 0,
      ramUsedBytes: Math.max(0, process.memoryUsage.rss() - rssBefore),
      fallbackReason,
      warnings: warning ? [warning] : [],
    };
    memory?.set('embedder', info.vramUsedBytes ?? 0);
    logger?.log(
      'info',
      `embedder: ${info.name} on ${info.backend} ${info.deviceNames?.join(', ') ?? ''}, ${workers.length} context(s) of ` +
        `${contextSize} tokens (${built.path}, ${built.sequencesPerContext} per decode` +
        `${built.sized ? `, ${built.sized.tokenBudget} shared KV cells (${built.sized.kvCacheType}), micro-batch ${built.sized.microBatch}` : ''}), ` +
        `${Math.round((info.vramUsedBytes ?? 0) / 2 ** 20)} MiB VRAM`,
    );
    this.loaded = {
      ...runtime,
      pool: new ContextPool(workers),
      family,
      specials,
      maxContent: contextSize - 1 - specialCount(specials),
      info,
    };
    return this.loaded;
  }

  /**
   * The exact ids a text is embedded as (instruction/specials included), or why not.
   * Exposed for tests and the benchmark; embed() uses the same path.
   */
  inputTokens(text: string, kind: EmbedKind): number[] {
    const loaded = this.requireLoaded('inputTokens');
    const prepared = this.prepare(loaded, text, kind);
    if (prepared === undefined) return [];
    return prepared;
  }

  private prepare(loaded: Loaded, text: string, kind: EmbedKind): number[] | undefined {
    const { model, family, specials, maxContent, info } = loaded;
    // Whitespace is content to a BPE tokenizer, but not to a person searching.
    if (text.trim() === '') return undefined;
    const input = kind === 'query' ? family.formatQuery(text, this.options.queryTask) : family.formatDocument(text);
    const content = model.tokenize(input);
    if (content.length === 0) return undefined;
    const capped = capContent(content, maxContent, kind === 'query');
    if ('tooLong' in capped) {
      throw new SiftError(
        'invalid_request',
        `A passage has ${capped.tooLong + specialCount(specials)} tokens but ${info.name} takes at most ` +
          `${info.contextTokens} per text here; the chunker must split it into smaller passages.`,
        { detail: { key: 'passageTooLong', params: { tokens: capped.tooLong + specialCount(specials), model: info.name, max: info.contextTokens } } },
      );
    }
    return withSpecials(capped.tokens, specials);
  }

  async embed(texts: string[], kind: EmbedKind): Promise<Float32Array[]> {
    await this.load();
    const loaded = this.loaded!;
    const { dimensions } = loaded.info;
    const vectors: Float32Array[] = new Array(texts.length);
    // Longest first (see batch-plan.ts), by characters: the tokens are counted as the texts
    // are tokenized, a slice at a time while earlier slices decode (tokenize-ahead.ts).
    await prepareAhead(
      longestFirst(texts.map((text) => text.length)),
      (i) => {
        const tokens = this.prepare(loaded, texts[i]!, kind);
        // Nothing to embed (blank text, or no tokens): a zero vector, which search treats
        // as matching nothing.
        if (tokens === undefined) vectors[i] = new Float32Array(dimensions);
        return tokens;
      },
      (tokens) => tokens.length,
      async (slice) => {
        const raw = await loaded.pool.embed(
          slice.map(({ value }) => value),
          kind === 'query',
        );
        slice.forEach(({ index }, k) => (vectors[index] = truncateAndNormalize(raw[k]!, dimensions)));
      },
    );
    return vectors;
  }

  countTokens(text: string): number {
    const loaded = this.requireLoaded('countTokens');
    if (text.trim() === '') return 0;
    const n = loaded.model.tokenize(loaded.family.formatDocument(text)).length;
    return n === 0 ? 0 : n + specialCount(loaded.specials);
  }

  private requireLoaded(what: string): Loaded {
    if (!this.loaded) throw new SiftError('internal', `${what} called before the model was loaded.`, { detail: { key: 'modelNotLoaded' } });
    return this.loaded;
  }

  async dispose(): Promise<void> {
    const loading = this.loading;
    this.loading = undefined;
    this.loaded = undefined;
    if (!loading) return;
    const loaded = await loading.catch(() => undefined);
    if (!loaded) return;
    await loaded.pool.dispose();
    // The Llama binding is process-wide (llama-runtime.ts) or the caller's: not ours to dispose.
    await loaded.model.dispose();
    this.options.memory?.set('embedder', 0);
  }
}

/** The dimensions that size a context, from the GGUF metadata node-llama-cpp read. */
function modelShape(model: LlamaModel, pooling: string): ModelShape {
  const metadata = model.fileInfo.metadata as unknown as Record<string, Record<string, unknown> | undefined>;
  const arch = String((metadata.general as { architecture?: unknown } | undefined)?.architecture ?? '');
  const own = metadata[arch] ?? {};
  const num = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
  const embeddingLength = model.embeddingVectorSize;
  const attention = (own.attention ?? {}) as Record<string, unknown>;
  const heads = num(attention.head_count, 1);
  const keyLength = num(attention.key_length, embeddingLength / Math.max(1, heads));
  return {
    embeddingLength,
    feedForwardLength: num(own.feed_forward_length, 0),
    layers: num(own.block_count, 1),
    kvWidth: num(attention.head_count_kv, heads) * keyLength,
    headSize: keyLength,
    // Causal decoders pooling their last token; encoders (bert & co.) are bidirectional.
    lastTokenCausal: pooling === 'last' && !/bert/i.test(arch),
  };
}

function contextError(error: unknown): SiftError {
  return new SiftError('model_load_failed', `Could not create an embedding context: ${(error as Error).message}`, {
    cause: error,
    detail: { key: 'modelContextFailed', params: { reason: (error as Error).message } },
  });
}
