/**
 * The chunker with real tokenizers (the tiny Qwen3 GGUF's and the starter model's): every
 * chunk, measured exactly, fits the limit, although merges far under the limit are taken
 * on the sum of their parts' counts (chunk-text.ts, mergeSlack).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LlamaEmbedder } from '../embedder/llama-embedder.js';
import { writeTinyQwen3Gguf } from '../test-support/tiny-qwen3.js';
import { starterModelPath } from '../paths.js';
import { seededRandom } from '../seeded-random.js';
import { chunkText } from './chunk-text.js';

const dir = mkdtempSync(join(tmpdir(), 'sift-chunk-tokens-'));
let qwen: LlamaEmbedder;
let starter: LlamaEmbedder;

beforeAll(async () => {
  const qwenPath = join(dir, 'tiny-qwen3.gguf');
  writeTinyQwen3Gguf(qwenPath, { seed: 3 });
  qwen = new LlamaEmbedder({ modelPath: qwenPath, gpu: false, contexts: 1 });
  starter = new LlamaEmbedder({ modelPath: starterModelPath(), gpu: false, contexts: 1 });
  await Promise.all([qwen.load(), starter.load()]);
});

afterAll(async () => {
  await qwen.dispose();
  await starter.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const PIECES = [
  'The quarterly report covers revenue, hiring and the new office in Lyon.',
  '这是一个关于季度报告的段落，其中包括收入、招聘以及新办公室的情况。',
  'function add(a, b) {\n  return a + b;\n}',
  '## Heading two',
  '- item one\n- item two\n- item three',
  '混合 mixed 文本 text，标点！Punctuation? 数字 12345 and URLs https://example.com/a?b=c',
  '长'.repeat(90),
];

function corpus(seed: number): string {
  const random = seededRandom(seed);
  const paragraphs: string[] = [];
  for (let p = 0; p < 30; p++) {
    const sentences = 1 + Math.floor(random() * 6);
    const parts: string[] = [];
    for (let s = 0; s < sentences; s++) parts.push(PIECES[Math.floor(random() * PIECES.length)]!);
    paragraphs.push(parts.join(random() < 0.5 ? ' ' : '\n'));
  }
  return paragraphs.join('\n\n');
}

describe('chunkText with model tokenizers', () => {
  for (const maxUnits of [24, 64, 200]) {
    it(`keeps every chunk within ${maxUnits} tokens and covers the text in order`, () => {
      for (const [name, embedder] of [
        ['tiny qwen3', qwen],
        ['starter', starter],
      ] as const) {
        for (const seed of [1, 2, 3]) {
          const text = corpus(seed);
          const chunks = chunkText(text, { maxUnits, measure: (t) => embedder.countTokens(t), markdown: true });
          expect(chunks.length, name).toBeGreaterThan(1);
          let cursor = 0;
          for (const chunk of chunks) {
            expect(embedder.countTokens(chunk.text), `${name} seed ${seed}: ${chunk.text.slice(0, 40)}`).toBeLessThanOrEqual(maxUnits);
            expect(chunk.start).toBeGreaterThanOrEqual(cursor);
            expect(text.slice(cursor, chunk.start).trim()).toBe('');
            cursor = chunk.end;
          }
          expect(text.slice(cursor).trim()).toBe('');
        }
      }
    });
  }
});
