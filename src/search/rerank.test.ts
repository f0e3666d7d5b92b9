// The reranking path with a real GGUF through node-llama-cpp's ranking context. No real
// reranker weights can be downloaded here, so the model is the tiny random Qwen3 with a
// two-class head (yes/no, the layout of a converted Qwen3-Reranker) and a rerank prompt
// template: its scores mean nothing, but every step (load, template, rank pooling,
// softmax, reordering the top candidates) runs for real.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SiftError } from '../api/errors.js';
import { createCore, type Core } from '../core.js';
import { writeTinyReranker } from '../test-support/tiny-reranker.js';
import { starterModelPath } from '../paths.js';
import { makeFixtureFolder, makeTempDir, type FixtureFolder } from '../test-support/fixture-folder.js';
import { LlamaReranker, rerankByDefault } from './rerank.js';

describe('LlamaReranker', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let modelPath: string;
  let reranker: LlamaReranker;

  beforeAll(async () => {
    dir = await makeTempDir();
    modelPath = join(dir.path, 'tiny-reranker.gguf');
    writeTinyReranker(modelPath);
    reranker = new LlamaReranker({ modelPath, gpu: false });
  });

  afterAll(async () => {
    await reranker.dispose();
    await dir.remove();
  });

  it('scores each document in [0, 1], deterministically, in input order', async () => {
    const docs = ['Reset your password from the sign-in page.', 'Sourdough needs a starter.', '神经网络的训练'];
    const first = await reranker.score('forgot my password', docs);
    const again = await reranker.score('forgot my password', [...docs].reverse());
    expect(first).toHaveLength(3);
    for (const score of first) expect(score).toBeGreaterThanOrEqual(0);
    for (const score of first) expect(score).toBeLessThanOrEqual(1);
    expect([...again].reverse()).toEqual(first);
    expect(new Set(first).size).toBe(3); // a real head: the documents score differently
    expect(await reranker.score('q', [])).toEqual([]);
  });

  it('scores a document longer than its context by its best window', async () => {
    const long = 'password reset steps '.repeat(400);
    const [score] = await reranker.score('password', [long]);
    expect(Number.isFinite(score)).toBe(true);
  });

  it('refuses an embedding model that has no ranking head', async () => {
    const notReranker = new LlamaReranker({ modelPath: starterModelPath(), gpu: false });
    await expect(notReranker.score('q', ['d'])).rejects.toSatisfy(
      (error: unknown) => error instanceof SiftError && error.code === 'model_invalid',
    );
    await notReranker.dispose();
  });

  it.each([
    [undefined, false],
    ['cpu', false],
    ['cuda', true],
    ['metal', true],
  ])('rerankByDefault(%s) = %s', (backend, expected) => {
    expect(rerankByDefault(backend)).toBe(expected);
  });
});

describe('search with rerank through the core', () => {
  let folder: FixtureFolder;
  let data: Awaited<ReturnType<typeof makeTempDir>>;
  let core: Core;
  let modelPath: string;

  beforeAll(async () => {
    folder = await makeFixtureFolder();
    data = await makeTempDir();
    modelPath = join(data.path, 'tiny-reranker.gguf');
    writeTinyReranker(modelPath);
    core = await createCore({ dataDir: data.path, rerankerPath: modelPath, gpu: false, logger: { log: () => undefined } });
    await core.indexFolder(folder.root);
    await core.settleIndexes();
  });

  afterAll(async () => {
    await core.close();
    await folder.remove();
    await data.remove();
  });

  it('is off by default on the CPU and reorders the candidates by the reranker when asked', async () => {
    const query = 'how do I get back into my account';
    const plain = await core.service.search({ query, limit: 5 });
    const reranked = await core.service.search({ query, limit: 5, rerank: true });
    expect(new Set(reranked.hits.map((h) => h.path))).toEqual(new Set(plain.hits.map((h) => h.path)));
    // The hits now carry the reranker's scores, best first.
    const scores = reranked.hits.map((h) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const score of scores) expect(score).toBeLessThanOrEqual(1);
    expect(scores).not.toEqual(plain.hits.map((h) => h.score));
    // Where the reranker ran, its probability is the passage's relevance (relevance.ts).
    for (const hit of reranked.hits) {
      for (const passage of hit.passages) expect(passage.relevance).toBe(Math.round(passage.score * 100) / 100);
    }
  });
});
