// The GPU memory Sift may use (Settings -> "GPU memory Sift may use") and what its models
// cost in it: the estimate from the GGUF header before a model is used (weights + one
// context), and the budget the embedding pool and the reranker share. Pure functions and
// one small ledger; the loaders measure what they really took and report it here.
import { SiftError } from '../api/errors.js';
import { kvCacheBytes, microBatchFor, type KvCacheType, type ModelShape } from './context-plan.js';
import { hasQuantizedWeights, type GgufFacts } from './gguf-facts.js';

export const MIB = 2 ** 20;
const GIB = 2 ** 30;

export interface VramFacts {
  total: number;
  free: number;
}

/**
 * Room left for everything that is not Sift: 1 GiB or 10 % of the card, whichever is more.
 * Why: the desktop compositor, a browser and a video call hold 0.5-1.5 GB on a 12 GB card
 * (the issue's reference RTX 3060) and grow when a window opens; `free` at load time already
 * excludes what they hold now, the reserve is their room to grow without an out-of-memory
 * in someone else's program.
 */
export function desktopReserve(totalBytes: number): number {
  return Math.max(GIB, Math.round(totalBytes * 0.1));
}

/**
 * The automatic budget: what is free for Sift (free now plus what Sift itself holds)
 * minus the desktop's reserve, but never less than half of it, so a nearly full small card
 * still runs the starter model or 0.6B instead of refusing every model.
 */
export function automaticBudget(vram: VramFacts, heldBySift = 0): number {
  const available = Math.max(0, vram.free + heldBySift);
  return Math.max(Math.floor(available / 2), available - desktopReserve(vram.total));
}

/** The budget in bytes: the setting (MiB) when set, else the automatic one. */
export function resolveBudget(settingMB: number | null | undefined, vram: VramFacts, heldBySift = 0): number {
  if (settingMB !== null && settingMB !== undefined) return Math.round(settingMB * MIB);
  return automaticBudget(vram, heldBySift);
}

/** A context's shape from the GGUF header (the loaders read the same from the loaded model). */
export function shapeFromFacts(facts: GgufFacts): ModelShape {
  const heads = facts.headCount > 0 ? facts.headCount : 1;
  const headSize = facts.keyLength > 0 ? facts.keyLength : facts.embeddingLength / heads;
  return {
    embeddingLength: facts.embeddingLength,
    feedForwardLength: facts.feedForwardLength,
    layers: Math.max(1, facts.blockCount),
    kvWidth: (facts.headCountKv > 0 ? facts.headCountKv : heads) * headSize,
    headSize,
    lastTokenCausal: facts.pooling === 'last' && !/bert/i.test(facts.architecture),
  };
}

/**
 * Bytes of one context holding `cells` tokens with micro-batches of `microBatch`: its KV
 * cache plus the compute buffer (about 3 x n_ff + 3 x n_embd floats per token of a
 * micro-batch at a layer's peak, as context-plan.ts's microBatchFor reasons). It leaves out
 * the logits buffer a stock llama.cpp adds to a Qwen3 embedding context (the Sift engine
 * skips it): an estimate that errs low, so a refusal on it is sure, not a guess.
 */
export function contextBytes(shape: ModelShape, cells: number, microBatch: number, kvType: KvCacheType = 'f16'): number {
  const ff = shape.feedForwardLength > 0 ? shape.feedForwardLength : 4 * shape.embeddingLength;
  const activations = Math.min(microBatch, cells) * 4 * (3 * ff + 3 * shape.embeddingLength);
  return kvCacheBytes(shape, cells, kvType) + activations;
}

/**
 * GPU memory a CUDA context takes during decodes, beyond its load, when its quantized
 * products go to cuBLAS (GGML_CUDA_MMQ_MAX_BATCH, llama-runtime.ts): ggml's pool holds the
 * fp16 copy of a weight matrix being multiplied and fp16 copies of the micro-batch's input
 * and output, and the context's cuBLAS handle its workspace. Measured on an H200 with the 4B
 * Q4_K_M shape at 1,024-token micro-batches: +152 MiB with 1 context, +302 MiB with 2
 * (bench/RESULTS.md section 7). Modelled as two copies of the largest (n_embd x n_ff) matrix,
 * two of the micro-batch's n_ff-wide activations and 32 MiB of workspace: 165 MiB for that
 * shape, a little above the measure, as a budget should be.
 */
export function cudaMatmulPoolBytes(shape: ModelShape, microBatch: number): number {
  const ff = shape.feedForwardLength > 0 ? shape.feedForwardLength : 4 * shape.embeddingLength;
  return 2 * shape.embeddingLength * ff * 2 + 2 * microBatch * ff * 2 + 32 * MIB;
}

export interface ModelEstimate {
  /** The weights as stored (the file, less its header and vocabulary: close enough). */
  weightsBytes: number;
  /** One context as Sift would create it for this model. */
  contextBytes: number;
  totalBytes: number;
}

/** Tokens of the context Sift gives a model (llama-embedder.ts: 2,048, capped by training). */
export function contextTokensFor(facts: GgufFacts, maxTokens = 2048): number {
  return facts.contextLength > 0 ? Math.min(facts.contextLength, maxTokens) : maxTokens;
}

/** Weights + one context, from the header alone (nothing loaded). With `cublasFrom` (the
 *  CUDA switch's token count, when it is on) a quantized model's context also counts the
 *  pool its larger products take on cuBLAS. */
