// The reranker slot's choices, with a real tiny reranker GGUF on disk: when 'auto' reranks
// (a GPU backend, within the latency budget) and when it stops; 'on' and 'off' override.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RerankMode } from '../api/settings-contract.js';
import { makeTempDir } from '../test-support/fixture-folder.js';
import { writeTinyReranker } from '../test-support/tiny-reranker.js';
import { percentile95, RERANK_LATENCY_BUDGET_MS, RerankerSlot } from './reranker-slot.js';

describe('percentile95', () => {
  it.each([
    [[], 0],
    [[5], 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 10],
    [Array.from({ length: 100 }, (_, i) => i + 1), 95],
  ])('%j -> %d', (values, expected) => expect(percentile95(values)).toBe(expected));
});

describe('RerankerSlot: when a search reranks by default', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let path: string;
  beforeAll(async () => {
    dir = await makeTempDir();
    path = join(dir.path, 'tiny-reranker.gguf');
    writeTinyReranker(path);
  });
  afterAll(() => dir.remove());

  const slot = (mode: RerankMode, backend: string, file: string | null = path) =>
    new RerankerSlot({ path: () => file, mode: () => mode, gpu: () => false, embedderBackend: async () => backend, idleMs: () => null });

  it("'auto' reranks on a GPU until reranked searches run over the budget, never on the CPU", async () => {
    const gpu = slot('auto', 'cuda');
    expect(await gpu.enabled()).toBe(true);
    for (let i = 0; i < 9; i++) gpu.recordLatency(RERANK_LATENCY_BUDGET_MS + 400);
    expect(await gpu.enabled()).toBe(true); // too few searches to judge
    gpu.recordLatency(RERANK_LATENCY_BUDGET_MS + 400);
    expect(await gpu.enabled()).toBe(false);
    expect(gpu.status()).toMatchObject({ mode: 'auto', enabled: false, tooSlowP95Ms: RERANK_LATENCY_BUDGET_MS + 400 });
    // A changed setting starts the judgement over.
    gpu.changed();
    expect(await gpu.enabled()).toBe(true);
    for (let i = 0; i < 30; i++) gpu.recordLatency(90);
    expect(await gpu.enabled()).toBe(true);
    await gpu.dispose();

    expect(await slot('auto', 'cpu').enabled()).toBe(false);
  });

  it("'on' and 'off' override the backend and the latency; no file, no rerank", async () => {
    const on = slot('on', 'cpu');
    for (let i = 0; i < 20; i++) on.recordLatency(5000);
    expect(await on.enabled()).toBe(true);
    expect(await slot('off', 'cuda').enabled()).toBe(false);
    const none = slot('on', 'cuda', null);
    expect(await none.enabled()).toBe(false);
    expect(none.status()).toBeUndefined();
    await expect(none.score('q', ['d'])).rejects.toThrow(/No reranker model is chosen/);
  });
});
