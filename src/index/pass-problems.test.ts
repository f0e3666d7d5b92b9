// Problems around a pass that must neither lose nor invent index content: an unreadable
// .gitignore refuses the pass (it would index what the file excludes), a compaction that
// fails after a good pass is a maintenance warning (the folder is fine), and corrupt
// settings and folder lists are kept aside and reported while start-up goes on.
import { chmod, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiftEvent } from '../api/contract.js';
import { SiftError } from '../api/errors.js';
import { createCore } from '../core.js';
import { LlamaEmbedder } from '../embedder/llama-embedder.js';
import { starterModelPath } from '../paths.js';
import { eventually, makeFixtureFolder, makeTempDir, TOPIC_DOCUMENTS } from '../test-support/fixture-folder.js';
import { ChunkStore, modelKey } from './chunk-store.js';
import { Indexer } from './indexer.js';

const quiet = { log: () => undefined };
let embedder: LlamaEmbedder;

beforeAll(async () => {
  embedder = new LlamaEmbedder({ modelPath: starterModelPath(), gpu: false });
  await embedder.load();
});
afterAll(async () => {
  await embedder.dispose();
});

describe('an unreadable .gitignore', () => {
  async function check(makeUnreadable: (file: string) => Promise<void>, reason: RegExp): Promise<void> {
    const folder = await makeFixtureFolder({ ...TOPIC_DOCUMENTS, '.gitignore': 'private/\n', 'private/diary.txt': 'My secret diary about dragons.' });
    const data = await makeTempDir();
    const core = await createCore({ dataDir: data.path, logger: quiet, embedder });
    try {
      expect((await core.indexFolder(folder.root)).filesIndexed).toBe(5);
      await makeUnreadable(folder.path('.gitignore'));
      const error = (await core.indexFolder(folder.root).catch((e: unknown) => e)) as SiftError;
      expect(error).toBeInstanceOf(SiftError);
      expect(error.code).toBe('unreadable');
      expect(error.message).toMatch(reason);
      expect(error.message).toContain(`Cannot read ${folder.path('.gitignore')}`);
      // The folder shows why; nothing it excludes was indexed and nothing indexed was dropped.
      const [info] = await core.service.listFolders({});
      expect(info).toMatchObject({ state: 'error', message: error.message, chunks: 5 });
      const hits = await core.service.search({ query: 'secret diary dragons', limit: 10, mode: 'keyword' });
      expect(hits.hits.map((hit) => hit.path)).not.toContain(folder.path('private/diary.txt'));
    } finally {
      await core.close();
      await folder.remove();
      await data.remove();
    }
  }

  it('(a folder where the file should be) refuses the pass with the reason', async () => {
    await check(async (file) => {
      await rm(file);
      await mkdir(file);
    }, /\(EISDIR\)/);
  });

  it.skipIf(process.getuid?.() === 0)('(no read permission) refuses the pass with the reason', async () => {
    await check((file) => chmod(file, 0o000), /\(EACCES\)/);
  });
});

describe('maintenance after a good pass', () => {
  it('a failed compaction is a warning; the folder is not marked failed', async () => {
    const folder = await makeFixtureFolder();
    const data = await makeTempDir();
    const facts = await embedder.peek();
    const real = await ChunkStore.open(data.path, modelKey(facts.name, facts.dimensions), facts.dimensions);
    // The fault is injected where the graph is composed: a store whose compaction fails.
    const store = new Proxy(real, {
      get(target, property) {
        if (property === 'optimize') return () => Promise.reject(new Error('Retryable commit conflict for version 7'));
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const events: SiftEvent[] = [];
    const indexer = new Indexer({
      store: async () => store,
      embedder,
      logger: quiet,
      emit: (event) => events.push(event),
      onFoldersChanged: () => undefined,
      optimizeEveryRows: 1,
    });
    try {
      const report = await indexer.scan(folder.root);
      expect(report.filesIndexed).toBe(5);
      await indexer.whenIdle();
      expect(indexer.info(folder.root)).toMatchObject({ state: 'watching', chunks: 5 });
      expect(indexer.info(folder.root).message).toBeUndefined();
      expect(events).toContainEqual({
        type: 'notice',
        level: 'warning',
        message: expect.stringMatching(/^Index maintenance \(compaction\) failed; .*Retryable commit conflict/),
      });
    } finally {
      real.close();
      await folder.remove();
      await data.remove();
    }
  });
});

describe('corrupt settings.json and folders.json', () => {
  it('are kept aside as *.corrupt, reported to every listener, and start-up goes on with defaults', async () => {
    const data = await makeTempDir();
    await writeFile(join(data.path, 'settings.json'), '{"theme": "dark",');
    await writeFile(join(data.path, 'folders.json'), '\u0000\u0000garbage');
    const core = await createCore({ dataDir: data.path, logger: quiet, embedder });
    try {
      expect(await core.service.listFolders({})).toEqual([]);
      expect((await core.service.getSettings({})).theme).toBe('system');
      const notices: string[] = [];
      core.service.onEvent((event) => (event.type === 'notice' ? notices.push(event.message) : undefined));
      await eventually(async () => notices.length === 2);
      expect(notices[0]).toMatch(/^The settings file .*settings\.json was unreadable .* kept as .*settings\.json\..*\.corrupt and Sift started with the default settings\.$/);
      expect(notices[1]).toMatch(/^The folder list .*folders\.json was unreadable .* kept as .*folders\.json\..*\.corrupt and Sift started with an empty folder list/);
      const names = await readdir(data.path);
      expect(names.filter((name) => name.endsWith('.corrupt'))).toHaveLength(2);
    } finally {
      await core.close();
      await data.remove();
    }
  });
});
