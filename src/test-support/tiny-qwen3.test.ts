import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getLlama, LlamaLogLevel, type Llama, type LlamaModel } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { float16BitsToFloat32, float32ToFloat16Bits } from './gguf-writer.js';
import { bytesToUnicode, generateTinyQwen3Weights, writeTinyQwen3Gguf } from './tiny-qwen3.js';

const dir = mkdtempSync(join(tmpdir(), 'sift-tiny-qwen3-'));
const pathA = join(dir, 'tiny-seed7.gguf');
const pathB = join(dir, 'tiny-seed7-again.gguf');
const pathC = join(dir, 'tiny-seed8.gguf');

let llama: Llama;
let model: LlamaModel;

beforeAll(async () => {
  writeTinyQwen3Gguf(pathA, { seed: 7 });
  writeTinyQwen3Gguf(pathB, { seed: 7 });
  writeTinyQwen3Gguf(pathC, { seed: 8 });
  // Prebuilt CPU binary only: never fall back to compiling llama.cpp inside a test run.
  llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
  model = await llama.loadModel({ modelPath: pathA });
});

afterAll(async () => {
  await model?.dispose();
  await llama?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

// node-llama-cpp's embedding context defaults to 6 threads; on a 2-core runner that
// oversubscription makes each tiny evaluation take ~1 s instead of ~5 ms.
const threads = (): number => llama.cpuMathCores;

async function embed(m: LlamaModel, texts: string[]): Promise<number[][]> {
  const ctx = await m.createEmbeddingContext({ contextSize: 512, threads: threads() });
  try {
    const out: number[][] = [];
    for (const t of texts) out.push([...(await ctx.getEmbeddingFor(t)).vector]);
    return out;
  } finally {
    await ctx.dispose();
  }
}

describe('generateTinyQwen3Weights', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = generateTinyQwen3Weights({ seed: 7 });
    const b = generateTinyQwen3Weights({ seed: 7 });
    const c = generateTinyQwen3Weights({ seed: 8 });
    expect(a.tokens).toEqual(b.tokens);
    expect(a.merges).toEqual(c.merges); // the vocabulary does not depend on the seed
    a.tensors.forEach((t, i) => expect(t.data).toEqual(b.tensors[i]!.data));
    expect(a.tensors[0]!.data).not.toEqual(c.tensors[0]!.data);
  });

  it('has the Qwen3 shapes and exactly representable F16 values', () => {
    const w = generateTinyQwen3Weights({ seed: 7 });
    const byName = new Map(w.tensors.map((t) => [t.name, t]));
    expect(byName.get('token_embd.weight')!.shape).toEqual([64, w.config.nVocab]);
    expect(byName.get('blk.1.attn_q.weight')!.shape).toEqual([64, 64]);
    expect(byName.get('blk.1.attn_k.weight')!.shape).toEqual([64, 32]);
    expect(byName.get('blk.1.attn_output.weight')!.shape).toEqual([64, 64]);
    expect(byName.get('blk.0.attn_q_norm.weight')!.shape).toEqual([16]);
    expect(byName.get('blk.0.ffn_down.weight')!.shape).toEqual([192, 64]);
    expect(byName.has('output.weight')).toBe(false);
    expect(w.tensors).toHaveLength(1 + 2 * 11 + 1);
    for (const t of w.tensors.filter((x) => x.type === 'F16')) {
      const inexact = t.data.filter((v) => float16BitsToFloat32(float32ToFloat16Bits(v)) !== v);
      expect(inexact.length, t.name).toBe(0);
    }
    expect(w.tokens.slice(0, 256)).toEqual(bytesToUnicode());
    expect(w.tokens[w.config.eosTokenId]).toBe('<|endoftext|>');
    expect(w.tokenTypes[w.config.eosTokenId]).toBe(3);
    for (const m of w.merges) expect(w.tokens).toContain(m.replace(' ', ''));
  });

  it('writes byte-identical files for the same seed', () => {
    expect(readFileSync(pathA).equals(readFileSync(pathB))).toBe(true);
    expect(readFileSync(pathA).equals(readFileSync(pathC))).toBe(false);
  });
});

describe('tiny Qwen3 GGUF in node-llama-cpp', () => {
  it('reports arch qwen3, LAST pooling and 64 dimensions', () => {
    const md = model.fileInfo.metadata as unknown as Record<string, Record<string, unknown>>;
    expect(md.general!.architecture).toBe('qwen3');
    expect(md.qwen3!.pooling_type).toBe(3);
    expect(model.embeddingVectorSize).toBe(64);
    expect(model.fileInsights.trainContextSize).toBe(512);
  });

  it('round-trips "hello 世界" through its byte-level BPE', () => {
    const tokens = model.tokenize('hello 世界');
    expect(model.detokenize(tokens)).toBe('hello 世界');
    expect(tokens.length).toBeLessThan(Buffer.byteLength('hello 世界')); // merges apply
  });

  it('appends <|endoftext|> for embeddings (add_eos_token)', async () => {
    const ctx = await model.createEmbeddingContext({ contextSize: 512, threads: threads() });
    try {
      expect(ctx.calculateInputLength('hello')).toBe(model.tokenize('hello').length + 1);
    } finally {
      await ctx.dispose();
    }
    expect(model.tokens.eos).toBe(generateTinyQwen3Weights({ seed: 7 }).config.eosTokenId);
  });

  it('gives finite embeddings, deterministic per seed, different per text and seed', async () => {
    const texts = ['hello 世界', 'reset my password', 'the weather is sunny'];
    const first = await embed(model, texts);
    const again = await embed(model, texts);
    const modelB = await llama.loadModel({ modelPath: pathB });
    const modelC = await llama.loadModel({ modelPath: pathC });
    try {
      const fromB = await embed(modelB, texts);
      const fromC = await embed(modelC, texts);
      for (const v of first) {
        expect(v).toHaveLength(64);
        expect(v.every(Number.isFinite)).toBe(true);
      }
      expect(again).toEqual(first);
      expect(fromB).toEqual(first);
      expect(fromC[0]).not.toEqual(first[0]);
      expect(first[1]).not.toEqual(first[2]);
    } finally {
      await modelB.dispose();
      await modelC.dispose();
    }
  });
});
