// Settings through the real core: saved in <dataDir>/settings.json, and the indexing
// settings apply to the next pass (real starter model, real LanceDB, real files).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core.js';
import { makeFixtureFolder, makeTempDir, type FixtureFolder } from '../test-support/fixture-folder.js';

const quiet = { log: () => undefined };
// Long enough to need several 64-token chunks but one 512-token chunk.
const LONG_NOTE = Array.from({ length: 30 }, (_, i) => `Line ${i}: the garden needs water, fresh soil and some sun every week.`).join('\n');

describe('settings through the core', () => {
  let folder: FixtureFolder;
  let data: Awaited<ReturnType<typeof makeTempDir>>;
  let core: Core;

  beforeAll(async () => {
    folder = await makeFixtureFolder({ 'garden/long.txt': LONG_NOTE, 'big.txt': 'x '.repeat(700_000) });
    data = await makeTempDir();
    core = await createCore({ dataDir: data.path, logger: quiet, locale: 'zh-CN' });
  });

  afterAll(async () => {
    await core.close();
    await folder.remove();
    await data.remove();
  });

  it('answers the defaults, with the language from the OS locale', async () => {
    expect(await core.service.getSettings({})).toMatchObject({ language: 'zh-CN', chunkTokens: 256, overlapTokens: 0, maxFileMB: 50, theme: 'system' });
  });

  it('applies chunk size and file size limit to the next indexing pass', async () => {
    await core.service.updateSettings({ chunkTokens: 512, maxFileMB: 1 });
    const first = await core.indexFolder(folder.root);
    expect(first.filesSkipped.map((f) => [f.path, f.code])).toEqual([[folder.path('big.txt'), 'too-large']]);
    const before = (await core.service.listFolders({}))[0]!.chunks;

    await core.service.updateSettings({ chunkTokens: 64, maxFileMB: 5 });
    await core.service.reindexFolder({ path: folder.root });
    await core.whenIdle();
    const after = (await core.service.listFolders({}))[0]!;
    expect(after.chunks).toBeGreaterThan(before);
    expect(after.filesFailed).toBe(0);
    expect(after.filesSkipped).toBe(0);
  });

  it('rejects a bad update through the contract and keeps the file', async () => {
    await expect(core.service.updateSettings({ overlapTokens: 60 } as never)).rejects.toMatchObject({ code: 'invalid_request' });
    const saved = JSON.parse(readFileSync(join(data.path, 'settings.json'), 'utf8')) as { chunkTokens: number; overlapTokens: number };
    expect(saved).toMatchObject({ chunkTokens: 64, overlapTokens: 0 });
  });
});
