// The watcher on a real folder: changes arrive as add/change/unlink events, a deleted
// subfolder as one removal, and when native watching fails (ENOSPC: out of inotify
// watches) the folder falls back to polling, says so, and still sees new files.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, makeTempDir } from '../test-support/fixture-folder.js';
import { FolderWatcher } from './folder-watcher.js';

const quiet = { log: () => undefined };
let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

function record() {
  const events: string[] = [];
  const notices: string[] = [];
  return {
    events,
    notices,
    handlers: {
      changed: (_folder: string, path: string) => events.push(`changed ${path}`),
      removed: (_folder: string, path: string, dir: boolean) => events.push(`${dir ? 'removed-dir' : 'removed'} ${path}`),
      degraded: (_folder: string, message: string) => notices.push(message),
    },
  };
}

async function setup() {
  const dir = await makeTempDir('sift-watch-');
  const log = record();
  const watcher = new FolderWatcher(log.handlers, quiet);
  cleanup.push(() => dir.remove(), () => watcher.close());
  watcher.watch(dir.path);
  await watcher.ready(dir.path);
  return { dir: dir.path, log, watcher };
}

describe('FolderWatcher', () => {
  it('reports files added, changed and removed (any name: the bytes decide later), and whole folders removed; skips ignored ones', async () => {
    const { dir, log } = await setup();
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, 'sub', 'a.md'), 'hello');
    await writeFile(join(dir, 'README'), 'x');
    await mkdir(join(dir, 'node_modules'));
    await writeFile(join(dir, 'node_modules', 'b.md'), 'x');
    await eventually(async () => log.events.includes(`changed ${join(dir, 'sub', 'a.md')}`) && log.events.includes(`changed ${join(dir, 'README')}`));
    await rm(join(dir, 'sub'), { recursive: true });
    await eventually(async () => log.events.includes(`removed-dir ${join(dir, 'sub')}`));
    expect(log.events.some((e) => e.includes('node_modules'))).toBe(false);
  });

  it('falls back to polling when the OS runs out of watches, says so, and still sees changes', async () => {
    const { dir, log, watcher } = await setup();
    const error = Object.assign(new Error('ENOSPC: System limit for number of file watchers reached'), { code: 'ENOSPC' });
    watcher.watcherOf(dir)!.emit('error', error);
    await eventually(async () => log.notices.length > 0 && watcher.isPolling(dir));
    expect(log.notices[0]).toMatch(/ran out of file watchers; .* is checked for changes every 2 s instead/);
    await watcher.ready(dir);
    await writeFile(join(dir, 'late.txt'), 'written after the fallback');
    await eventually(async () => log.events.includes(`changed ${join(dir, 'late.txt')}`), 20_000);
  });
});
