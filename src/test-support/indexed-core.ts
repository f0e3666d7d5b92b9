// A core (the starter model, LanceDB in a temp folder) over a fixture folder that is
// indexed once before a describe block's tests and removed after them: the setup the
// search tests share. Registers its own beforeAll / afterAll; call it inside `describe`.
import { afterAll, beforeAll, expect } from 'vitest';
import { createCore, type Core } from '../core.js';
import { makeFixtureFolder, makeTempDir, type FixtureFolder } from './fixture-folder.js';

type SearchRequest = Parameters<Core['service']['search']>[0];

export interface IndexedCore {
  readonly core: Core;
  readonly folder: FixtureFolder;
  /** core.service.search with the block's default limit; `more` as loose as a request off
   *  the wire (the service validates it). */
  search(query: string, more?: Record<string, unknown>): ReturnType<Core['service']['search']>;
  /** A hit's path inside the fixture folder. */
  rel(path: string): string;
}

export function useIndexedCore(
  files: Record<string, string | Uint8Array>,
  options: { limit?: number; beforeIndex?: (folder: FixtureFolder) => Promise<void> } = {},
): IndexedCore {
  let core: Core | undefined;
  let folder: FixtureFolder | undefined;
  let data: Awaited<ReturnType<typeof makeTempDir>> | undefined;

  beforeAll(async () => {
    folder = await makeFixtureFolder(files);
    await options.beforeIndex?.(folder);
    data = await makeTempDir();
    core = await createCore({ dataDir: data.path, logger: { log: () => undefined } });
    const report = await core.indexFolder(folder.root);
    expect(report.filesFailed).toEqual([]);
    await core.settleIndexes();
  });

  afterAll(async () => {
    await core?.close();
    await folder?.remove();
    await data?.remove();
  });

  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useIndexedCore: used before its beforeAll ran');
    return value;
  };
  return {
    get core() {
      return ready(core);
    },
    get folder() {
      return ready(folder);
    },
    search: (query, more = {}) => ready(core).service.search({ query, limit: options.limit ?? 10, ...more } as SearchRequest),
    rel: (path) => path.slice(ready(folder).root.length + 1),
  };
}
