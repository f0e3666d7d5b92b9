import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTinyQwen3Gguf } from '../test-support/tiny-qwen3.js';
import { starterModelPath } from '../paths.js';
import { factsFromMetadata, readGgufFacts } from './gguf-facts.js';

const dir = mkdtempSync(join(tmpdir(), 'sift-gguf-facts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('factsFromMetadata', () => {
  it.each([
    {
      name: 'Qwen3-Embedding as converted',
      metadata: {
        general: { architecture: 'qwen3', name: 'Qwen3 Embedding 0.6B' },
        qwen3: { embedding_length: 1024, context_length: 32768, pooling_type: 3, block_count: 28 },
        tokenizer: { ggml: { add_eos_token: true, add_bos_token: false } },
      },
      expected: { name: 'Qwen3 Embedding 0.6B', architecture: 'qwen3', embeddingLength: 1024, contextLength: 32768, pooling: 'last', addEosToken: true, addBosToken: false, blockCount: 28, fileType: -1 },
    },
    {
      name: 'a Q4_K_M file says its type',
      metadata: { general: { architecture: 'qwen3', file_type: 15 }, qwen3: { embedding_length: 2560 } },
      expected: { fileType: 15 },
    },
    {
      name: 'BGE-M3 (xlm-roberta, CLS)',
      metadata: { general: { architecture: 'xlm-roberta' }, 'xlm-roberta': { embedding_length: 1024, context_length: 8192, pooling_type: 2 } },
      expected: { name: 'bge-m3', architecture: 'xlm-roberta', embeddingLength: 1024, contextLength: 8192, pooling: 'cls', addEosToken: undefined },
    },
    {
      name: 'a chat GGUF without pooling or name',
      metadata: { general: { architecture: 'qwen3', name: '  ' }, qwen3: { embedding_length: 2560 } },
      expected: { name: 'bge-m3', embeddingLength: 2560, contextLength: 0, pooling: 'unspecified', blockCount: 0 },
    },
    { name: 'nothing at all', metadata: {}, expected: { architecture: 'unknown', embeddingLength: 0, pooling: 'unspecified' } },
    {
      name: 'bigint values',
      metadata: { general: { architecture: 'bert' }, bert: { embedding_length: 100n, pooling_type: 1 } },
      expected: { embeddingLength: 100, pooling: 'mean' },
    },
  ])('$name', ({ metadata, expected }) => {
    expect(factsFromMetadata(metadata, '/models/bge-m3.gguf')).toMatchObject(expected);
  });
});

describe('readGgufFacts', () => {
  it('reads the tiny Qwen3 and the starter model from disk', async () => {
    const path = join(dir, 'tiny.gguf');
    writeTinyQwen3Gguf(path, { seed: 3 });
    expect(await readGgufFacts(path)).toMatchObject({
      architecture: 'qwen3', embeddingLength: 64, contextLength: 512, pooling: 'last', addEosToken: true, addBosToken: false, blockCount: 2,
    });
    expect(await readGgufFacts(starterModelPath())).toMatchObject({ architecture: 'bert', embeddingLength: 100, pooling: 'mean' });
  });

  it('refuses missing and non-GGUF files with model_invalid', async () => {
    await expect(readGgufFacts(join(dir, 'nope.gguf'))).rejects.toMatchObject({ code: 'model_invalid', message: /does not exist/ });
    const txt = join(dir, 'notes.gguf');
    writeFileSync(txt, 'hello, not a model');
    await expect(readGgufFacts(txt)).rejects.toMatchObject({ code: 'model_invalid', message: /is not a GGUF model file/ });
  });
});

describe('damaged GGUF headers', () => {
  it.each([
    ['text after the magic', Buffer.from('GGUF but not really a model')],
    ['a truncated header', Buffer.from('GGUF\x03\x00\x00\x00', 'latin1')],
    ['an absurd tensor count', Buffer.concat([Buffer.from('GGUF\x03\x00\x00\x00', 'latin1'), Buffer.alloc(8, 0xff), Buffer.alloc(8)])],
  ])('refuses %s quickly instead of hanging the parser', async (_name, bytes) => {
    const dir = mkdtempSync(join(tmpdir(), 'sift-gguf-damaged-'));
    const path = join(dir, 'damaged.gguf');
    writeFileSync(path, bytes);
    await expect(readGgufFacts(path)).rejects.toMatchObject({ code: 'model_invalid', message: /is damaged or truncated/ });
    rmSync(dir, { recursive: true, force: true });
  });
});
