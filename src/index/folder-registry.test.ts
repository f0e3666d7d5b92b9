import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../log.js';
import { makeTempDir } from '../test-support/fixture-folder.js';
import { FolderRegistry } from './folder-registry.js';

let dir: Awaited<ReturnType<typeof makeTempDir>>;
let file: string;

beforeEach(async () => {
  dir = await makeTempDir('sift-registry-');
  file = join(dir.path, 'folders.json');
});
afterEach(async () => {
  await dir.remove();
});

const stored = async () => ((JSON.parse(await readFile(file, 'utf8')) as { folders: Array<{ path: string }> }).folders).map((f) => f.path).sort();

describe('FolderRegistry', () => {
  it('keeps every folder added at once in one process', async () => {
    const registry = await FolderRegistry.load(file);
    await Promise.all(['/a', '/b', '/c', '/d'].map((path) => registry.add(path)));
    expect(await stored()).toEqual(['/a', '/b', '/c', '/d']);
    expect(registry.list().map((f) => f.path).sort()).toEqual(['/a', '/b', '/c', '/d']);
  });

  it('keeps folders added at once by two owners of the file (two processes sharing a data folder)', async () => {
    // Each instance loaded the list before the other changed it, as two processes would.
    const one = await FolderRegistry.load(file);
    const two = await FolderRegistry.load(file);
    await Promise.all([one.add('/one-a'), two.add('/two-a'), one.add('/one-b'), two.add('/two-b')]);
    expect(await stored()).toEqual(['/one-a', '/one-b', '/two-a', '/two-b']);
    await one.remove('/two-a');
    await two.add('/two-c');
    expect(await stored()).toEqual(['/one-a', '/one-b', '/two-b', '/two-c']);
    expect(await existsLock()).toBe(false);
  });

  it('keeps a corrupt list aside as *.corrupt, says so, and starts empty', async () => {
    await writeFile(file, '{"folders": [{"path": "/a"}');
    const logged: string[] = [];
    const logger: Logger = { log: (_level, message) => logged.push(message) };
    const registry = await FolderRegistry.load(file, logger);
    expect(registry.list()).toEqual([]);
    const aside = (await readdir(dir.path)).filter((name) => name.endsWith('.corrupt'));
    expect(aside).toHaveLength(1);
    expect(aside[0]).toMatch(/^folders\.json\.\d{4}-\d\d-\d\dT[\d-]+Z\.corrupt$/);
    expect(await readFile(join(dir.path, aside[0]!), 'utf8')).toBe('{"folders": [{"path": "/a"}');
    expect(registry.problem).toContain(`The folder list ${file} was unreadable`);
    expect(registry.problem).toContain(aside[0]);
    expect(registry.problemDetail).toEqual({ key: 'foldersSetAside', params: { file, aside: join(dir.path, aside[0]!), reason: expect.any(String) } });
    expect(logged.join('\n')).toContain(registry.problem);
    await registry.add('/b');
    expect(await stored()).toEqual(['/b']);
  });
});

async function existsLock(): Promise<boolean> {
  return (await readdir(dir.path)).some((name) => name.endsWith('.lock'));
}
