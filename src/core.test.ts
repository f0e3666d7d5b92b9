// The core end to end with real parts: the bundled starter GGUF through node-llama-cpp,
// LanceDB in a temp folder, real files on disk, chokidar watching them.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from './core.js';
import { eventually, makeFixtureFolder, makeTempDir, type FixtureFolder } from './test-support/fixture-folder.js';

const quiet = { log: () => undefined };

describe('core: index a folder and search it', () => {
  let folder: FixtureFolder;
  let data: Awaited<ReturnType<typeof makeTempDir>>;
  let core: Core;

  beforeAll(async () => {
    folder = await makeFixtureFolder();
    await folder.write('broken/binary.txt', new Uint8Array([0x89, 0x50, 0x00, 0x01, 0x02, 0x03]));
    await folder.write('broken/empty.md', '   \n');
    await folder.write('.hidden/secret.txt', 'a hidden password note');
    data = await makeTempDir();
    core = await createCore({ dataDir: data.path, logger: quiet });
  });

  afterAll(async () => {
    await core.close();
    await folder.remove();
    await data.remove();
  });

  it('indexes the text files and lists every other entry with its reason', async () => {
    const report = await core.indexFolder(folder.root);
    expect(report.filesScanned).toBe(8);
    expect(report.filesIndexed).toBe(5);
    expect(report.filesSkipped).toEqual([
      { path: folder.path('.hidden'), reason: 'excluded by a rule (hidden entry)', code: 'excluded', params: { rule: 'hidden' } },
      { path: folder.path('broken/binary.txt'), reason: 'binary file (not text)', code: 'binary', params: {} },
      { path: folder.path('broken/empty.md'), reason: 'no text (empty file)', code: 'empty' },
    ]);
    expect(report.filesFailed).toEqual([]);
    expect(report.chunksEmbedded).toBe(5);
  });

  it.each([
    ['how can I recover access to my account', 'account/password-reset.md'],
    ['baking a loaf of bread', 'kitchen/sourdough.txt'],
    ['running a long race', 'sport/marathon.txt'],
    ['soil for my plants', 'garden/houseplants.md'],
    ['income tax deadline', 'money/taxes.txt'],
  ])('"%s" finds %s first', async (query, expected) => {
    const { hits } = await core.service.search({ query, limit: 5 });
    expect(hits[0]?.path).toBe(folder.path(expected));
    expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score ?? -1);
    for (const hit of hits) expect(Number.isFinite(hit.score)).toBe(true);
  });

  it('returns snippets with the query words highlighted and the line number', async () => {
    const { hits } = await core.service.search({ query: 'forgotten password', limit: 1 });
    const hit = hits[0]!;
    expect(hit.fileName).toBe('password-reset.md');
    expect(hit.highlights.map(([a, b]) => hit.snippet.slice(a, b).toLowerCase())).toContain('password');
    expect(hit.line).toBe(1);
  });

  it('gives no results, not NaN scores, for a query of only stop words', async () => {
    expect((await core.service.search({ query: 'the of and', limit: 5 })).hits).toEqual([]);
  });

  it('embeds nothing on a second pass over an unchanged folder', async () => {
    const report = await core.indexFolder(folder.root);
    expect(report).toMatchObject({ filesIndexed: 0, filesUnchanged: 5, chunksEmbedded: 0, filesRemoved: 0 });
  });

  it('re-embeds a changed file and drops a deleted one', async () => {
    await writeFile(folder.path('sport/marathon.txt'), 'Cycling uphill: shift to an easy gear and keep a steady cadence on the bike.');
    await rm(folder.path('money/taxes.txt'));
    const report = await core.indexFolder(folder.root);
    expect(report).toMatchObject({ filesIndexed: 1, filesUnchanged: 3, filesRemoved: 1, chunksEmbedded: 1 });
    const { hits } = await core.service.search({ query: 'riding a bicycle', limit: 10 });
    expect(hits[0]?.path).toBe(folder.path('sport/marathon.txt'));
    expect(hits.map((hit) => hit.path)).not.toContain(folder.path('money/taxes.txt'));
  });

  it('rejects bad input with clear messages and keeps the index', async () => {
    await expect(core.service.addFolder({ path: join(folder.root, 'missing') })).rejects.toThrow(/Folder not found/);
    await expect(core.service.addFolder({ path: folder.path('kitchen/sourdough.txt') })).rejects.toThrow(/Not a folder/);
    await expect(core.service.addFolder({ path: folder.path('kitchen') })).rejects.toThrow(/already inside/);
    await expect(core.service.search({ query: 'x'.repeat(10_000) })).rejects.toThrow(/at most 2000 characters/);
    expect((await core.service.search({ query: 'bread', limit: 1 })).hits[0]?.fileName).toBe('sourdough.txt');
  });

  it('reports status with the model and chunk count', async () => {
    const status = await core.service.status({});
    expect(status.model).toMatchObject({ architecture: 'bert', dimensions: 100, loaded: true, backend: 'cpu' });
    expect(status.chunks).toBe(4);
    expect(status.folders.map((f) => f.path)).toEqual([folder.root]);
  });

  it('removes a folder and its chunks', async () => {
    expect(await core.service.removeFolder({ path: folder.root })).toEqual({ removed: true });
    expect(await core.service.listFolders({})).toEqual([]);
    expect((await core.service.search({ query: 'bread', limit: 5 })).hits).toEqual([]);
  });
});

