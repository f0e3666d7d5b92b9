import { describe, expect, it } from 'vitest';
import { SiftError } from '../api/errors.js';
import { largestFitting } from '../models/memory-facts.js';
import type { GgufFacts } from './gguf-facts.js';
import { assertFits, automaticBudget, contextBytes, cudaMatmulPoolBytes, decodePoolBytes, desktopReserve, estimateModel, estimateRanking, MemoryLedger, resolveBudget, shapeFromFacts } from './memory-budget.js';

const MiB = 2 ** 20;
const GiB = 2 ** 30;

/** Qwen3-Embedding-4B's header figures. */
const QWEN3_4B: GgufFacts = {
  name: 'Qwen3-Embedding-4B',
  architecture: 'qwen3',
  embeddingLength: 2560,
  contextLength: 32768,
  pooling: 'last',
  blockCount: 36,
  feedForwardLength: 9728,
  headCount: 32,
  headCountKv: 8,
  keyLength: 128,
  // Q4_K_M
  fileType: 15,
};

describe('the automatic budget leaves room for the desktop', () => {
  it.each([
    // total, free, held by Sift, expected budget
    { name: '12 GB card, 10 GB free', total: 12 * GiB, free: 10 * GiB, held: 0, expected: 10 * GiB - 1.2 * GiB },
    { name: '8 GB card, 7 GB free', total: 8 * GiB, free: 7 * GiB, held: 0, expected: 6 * GiB },
    { name: 'nearly full 4 GB card: half of what is free', total: 4 * GiB, free: 1 * GiB, held: 0, expected: 0.5 * GiB },
    { name: "Sift's own reranker counts as free for Sift", total: 12 * GiB, free: 9 * GiB, held: 1 * GiB, expected: 10 * GiB - 1.2 * GiB },
    { name: '80 GB H200-class card', total: 80 * GiB, free: 79 * GiB, held: 0, expected: 71 * GiB },
  ])('$name', ({ total, free, held, expected }) => {
    expect(automaticBudget({ total, free }, held)).toBeCloseTo(expected, -3);
  });

  it('reserves 1 GiB or a tenth of the card', () => {
    expect(desktopReserve(4 * GiB)).toBe(GiB);
    expect(desktopReserve(24 * GiB)).toBeCloseTo(2.4 * GiB, -3);
  });

  it('a set budget wins over the free memory', () => {
    expect(resolveBudget(3500, { total: 12 * GiB, free: 10 * GiB })).toBe(3500 * MiB);
    expect(resolveBudget(null, { total: 12 * GiB, free: 10 * GiB })).toBe(automaticBudget({ total: 12 * GiB, free: 10 * GiB }));
  });
});

describe('estimates from the GGUF header', () => {
  it('a 4B context: KV for 2,048 cells plus a micro-batch of activations', () => {
    const shape = shapeFromFacts(QWEN3_4B);
    expect(shape).toMatchObject({ layers: 36, kvWidth: 1024, headSize: 128, lastTokenCausal: true });
    // 2 x 36 layers x 1,024 x 2,048 cells x 2 bytes = 288 MiB (context-plan.ts's figure).
    expect(contextBytes(shape, 2048, 1024) - 1024 * 4 * (3 * 9728 + 3 * 2560)).toBe(288 * MiB);
    const estimate = estimateModel(QWEN3_4B, 2.5e9);
    expect(estimate.weightsBytes).toBe(2.5e9);
    expect(estimate.totalBytes).toBeGreaterThan(2.5e9 + 288 * MiB);
    expect(estimate.totalBytes).toBeLessThan(3.5e9); // the target for 4B
  });

  it('counts the cuBLAS pool of a quantized model on CUDA when the switch is on, near the measured +152 MiB', () => {
    const pool = cudaMatmulPoolBytes(shapeFromFacts(QWEN3_4B), 1024);
    expect(pool / MiB).toBeGreaterThan(152);
    expect(pool / MiB).toBeLessThan(152 * 1.2);
    expect(estimateModel(QWEN3_4B, 2.5e9, 2048, 512).totalBytes - estimateModel(QWEN3_4B, 2.5e9).totalBytes).toBe(pool);
    // Not for F16 weights, nor when the micro-batch stays at or under the switch, nor off.
    expect(decodePoolBytes({ ...QWEN3_4B, fileType: 1 }, 1024, 512)).toBe(0);
    expect(decodePoolBytes(QWEN3_4B, 512, 512)).toBe(0);
    expect(decodePoolBytes(QWEN3_4B, 1024, undefined)).toBe(0);
    expect(decodePoolBytes({ ...QWEN3_4B, fileType: -1 }, 1024, 512)).toBe(0);
  });

  it('a ranking context of 1,024 tokens is smaller than an embedding one of 2,048', () => {
    expect(estimateRanking(QWEN3_4B, 0).contextBytes).toBeLessThan(estimateModel(QWEN3_4B, 0).contextBytes);
  });
});

describe('a budget that cannot hold the model and one context', () => {
  it('names the largest catalog model that would fit', () => {
    let error: unknown;
    try {
      assertFits({ name: 'Qwen3-Embedding-8B', what: 'embedder', needBytes: 6e9, budgetBytes: 3 * GiB, heldBytes: 0, suggest: largestFitting });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SiftError);
    expect((error as SiftError).message).toMatch(/Qwen3-Embedding-8B needs about 5722 MiB .* Sift may use 3072 MiB\. Qwen3-Embedding-0\.6B \(Q8_0\) .* would fit/);
    expect((error as SiftError).detail).toEqual({
      key: 'gpuBudgetTooSmall',
      params: { model: 'Qwen3-Embedding-8B', needMB: 5722, budgetMB: 3072, fits: 'Qwen3-Embedding-0.6B (Q8_0)' },
    });
  });

  it('counts what the other model holds and says when nothing fits', () => {
    expect(() =>
      assertFits({ name: 'Qwen3-Reranker-0.6B', what: 'reranker', needBytes: 900 * MiB, budgetBytes: 1024 * MiB, heldBytes: 1000 * MiB, suggest: largestFitting }),
    ).toThrow(/Sift may use 24 MiB \(1024 MiB, of which the embedding model holds 1000 MiB\)\. No model of the catalog fits/);
    expect(() => assertFits({ name: 'x', what: 'embedder', needBytes: 10, budgetBytes: 100, heldBytes: 50 })).not.toThrow();
  });

  it('the ledger: the pool sizes in what the reranker holds or will hold', () => {
    const ledger = new MemoryLedger(() => 4096);
    ledger.plan('reranker', 900 * MiB);
    expect(ledger.heldByOthers('embedder')).toBe(900 * MiB);
    ledger.set('reranker', 700 * MiB);
    expect(ledger.heldByOthers('embedder')).toBe(700 * MiB);
    ledger.set('embedder', 2 * GiB);
    expect(ledger.heldByOthers('reranker')).toBe(2 * GiB);
    expect(ledger.budget('reranker', { total: 12 * GiB, free: 1 * GiB })).toBe(4096 * MiB);
    ledger.set('reranker', 0);
    expect(ledger.heldByOthers('embedder')).toBe(900 * MiB);
  });
});
