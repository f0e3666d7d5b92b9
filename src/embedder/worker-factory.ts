// Builds the embedding contexts of the pool: how each decodes (several texts per decode
// where the addon allows it, one otherwise), how big each is, and how many fit.
import type { Llama, LlamaContext, LlamaContextOptions, LlamaEmbeddingContext, LlamaModel } from 'node-llama-cpp';
import type { Logger } from '../log.js';
import type { EmbeddingWorker } from './context-pool.js';
import { planContext, usableKvType, type ContextPlan, type FlashAttention, type KvCacheType, type ModelShape } from './context-plan.js';
import { addonContextOf, DirectEmbeddingWorker } from './direct-worker.js';
import { choosePoolSize, threadPoolSize, threadsPerContext } from './pool-size.js';
import { createSizedContext, supportsSizedContexts } from './sized-context.js';
import { StockEmbeddingWorker } from './stock-worker.js';

/** multi-sequence: many texts per decode (patched addon); direct: one text per decode
 *  through the native context; public-api: LlamaEmbeddingContext.getEmbeddingFor. */
export type DecodePath = 'multi-sequence' | 'direct' | 'public-api';

export interface WorkerSettings {
  /** Tokens per sequence (one text, specials included, is at most this minus one). */
  contextSize: number;
  requestedContexts?: number;
  maxContexts: number;
  threadsPerContext?: number;
  /** 'public-api' forces LlamaEmbeddingContext; 'auto' takes the fastest path available. */
  decodePath: 'auto' | 'public-api';
  sequencesPerContext?: number;
  /** Tokens per decode when several texts share one (default max(contextSize, 4096)). */
  batchTokens?: number;
  /** The GGUF pools (mean/cls/last), so per-sequence embeddings exist. */
  pooled: boolean;
  /** The model's dimensions, for contexts sized to the work (Sift engine). */
  shape?: ModelShape;
  /** KV cache element type of sized contexts (default f16). */
  kvCacheType?: KvCacheType;
  /** Tokens per micro-batch of sized contexts (default: from the model). */
  microBatchTokens?: number;
  /** Bytes the contexts together may take in the GPU memory budget (none: free VRAM decides). */
  contextBudgetBytes?: number;
  /** What one context adds during decodes, beyond its creation (the CUDA cuBLAS pool), by
   *  its micro-batch: counted into each context's cost when the pool is sized. */
  decodePoolBytes?: (microBatch: number) => number;
  /** Flash attention in sized contexts (default 'auto': llama.cpp decides). */
  flashAttention?: FlashAttention;
  logger?: Logger;
}

export interface Workers {
  workers: EmbeddingWorker[];
  path: DecodePath;
  sequencesPerContext: number;
  batchTokens: number;
  /** Set when the contexts were sized to the work: one shared KV cache of batchTokens cells. */
  sized?: ContextPlan & { kvCacheType: KvCacheType };
}

/** Texts per decode on an engine that gives each sequence its own contextSize of KV cells. */
const DEFAULT_SEQUENCES = 16;
const DEFAULT_MULTI_BATCH = 4096;

/** Whether this binding's native contexts can return any sequence's pooled embedding. */
export function supportsSequenceEmbeddings(llama: Llama): boolean {
  const bindings = (llama as unknown as { _bindings?: { AddonContext?: { prototype?: Record<string, unknown> } } })._bindings;
  return typeof bindings?.AddonContext?.prototype?.getSequenceEmbedding === 'function';
}

