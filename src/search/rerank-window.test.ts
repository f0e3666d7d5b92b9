// The reranker's document window (rerank-window.ts) with a real tokenizer count: the tiny
// reranker GGUF's Qwen3 vocabulary through node-llama-cpp on the CPU.
import { join } from 'node:path';
import { getLlama, type LlamaModel } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/fixture-folder.js';
import { writeTinyReranker } from '../test-support/tiny-reranker.js';
import { documentWindowText, documentWindowTokens, queryTerms } from './rerank-window.js';

describe('queryTerms', () => {
  it('keeps content words and CJK bigrams, drops stopwords and short words', () => {
    expect(queryTerms('How do I reset my Password?')).toEqual(['reset', 'password']);
    expect(queryTerms('如何更改下载文件夹')).toEqual(['如何', '何更', '更改', '改下', '下载', '载文', '文件', '件夹']);
    expect(queryTerms('the and of')).toEqual([]);
  });
});

describe('documentWindowTokens / documentWindowText', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let model: LlamaModel;
  let tokenizeCalls = 0;
  const tokenize = (text: string) => {
    tokenizeCalls++;
    return model.tokenize(text, false, 'trimLeadingSpace');
  };
  const text = (tokens: readonly number[]) => model.detokenize(tokens as never);

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
    const doc = 'Reset the password here.';
    expect(documentWindowTokens('password reset', doc, 64, tokenize)).toEqual(tokenize(doc));
    expect(documentWindowText('password reset', doc, 64)).toBe(doc);
  });

  it('picks the part where the query terms are, within the token limit, tokenizing once or twice', () => {
    const doc = `${filler(300, 'alpha')} To reset your password open the account page and choose reset password. ${filler(300, 'omega')}`;
    // The tiny vocabulary spends ~43 tokens on the matching sentence.
    tokenizeCalls = 0;
    const tokens = documentWindowTokens('how to reset password', doc, 64, tokenize);
    expect(tokenizeCalls).toBeLessThanOrEqual(2);
    expect(tokens.length).toBeLessThanOrEqual(64);
    expect(tokens.length).toBeGreaterThan(48);
    const window = text(tokens);
    expect(window).toContain('reset your password');
    expect(window).toContain('choose reset password');
    const asText = documentWindowText('how to reset password', doc, 64);
    expect(asText).toContain('reset your password open the account page');
    expect(doc).toContain(asText);
  });

  it('keeps the hits when the whole text is within the character estimate but over the tokens', () => {
    const doc = `${filler(30, 'alpha')} the password is reset here`;
    const tokens = documentWindowTokens('password reset', doc, 24, tokenize);
    expect(tokens.length).toBe(24);
    expect(text(tokens)).toContain('password is reset');
  });

  it('takes the start when nothing matches', () => {
    const doc = `${filler(200, 'alpha')} ${filler(200, 'omega')}`;
    const tokens = documentWindowTokens('password', doc, 40, tokenize);
    expect(tokens).toEqual(tokenize(doc).slice(0, 40));
    expect(doc.startsWith(documentWindowText('password', doc, 40))).toBe(true);
  });

  it('finds a Chinese hit by its bigrams', () => {
    const doc = `${'天气晴朗，适合散步。'.repeat(40)}更改默认的下载文件夹在设置里。${'今天的会议推迟了。'.repeat(40)}`;
    const tokens = documentWindowTokens('如何更改下载文件夹', doc, 48, tokenize);
    expect(tokens.length).toBeLessThanOrEqual(48);
    expect(text(tokens)).toContain('下载文件夹');
  });
});
