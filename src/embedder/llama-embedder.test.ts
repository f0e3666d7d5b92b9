/**
 * LlamaEmbedder with real models on the CPU: the tiny generated Qwen3 GGUF and the
 * committed starter (GloVe-as-BERT) model, through the prebuilt node-llama-cpp addon.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SiftError } from '../api/errors.js';
import { writeTinyQwen3Gguf } from '../test-support/tiny-qwen3.js';
import { starterModelPath } from '../paths.js';
import { isZeroVector } from './embedder.js';
import { LlamaEmbedder } from './llama-embedder.js';
import { openLlama } from './llama-runtime.js';
import { supportsSequenceEmbeddings } from './worker-factory.js';
import { truncateAndNormalize } from './matryoshka.js';

const dir = mkdtempSync(join(tmpdir(), 'sift-embedder-'));
const qwenPath = join(dir, 'tiny-qwen3.gguf');
const embedders: LlamaEmbedder[] = [];
const make = (options: Partial<ConstructorParameters<typeof LlamaEmbedder>[0]> = {}) => {
  const e = new LlamaEmbedder({ modelPath: qwenPath, gpu: false, ...options });
  embedders.push(e);
  return e;
};

let qwen: LlamaEmbedder;
let starter: LlamaEmbedder;

beforeAll(async () => {
  writeTinyQwen3Gguf(qwenPath, { seed: 5 });
  // One context each: the one-at-a-time reference for the pooled runs below.
  qwen = make({ contexts: 1 });
  starter = make({ modelPath: starterModelPath(), contexts: 1 });
  await Promise.all([qwen.load(), starter.load()]);
});

afterAll(async () => {
  for (const e of embedders) await e.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i]!, 0);
const norm = (a: Float32Array): number => Math.sqrt(dot(a, a));

const TEXTS = [
  'reset my password',
  'the weather is sunny today and the children play outside',
  '这是测试句子',
  'Qwen3-Embedding 模型支持多语言文本嵌入。',
  'house school government city people '.repeat(12),
  'x',
];

describe('LlamaEmbedder facts and conventions', () => {
  it('reads the Qwen3 family, pooling, sizes and backend', async () => {
    const info = await qwen.load();
    expect(info).toMatchObject({
      architecture: 'qwen3',
      family: 'qwen3-embedding',
      pooling: 'last',
      matryoshka: true,
      dimensions: 64,
      nativeDimensions: 64,
      contextTokens: 511, // the GGUF's 512 training context, minus node-llama-cpp's one spare
      backend: 'cpu',
      contexts: 1,
      vramUsedBytes: 0,
      deviceNames: [],
      warnings: [],
    });
    expect(info.fallbackReason).toBeUndefined();
    expect(await qwen.peek()).toMatchObject({ dimensions: 64, nativeDimensions: 64, loaded: true, backend: 'cpu' });
  });

  it('sizes the CPU pool from the cores when not told', async () => {
    const auto = make();
    const info = await auto.load();
    expect(info.contexts).toBeGreaterThanOrEqual(1);
    expect(info.contexts).toBeLessThanOrEqual(4);
  });

  it('reads the starter model as BERT with mean pooling and no instruction', async () => {
    const info = await starter.load();
    expect(info).toMatchObject({ architecture: 'bert', family: 'bert', pooling: 'mean', matryoshka: false, dimensions: 100 });
    expect(starter.inputTokens('reset my password', 'query')).toEqual(starter.inputTokens('reset my password', 'document'));
    // [CLS] reset my password [SEP]
    expect(starter.inputTokens('reset my password', 'document')).toHaveLength(5);
    expect(starter.countTokens('reset my password')).toBe(5);
  });

  it('counts Qwen3 document tokens with the appended EOS', () => {
    expect(qwen.countTokens('这是测试句子')).toBe(qwen.inputTokens('这是测试句子', 'document').length);
    expect(qwen.countTokens('')).toBe(0);
  });
});

describe('LlamaEmbedder.embed', () => {
  it('returns unit vectors in order; empty text gives a zero vector', async () => {
    const texts = ['', ...TEXTS, '   '];
    const vectors = await qwen.embed(texts, 'document');
    expect(vectors).toHaveLength(texts.length);
    expect(isZeroVector(vectors[0]!)).toBe(true);
    expect(isZeroVector(vectors.at(-1)!)).toBe(true);
    for (const v of vectors.slice(1, -1)) expect(norm(v)).toBeCloseTo(1, 5);
    const single = await qwen.embed([TEXTS[2]!], 'document');
    expect(dot(single[0]!, vectors[3]!)).toBeGreaterThan(0.9999);
  });

  it('batched and one-at-a-time agree (cosine >= 0.9999), with 1 and 2 contexts, both families', async () => {
    const pooled = make({ contexts: 2 });
    const starterPooled = make({ modelPath: starterModelPath(), contexts: 2 });
    expect((await pooled.load()).contexts).toBe(2);
    for (const [one, many] of [
      [qwen, qwen],
      [qwen, pooled],
      [starter, starterPooled],
    ] as const) {
      for (const kind of ['document', 'query'] as const) {
        const batched = await many.embed(TEXTS, kind);
        for (const [i, text] of TEXTS.entries()) {
          const [alone] = await one.embed([text], kind);
          if (isZeroVector(alone!)) expect(isZeroVector(batched[i]!)).toBe(true);
          else expect(dot(alone!, batched[i]!), `${kind} ${text}`).toBeGreaterThanOrEqual(0.9999);
        }
      }
    }
  });

  it('gives the same vectors through the direct path and node-llama-cpp\'s public API', async () => {
    const publicApi = make({ contexts: 1, decodePath: 'public-api' });
    expect(await publicApi.load()).toMatchObject({ decodePath: 'public-api', sequencesPerContext: 1 });
    // The prebuilt addon reads sequence 0 only: one text per decode, straight to llama_decode.
    // With the Sift engine (npm run engine:build) several texts share a decode, and the
    // lm_head is skipped: the same comparison then checks that path.
    const { llama } = await openLlama(false);
    const info = await qwen.load();
    expect(info.decodePath).toBe(supportsSequenceEmbeddings(llama) ? 'multi-sequence' : 'direct');
    // What the Models view shows: asked of the loaded addon, whatever its folder is called.
    expect(info.engineBuild).toBe(supportsSequenceEmbeddings(llama) ? 'sift' : 'prebuilt');
    for (const kind of ['document', 'query'] as const) {
      const a = await publicApi.embed(TEXTS, kind);
      const b = await qwen.embed(TEXTS, kind);
      a.forEach((v, i) => expect(dot(v, b[i]!), TEXTS[i]).toBeGreaterThanOrEqual(0.9999));
    }
  });

  it('refuses a passage longer than the context, naming the chunker', async () => {
    const long = 'government '.repeat(600);
    const error = await qwen.embed(['short one', long], 'document').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SiftError);
    expect((error as SiftError).code).toBe('invalid_request');
    expect((error as SiftError).message).toMatch(/at most 511 .*chunker must split/);
  });

  it('truncates an over-long query (keeping its start) instead of failing', async () => {
    const long = 'government '.repeat(600);
    const ids = qwen.inputTokens(long, 'query');
    expect(ids).toHaveLength(511);
    const [v] = await qwen.embed([long], 'query');
    expect(norm(v!)).toBeCloseTo(1, 5);
  });
});

describe('Matryoshka dimensions', () => {
  it('equal truncating and re-normalising the full vector', async () => {
    const small = make({ dimensions: 32, contexts: 1 });
    expect(await small.peek()).toMatchObject({ dimensions: 32, nativeDimensions: 64 });
    expect((await small.load()).dimensions).toBe(32);
    for (const kind of ['document', 'query'] as const) {
      const full = await qwen.embed(TEXTS, kind);
      const cut = await small.embed(TEXTS, kind);
      cut.forEach((v, i) => {
        expect(v).toHaveLength(32);
        const expected = truncateAndNormalize(full[i]!, 32);
        expect(dot(v, expected)).toBeGreaterThanOrEqual(0.99999);
        v.forEach((x, j) => expect(x).toBeCloseTo(expected[j]!, 5));
      });
    }
  });

  it.each([16, 65, 31, 40.5, -1])('rejects d = %s with a clear message', async (d) => {
    const bad = make({ dimensions: d });
    await expect(bad.peek()).rejects.toThrow(/Vector dimensions must be a whole number from 32 to 64 .*got/);
    await expect(bad.load()).rejects.toMatchObject({ code: 'invalid_request' });
  });
});

describe('backend choice', () => {
  it('falls back to the CPU with a reason when the asked-for GPU backend cannot start', async () => {
    // This machine has no GPU: the CUDA prebuilt refuses to load.
    const e = make({ gpu: 'cuda' });
    const info = await e.load();
    if (info.backend === 'cuda') return; // a machine with a GPU: nothing to fall back from
    expect(info.backend).toBe('cpu');
    expect(info.fallbackReason).toMatch(/cuda backend could not start.*running on the CPU/);
    const [v] = await e.embed(['reset my password'], 'document');
    const [ref] = await qwen.embed(['reset my password'], 'document');
    expect(dot(v!, ref!)).toBeGreaterThan(0.9999);
  });
});
