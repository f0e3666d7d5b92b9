// Switching the model and the Matryoshka dimension through the real core: the index for
// each choice is kept, a smaller dimension reuses cached vectors (no embedding), and a
// model that cannot load leaves the current one in use.
import { copyFile, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from './core.js';
import { writeTinyQwen3Gguf } from './test-support/tiny-qwen3.js';
import { starterModelPath } from './paths.js';
import { makeFixtureFolder, makeTempDir, TOPIC_DOCUMENTS, type FixtureFolder } from './test-support/fixture-folder.js';

const quiet = { log: () => undefined };
let folder: FixtureFolder;
let data: Awaited<ReturnType<typeof makeTempDir>>;
let core: Core;

beforeAll(async () => {
  folder = await makeFixtureFolder(TOPIC_DOCUMENTS);
  data = await makeTempDir();
  core = await createCore({ dataDir: data.path, logger: quiet });
  await core.indexFolder(folder.root);
});
afterAll(async () => {
  await core.close();
  await folder.remove();
  await data.remove();
});

describe('model and dimension switching', () => {
  it('refuses a dimension outside the model range with a clear message', async () => {
    await expect(core.service.updateSettings({ dimensions: 500 })).rejects.toThrow(
      'Vector dimensions must be a whole number from 32 to 100 for "Sift starter (GloVe 6B 100d)" (its full embedding length); got 500.',
    );
    expect((await core.service.getSettings({})).dimensions).toBeNull();
  });

  it('a smaller dimension re-syncs from the cache: nothing embedded, search still right', async () => {
    const progress: number[] = [];
    const stop = core.service.onEvent((event) => event.type === 'progress' && progress.push(event.progress.chunksEmbedded));
    await core.service.updateSettings({ dimensions: 64 });
    await core.whenIdle();
    stop();
    expect((await core.service.status({})).model).toMatchObject({ dimensions: 64, nativeDimensions: 100 });
    expect(progress.at(-1)).toBe(0);
    expect((await core.service.status({})).chunks).toBe(5);
    const { hits } = await core.service.search({ query: 'baking a loaf of bread', limit: 1 });
    expect(hits[0]?.path).toBe(folder.path('kitchen/sourdough.txt'));
    await core.service.updateSettings({ dimensions: null });
    await core.whenIdle();
    expect((await core.service.status({})).model.dimensions).toBe(100);
  });

  it('activates an imported model, re-indexes into its own table, and switches back without re-embedding', async () => {
    const tiny = join(data.path, 'tiny-qwen3-embedding.gguf');
    await writeTinyQwen3Gguf(tiny, { seed: 7 });
    const imported = await core.service.importModel({ path: tiny });
    const switched = await core.service.activateModel({ id: imported.id });
    expect(switched.id).toBe(imported.id);
    await core.whenIdle();
    const status = await core.service.status({});
    expect(status.model).toMatchObject({ architecture: 'qwen3', dimensions: 64 });
    expect(status.chunks).toBe(5);
    expect((await core.service.getSettings({})).model).toBe(tiny);

    const starter = (await core.service.listModels({})).models.find((m) => m.status === 'bundled')!;
    const progress: number[] = [];
    const stop = core.service.onEvent((event) => event.type === 'progress' && progress.push(event.progress.chunksEmbedded));
    await core.service.activateModel({ id: starter.id });
    await core.whenIdle();
    stop();
    expect(progress.at(-1)).toBe(0);
    expect((await core.service.status({})).model.architecture).toBe('bert');
    expect((await core.service.getSettings({})).model).toBeNull();
  });

  it('keeps the current model when the new one cannot be loaded', async () => {
    const broken = join(data.path, 'broken-embedding.gguf');
    await copyFile(starterModelPath(), broken);
    const imported = await core.service.importModel({ path: broken });
    await writeFile(broken, 'GGUF but not really a model');
    await expect(core.service.activateModel({ id: imported.id })).rejects.toMatchObject({ code: expect.stringMatching(/model_/) });
    expect((await core.service.status({})).model.architecture).toBe('bert');
    expect((await core.service.search({ query: 'bread', limit: 1 })).hits[0]?.fileName).toBe('sourdough.txt');
  });

  it('a model whose weights do not load names, in its detail, a model that would fit', async () => {
    const cut = join(data.path, 'cut-embedding.gguf');
    await copyFile(starterModelPath(), cut);
    const imported = await core.service.importModel({ path: cut });
    // The header and metadata stay readable (so it imports); the weights end half-way.
    await truncate(cut, Math.floor((await stat(cut)).size / 2));
    const error = await core.service.activateModel({ id: imported.id }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'model_load_failed', detail: { key: 'modelLoadFailed', params: { file: 'cut-embedding.gguf' } } });
    const fits = (error as { detail: { params: { fits: string } } }).detail.params.fits;
    expect((await core.service.listModels({})).models.some((m) => m.name === fits)).toBe(true);
    expect((error as Error).message).toContain(`such as ${fits}.`);
    expect((await core.service.status({})).model.architecture).toBe('bert');
  });
});
