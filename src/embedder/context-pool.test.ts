// The pool's scheduling with small in-memory workers that record what they were given
// (the workers are the pool's dependency; the pool itself runs for real).
import { describe, expect, it } from 'vitest';
import { ContextPool, type EmbeddingWorker } from './context-pool.js';

class RecordingWorker implements EmbeddingWorker {
  readonly calls: number[][] = [];
  disposed = false;
  constructor(
    readonly limits = { tokenBudget: 100, maxSequences: 1 },
    private readonly fail?: (tokens: readonly number[]) => boolean,
  ) {}
  async embedBatch(batch: readonly (readonly number[])[]) {
    this.calls.push(batch.map((t) => t[0]!));
    await new Promise((r) => setTimeout(r, 2));
    if (batch.some((t) => this.fail?.(t))) throw new Error('decode failed');
    return batch.map((t) => [t[0]!, t.length]);
  }
  async dispose() {
    this.disposed = true;
  }
}

const tokens = (id: number, length = 3) => [id, ...Array<number>(length - 1).fill(0)];

describe('ContextPool', () => {
  it('returns results in order across several workers', async () => {
    const workers = [new RecordingWorker(), new RecordingWorker(), new RecordingWorker()];
    const pool = new ContextPool(workers);
    const out = await pool.embed([1, 2, 3, 4, 5, 6, 7].map((id) => tokens(id, id)), false);
    expect(out.map((v) => v[0])).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(workers.every((w) => w.calls.length > 0)).toBe(true);
    await pool.dispose();
    expect(workers.every((w) => w.disposed)).toBe(true);
  });

  it('puts queries ahead of queued documents', async () => {
    const worker = new RecordingWorker();
    const pool = new ContextPool([worker]);
    const docs = pool.embed([10, 11, 12, 13].map((id) => tokens(id)), false);
    const query = pool.embed([tokens(99)], true);
    await Promise.all([docs, query]);
    // 10 was already running; the query goes next, before 11..13.
    expect(worker.calls.flat()).toEqual([10, 99, 11, 12, 13]);
  });

  it('fills multi-sequence batches up to the token budget', async () => {
    const worker = new RecordingWorker({ tokenBudget: 10, maxSequences: 3 });
    const pool = new ContextPool([worker]);
    await pool.embed([tokens(1, 6), tokens(2, 4), tokens(3, 4), tokens(4, 2), tokens(5, 2), tokens(6, 2), tokens(7, 2)], false);
    expect(worker.calls).toEqual([[1, 2], [3, 4, 5], [6, 7]]);
  });

  it('rejects only the failed batch and keeps working', async () => {
    const pool = new ContextPool([new RecordingWorker(undefined, (t) => t[0] === 2)]);
    await expect(pool.embed([tokens(1), tokens(2)], false)).rejects.toThrow('decode failed');
    expect((await pool.embed([tokens(3)], false))[0]).toEqual([3, 3]);
  });

  it('rejects queued work when disposed and refuses new work', async () => {
    const pool = new ContextPool([new RecordingWorker()]);
    const pending = expect(pool.embed([tokens(1), tokens(2), tokens(3)], false)).rejects.toThrow(/unloaded/);
    await pool.dispose();
    await pending;
    await expect(pool.embed([tokens(4)], false)).rejects.toThrow(/closed/);
  });
});