export function estimateModel(facts: GgufFacts, fileBytes: number, contextTokens = contextTokensFor(facts), cublasFrom?: number): ModelEstimate {
  const shape = shapeFromFacts(facts);
  const cells = Math.max(contextTokens, 2048);
  const microBatch = shape.lastTokenCausal ? microBatchFor(shape, cells) : cells;
  const context = contextBytes(shape, cells, microBatch) + decodePoolBytes(facts, microBatch, cublasFrom);
  return { weightsBytes: fileBytes, contextBytes: context, totalBytes: fileBytes + context };
}

/** What a context of this model adds during decodes on CUDA (0 where the switch does not apply). */
export function decodePoolBytes(facts: GgufFacts, microBatch: number, cublasFrom: number | undefined): number {
  return cublasFrom !== undefined && microBatch > cublasFrom && hasQuantizedWeights(facts) ? cudaMatmulPoolBytes(shapeFromFacts(facts), microBatch) : 0;
}

/** Weights + a ranking context of `contextTokens` (n_batch = n_ubatch = its size, as
 *  node-llama-cpp makes one): the reranker's estimate. */
export function estimateRanking(facts: GgufFacts, fileBytes: number, contextTokens = 1024): ModelEstimate {
  const tokens = facts.contextLength > 0 ? Math.min(facts.contextLength, contextTokens) : contextTokens;
  const context = contextBytes(shapeFromFacts(facts), tokens, tokens);
  return { weightsBytes: fileBytes, contextBytes: context, totalBytes: fileBytes + context };
}

/** A model the budget would hold, for the refusal's advice. */
export interface FitSuggestion {
  name: string;
  bytes: number;
}

export interface FitInput {
  /** Who asks: "Qwen3-Embedding-4B" or the reranker's name. */
  name: string;
  what: 'embedder' | 'reranker';
  needBytes: number;
  budgetBytes: number;
  /** Already held inside the budget by Sift's other model (the embedder, the reranker). */
  heldBytes: number;
  /** The largest model that would fit in `budget - held`, if any. */
  suggest?: (bytes: number) => FitSuggestion | undefined;
}

/** Throws a readable SiftError when the model and one context cannot fit the budget. */
export function assertFits(input: FitInput): void {
  const room = input.budgetBytes - input.heldBytes;
  if (input.needBytes <= room) return;
  const mb = (bytes: number) => Math.max(0, Math.round(bytes / MIB));
  const other = input.what === 'embedder' ? 'the reranker' : 'the embedding model';
  const suggestion = input.suggest?.(room);
  const advice = suggestion
    ? `${suggestion.name} (about ${mb(suggestion.bytes)} MiB) would fit; or raise "GPU memory Sift may use" in Settings.`
    : 'No model of the catalog fits it: raise "GPU memory Sift may use" in Settings, or set the GPU to CPU.';
  throw new SiftError(
    'model_load_failed',
    `${input.name} needs about ${mb(input.needBytes)} MiB of GPU memory (weights and one context) but Sift may use ` +
      `${mb(room)} MiB${input.heldBytes > 0 ? ` (${mb(input.budgetBytes)} MiB, of which ${other} holds ${mb(input.heldBytes)} MiB)` : ''}. ${advice}`,
    {
      detail: {
        key: suggestion ? 'gpuBudgetTooSmall' : 'gpuBudgetTooSmallNone',
        params: { model: input.name, needMB: mb(input.needBytes), budgetMB: mb(room), ...(suggestion ? { fits: suggestion.name } : {}) },
      },
    },
  );
}

/**
 * What Sift's models hold on the GPU now, and the budget they share. The embedder sizes its
 * pool in `budget - reranker`, the reranker loads in `budget - embedder`. One per core.
 */
export class MemoryLedger {
  private readonly held = new Map<string, number>();
  private readonly planned = new Map<string, number>();

  constructor(
    /** The setting in MiB (null: automatic), read at each load. */
    readonly settingMB: () => number | null | undefined,
    /** The largest catalog model for a room in bytes, for the refusal's advice. */
    readonly suggest?: (bytes: number) => FitSuggestion | undefined,
  ) {}

  /** Bytes `holder` measured at load (0 or absent: holds nothing, e.g. on the CPU). */
  set(holder: 'embedder' | 'reranker', bytes: number): void {
    if (bytes > 0) this.held.set(holder, bytes);
    else this.held.delete(holder);
  }

  /** Bytes set aside for `holder` before it loads (the reranker's estimate while one is
   *  chosen and on), so the embedding pool does not take its room first. 0 clears it. */
  plan(holder: 'embedder' | 'reranker', bytes: number): void {
    if (bytes > 0) this.planned.set(holder, bytes);
    else this.planned.delete(holder);
  }

  heldBy(holder: 'embedder' | 'reranker'): number {
    return this.held.get(holder) ?? 0;
  }

  /** What every other holder takes or will take (measured, else planned). */
  heldByOthers(holder: 'embedder' | 'reranker'): number {
    let sum = 0;
    for (const name of new Set([...this.held.keys(), ...this.planned.keys()])) {
      if (name !== holder) sum += this.held.get(name) ?? this.planned.get(name) ?? 0;
    }
    return sum;
  }

  /** Measured by the others only: what is really on the card now besides `holder`. */
  measuredByOthers(holder: 'embedder' | 'reranker'): number {
    let sum = 0;
    for (const [name, bytes] of this.held) if (name !== holder) sum += bytes;
    return sum;
  }

  /** The budget for a load by `holder`, given the card's state now. */
  budget(holder: 'embedder' | 'reranker', vram: VramFacts): number {
    return resolveBudget(this.settingMB(), vram, this.measuredByOthers(holder));
  }
}
