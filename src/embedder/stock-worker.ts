// One embedding context of the prebuilt node-llama-cpp addon as a pool worker: one
// sequence per decode (its native getEmbedding reads sequence 0 only).
import type { LlamaEmbeddingContext, Token } from 'node-llama-cpp';
import type { BatchLimits } from './batch-plan.js';
import type { EmbeddingWorker } from './context-pool.js';

export class StockEmbeddingWorker implements EmbeddingWorker {
  readonly limits: BatchLimits;

  /** `maxTokens`: the most tokens (specials included) one text may have in this context. */
  constructor(
    private readonly context: LlamaEmbeddingContext,
    maxTokens: number,
  ) {
    this.limits = { tokenBudget: maxTokens, maxSequences: 1 };
  }

  async embedBatch(batch: readonly (readonly number[])[]): Promise<ArrayLike<number>[]> {
    const out: ArrayLike<number>[] = [];
    // The ids already carry their special tokens, so node-llama-cpp adds none.
    for (const tokens of batch) out.push((await this.context.getEmbeddingFor([...tokens] as Token[])).vector);
    return out;
  }

  dispose(): Promise<void> {
    return this.context.dispose();
  }
}
