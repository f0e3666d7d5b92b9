// How a core sees an index that another process writes: a read-only core next to the app
// (`sift mcp`, `sift search`) or a shared s3:// index a GPU server's `sift index` fills. The
// roots map turns the paths stored there into this machine's (and back, for a folder
// filter), and the folder list comes from what the writer keeps and the index holds, since
// such a core indexes nothing itself. Apart from core.ts, which composes the application.
import { join } from 'node:path';
import type { CallRequest, CallResponse, FolderInfo } from './api/contract.js';
import type { ChunkStore } from './index/chunk-store.js';
import { FolderRegistry } from './index/folder-registry.js';
import { RootsMap } from './index/roots-map.js';
import type { Logger } from './log.js';

export interface SharedIndexOptions {
  /** --roots: wins over the setting. */
  roots?: RootsMap;
  /** The setting's text (indexRoots), read at each call so a change applies at once. */
  rootsSetting: () => string;
  dataDir: string;
  logger: Logger;
  store: () => Promise<ChunkStore>;
}

export class SharedIndexView {
  private parsedRoots: { text: string; map: RootsMap } | undefined;

  constructor(private readonly options: SharedIndexOptions) {}

  /** Stored roots -> this machine's (roots-map.ts); empty when paths are used as stored. */
  rootsMap(): RootsMap {
    if (this.options.roots) return this.options.roots;
    const text = this.options.rootsSetting();
    if (this.parsedRoots?.text !== text) this.parsedRoots = { text, map: RootsMap.parse(text) };
    return this.parsedRoots.map;
  }

  /** A read-only core (`sift mcp`, `sift search`) indexes nothing, so its indexer knows no
   *  state: it reports the folder list as the writer (the app, `sift serve`) keeps it now and
   *  what that writer has committed per folder. 'watching' here means: searchable as stored. */
  async committedFolders(): Promise<FolderInfo[]> {
    const current = await FolderRegistry.load(join(this.options.dataDir, 'folders.json'), this.options.logger);
    const opened = await this.options.store().catch(() => undefined);
    // A shared index (written on another machine) has its folder list there: the folders
    // come from the index itself, as stored, and are shown through the roots map.
    const stored = new Set([...current.list().map((entry) => entry.path), ...(opened ? await opened.folders() : [])]);
    return Promise.all(
      [...stored].sort().map(async (folder) => {
        const files = opened ? await opened.countFiles(folder) : 0;
        const chunks = opened ? await opened.countChunks(folder) : 0;
        return { path: this.rootsMap().toLocal(folder), state: 'watching' as const, filesTotal: files, filesDone: files, filesFailed: 0, chunks, errors: [] };
      }),
    );
  }

  /** A search through the roots map: the folder filter mapped to the stored root, each hit's
   *  path and folder to this machine's. */
  async search(
    request: CallRequest<'search'>,
    run: (request: CallRequest<'search'>) => Promise<CallResponse<'search'>>,
  ): Promise<CallResponse<'search'>> {
    const roots = this.rootsMap();
    if (roots.empty) return run(request);
    const folder = typeof request.folder === 'string' ? roots.toStored(request.folder) : request.folder;
    const found = await run({ ...request, folder });
    return { ...found, hits: found.hits.map((hit) => ({ ...hit, path: roots.toLocal(hit.path), folder: roots.toLocal(hit.folder) })) };
  }
}
