// Paths as people type them into the add-folder field, through the real core: `~`
// expanded to this process's home folder, relative paths refused with a hint, a folder
// added twice or inside/around an added one explained, each with the detail the UI words.
import { join, parse } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiftEvent } from './api/contract.js';
import { SiftError } from './api/errors.js';
import { createCore, type Core } from './core.js';
import { eventually, makeFixtureFolder, makeTempDir, type FixtureFolder } from './test-support/fixture-folder.js';

const quiet = { log: () => undefined };

async function refusal(promise: Promise<unknown>): Promise<SiftError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SiftError);
  return error as SiftError;
}

describe('core: typed folder paths', () => {
  let folder: FixtureFolder;
  let data: Awaited<ReturnType<typeof makeTempDir>>;
  let core: Core;
  const home = process.env.HOME;

  beforeAll(async () => {
    folder = await makeFixtureFolder();
    data = await makeTempDir();
    // os.homedir() reads HOME: the fixture's parent stands in for the person's home.
    process.env.HOME = join(folder.root, '..');
    core = await createCore({ dataDir: data.path, logger: quiet });
  });

  afterAll(async () => {
    process.env.HOME = home;
    await core.whenIdle();
    await core.close();
    await folder.remove();
    await data.remove();
  });

  it('expands ~/<name> to the home folder; the pass it starts ends with a notice of what it did', async () => {
    const notices: SiftEvent[] = [];
    const off = core.service.onEvent((event) => {
      if (event.type === 'notice') notices.push(event);
    });
    const name = folder.root.split('/').pop()!;
    const info = await core.service.addFolder({ path: `~/${name}` });
    expect(info.path).toBe(folder.root);
    await core.whenIdle();
    await eventually(async () => notices.length === 1);
    expect(notices[0]).toMatchObject({
      level: 'info',
      message: expect.stringMatching(new RegExp(`^Finished ${name}: 5 files indexed, 0 unchanged, 0 skipped, 0 failed \\(5 passages in [\\d.]+ s\\)\\.$`)),
      detail: { key: 'passEnded', params: { folder: name, indexed: 5, unchanged: 0, failed: 0, chunks: 5 } },
    });
    off();
  });

  it('refuses a relative path with a hint instead of resolving it against the install folder', async () => {
    const error = await refusal(core.service.addFolder({ path: 'notes' }));
    expect(error.message).toBe(`Type the full path, e.g. ${join(folder.root, '..', 'notes')} (got "notes").`);
    expect(error.detail).toEqual({ key: 'folderRelative', params: { path: 'notes', example: join(folder.root, '..', 'notes') } });
  });

  it('says a folder is already added instead of doing nothing', async () => {
    const error = await refusal(core.service.addFolder({ path: `${folder.root}/` }));
    expect(error.message).toBe(`${folder.root} is already added.`);
    expect(error.detail).toEqual({ key: 'folderAlreadyAdded', params: { path: folder.root } });
    expect((await core.service.listFolders({})).map((entry) => entry.path)).toEqual([folder.root]);
  });

  it('explains a folder inside an added one, and one around it', async () => {
    const inside = await refusal(core.service.addFolder({ path: folder.path('kitchen') }));
    expect(inside.detail).toEqual({ key: 'folderInsideAdded', params: { path: folder.path('kitchen'), folder: folder.root } });
    const around = join(folder.root, '..');
    const outside = await refusal(core.service.addFolder({ path: '~' }));
    expect(outside.detail).toEqual({ key: 'folderContainsAdded', params: { path: around, folder: folder.root } });
  });

  it('refuses the root of the disk, which contains every added folder (it was accepted and indexed the whole disk)', async () => {
    const root = parse(folder.root).root;
    const whole = await refusal(core.service.addFolder({ path: root }));
    expect(whole.detail).toEqual({ key: 'folderContainsAdded', params: { path: root, folder: folder.root } });
    expect((await core.service.listFolders({})).map((entry) => entry.path)).toEqual([folder.root]);
  });

  it.runIf(process.platform === 'linux')('refuses the system folders (/proc, /dev, ...) and folders inside them', async () => {
    for (const path of ['/proc', '/proc/self', '/sys', '/dev']) {
      const error = await refusal(core.service.addFolder({ path }));
      expect(error.detail).toEqual({ key: 'folderSystem', params: { path } });
    }
    expect((await core.service.listFolders({})).map((entry) => entry.path)).toEqual([folder.root]);
  });

  it('a missing folder carries its path for the UI', async () => {
    const error = await refusal(core.service.addFolder({ path: '~/no-such-folder-here' }));
    expect(error.detail).toEqual({ key: 'folderNotFound', params: { path: join(folder.root, '..', 'no-such-folder-here') } });
  });
});