describe('core: watching and bad models', () => {
  it('indexes files added to a watched folder and forgets deleted ones', async () => {
    const folder = await makeFixtureFolder({ 'notes/a.txt': 'A note about repotting houseplants in spring.' });
    const data = await makeTempDir();
    const core = await createCore({ dataDir: data.path, watch: true, logger: quiet });
    try {
      const info = await core.service.addFolder({ path: folder.root });
      expect(info.path).toBe(folder.root);
      await eventually(async () => (await core.service.listFolders({}))[0]?.state === 'watching');
      await folder.write('notes/b.md', 'Baking sourdough bread with a hot oven and a lively starter.');
      const hit = await eventually(async () => {
        const { hits } = await core.service.search({ query: 'bake bread', limit: 1 });
        return hits[0]?.path === folder.path('notes/b.md') && hits[0];
      });
      expect(hit.fileName).toBe('b.md');
      await rm(folder.path('notes/b.md'));
      await eventually(async () => {
        const { hits } = await core.service.search({ query: 'bake bread', limit: 5 });
        return !hits.some((h) => h.fileName === 'b.md');
      });
    } finally {
      await core.close();
      await folder.remove();
      await data.remove();
    }
  });

  it('says why a model that is not a GGUF cannot be used, without touching the index', async () => {
    const folder = await makeFixtureFolder({ 'a.txt': 'some text about bread' });
    const data = await makeTempDir();
    const notModel = join(data.path, 'model.gguf');
    await writeFile(notModel, 'this is not a model');
    const core = await createCore({ dataDir: data.path, modelPath: notModel, logger: quiet });
    try {
      await expect(core.indexFolder(folder.root)).rejects.toMatchObject({
        code: 'model_invalid',
        message: expect.stringMatching(/is not a GGUF model file.*starter model/),
      });
      await expect(core.service.search({ query: 'bread' })).rejects.toMatchObject({ code: 'model_invalid' });
    } finally {
      await core.close();
      await folder.remove();
      await data.remove();
    }
  });
});

describe('core: a corrupt settings file or folder list at start-up', () => {
  it('starts with defaults and tells the window, with keys it words in the person language', async () => {
    const data = await makeTempDir();
    try {
      await writeFile(join(data.path, 'settings.json'), '{ "theme": ');
      await writeFile(join(data.path, 'folders.json'), '[1, 2]');
      const core = await createCore({ dataDir: data.path, logger: quiet });
      try {
        const notices: unknown[] = [];
        const stop = core.service.onEvent((event) => {
          if (event.type === 'notice') notices.push(event);
        });
        await eventually(async () => notices.length === 2);
        stop();
        expect(notices).toEqual([
          expect.objectContaining({ level: 'warning', message: expect.stringMatching(/^The settings file/), detail: expect.objectContaining({ key: 'settingsSetAside' }) }),
          expect.objectContaining({ level: 'warning', message: expect.stringMatching(/^The folder list/), detail: expect.objectContaining({ key: 'foldersSetAside' }) }),
        ]);
        expect(await core.service.listFolders({})).toEqual([]);
      } finally {
        await core.close();
      }
    } finally {
      await data.remove();
    }
  });
});