export async function createWorkers({ llama, model }: { llama: Llama; model: LlamaModel }, s: WorkerSettings): Promise<Workers> {
  const onGpu = llama.gpu !== false && model.gpuLayers > 0;
  const cores = Math.max(1, llama.cpuMathCores);
  const maxContexts = Math.min(s.maxContexts, threadPoolSize());
  let path: DecodePath =
    s.decodePath === 'public-api' ? 'public-api' : s.pooled && supportsSequenceEmbeddings(llama) && (s.sequencesPerContext ?? 2) > 1 ? 'multi-sequence' : 'direct';
  // The Sift engine of this version: one KV cache per context, shared by its texts and
  // sized to a decode's tokens (context-plan.ts). Older engines: cells per sequence.
  const kvCacheType = s.shape ? usableKvType(s.shape, s.kvCacheType ?? 'f16') : 'f16';
  if (kvCacheType !== (s.kvCacheType ?? 'f16')) {
    s.logger?.log('warn', `embedder: a ${s.kvCacheType} KV cache needs attention heads of a multiple of 32 elements; using f16`);
  }
  let plan: ContextPlan | undefined =
    path === 'multi-sequence' && s.shape && supportsSizedContexts(llama, model)
      ? planContext({ shape: s.shape, contextSize: s.contextSize, sequences: s.sequencesPerContext, batchTokens: s.batchTokens, microBatchTokens: s.microBatchTokens })
      : undefined;
  let sequences = plan ? plan.sequences : path === 'multi-sequence' ? (s.sequencesPerContext ?? DEFAULT_SEQUENCES) : 1;
  let batchTokens = plan
    ? plan.tokenBudget
    : sequences > 1
      ? Math.min(s.contextSize * sequences, Math.max(s.contextSize, s.batchTokens ?? DEFAULT_MULTI_BATCH))
      : s.contextSize;
  const maxTokens = s.contextSize - 1;
  const threadsFor = (n: number) => s.threadsPerContext ?? threadsPerContext(cores, n, onGpu);

  const createOne = async (n: number): Promise<EmbeddingWorker> => {
    if (plan) {
      const context = await createSizedContext(llama, model, { plan, kvCacheType, flashAttention: s.flashAttention, threads: threadsFor(n) });
      // Texts share a decode up to one micro-batch of tokens; a longer text goes alone. In
      // a shared KV cache every text's attention also runs over the (masked) cells of the
      // texts before it in the decode: measured on an H200 (4B), packing whole 2,048-token
      // decodes cost a quarter of the index throughput.
      return new DirectEmbeddingWorker(context, context, { tokenBudget: plan.microBatch, maxSequences: plan.sequences });
    }
    if (path !== 'public-api') {
      const context: LlamaContext = await model.createContext({
        contextSize: s.contextSize,
        batchSize: batchTokens,
        sequences,
        threads: threadsFor(n),
        // node-llama-cpp's internal switch that makes LlamaEmbeddingContext's context pool.
        _embeddings: true,
      } as LlamaContextOptions);
      const handle = addonContextOf(context);
      if (handle) return new DirectEmbeddingWorker(context, handle, { tokenBudget: sequences > 1 ? batchTokens : maxTokens, maxSequences: sequences });
      await context.dispose();
      s.logger?.log('warn', 'embedder: node-llama-cpp internals changed; using its public embedding API');
      path = 'public-api';
    }
    const context: LlamaEmbeddingContext = await model.createEmbeddingContext({
      contextSize: s.contextSize,
      // One decode per text: BERT-style (non-causal) models need the whole text in one ubatch.
      batchSize: s.contextSize,
      threads: threadsFor(n),
    });
    return new StockEmbeddingWorker(context, maxTokens);
  };

  const sizeFrom = (free: number, total: number, perContext: number) =>
    choosePoolSize({
      requested: s.requestedContexts,
      onGpu,
      cpuCores: cores,
      freeVramBytes: free,
      totalVramBytes: total,
      perContextBytes: perContext,
      maxContexts,
      budgetBytes: s.contextBudgetBytes,
    });
  // On the CPU the size is known up front (it sets each context's thread count).
  const cpuSize = onGpu ? undefined : sizeFrom(0, 0, 0);
  const before = await llama.getVramState();
  let first: EmbeddingWorker;
  try {
    first = await createOne(cpuSize ?? s.requestedContexts ?? maxContexts);
  } catch (error) {
    if (path !== 'multi-sequence') throw error;
    // A context for many texts per decode needs several times the VRAM of a one-text
    // context (its KV cache and batch): on a small card, one text per decode on the GPU
    // beats falling back to the CPU.
    s.logger?.log('warn', `embedder: no room for ${sequences} texts per decode (${(error as Error).message}); one text per decode`);
    path = 'direct';
    plan = undefined;
    sequences = 1;
    batchTokens = s.contextSize;
    first = await createOne(cpuSize ?? s.requestedContexts ?? maxContexts);
  }
  const workers = [first];
  try {
    const after = await llama.getVramState();
    // The first context shows what one costs; the rest fit in what is free.
    const grows = plan && s.decodePoolBytes ? s.decodePoolBytes(plan.microBatch) : 0;
    const size = cpuSize ?? sizeFrom(Math.max(0, after.free - grows), after.total, Math.max(after.used - before.used, 1) + grows);
    while (workers.length < size) {
      try {
        workers.push(await createOne(size));
      } catch (error) {
        // Fewer contexts is slower, not wrong.
        s.logger?.log('warn', `embedder: stopped at ${workers.length} context(s): ${(error as Error).message}`);
        break;
      }
    }
  } catch (error) {
    for (const w of workers) await w.dispose();
    throw error;
  }
  return { workers, path, sequencesPerContext: sequences, batchTokens, sized: plan ? { ...plan, kvCacheType } : undefined };
}
