// A pool worker that drives node-llama-cpp's native context directly: one batch, one
// llama_decode, the pooled vectors read back, the sequences cleared. It skips the
// per-text machinery of LlamaEmbeddingContext (evaluate generator, sampler, locks, batch
// scheduler), which costs as much as the decode itself for short texts on a GPU.
//
// With the prebuilt addon every decode holds one text (its getEmbedding reads sequence 0
// only). With an addon that has getSequenceEmbedding (scripts/gpu/addon-sequence-
// embedding.patch) one decode holds many texts, as llama.cpp's own server does.
//
// `_ctx` is node-llama-cpp 3.21.1's internal handle; addonContextOf() checks its shape
// and the embedder falls back to the public API if it ever changes.
import type { LlamaContext } from 'node-llama-cpp';
import type { BatchLimits } from './batch-plan.js';
import type { EmbeddingWorker } from './context-pool.js';

export interface AddonContextHandle {
  /** `sequencesPerToken` (scripts/gpu/addon-shared-tokens.patch): room for tokens that belong to
   *  several sequences; the stock addon takes one argument and allots one. */
  initBatch(tokens: number, sequencesPerToken?: number): void;
  addToBatch(sequenceId: number, firstTokenIndex: number, tokens: Uint32Array, logitIndexes: Uint32Array): Uint32Array;
  addSharedToBatch?(sequenceIds: Uint32Array, firstTokenIndex: number, tokens: Uint32Array): void;
  decodeBatch(): Promise<void>;
  getEmbedding(inputTokensLength: number, maxVectorSize?: number): ArrayLike<number>;
  getSequenceEmbedding?(sequenceId: number): ArrayLike<number>;
  disposeSequence(sequenceId: number): void;
}

/** The native context behind a LlamaContext, if it has the calls this worker needs. */
export function addonContextOf(context: LlamaContext): AddonContextHandle | undefined {
  const handle = (context as unknown as { _ctx?: Partial<AddonContextHandle> })._ctx;
  const needed = ['initBatch', 'addToBatch', 'decodeBatch', 'getEmbedding', 'disposeSequence'] as const;
  if (!handle || needed.some((name) => typeof handle[name] !== 'function')) return undefined;
  return handle as AddonContextHandle;
}

export function hasSequenceEmbeddings(handle: AddonContextHandle): boolean {
  return typeof handle.getSequenceEmbedding === 'function';
}

/** Whether one decode can hold tokens shared by several sequences (a common prompt prefix). */
export function hasSharedTokens(handle: AddonContextHandle): boolean {
  return hasSequenceEmbeddings(handle) && typeof handle.addSharedToBatch === 'function';
}

/** Where a worker's time goes, summed over every direct worker of the process: the
 *  benchmark reads it to tell GPU-bound from host-bound runs (with one context the GPU
 *  idles whenever the host is not inside decodeBatch). Two clock reads per decode. */
export interface DecodeTiming {
  decodes: number;
  /** Inside llama_decode (GPU work plus the wait for it). */
  decodeMs: number;
  /** Inside embedBatch: the decode plus filling the batch and copying the vectors out. */
  batchMs: number;
}

export const decodeTiming: DecodeTiming = { decodes: 0, decodeMs: 0, batchMs: 0 };

export class DirectEmbeddingWorker implements EmbeddingWorker {
  constructor(
    /** What to dispose: a LlamaContext, or a native context made to measure (sized-context.ts). */
    private readonly context: { dispose(): Promise<void> },
    private readonly handle: AddonContextHandle,
    readonly limits: BatchLimits,
  ) {
    if (limits.maxSequences > 1 && !hasSequenceEmbeddings(handle)) {
      throw new Error('several sequences per decode need an addon with getSequenceEmbedding');
    }
  }

  /**
   * One decode of `batch`, each text its own sequence. With `sharedPrefix` (an addon with
   * addSharedToBatch, see hasSharedTokens) every sequence is `sharedPrefix` followed by its
   * text: the prefix is decoded once, its KV cells shared by all the sequences (a unified
   * cache), and each text continues after it. Only pooling that reads each sequence's last
   * token (LAST, or RANK on Qwen3) gives the same result as decoding prefix + text per
   * sequence: a mean over the shared cells would count only the text.
   */
  async embedBatch(batch: readonly (readonly number[])[], sharedPrefix: readonly number[] = []): Promise<ArrayLike<number>[]> {
    const started = performance.now();
    const total = batch.reduce((n, tokens) => n + tokens.length, sharedPrefix.length);
    const { handle } = this;
    const shared = sharedPrefix.length > 0;
    if (shared && !(hasSharedTokens(handle) && batch.length > 0)) throw new Error('a shared prefix needs an addon with addSharedToBatch');
    // A stock addon ignores the second argument (it allots one sequence per token).
    handle.initBatch(total, shared ? batch.length : 1);
    try {
      if (shared) handle.addSharedToBatch!(Uint32Array.from(batch, (_, sequence) => sequence), 0, Uint32Array.from(sharedPrefix));
      batch.forEach((tokens, sequence) =>
        // Every token is an output in a pooled context anyway; marking the last one
        // mirrors node-llama-cpp (llama.cpp widens it to all and pools per sequence).
        handle.addToBatch(sequence, sharedPrefix.length, Uint32Array.from(tokens), Uint32Array.of(tokens.length - 1)),
      );
      const decodeStart = performance.now();
      await handle.decodeBatch();
      decodeTiming.decodeMs += performance.now() - decodeStart;
      decodeTiming.decodes++;
      // Read before anything else decodes on this context (the pool runs one batch per
      // worker at a time), and copy: the native buffers are reused by the next decode.
      return batch.map((tokens, sequence) =>
        Float32Array.from(handle.getSequenceEmbedding ? handle.getSequenceEmbedding(sequence) : handle.getEmbedding(tokens.length)),
      );
    } finally {
      for (let sequence = 0; sequence < batch.length; sequence++) handle.disposeSequence(sequence);
      decodeTiming.batchMs += performance.now() - started;
    }
  }

  dispose(): Promise<void> {
    return this.context.dispose();
  }
}
