// A pool of embedding workers (one llama.cpp context each) fed from one queue.
//
// Why a pool: node-llama-cpp's LlamaEmbeddingContext is a one-sequence context and its
// native getEmbedding() reads sequence 0 only, so several texts cannot share one decode
// through the prebuilt addon. Several contexts on one model can decode at the same time
// (each decode runs on a libuv worker thread), which keeps a GPU busy.
//
// Queries jump the queue: a search typed while a folder is indexing should not wait for
// the whole backlog. Within one embed() call, texts are queued longest first.
import { takeBatch, type BatchLimits } from './batch-plan.js';

export interface EmbeddingWorker {
  readonly limits: BatchLimits;
  /** Raw (unnormalised) vectors, one per token list, in order. */
  embedBatch(batch: readonly (readonly number[])[]): Promise<ArrayLike<number>[]>;
  dispose(): Promise<void>;
}

interface Unit {
  tokens: readonly number[];
  resolve(vector: ArrayLike<number>): void;
  reject(error: unknown): void;
}

export class ContextPool {
  private readonly idle: EmbeddingWorker[];
  private readonly urgent: Unit[] = [];
  private readonly normal: Unit[] = [];
  private busy = 0;
  private closed = false;
  private drained: (() => void) | undefined;

  constructor(private readonly workers: EmbeddingWorker[]) {
    if (workers.length === 0) throw new Error('a context pool needs at least one worker');
    this.idle = [...workers];
  }

  get size(): number {
    return this.workers.length;
  }

  /** Embeds token lists; `urgent` ones (queries) go before everything already queued. */
  embed(tokenLists: readonly (readonly number[])[], urgent: boolean): Promise<ArrayLike<number>[]> {
    if (this.closed) return Promise.reject(new Error('the embedding pool is closed'));
    const lane = urgent ? this.urgent : this.normal;
    const promises = tokenLists.map(
      (tokens) => new Promise<ArrayLike<number>>((resolve, reject) => lane.push({ tokens, resolve, reject })),
    );
    this.pump();
    return Promise.all(promises);
  }

  private pump(): void {
    while (this.idle.length > 0 && this.urgent.length + this.normal.length > 0) {
      const worker = this.idle.pop()!;
      const { maxSequences } = worker.limits;
      const heads = [...this.urgent.slice(0, maxSequences), ...this.normal.slice(0, maxSequences)].slice(0, maxSequences);
      const n = takeBatch(
        heads.map((u) => u.tokens.length),
        worker.limits,
      );
      const batch = heads.slice(0, n);
      const fromUrgent = Math.min(n, this.urgent.length);
      this.urgent.splice(0, fromUrgent);
      this.normal.splice(0, n - fromUrgent);
      this.busy++;
      void this.run(worker, batch);
    }
  }

  private async run(worker: EmbeddingWorker, batch: Unit[]): Promise<void> {
    try {
      const vectors = await worker.embedBatch(batch.map((u) => u.tokens));
      batch.forEach((unit, i) => unit.resolve(vectors[i]!));
    } catch (error) {
      for (const unit of batch) unit.reject(error);
    } finally {
      this.busy--;
      this.idle.push(worker);
      if (this.closed && this.busy === 0) this.drained?.();
      else this.pump();
    }
  }

  /** Rejects what is queued, waits for running decodes, then frees every context. */
  async dispose(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const error = new Error('the embedding model was unloaded');
    for (const unit of [...this.urgent.splice(0), ...this.normal.splice(0)]) unit.reject(error);
    if (this.busy > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    for (const worker of this.workers) await worker.dispose();
  }
}
