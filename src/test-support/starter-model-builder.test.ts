import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getLlama, LlamaLogLevel } from 'node-llama-cpp';
import { afterAll, describe, expect, it } from 'vitest';
import { writeGguf } from './gguf-writer.js';
import {
  buildStarterModelSpec, isTokenizableWord, normalizeWord, postProcessVectors, principalComponents,
  selectVocabulary, SPECIAL_TOKENS, STOP_WORDS, SUFFIX_PIECES, WORD_PREFIX, type WordVectors,
} from './starter-model-builder.js';

const dir = mkdtempSync(join(tmpdir(), 'sift-starter-builder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};
const row = (v: WordVectors, i: number): Float32Array => v.vectors.subarray(i * v.dim, (i + 1) * v.dim);

/** Deterministic pseudo-random vectors with one strong shared direction (like GloVe's). */
function syntheticVectors(words: string[], dim: number): WordVectors {
  let s = 12345;
  const rand = (): number => { s = (s * 1103515245 + 12345) % 2 ** 31; return s / 2 ** 31 - 0.5; };
  const vectors = new Float32Array(words.length * dim);
  words.forEach((_, r) => {
    const common = 3 * rand();
    for (let i = 0; i < dim; i++) vectors[r * dim + i] = 2 + rand() + common * (i % 2 === 0 ? 1 : -0.5);
  });
  return { words, dim, vectors };
}

describe('normalizeWord / isTokenizableWord', () => {
  it.each([
    ['Café', 'cafe'],
    ['RÉSUMÉ', 'resume'],
    ['naïve', 'naive'],
    ['straße', 'straße'],
    ['北京', '北京'],
  ])('%s -> %s', (input, expected) => expect(normalizeWord(input)).toBe(expected));

  it.each([
    ['password', true],
    ['2010', true],
    ['世', true],
    ['北京', false], // WPM splits Chinese characters into one-character words
    ['u.s.', false],
    ['well-known', false],
    ["n't", false],
    ['', false],
  ])('%s tokenizable: %s', (word, expected) => expect(isTokenizableWord(word)).toBe(expected));
});

describe('selectVocabulary', () => {
  it('keeps source order, drops untokenizable words and normalized duplicates', () => {
    const source: WordVectors = {
      words: ['the', ',', 'Café', 'u.s.', 'cafe', 'password', 'reset'],
      dim: 2,
      vectors: Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]),
    };
    const out = selectVocabulary(source, 3);
    expect(out.words).toEqual(['the', 'cafe', 'password']);
    expect(Array.from(out.vectors)).toEqual([0, 1, 4, 5, 10, 11]);
  });
});

describe('principalComponents', () => {
  it('finds a planted direction', () => {
    const dim = 4;
    const dir = [0.5, 0.5, -0.5, 0.5];
    const n = 200;
    const rows = new Float64Array(n * dim);
    for (let r = 0; r < n; r++) {
      const t = (r - n / 2) / 10;
      for (let i = 0; i < dim; i++) rows[r * dim + i] = t * dir[i]! + ((r * 7 + i * 3) % 5 - 2) * 0.01;
    }
    const [pc] = principalComponents(rows, n, dim, 1);
    expect(Math.abs(dot(pc!, dir))).toBeCloseTo(1, 4);
  });
});

describe('postProcessVectors', () => {
  const words = Array.from({ length: 300 }, (_, i) => `w${i}`).concat(['the', 'of']);
  const input = syntheticVectors(words, 16);
  const out = postProcessVectors(input, { components: 2, stopWords: new Set(STOP_WORDS) });

  it('centres the vocabulary and every vector across its dimensions', () => {
    const noStop = postProcessVectors(input, { components: 2, stopWords: new Set() });
    const sum = new Float64Array(16);
    for (let r = 0; r < words.length; r++) row(noStop, r).forEach((v, i) => { sum[i] = sum[i]! + v; });
    for (const x of sum) expect(Math.abs(x / words.length)).toBeLessThan(1e-6);
    for (let r = 0; r < words.length; r++) expect(Math.abs(row(out, r).reduce((a, b) => a + b, 0))).toBeLessThan(1e-5);
  });

  it('removes the dominant shared direction', () => {
    const shared = Float64Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? 1 : -0.5));
    const norm = Math.hypot(...shared);
    const before = dot(row(input, 5), shared) / norm;
    const after = dot(row(out, 5), shared) / norm;
    expect(Math.abs(before)).toBeGreaterThan(1);
    expect(Math.abs(after)).toBeLessThan(0.05);
  });

  it('zeroes stop words only', () => {
    expect(row(out, words.indexOf('the')).every((v) => v === 0)).toBe(true);
    expect(row(out, words.indexOf('of')).every((v) => v === 0)).toBe(true);
    expect(row(out, 0).some((v) => v !== 0)).toBe(true);
  });
});

describe('buildStarterModelSpec', () => {
  const vectors = postProcessVectors(syntheticVectors(['apple', 'banana', 'car', 'the'], 8),
    { components: 1, stopWords: new Set(['the']) });
  const spec = buildStarterModelSpec(vectors, { name: 'test', license: 'PDDL-1.0', description: 'd', sourceUrl: 'u' });
  const tokens = spec.metadata.find((m) => m.key === 'tokenizer.ggml.tokens')!.value as string[];

  it('lays out specials, prefixed words, punctuation and suffix pieces', () => {
    expect(tokens.slice(0, 5)).toEqual([...SPECIAL_TOKENS]);
    expect(tokens.slice(5, 9)).toEqual(['apple', 'banana', 'car', 'the'].map((w) => WORD_PREFIX + w));
    expect(tokens).toContain(WORD_PREFIX + '!');
    expect(tokens.slice(-SUFFIX_PIECES.length)).toEqual([...SUFFIX_PIECES]);
    const embd = spec.tensors.find((t) => t.name === 'token_embd.weight')!;
    expect(embd.shape).toEqual([8, tokens.length]);
    expect(Array.from(embd.data.subarray(5 * 8, 6 * 8))).toEqual(Array.from(row(vectors, 0)));
  });

  it('loads in llama.cpp and pools the mean of unit word vectors', async () => {
    const path = join(dir, 'synthetic-bert.gguf');
    writeGguf(path, spec);
    const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
    const model = await llama.loadModel({ modelPath: path });
    const ctx = await model.createEmbeddingContext({ contextSize: 64, threads: llama.cpuMathCores });
    try {
      expect(model.tokenize('Apple, the BANANA!')).toEqual([5, tokens.indexOf(WORD_PREFIX + ','), 8, 6,
        tokens.indexOf(WORD_PREFIX + '!')]);
      expect(model.tokenize('apples')).toEqual([5, tokens.indexOf('s')]);
      const got = (await ctx.getEmbeddingFor('Apple, the BANANA!')).vector;
      // F16-rounded vectors, each scaled to unit length, summed; compare directions
      const f16 = spec.tensors[0]!.data;
      const unit = (id: number): number[] => {
        const v = Array.from(f16.subarray(id * 8, (id + 1) * 8));
        const n = Math.hypot(...v);
        return v.map((x) => x / n);
      };
      const want = unit(5).map((x, i) => x + unit(6)[i]!);
      const cos = dot(got, want) / Math.hypot(...got) / Math.hypot(...want);
      expect(cos).toBeGreaterThan(0.9999);
      const zero = (await ctx.getEmbeddingFor('the ! ?')).vector;
      expect(zero.every((v) => v === 0)).toBe(true);
    } finally {
      await ctx.dispose();
      await model.dispose();
      await llama.dispose();
    }
  });
});
