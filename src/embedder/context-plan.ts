// The shape of one embedding context on the Sift engine: how many tokens one decode holds
// (its KV cells, shared by every text of the decode), how many texts, and how many tokens
// go through the network at once (the micro-batch, which sizes the compute buffer).
// Pure, table-tested.
//
// Why: node-llama-cpp gives every sequence its own `contextSize` of KV cells, so a context
// for 16 texts of up to 2,048 tokens held 32,768 cells (4.5 GiB for Qwen3-Embedding-4B)
// while one decode never holds more than its token budget. With one KV cache shared by
// the sequences (llama.cpp's kv_unified) and sized to the budget, the cells are the
// budget: 2,048 cells = 288 MiB for 4B at f16, 153 MiB at q8_0.

/** llama.cpp's KV cache element types Sift offers (f16: exact; q8_0: about half the bytes). */
export type KvCacheType = 'f16' | 'q8_0';

/** llama.cpp's flash attention switch for a context: 'auto' lets llama.cpp decide (on where
 *  the backend supports it), 'on' / 'off' force it. A quantized V cache needs it on. */
export type FlashAttention = 'auto' | 'on' | 'off';

/** GGML type ids (ggml.h) of the KV types, as node-llama-cpp's addon takes them. */
export const GGML_TYPE_ID: Record<KvCacheType, number> = { f16: 1, q8_0: 8 };

/** Bytes per KV element: f16 2; q8_0 34 bytes per block of 32. */
const KV_BYTES: Record<KvCacheType, number> = { f16: 2, q8_0: 34 / 32 };

export interface ModelShape {
  /** n_embd. */
  embeddingLength: number;
  /** n_ff (feed_forward_length); 0 when unknown (then 4 x n_embd is assumed). */
  feedForwardLength: number;
  layers: number;
  /** n_head_kv x head size: the K (and V) width of one token in one layer. */
  kvWidth: number;
  /** Elements per attention head (key_length); a q8_0 cache needs a multiple of 32. */
  headSize: number;
  /** A causal model pooling its last token (Qwen3-Embedding): a text may span several
   *  micro-batches (the KV cache carries the earlier ones; the last one pools). A
   *  bidirectional or mean-pooling model needs each text whole in one micro-batch. */
  lastTokenCausal: boolean;
}

export interface ContextPlanInput {
  shape: ModelShape;
  /** Most tokens one text may have (specials included), plus one: node-llama-cpp's contextSize. */
  contextSize: number;
  /** Texts per decode (default 64). */
  sequences?: number;
  /** Tokens per decode (default max(contextSize, 2048)). */
  batchTokens?: number;
  /** Tokens per micro-batch (default: from the model, see microBatchFor). */
  microBatchTokens?: number;
}

export interface ContextPlan {
  /** n_ctx = n_batch: KV cells of the one shared cache, and the most tokens one decode holds. */
  tokenBudget: number;
  /** n_ubatch. */
  microBatch: number;
  /** n_seq_max: texts one decode holds. */
  sequences: number;
}

export const DEFAULT_SEQUENCES = 64;
export const DEFAULT_BUDGET = 2048;
/** Activations one micro-batch may take (the compute buffer's bulk, see microBatchFor). */
export const MICRO_BATCH_ACTIVATION_BYTES = 200 * 2 ** 20;

/**
 * The micro-batch a model gets: the largest power of two from 512 to `budget` whose
 * activations stay within MICRO_BATCH_ACTIVATION_BYTES. A Qwen3 layer's peak holds about
 * 3 x n_ff + 3 x n_embd floats per token (gate, up and their product; the residual, the
 * normed input and the output), so: 0.6B (1,024 / 3,072) 4,096 tokens, 4B (2,560 / 9,728)
 * 1,024, 8B (4,096 / 12,288) 1,024. Larger micro-batches gain little on a GPU once a few
 * hundred tokens fill its matrix units, and their buffer is most of a context's VRAM.
 */
export function microBatchFor(shape: ModelShape, budget: number): number {
  const ff = shape.feedForwardLength > 0 ? shape.feedForwardLength : 4 * shape.embeddingLength;
  const perToken = 4 * (3 * ff + 3 * shape.embeddingLength);
  let size = 512;
  while (size * 2 <= budget && size * 2 * perToken <= MICRO_BATCH_ACTIVATION_BYTES) size *= 2;
  return Math.min(size, budget);
}

export function planContext(input: ContextPlanInput): ContextPlan {
  const sequences = Math.max(1, Math.floor(input.sequences ?? DEFAULT_SEQUENCES));
  // One text of contextSize - 1 tokens must fit one decode.
  const tokenBudget = Math.max(input.contextSize, Math.floor(input.batchTokens ?? Math.max(input.contextSize, DEFAULT_BUDGET)));
  let microBatch = Math.min(tokenBudget, Math.max(1, Math.floor(input.microBatchTokens ?? microBatchFor(input.shape, tokenBudget))));
  // Texts that may not span micro-batches need the longest one whole in each.
  if (!input.shape.lastTokenCausal) microBatch = tokenBudget;
  return { tokenBudget, microBatch, sequences };
}

/** Bytes of the shared KV cache of a context with `cells` cells. */
export function kvCacheBytes(shape: ModelShape, cells: number, type: KvCacheType): number {
  return Math.ceil(2 * shape.layers * shape.kvWidth * cells * KV_BYTES[type]);
}

/** The KV type a model can take: q8_0 stores blocks of 32, so its heads must be multiples of 32. */
export function usableKvType(shape: ModelShape, wanted: KvCacheType): KvCacheType {
  return wanted === 'q8_0' && shape.headSize % 32 !== 0 ? 'f16' : wanted;
}
