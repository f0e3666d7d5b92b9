// The reranker's document window (rerank-window.ts) with a real tokenizer count: the tiny
// reranker GGUF's Qwen3 vocabulary through node-llama-cpp on the CPU.
import { join } from 'node:path';
import { getLlama, type LlamaModel } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/fixture-folder.js';
import { writeTinyReranker } from '../test-support/tiny-reranker.js';
import { documentWindow, queryTerms } from './rerank-window.js';

describe('queryTerms', () => {
  it('keeps content words and CJK bigrams, drops stopwords and short words', () => {
    expect(queryTerms('How do I reset my Password?')).toEqual(['reset', 'password']);
    expect(queryTerms('如何更改下载文件夹')).toEqual(['如何', '何更', '更改', '改下', '下载', '载文', '文件', '件夹']);
    expect(queryTerms('the and of')).toEqual([]);
  });
});

describe('documentWindow', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let model: LlamaModel;
  const count = (text: string) => model.tokenize(text, false, 'trimLeadingSpace').length;

  beforeAll(async () => {
    dir = await makeTempDir();
    const path = join(dir.path, 'tiny-reranker.gguf');
    writeTinyReranker(path);
    const llama = await getLlama({ gpu: false, build: 'never' });
    model = await llama.loadModel({ modelPath: path });
  });

  afterAll(async () => {
    await model.dispose();
    await dir.remove();
  });

  const filler = (n: number, word: string) => Array.from({ length: n }, (_, i) => `${word}${i % 7}`).join(' ');

  it('returns a short document whole', () => {
    expect(documentWindow('password reset', 'Reset the password here.', 64, count)).toBe('Reset the password here.');
  });

  it('picks the part where the query terms are, within the token limit', () => {
    const doc = `${filler(300, 'alpha')} To reset your password open the account page and choose reset password. ${filler(300, 'omega')}`;
    // The tiny vocabulary spends ~43 tokens on the matching sentence.
    const window = documentWindow('how to reset password', doc, 64, count);
    expect(count(window)).toBeLessThanOrEqual(64);
    expect(window).toContain('reset your password');
    expect(window).toContain('choose reset password');
    expect(doc).toContain(window);
  });

  it('takes the start when nothing matches', () => {
    const doc = `${filler(200, 'alpha')} ${filler(200, 'omega')}`;
    const window = documentWindow('password', doc, 40, count);
    expect(doc.startsWith(window)).toBe(true);
    expect(count(window)).toBeLessThanOrEqual(40);
    expect(count(window)).toBeGreaterThan(20);
  });
});
