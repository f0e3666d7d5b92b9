// The composition root: builds Sift's graph once from a config. The Electron main
// process, the HTTP server, the CLI and the tests all build it here, with real parts.
import { stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { CallRequest, CallResponse, FolderInfo, SiftEvent, SiftService, Status } from './api/contract.js';
import { parseRequest } from './api/dispatch.js';
import { SiftError } from './api/errors.js';
import type { Embedder } from './embedder/embedder.js';
import { LlamaEmbedder } from './embedder/llama-embedder.js';
import { ChunkStore, modelKey } from './index/chunk-store.js';
import { FolderRegistry } from './index/folder-registry.js';
import { FolderWatcher } from './index/folder-watcher.js';
import { Indexer, type FolderReport } from './index/indexer.js';
import { createLogger, type Logger } from './log.js';
import { appVersion, dbDirIn, starterModelPath } from './paths.js';
import { SearchService } from './search/search-service.js';

export interface CoreConfig {
  dataDir: string;
  /** LanceDB location; defaults to <dataDir>/index. */
  dbUri?: string;
  /** GGUF embedding model; defaults to the bundled starter model. */
  modelPath?: string;
  /** Watch added folders for changes (the app); the CLI's one-shot index does not. */
  watch?: boolean;
  /** Resume indexing and watching of the registered folders at start. */
  resumeFolders?: boolean;
  /** Load the model in the background at start, so the first search answers at once. */
  warmUp?: boolean;
  gpu?: 'auto' | 'cuda' | 'vulkan' | 'metal' | false;
  logger?: Logger;
  /** An embedder to use instead of building one from modelPath (e.g. a remote engine). */
  embedder?: Embedder;
}

export interface Core {
  service: SiftService;
  embedder: Embedder;
  /** Adds the folder if needed and indexes it to completion (the CLI's `index`). */
  indexFolder(path: string): Promise<FolderReport>;
  /** Resolves when no indexing work is queued. */
  whenIdle(): Promise<void>;
  close(): Promise<void>;
}

export async function createCore(config: CoreConfig): Promise<Core> {
  const logger = config.logger ?? createLogger({ file: join(config.dataDir, 'logs', 'sift.log') });
  const modelPath = resolve(config.modelPath ?? starterModelPath());
  const embedder = config.embedder ?? new LlamaEmbedder({ modelPath, gpu: config.gpu, logger });
  const registry = await FolderRegistry.load(join(config.dataDir, 'folders.json'));
  const listeners = new Set<(event: SiftEvent) => void>();
  const emit = (event: SiftEvent) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        logger.log('error', `event listener failed: ${(error as Error).message}`);
      }
    }
  };

  // The store is opened on first use: it needs the model's vector length, which is read
  // from the GGUF header without loading the weights.
  let storePromise: Promise<ChunkStore> | undefined;
  const store = () => {
    storePromise ??= embedder.peek().then((facts) =>
      ChunkStore.open(config.dbUri ?? dbDirIn(config.dataDir), modelKey(facts.name, facts.dimensions), facts.dimensions),
    );
    storePromise.catch(() => (storePromise = undefined));
    return storePromise;
  };

  const folderList = (): FolderInfo[] => registry.list().map((entry) => indexer.info(entry.path));
  const indexer = new Indexer({
    store,
    embedder,
    logger,
    emit,
    onFoldersChanged: () => emit({ type: 'folders', folders: folderList() }),
  });
  const searcher = new SearchService(embedder, store);
  const watcher = new FolderWatcher(
    {
      changed: (folder, path) => indexer.fileChanged(folder, path),
      removed: (folder, path) => indexer.fileRemoved(folder, path),
      degraded: (folder, message) => {
        indexer.setMessage(folder, message);
        emit({ type: 'notice', level: 'warning', message });
      },
    },
    logger,
  );

  const startFolder = (path: string): Promise<FolderReport> => {
    const report = indexer.scan(path);
    if (config.watch) watcher.watch(path);
    // Failures are recorded on the folder's state and logged by the indexer.
    report.catch(() => undefined);
    return report;
  };

  async function checkedFolder(raw: string): Promise<string> {
    const path = resolve(raw);
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new SiftError(
        'not_a_folder',
        code === 'ENOENT' ? `Folder not found: ${path}` : `Cannot open folder ${path} (${code ?? (error as Error).message})`,
        { cause: error },
      );
    }
    if (!info.isDirectory()) throw new SiftError('not_a_folder', `Not a folder: ${path}`);
    for (const entry of registry.list()) {
      if (entry.path === path) continue;
      if (path.startsWith(entry.path + sep)) throw new SiftError('not_a_folder', `${path} is already inside the added folder ${entry.path}.`);
      if (entry.path.startsWith(path + sep)) {
        throw new SiftError('not_a_folder', `${path} contains the added folder ${entry.path}; remove that one first.`);
      }
    }
    return path;
  }

  async function addFolder(path: string): Promise<FolderInfo> {
    const folder = await checkedFolder(path);
    const already = registry.has(folder);
    await registry.add(folder);
    if (!already) void startFolder(folder);
    return indexer.info(folder);
  }

  const service: SiftService = {
    async addFolder(request: CallRequest<'addFolder'>): Promise<CallResponse<'addFolder'>> {
      return addFolder(parseRequest('addFolder', request).path);
    },
    async removeFolder(request: CallRequest<'removeFolder'>): Promise<CallResponse<'removeFolder'>> {
      const folder = resolve(parseRequest('removeFolder', request).path);
      if (!registry.has(folder)) return { removed: false };
      indexer.forget(folder);
      await watcher.unwatch(folder);
      await indexer.whenIdle();
      await (await store()).removeFolder(folder);
      await registry.remove(folder);
      emit({ type: 'folders', folders: folderList() });
      return { removed: true };
    },
    async listFolders(): Promise<CallResponse<'listFolders'>> {
      return folderList();
    },
    async search(request: CallRequest<'search'>): Promise<CallResponse<'search'>> {
      const { query, limit } = parseRequest('search', request);
      const started = performance.now();
      const hits = await searcher.search(query, limit);
      return { hits, tookMs: Math.round((performance.now() - started) * 10) / 10 };
    },
    async status(): Promise<Status> {
      const facts = await embedder.peek();
      const chunks = registry.list().length > 0 ? await (await store()).countChunks() : 0;
      return {
        version: appVersion(),
        model: {
          name: facts.name,
          path: facts.path,
          architecture: facts.architecture,
          dimensions: facts.dimensions,
          backend: facts.backend,
          loaded: facts.loaded,
        },
        folders: folderList(),
        chunks,
      };
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  if (config.warmUp) {
    embedder.load().catch((error: unknown) => {
      // Not fatal here: every call that needs the model reports the same error to the person.
      logger.log('error', `model warm-up failed: ${(error as Error).message}`);
      emit({ type: 'notice', level: 'error', message: (error as Error).message });
    });
  }
  if (config.resumeFolders) for (const entry of registry.list()) void startFolder(entry.path);

  return {
    service,
    embedder,
    async indexFolder(path) {
      const folder = await checkedFolder(path);
      await registry.add(folder);
      return startFolder(folder);
    },
    whenIdle: () => indexer.whenIdle(),
    async close() {
      await watcher.close();
      await indexer.whenIdle();
      if (storePromise) (await storePromise.catch(() => undefined))?.close();
      await embedder.dispose();
    },
  };
}
