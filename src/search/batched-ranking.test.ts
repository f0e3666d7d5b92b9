// The batched reranker path (batched-ranking.ts) against node-llama-cpp's rankAll on the same
// model, pairs and process. It needs the Sift engine (`npm run engine:build`: sized contexts
// and per-sequence pooled outputs); with the prebuilt addon it is skipped, and the GPU script
// (scripts/gpu/run.sh, RERANK=1) makes the same comparison on the CUDA build.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLlama } from '../embedder/llama-runtime.js';
import { supportsSizedContexts } from '../embedder/sized-context.js';
import { makeTempDir } from '../test-support/fixture-folder.js';
import { writeTinyReranker } from '../test-support/tiny-reranker.js';
import { sharedPrefixLength } from './batched-ranking.js';
import { LlamaReranker } from './rerank.js';

const dir = await makeTempDir();
const modelPath = join(dir.path, 'tiny-reranker.gguf');
writeTinyReranker(modelPath);
const engine = await (async () => {
  const { llama } = await openLlama(false);
  const model = await llama.loadModel({ modelPath });
  try {
    return supportsSizedContexts(llama, model);
  } finally {
    await model.dispose();
  }
})();
const why = 'needs the Sift engine (npm run engine:build); the prebuilt addon has no sized contexts or per-sequence outputs';

afterAll(async () => {
  await dir.remove();
});

describe('the prompt prefix pairs share', () => {
  it('is the longest common start, leaving every pair a token of its own', () => {
    expect(sharedPrefixLength([[1, 2, 3, 9], [1, 2, 3, 8, 7], [1, 2, 4]])).toBe(2);
    // The whole of the shortest pair is common: its last token stays its own (RANK reads it).
    expect(sharedPrefixLength([[1, 2, 3], [1, 2, 3, 4]])).toBe(2);
    expect(sharedPrefixLength([[5, 1], [6, 1]])).toBe(0);
    // One pair has nothing to share with; none is no prefix at all.
    expect(sharedPrefixLength([[1, 2, 3]])).toBe(0);
    expect(sharedPrefixLength([])).toBe(0);
  });
});

describe.skipIf(!engine)(`batched reranking${engine ? '' : ` (skipped: ${why})`}`, () => {
  const docs = [
    'Reset your password from the sign-in page.',
    'Sourdough needs a starter and a long, cool rise.',
    '神经网络的训练需要大量数据',
    'password '.repeat(300), // longer than rankAll's context: chunked the same way by both
    'x',
  ];

  it('gives rankAll\'s scores, many pairs per decode, with the shared prompt prefix decoded once or per pair', async () => {
    const sequential = new LlamaReranker({ modelPath, gpu: false, decodePath: 'sequential', documentTokens: 0, contextTokens: 256 });
    const batched = new LlamaReranker({ modelPath, gpu: false, decodePath: 'batched', documentTokens: 0, contextTokens: 256, batchTokens: 512 });
    const unshared = new LlamaReranker({ modelPath, gpu: false, decodePath: 'batched', documentTokens: 0, contextTokens: 256, batchTokens: 512, sharePrefix: false });
    try {
      const a = await sequential.score('forgot my password', docs);
      const b = await batched.score('forgot my password', docs);
      const c = await unshared.score('forgot my password', docs);
      expect(batched.loadedInfo()).toMatchObject({ decodePath: 'batched', sharedPrefix: true });
      expect(unshared.loadedInfo()).toMatchObject({ decodePath: 'batched', sharedPrefix: false });
      expect(sequential.loadedInfo()?.decodePath).toBe('sequential');
      expect(b).toHaveLength(docs.length);
      b.forEach((score, i) => expect(Math.abs(score - a[i]!), `document ${i}, shared prefix`).toBeLessThan(1e-3));
      c.forEach((score, i) => expect(Math.abs(score - a[i]!), `document ${i}, whole prompts`).toBeLessThan(1e-3));
      expect(new Set(b).size).toBeGreaterThan(1);
      // A second query on the same context: nothing of the first one's cache is left behind.
      const again = await batched.score('sourdough starter', docs);
      const reference = await sequential.score('sourdough starter', docs);
      again.forEach((score, i) => expect(Math.abs(score - reference[i]!), `document ${i}, second query`).toBeLessThan(1e-3));
      // Searches rerank concurrently: queries take turns on the one context, each with its own scores.
      const [x, y] = await Promise.all([batched.score('forgot my password', docs), batched.score('sourdough starter', docs)]);
      x.forEach((score, i) => expect(Math.abs(score - a[i]!), `document ${i}, concurrent first`).toBeLessThan(1e-3));
      y.forEach((score, i) => expect(Math.abs(score - reference[i]!), `document ${i}, concurrent second`).toBeLessThan(1e-3));
    } finally {
      await sequential.dispose();
      await batched.dispose();
      await unshared.dispose();
    }
  });
});
