/**
 * Sift's Qwen3 path against an independent float64 forward pass (qwen3-reference.ts):
 * the tiny generated Qwen3 GGUF run for real through node-llama-cpp on the CPU.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyQwen3Gguf, type TinyQwen3Weights } from '../test-support/tiny-qwen3.js';
import { LlamaEmbedder } from './llama-embedder.js';
import { DEFAULT_QUERY_TASK } from './model-family.js';
import { qwen3ReferenceEmbedding } from '../test-support/qwen3-reference.js';
import { cosineSimilarity as cosine } from './embedder.js';
import { openLlama, type GpuChoice } from './llama-runtime.js';
import { supportsSequenceEmbeddings } from './worker-factory.js';

// The release workflow (.github/workflows/release.yml) runs this file against each engine
// build: SIFT_CONFORMANCE_GPU=cuda|vulkan|metal picks that backend (default: the CPU), and
// SIFT_EXPECT_ENGINE=sift fails the run unless the loaded addon is the Sift engine, so a
// build that silently fell back to the prebuilt addon cannot pass.
const GPU: GpuChoice = (['cuda', 'vulkan', 'metal'] as const).find((g) => g === process.env.SIFT_CONFORMANCE_GPU) ?? false;
const EXPECT_ENGINE = process.env.SIFT_EXPECT_ENGINE;

const dir = mkdtempSync(join(tmpdir(), 'sift-qwen3-conf-'));
const modelPath = join(dir, 'tiny-qwen3.gguf');
let weights: TinyQwen3Weights;
let embedder: LlamaEmbedder;

beforeAll(async () => {
  weights = writeTinyQwen3Gguf(modelPath, { seed: 11 });
  embedder = new LlamaEmbedder({ modelPath, gpu: GPU });
  await embedder.load();
});

afterAll(async () => {
  await embedder?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const DOCUMENTS = [
  'reset my password',
  '这是测试句子',
  'Qwen3-Embedding 模型支持多语言文本嵌入，适用于检索、聚类和分类任务。',
  'def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n',
  'The government said the new school program would help young children in every city. '.repeat(4),
];

describe('tiny Qwen3 through Sift vs the float64 reference', () => {
  it('runs on the backend and engine build asked for', async () => {
    const info = await embedder.load();
    expect(info.backend).toBe(GPU === false ? 'cpu' : GPU);
    if (EXPECT_ENGINE) expect(info.engineBuild).toBe(EXPECT_ENGINE);
  });

  it('feeds documents plain, with <|endoftext|> appended', () => {
    const ids = embedder.inputTokens('这是测试句子', 'document');
    expect(ids.at(-1)).toBe(weights.config.eosTokenId);
    expect(ids.filter((t) => t === weights.config.eosTokenId)).toHaveLength(1);
  });

  it('feeds queries with the instruction and a configurable task', async () => {
    const ids = embedder.inputTokens('how do I reset my password', 'query');
    const custom = new LlamaEmbedder({ modelPath, gpu: GPU, queryTask: 'Find code that answers the question' });
    try {
      await custom.load();
      const customIds = custom.inputTokens('how do I reset my password', 'query');
      expect(ids).not.toEqual(customIds);
      expect(customIds.at(-1)).toBe(weights.config.eosTokenId);
    } finally {
      await custom.dispose();
    }
    expect(ids.at(-1)).toBe(weights.config.eosTokenId);
    const plain = embedder.inputTokens(`Instruct: ${DEFAULT_QUERY_TASK}\nQuery: how do I reset my password`, 'document');
    expect(ids).toEqual(plain);
  });

  it('matches the reference for documents, English and Chinese (cosine >= 0.999)', async () => {
    const vectors = await embedder.embed(DOCUMENTS, 'document');
    DOCUMENTS.forEach((text, i) => {
      const reference = qwen3ReferenceEmbedding(weights, embedder.inputTokens(text, 'document'));
      expect(cosine(vectors[i]!, reference), text).toBeGreaterThanOrEqual(0.999);
    });
  });

  it('matches the reference for a query with the instruction (cosine >= 0.999)', async () => {
    for (const query of ['how do I reset my password', '如何重置密码']) {
      const [vector] = await embedder.embed([query], 'query');
      const reference = qwen3ReferenceEmbedding(weights, embedder.inputTokens(query, 'query'));
      expect(cosine(vector!, reference), query).toBeGreaterThanOrEqual(0.999);
    }
  });

  it('is sensitive: without the EOS or without the instruction the reference disagrees', async () => {
    const [vector] = await embedder.embed(['reset my password'], 'document');
    const ids = embedder.inputTokens('reset my password', 'document');
    expect(cosine(vector!, qwen3ReferenceEmbedding(weights, ids.slice(0, -1)))).toBeLessThan(0.99);
    const [query] = await embedder.embed(['reset my password'], 'query');
    expect(cosine(query!, vector!)).toBeLessThan(0.99);
  });
});

describe('contexts sized to the work (the Sift engine), vs the float64 reference', () => {
  // A micro-batch of 8 tokens: every document spans several, so the KV cache carries the
  // earlier ones and the last pools; texts of one decode share one KV cache.
  it('match the reference with a micro-batch shorter than the texts, f16 and q8_0 KV', async () => {
    const { llama } = await openLlama(GPU);
    // q8_0 stores blocks of 32: a model with heads of 32 (the default tiny one has 16).
    const q8Path = join(dir, 'tiny-qwen3-head32.gguf');
    const q8Weights = writeTinyQwen3Gguf(q8Path, { seed: 12, headDim: 32 });
    for (const kvCacheType of ['f16', 'q8_0'] as const) {
      const path = kvCacheType === 'f16' ? modelPath : q8Path;
      const modelWeights = kvCacheType === 'f16' ? weights : q8Weights;
      const sized = new LlamaEmbedder({ modelPath: path, gpu: GPU, contexts: 1, microBatchTokens: 8, kvCacheType });
      try {
        const info = await sized.load();
        if (!supportsSequenceEmbeddings(llama)) {
          // The prebuilt addon: one text per decode, contexts as node-llama-cpp makes them.
          expect(info.tokenBudget).toBeUndefined();
          continue;
        }
        expect(info).toMatchObject({ decodePath: 'multi-sequence', microBatch: 8, kvCacheType, sequencesPerContext: 64 });
        const vectors = await sized.embed(DOCUMENTS, 'document');
        DOCUMENTS.forEach((text, i) => {
          const reference = qwen3ReferenceEmbedding(modelWeights, sized.inputTokens(text, 'document'));
          // q8_0 rounds K and V to 8 bits per element (a block scale per 32).
          expect(cosine(vectors[i]!, reference), `${kvCacheType}: ${text}`).toBeGreaterThanOrEqual(kvCacheType === 'f16' ? 0.999 : 0.99);
        });
      } finally {
        await sized.dispose();
      }
    }
  });
});

describe('a q8_0 KV cache on heads it cannot hold', () => {
  it('falls back to f16 on the Sift engine (heads of 16 elements)', async () => {
    const { llama } = await openLlama(GPU);
    const sized = new LlamaEmbedder({ modelPath, gpu: GPU, contexts: 1, kvCacheType: 'q8_0' });
    try {
      const info = await sized.load();
      if (supportsSequenceEmbeddings(llama)) expect(info).toMatchObject({ decodePath: 'multi-sequence', kvCacheType: 'f16' });
      else expect(info.kvCacheType).toBeUndefined();
    } finally {
      await sized.dispose();
    }
  });
});
