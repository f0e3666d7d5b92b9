import { describe, expect, it } from 'vitest';
import { kvCacheBytes, microBatchFor, planContext, usableKvType, type ModelShape } from './context-plan.js';

// Qwen3-Embedding's shapes (config.json of each model).
const QWEN3_0_6B: ModelShape = { embeddingLength: 1024, feedForwardLength: 3072, layers: 28, kvWidth: 8 * 128, headSize: 128, lastTokenCausal: true };
const QWEN3_4B: ModelShape = { embeddingLength: 2560, feedForwardLength: 9728, layers: 36, kvWidth: 8 * 128, headSize: 128, lastTokenCausal: true };
const QWEN3_8B: ModelShape = { embeddingLength: 4096, feedForwardLength: 12288, layers: 36, kvWidth: 8 * 128, headSize: 128, lastTokenCausal: true };
const BERT: ModelShape = { embeddingLength: 1024, feedForwardLength: 4096, layers: 24, kvWidth: 1024, headSize: 64, lastTokenCausal: false };
const MIB = 2 ** 20;

describe('microBatchFor', () => {
  it.each([
    ['0.6B', QWEN3_0_6B, 2048, 2048],
    ['0.6B, budget 8192', QWEN3_0_6B, 8192, 4096],
    ['4B', QWEN3_4B, 2048, 1024],
    ['8B', QWEN3_8B, 2048, 1024],
    ['a budget under 512', QWEN3_4B, 300, 300],
    ['n_ff unknown (4 x n_embd)', { ...QWEN3_4B, feedForwardLength: 0 }, 4096, 1024],
  ])('%s', (_, shape, budget, expected) => expect(microBatchFor(shape, budget)).toBe(expected));
});

describe('planContext', () => {
  it('sizes the one KV cache to a decode, not to contextSize x sequences', () => {
    expect(planContext({ shape: QWEN3_4B, contextSize: 2048 })).toEqual({ tokenBudget: 2048, microBatch: 1024, sequences: 64 });
  });

  it('never takes a budget under one whole text', () => {
    expect(planContext({ shape: QWEN3_4B, contextSize: 2048, batchTokens: 1000 }).tokenBudget).toBe(2048);
    expect(planContext({ shape: QWEN3_0_6B, contextSize: 512 }).tokenBudget).toBe(2048);
  });

  it('takes what it is given', () => {
    expect(planContext({ shape: QWEN3_8B, contextSize: 2048, sequences: 16, batchTokens: 4096, microBatchTokens: 256 })).toEqual({
      tokenBudget: 4096,
      microBatch: 256,
      sequences: 16,
    });
    expect(planContext({ shape: QWEN3_4B, contextSize: 2048, microBatchTokens: 99999 }).microBatch).toBe(2048);
  });

  it('keeps texts whole in one micro-batch where the model cannot split them', () => {
    expect(planContext({ shape: BERT, contextSize: 512, microBatchTokens: 128 })).toEqual({ tokenBudget: 2048, microBatch: 2048, sequences: 64 });
  });
});

describe('kvCacheBytes', () => {
  it('is K and V, every layer, every cell', () => {
    expect(kvCacheBytes(QWEN3_4B, 2048, 'f16') / MIB).toBe(288);
    expect(kvCacheBytes(QWEN3_4B, 32768, 'f16') / MIB).toBe(4608); // the old 16 x 2,048 cells
    expect(kvCacheBytes(QWEN3_4B, 2048, 'q8_0') / MIB).toBe(153);
    expect(kvCacheBytes(QWEN3_0_6B, 2048, 'f16') / MIB).toBe(224);
  });
});

describe('usableKvType', () => {
  it('takes q8_0 only where the heads hold whole blocks of 32', () => {
    expect(usableKvType(QWEN3_4B, 'q8_0')).toBe('q8_0');
    expect(usableKvType({ ...QWEN3_4B, headSize: 16 }, 'q8_0')).toBe('f16');
    expect(usableKvType({ ...QWEN3_4B, headSize: 16 }, 'f16')).toBe('f16');
  });
});
