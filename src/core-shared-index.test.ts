// The app's side of a shared index: Settings → Index location set to s3://... (keys from
// the AWS_* environment, as the app would have them) and Settings → Folder mapping. One app
// indexes; a second app (another data folder: another machine) finds the index busy, opens
// it read-only with a notice instead of refusing to start, shows the writer's folders at its
// own mount point, and a changed mapping applies to the next search. Real LanceDB against
// the loopback S3 server, the real starter model.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiftEvent } from './api/contract.js';
import { createCore, type Core } from './core.js';
import { makeFixtureFolder, makeTempDir, type FixtureFolder } from './test-support/fixture-folder.js';
import { startTestS3, type TestS3 } from './test-support/s3-server.js';

const quiet = { log: () => undefined };
let s3: TestS3;
let folder: FixtureFolder;
const dirs: Array<{ path: string; remove(): Promise<void> }> = [];
const savedEnv = { ...process.env };

beforeAll(async () => {
  s3 = await startTestS3();
  Object.assign(process.env, s3.env);
  folder = await makeFixtureFolder();
});

afterAll(async () => {
  for (const key of Object.keys(s3?.env ?? {})) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  await s3?.close();
  await folder?.remove();
  for (const dir of dirs) await dir.remove();
});

async function dataDir(settings: Record<string, unknown>): Promise<string> {
  const dir = await makeTempDir('sift-app-shared-');
  dirs.push(dir);
  await writeFile(join(dir.path, 'settings.json'), JSON.stringify(settings));
  return dir.path;
}

describe('the index location setting with an s3:// index', () => {
  it('a second app finds the index busy, searches it read-only, maps paths with the setting', async () => {
    const indexLocation = s3.uri('app/index');
    const writer = await createCore({ dataDir: await dataDir({ indexLocation }), logger: quiet, writerName: 'the Sift app', readWhenBusy: true });
    let reader: Core | undefined;
    try {
      await writer.indexFolder(folder.root);
      await writer.settleIndexes();
      expect((await writer.service.status({})).chunks).toBeGreaterThan(0);

      reader = await createCore({
        dataDir: await dataDir({ indexLocation, indexRoots: `${folder.root}=/Volumes/share` }),
        logger: quiet,
        writerName: 'the Sift app',
        readWhenBusy: true,
      });
      const notices: SiftEvent[] = [];
      reader.service.onEvent((event) => notices.push(event));
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(notices).toContainEqual(
        expect.objectContaining({ type: 'notice', message: expect.stringMatching(new RegExp(`^The index at ${indexLocation} is in use by the Sift app \\(pid ${process.pid}, since .*\\)\\. Sift searches it read-only`)) }),
      );
      const folders = await reader.service.listFolders({});
      expect(folders.map((entry) => entry.path)).toEqual(['/Volumes/share']);
      expect(folders[0]!.chunks).toBeGreaterThan(0);
      const { hits } = await reader.service.search({ query: 'baking bread', limit: 3 });
      expect(hits[0]!.path).toBe('/Volumes/share/kitchen/sourdough.txt');
      // The mapping is this machine's own setting: a change applies to the next search.
      await reader.service.updateSettings({ indexRoots: `${folder.root}=/mnt/team` });
      expect((await reader.service.search({ query: 'baking bread', limit: 3 })).hits[0]!.path).toBe('/mnt/team/kitchen/sourdough.txt');
      // Read-only: adding a folder is refused, nothing is written.
      await expect(reader.service.addFolder({ path: folder.root })).rejects.toThrow(/read-only/);
    } finally {
      await reader?.close();
      await writer.close();
    }
  });

  it('refuses an index location that is neither an absolute folder nor s3://', async () => {
    const core = await createCore({ dataDir: await dataDir({}), logger: quiet });
    try {
      await expect(core.service.updateSettings({ indexLocation: 'relative/index' })).rejects.toThrow(/absolute folder or s3:\/\/bucket\/prefix/);
      await expect(core.service.updateSettings({ indexRoots: '/srv/share' })).rejects.toThrow(/STORED=LOCAL/);
      const saved = await core.service.updateSettings({ indexLocation: 's3://team-index/sift', indexRoots: '/srv/share=/Volumes/share' });
      expect(saved).toMatchObject({ indexLocation: 's3://team-index/sift', indexRoots: '/srv/share=/Volumes/share' });
    } finally {
      await core.close();
    }
  });
});
