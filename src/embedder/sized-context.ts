// An embedding context made to measure on the Sift engine (scripts/gpu/addon-context-
// options.patch): one KV cache shared by all its texts and sized to one decode's tokens,
// a micro-batch chosen from the model, the KV type as asked. node-llama-cpp's LlamaContext
// cannot make one (it multiplies the context by the sequence count and sets the
// micro-batch to the batch), so the native context is created here directly, with the
// same internals direct-worker.ts already relies on (`_bindings`, the model's `_model`),
// checked before use.
import type { Llama, LlamaModel } from 'node-llama-cpp';
import { GGML_TYPE_ID, type ContextPlan, type FlashAttention, type KvCacheType } from './context-plan.js';
import type { AddonContextHandle } from './direct-worker.js';

interface SiftContextOptions {
  kvUnified: boolean;
  microBatchSize: number;
}

interface NativeContext extends AddonContextHandle {
  init(): Promise<boolean>;
  dispose(): Promise<void>;
  getContextSize(): number;
  getSiftContextOptions(): SiftContextOptions;
}

type NativeContextClass = new (model: unknown, options: Record<string, unknown>) => NativeContext;

function nativeParts(llama: Llama, model: LlamaModel): { AddonContext: NativeContextClass; native: unknown } | undefined {
  const AddonContext = (llama as unknown as { _bindings?: { AddonContext?: NativeContextClass } })._bindings?.AddonContext;
  const native = (model as unknown as { _model?: unknown })._model;
  if (typeof AddonContext !== 'function' || native === undefined) return undefined;
  const proto = AddonContext.prototype as unknown as Record<string, unknown>;
  const needed = ['init', 'dispose', 'getSiftContextOptions', 'getSequenceEmbedding', 'initBatch', 'addToBatch', 'decodeBatch', 'disposeSequence'];
  return needed.every((name) => typeof proto[name] === 'function') ? { AddonContext, native } : undefined;
}

/** Whether this binding can make contexts sized to the work (the Sift engine of this version). */
export function supportsSizedContexts(llama: Llama, model: LlamaModel): boolean {
  return nativeParts(llama, model) !== undefined;
}

export interface SizedContextOptions {
  plan: ContextPlan;
  kvCacheType: KvCacheType;
  /** Default 'auto' (llama.cpp decides; on for CUDA). A q8_0 cache forces it on. */
  flashAttention?: FlashAttention;
  threads: number;
  /** RANK pooling (a reranker's context), as node-llama-cpp's LlamaRankingContext asks for. */
  ranking?: boolean;
}

/** The addon's flashAttention option: node-llama-cpp passes true / false / 'auto' through. */
export function flashAttentionOption(wanted: FlashAttention | undefined, kvCacheType: KvCacheType): boolean | 'auto' {
  if (kvCacheType !== 'f16') return true;
  return wanted === 'on' ? true : wanted === 'off' ? false : 'auto';
}

/** A native embedding context shaped by `plan`; throws when llama.cpp cannot make it (VRAM). */
export async function createSizedContext(llama: Llama, model: LlamaModel, options: SizedContextOptions): Promise<NativeContext> {
  const parts = nativeParts(llama, model);
  if (!parts) throw new Error('this llama.cpp build cannot size embedding contexts (not the Sift engine of this version)');
  const { plan, kvCacheType, threads } = options;
  const type = GGML_TYPE_ID[kvCacheType];
  const context = new parts.AddonContext(parts.native, {
    contextSize: plan.tokenBudget,
    batchSize: plan.tokenBudget,
    microBatchSize: plan.microBatch,
    sequences: plan.sequences,
    kvUnified: true,
    embeddings: true,
    // Only when asked: the addon reads the key's value as a boolean when it is present.
    ...(options.ranking ? { ranking: true } : {}),
    // A quantized V cache needs flash attention in llama.cpp; f16 lets llama.cpp decide
    // unless told (measured both ways on an H200: bench/RESULTS.md section 6).
    flashAttention: flashAttentionOption(options.flashAttention, kvCacheType),
    threads,
    kvCacheKeyType: type,
    kvCacheValueType: type,
    swaFullCache: false,
    performanceTracking: false,
  });
  if (!(await context.init())) throw new Error(`llama.cpp could not create an embedding context of ${plan.tokenBudget} tokens`);
  const given = context.getSiftContextOptions();
  if (!given.kvUnified || given.microBatchSize !== plan.microBatch) {
    await context.dispose();
    throw new Error('the llama.cpp build ignored the context options it was given');
  }
  return context;
}
