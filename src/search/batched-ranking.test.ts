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

describe.skipIf(!engine)(`batched reranking${engine ? '' : ` (skipped: ${why})`}`, () => {
  const docs = [
    'Reset your password from the sign-in page.',
    'Sourdough needs a starter and a long, cool rise.',
    '神经网络的训练需要大量数据',
    'password '.repeat(300), // longer than rankAll's context: chunked the same way by both
    'x',
  ];

  it('gives rankAll\'s scores, many pairs per decode', async () => {
    const sequential = new LlamaReranker({ modelPath, gpu: false, decodePath: 'sequential', documentTokens: 0, contextTokens: 256 });
    const batched = new LlamaReranker({ modelPath, gpu: false, decodePath: 'batched', documentTokens: 0, contextTokens: 256, batchTokens: 512 });
    try {
      const a = await sequential.score('forgot my password', docs);
      const b = await batched.score('forgot my password', docs);
      expect(batched.loadedInfo()?.decodePath).toBe('batched');
      expect(sequential.loadedInfo()?.decodePath).toBe('sequential');
      expect(b).toHaveLength(docs.length);
      b.forEach((score, i) => expect(Math.abs(score - a[i]!), `document ${i}`).toBeLessThan(1e-3));
      expect(new Set(b).size).toBeGreaterThan(1);
    } finally {
      await sequential.dispose();
      await batched.dispose();
    }
  });
});
