// The model runtime through the core, with real parts: the reranker chosen in Settings
// (a tiny generated Qwen3 reranker GGUF through node-llama-cpp on the CPU), idle unload of
// the embedder and the reranker with a short idle time, searches racing an unload, and
// the Models view's memory figures. Real settings store and LanceDB in temp folders.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SiftError } from './api/errors.js';
import { createCore, type Core } from './core.js';
import { starterModelPath } from './paths.js';
import { LlamaReranker } from './search/rerank.js';
import { eventually, makeFixtureFolder, makeTempDir, TOPIC_DOCUMENTS, type FixtureFolder } from './test-support/fixture-folder.js';
import { writeTinyReranker } from './test-support/tiny-reranker.js';

const quiet = { log: () => undefined };
const QUERY = 'how do I get back into my account';

describe('the reranker chosen in Settings', () => {
  let folder: FixtureFolder;
  let data: Awaited<ReturnType<typeof makeTempDir>>;
  let core: Core;
  let rerankerPath: string;
  let otherPath: string;

  beforeAll(async () => {
    folder = await makeFixtureFolder();
    data = await makeTempDir();
    rerankerPath = join(data.path, 'tiny-reranker.gguf');
    otherPath = join(data.path, 'other-reranker.gguf');
    writeTinyReranker(rerankerPath, 9);
    writeTinyReranker(otherPath, 11);
    core = await createCore({ dataDir: data.path, gpu: false, logger: quiet });
    await core.indexFolder(folder.root);
    await core.settleIndexes();
  });

  afterAll(async () => {
    await core.close();
    await folder.remove();
    await data.remove();
  });

  it('refuses a file that is not a reranker, in words the UI can translate', async () => {
    const error = await core.service.updateSettings({ reranker: starterModelPath() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SiftError);
    expect(error).toMatchObject({ code: 'model_invalid', detail: { key: 'notAReranker' } });
    expect((await core.service.getSettings({})).reranker).toBeNull();
  });

  it('names a chosen reranker in the status as soon as the setting is saved, before it loads', async () => {
    await core.service.updateSettings({ reranker: otherPath, rerank: 'auto' });
    // The Models view asks once, right after saving: the name must already be there.
    expect((await core.service.status({})).reranker).toMatchObject({ path: otherPath, name: 'Sift tiny Qwen3 reranker (random)', loaded: false });
    await core.service.updateSettings({ reranker: null });
  });

  it('reorders the results by the chosen reranker when set to Always', async () => {
    const plain = await core.service.search({ query: QUERY, limit: 5 });
    await core.service.updateSettings({ reranker: rerankerPath, rerank: 'on' });
    const reranked = await core.service.search({ query: QUERY, limit: 5 });

    // The same files, in the order the reranker itself gives their texts.
    const direct = new LlamaReranker({ modelPath: rerankerPath, gpu: false });
    const files = reranked.hits.map((hit) => hit.path);
    const texts = files.map((path) => TOPIC_DOCUMENTS[path.slice(folder.root.length + 1)]!);
    const scores = await direct.score(QUERY, texts);
    await direct.dispose();
    const expected = [...files].sort((a, b) => scores[files.indexOf(b)]! - scores[files.indexOf(a)]!);
    expect(new Set(files)).toEqual(new Set(plain.hits.map((hit) => hit.path)));
    expect(files).toEqual(expected);
    reranked.hits.forEach((hit, i) => expect(hit.score).toBeCloseTo(scores[files.indexOf(files[i]!)]!, 4));

    const status = await core.service.status({});
    expect(status.reranker).toMatchObject({ path: rerankerPath, mode: 'on', enabled: true, loaded: true, backend: 'cpu' });
  });

  it('does not rerank on the CPU when set to Automatic, nor with no reranker chosen', async () => {
    const plain = await core.service.search({ query: QUERY, limit: 5, rerank: false });
    await core.service.updateSettings({ rerank: 'auto' });
    const auto = await core.service.search({ query: QUERY, limit: 5 });
    expect(auto.hits.map((h) => [h.path, h.score])).toEqual(plain.hits.map((h) => [h.path, h.score]));
    expect((await core.service.status({})).reranker).toMatchObject({ mode: 'auto', enabled: false });
    await core.service.updateSettings({ reranker: null });
    expect((await core.service.status({})).reranker).toBeUndefined();
    const none = await core.service.search({ query: QUERY, limit: 5 });
    expect(none.hits.map((h) => h.path)).toEqual(plain.hits.map((h) => h.path));
  });

  it('switches to another reranker file when the setting changes', async () => {
    await core.service.updateSettings({ reranker: rerankerPath, rerank: 'on' });
    const first = await core.service.search({ query: QUERY, limit: 5 });
    await core.service.updateSettings({ reranker: otherPath });
    const second = await core.service.search({ query: QUERY, limit: 5 });
    expect(second.hits.map((h) => h.score)).not.toEqual(first.hits.map((h) => h.score));
    expect((await core.service.status({})).reranker).toMatchObject({ path: otherPath, loaded: true });
  });

  it('imports a GGUF reranker and shows its memory estimate, and the measured figure once loaded', async () => {
    const imported = await core.service.importModel({ path: otherPath });
    expect(imported).toMatchObject({ role: 'reranker', imported: true, path: otherPath });
    const { models } = await core.service.listModels({});
    const reranker = models.find((m) => m.path === otherPath)!;
    const starter = models.find((m) => m.status === 'bundled')!;
    // The tiny file is ~100 KB; weights + one 512-token context are a few MB at most.
    expect(reranker.memory?.estimateBytes).toBeGreaterThan(0);
    expect(reranker.memory?.measuredOn).toBe('cpu');
    expect(starter.memory).toMatchObject({ measuredOn: 'cpu' });
    expect(starter.memory!.estimateBytes).toBeGreaterThan(10 * 2 ** 20);
    // Not on a GPU here: no budget to fit.
    expect(starter.memory!.fitsBudget).toBeUndefined();
  });
});

describe('idle unload', () => {
  let folder: FixtureFolder;
  let data: Awaited<ReturnType<typeof makeTempDir>>;
  let core: Core;
  const lines: string[] = [];

  beforeAll(async () => {
    folder = await makeFixtureFolder();
    data = await makeTempDir();
    const rerankerPath = join(data.path, 'tiny-reranker.gguf');
    writeTinyReranker(rerankerPath);
    core = await createCore({
      dataDir: data.path,
      gpu: false,
      idleUnloadMs: 300,
      watch: true,
      logger: { log: (_level, message) => lines.push(message) },
    });
    await core.service.updateSettings({ reranker: rerankerPath, rerank: 'on' });
    await core.indexFolder(folder.root);
    await core.settleIndexes();
  });

  afterAll(async () => {
    await core.close();
    await folder.remove();
    await data.remove();
  });

  it('frees the embedder and the reranker after the idle time and reloads them for the next search', async () => {
    const count = (line: string) => lines.filter((l) => l === line).length;
    const unloadedAfter = async (since: { embedder: number; reranker: number }) =>
      eventually(async () => count('embedder: unloaded (idle)') > since.embedder && count('reranker: unloaded (idle)') > since.reranker, 10_000);
    const now = () => ({ embedder: count('embedder: unloaded (idle)'), reranker: count('reranker: unloaded (idle)') });

    let since = now();
    const before = await core.service.search({ query: QUERY, limit: 3 });
    expect(before.hits.length).toBeGreaterThan(0);
    await unloadedAfter(since);
    const status = await core.service.status({});
    expect(status.model.loaded).toBe(false);
    expect(status.reranker?.loaded).toBe(false);
    // Status polls do not keep the model loaded, nor load it.
    expect((await core.service.status({})).model.loaded).toBe(false);

    since = now();
    const after = await core.service.search({ query: QUERY, limit: 3 });
    expect(after.hits.map((h) => [h.path, h.score])).toEqual(before.hits.map((h) => [h.path, h.score]));
    // Both were loaded again by that search: they unload once more when idle.
    await unloadedAfter(since);
  });

  it('answers every search that races an unload', async () => {
    const unloadsBefore = lines.filter((l) => l === 'embedder: unloaded (idle)').length;
    const outcomes: Array<Promise<unknown>> = [];
    for (let round = 0; round < 4; round++) {
      await core.service.search({ query: QUERY, limit: 3, rerank: false });
      // The moment the unload starts (the status stops saying loaded; freeing the model
      // takes a while longer), searches arrive, with and without the reranker.
      while ((await core.service.status({})).model.loaded) await new Promise((resolve) => setTimeout(resolve, 5));
      outcomes.push(core.service.search({ query: QUERY, limit: 3 }), core.service.search({ query: 'bread', limit: 3, rerank: false }));
      await Promise.allSettled(outcomes);
    }
    const settled = await Promise.allSettled(outcomes);
    expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);
    for (const result of settled) expect((result as PromiseFulfilledResult<{ hits: unknown[] }>).value.hits.length).toBeGreaterThan(0);
    await eventually(async () => lines.filter((l) => l === 'embedder: unloaded (idle)').length >= unloadsBefore + 4, 10_000);
  });

  it('a file change reloads the embedder and indexes the file', async () => {
    await eventually(async () => !(await core.service.status({})).model.loaded, 10_000);
    await folder.write('notes/new.txt', 'Knitting a scarf needs wool and two needles.');
    // The watcher's pass loads the embedder again; nothing else asked for it.
    await eventually(async () => (await core.service.status({})).chunks === Object.keys(TOPIC_DOCUMENTS).length + 1, 30_000);
    const { hits } = await core.service.search({ query: 'knitting wool scarf', limit: 1, rerank: false });
    expect(hits[0]?.path).toBe(folder.path('notes/new.txt'));
  });
});
