// The application: settings, folders, watcher, models, local API and the calls of the
// contract, over the pipeline of the model in use (src/pipeline/model-pipeline.ts). The
// Electron main process, the HTTP server, the CLI and the tests all build it here, with
// real parts. Its options and handle are in core-config.ts; a read-only or shared index's
// view (roots map, committed folders) in core-shared-index.ts.
import { join, resolve } from 'node:path';
import type { BenchmarkRow, CallRequest, CallResponse, FolderInfo, SiftEvent, SiftService, Status } from './api/contract.js';
import type { Core, CoreConfig } from './core-config.js';
import { SharedIndexView } from './core-shared-index.js';
import { parseRequest } from './api/dispatch.js';
import { SiftError, toWireError, type ErrorDetail } from './api/errors.js';
import type { Embedder } from './embedder/embedder.js';
import { LlamaEmbedder } from './embedder/llama-embedder.js';
import { resolveDimensions } from './embedder/matryoshka.js';
import { modelStatus } from './embedder/model-status.js';
import { SwappableEmbedder } from './embedder/swappable-embedder.js';
import { listTestSets, readHistory, runAppBenchmark } from './bench/app-benchmark.js';
import { checkedFolder } from './index/checked-folder.js';
import { lanceStorageOptions, s3Location, s3SettingsFromEnv } from './index/object-store.js';
import { FolderRegistry } from './index/folder-registry.js';
import { FolderWatcher } from './index/folder-watcher.js';
import type { FolderReport } from './index/indexer.js';
import { OcrPool } from './ingest/ocr/ocr-pool.js';
import { OcrReader } from './ingest/ocr/ocr-reader.js';
import { acquireWriterLock, IndexBusyError, isLocalIndex, type WriterLock } from './index/writer-lock.js';
import { passNotice } from './index/pass-notice.js';
import { createLogger, type Logger } from './log.js';
import { detectHardware } from './models/detect-hardware.js';
import { ModelManager } from './models/model-manager.js';
import { withModelThatFits } from './models/model-that-fits.js';
import { OcrLanguageData } from './models/ocr-language-data.js';
import { appVersion, dbDirIn, starterModelPath } from './paths.js';
import { ModelPipeline } from './pipeline/model-pipeline.js';
import { ModelRuntime } from './model-runtime.js';
import { gpuChoiceFor } from './settings/gpu-choice.js';
import { SettingsStore, storedIndexLocation } from './settings/settings-store.js';
import { LocalApiSwitch } from './server/local-api-switch.js';

// The hosts import the config and the handle from here, with createCore.
export type { Core, CoreConfig } from './core-config.js';

export async function createCore(config: CoreConfig): Promise<Core> {
  const logger = config.logger ?? createLogger({ file: join(config.dataDir, 'logs', 'sift.log') });
  // The writer lock comes first: nothing below may write the index, the folder list or
  // the settings before this process knows it is the only writer.
  const dbUri = config.dbUri ?? (await storedIndexLocation(join(config.dataDir, 'settings.json'))) ?? dbDirIn(config.dataDir);
  const writer = config.access !== 'read';
  const s3 = s3Location(dbUri) ? (config.s3 ?? s3SettingsFromEnv(process.env, dbUri)) : undefined;
  const lockable = isLocalIndex(dbUri) || s3 !== undefined;
  if (writer && !lockable) logger.log('warn', `the index at ${dbUri} is neither a local folder nor s3://: no writer lock guards it`);
  let lock: WriterLock | undefined;
  let busyNotice: { message: string; detail: ErrorDetail } | undefined;
  try {
    lock =
      writer && lockable
        ? await acquireWriterLock(dbUri, { command: config.writerName ?? 'Sift', waitMs: config.lockWaitMs, onWait: config.onLockWait, s3 })
        : undefined;
  } catch (error) {
    if (!(error instanceof IndexBusyError && s3 && config.readWhenBusy)) throw error;
    const message = `${error.message.replace(/ (If|Wait) .*$/, '')} Sift searches it read-only; folders are indexed there.`;
    const { command, pid, hostname: host } = error.holder;
    busyNotice = { message, detail: { key: 'sharedIndexReadOnly', params: { index: dbUri, command, pid, host } } };
    logger.log('info', message);
  }
  try {
    return await buildCore({ ...config, s3, ...(busyNotice ? { access: 'read' as const } : {}) }, logger, dbUri, lock, busyNotice);
  } catch (error) {
    await lock?.release();
    throw error;
  }
}

async function buildCore(
  config: CoreConfig,
  logger: Logger,
  dbUri: string,
  lock: WriterLock | undefined,
  busyNotice?: { message: string; detail: ErrorDetail },
): Promise<Core> {
  const writer = config.access !== 'read';
  /** Calls that write refuse in a read-only core (`sift search` next to a running writer). */
  const assertWriter = () => {
    if (!writer) throw new SiftError('invalid_request', 'This Sift opened the index read-only, for search.', { detail: { key: 'readOnlyIndex' } });
  };
  // <dataDir>/settings.json. Explicit config fields (CLI flags, tests) win over it.
  const settings = await SettingsStore.load(join(config.dataDir, 'settings.json'), { logger, osLocale: config.locale });
  // --roots or the setting: paths of an index written elsewhere, and a read-only core's
  // folder list (core-shared-index.ts).
  const shared = new SharedIndexView({
    roots: config.roots,
    rootsSetting: () => settings.current().indexRoots,
    dataDir: config.dataDir,
    logger,
    store: () => store(),
  });
  const modelPath = resolve(config.modelPath ?? settings.current().model ?? starterModelPath());
  // The GPU memory budget, idle unload and the reranker (src/model-runtime.ts).
  const runtime = new ModelRuntime({
    settings,
    logger,
    gpu: () => config.gpu ?? gpuChoiceFor(settings.current().gpuBackend),
    rerankerPath: config.rerankerPath,
    idleUnloadMs: config.idleUnloadMs,
  });
  const engineFor = (path: string) =>
    new LlamaEmbedder({
      modelPath: path,
      gpu: config.gpu ?? gpuChoiceFor(settings.current().gpuBackend),
      memory: runtime.memory,
      logger,
      // Read at each query, so a changed instruction applies to the next search.
      get queryTask() {
        return settings.current().queryInstruction;
      },
    });
  // One handle for the whole graph; activateModel swaps the engine behind it. The engine
  // always gives full-length vectors: the Matryoshka prefix is cut where vectors are
  // stored and queried, so the embedding cache serves every dimension.
  const swappable = config.embedder ? undefined : new SwappableEmbedder(engineFor(modelPath));
  // Behind idle unload (Settings): the next query or file change loads it again.
  const embedder: Embedder = runtime.wrapEmbedder(config.embedder ?? swappable!, () => pipeline.indexer.busy, !config.embedder);
  /** The vector length in use for a model: the setting, validated, or the full length. */
  const dimensionsFor = (facts: { name: string; dimensions: number; nativeDimensions?: number }) =>
    resolveDimensions(config.dimensions ?? settings.current().dimensions ?? undefined, facts.nativeDimensions ?? facts.dimensions, facts.name);
  const registry = await FolderRegistry.load(join(config.dataDir, 'folders.json'), logger);
  // A corrupt settings file or folder list was kept aside at load: every listener that
  // subscribes is told (the window subscribes after start-up, when these are long past).
  const startupNotices: Array<{ message: string; detail?: ErrorDetail }> = [
    ...[settings, registry].flatMap(({ problem, problemDetail }) => (problem ? [{ message: problem, detail: problemDetail }] : [])),
    ...(busyNotice ? [busyNotice] : []),
  ];
  const benchmarkHistory = join(config.dataDir, 'benchmarks.json');
  let benchmarkRun: Promise<BenchmarkRow> = Promise.resolve(undefined as never);
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

  const models = new ModelManager({
    modelsDir: join(config.dataDir, 'models'),
    mirror: config.modelMirror,
    logger,
    hardware: () => detectHardware(embedder, logger),
    onDownload: (download) => emit({ type: 'download', download }),
  });

  const folderList = (): FolderInfo[] => registry.list().map((entry) => indexer.info(entry.path));
  // OCR: language data in <dataDir>/ocr/tessdata, fetched on first need; one OCR thread.
  const ocrData = new OcrLanguageData({
    dir: join(config.dataDir, 'ocr', 'tessdata'),
    mirror: config.ocrDataMirror,
    logger,
    onDownload: (download) => {
      emit({ type: 'download', download });
      // Said once, not only in each image's reason: offline, every image waits for it.
      if (download.phase === 'failed' && download.message) {
        emit({ type: 'notice', level: 'warning', message: download.message, ...(download.detail ? { detail: download.detail } : {}) });
      }
    },
  });
  const ocrPool = new OcrPool();
  const ocr = new OcrReader({
    choice: () => ({ enabled: settings.current().ocr, languages: settings.current().ocrLanguages }),
    languageData: (languages) => ocrData.ensure(languages),
    pool: ocrPool,
    limits: config.ocrLimits,
  });
  const { reranker } = runtime;
  // The pipeline of the model in use; a model or dimension switch reopens its store.
  const pipeline = new ModelPipeline({
    dbUri,
    storageOptions: config.s3 ? lanceStorageOptions(config.s3) : undefined,
    readOnly: !writer,
    embedder,
    dimensionsFor,
    logger,
    emit,
    onFoldersChanged: () => emit({ type: 'folders', folders: folderList() }),
    extractTimeoutMs: config.extractTimeoutMs,
    annPolicy: config.annPolicy,
    searchTuning: config.searchTuning,
    searchAdmission: config.searchAdmission,
    reranker,
    rerankByDefault: () => reranker.enabled(),
    onReranked: (ms) => reranker.recordLatency(ms),
    ocr,
    // A watching core (the app, `sift serve`) retries a failed pass by itself; the CLI's
    // one-shot index reports the failure instead.
    retryFailed: config.watch === true,
    retryDelayMs: config.retryDelayMs,
    // Getters: the indexer reads these at each pass, so a changed setting applies to the
    // files (re)indexed from then on.
    indexing: {
      get maxFileBytes() {
        return config.maxFileBytes ?? Math.round(settings.current().maxFileMB * 1024 * 1024);
      },
      get maxChunkTokens() {
        return settings.current().chunkTokens;
      },
      get overlapTokens() {
        return settings.current().overlapTokens;
      },
      get ignorePatterns() {
        return settings.current().ignorePatterns;
      },
    },
  });
  const { indexer } = pipeline;
  const store = () => pipeline.store();
  const watcher = new FolderWatcher(
    {
      changed: (folder, path) => indexer.fileChanged(folder, path),
      removed: (folder, path, dir) => indexer.fileRemoved(folder, path, dir),
      degraded: (folder, message) => {
        indexer.setMessage(folder, message);
        emit({ type: 'notice', level: 'warning', message });
      },
    },
    logger,
    () => settings.current().ignorePatterns,
  );
  // New ignore rules apply at once: watchers restart with them and a rescan drops what
  // they now exclude (and picks up what they no longer do).
  settings.onChange((_next, changed) => {
    if (!changed.includes('ignorePatterns')) return;
    for (const entry of registry.list()) {
      if (indexer.isPaused(entry.path)) continue;
      void watcher.unwatch(entry.path).then(() => startFolder(entry.path));
    }
  });

  /** Stops every folder's indexing, makes the change (a model or dimension switch), opens
   *  the index for the new model/dimension and re-syncs every folder into it. */
  async function resync(change: () => Promise<void>): Promise<void> {
    const active = registry.list().map((entry) => entry.path).filter((path) => !indexer.isPaused(path));
    for (const folder of active) indexer.pause(folder);
    await indexer.whenIdle();
    try {
      await change();
    } finally {
      await pipeline.reopenStore();
      for (const folder of active) void startFolder(folder);
    }
  }

  /** `announce`: a pass the person started (add, re-index, resume) ends with a notice of
   *  what it did (pass-notice.ts); start-up and watcher passes end quietly. */
  const startFolder = (path: string, force = false, announce = false): Promise<FolderReport> => {
    const report = indexer.scan(path, force);
    if (config.watch) watcher.watch(path);
    if (announce) void report.then((done) => emit({ type: 'notice', ...passNotice(done) }), () => undefined);
    // Failures are recorded on the folder's state and logged by the indexer.
    report.catch(() => undefined);
    return report;
  };

  function registeredFolder(raw: string): string {
    const path = resolve(raw);
    if (!registry.has(path)) throw new SiftError('not_found', `${path} is not one of the added folders.`, { detail: { key: 'folderNotAdded', params: { path } } });
    return path;
  }

  async function addFolder(path: string): Promise<FolderInfo> {
    assertWriter();
    const folder = await checkedFolder(path, registry);
    // Said, not silently accepted: a person who adds a folder twice wonders why nothing
    // happened. (`sift index` on an added folder is a re-scan: indexFolder, not this.)
    if (registry.has(folder)) {
      throw new SiftError('invalid_request', `${folder} is already added.`, { detail: { key: 'folderAlreadyAdded', params: { path: folder } } });
    }
    await registry.add(folder);
    void startFolder(folder, false, true);
    return indexer.info(folder);
  }

  const service: SiftService = {
    async addFolder(request: CallRequest<'addFolder'>): Promise<CallResponse<'addFolder'>> {
      return addFolder(parseRequest('addFolder', request).path);
    },
    async removeFolder(request: CallRequest<'removeFolder'>): Promise<CallResponse<'removeFolder'>> {
      const folder = resolve(parseRequest('removeFolder', request).path);
      assertWriter();
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
      return writer ? folderList() : shared.committedFolders();
    },
    async pauseFolder(request: CallRequest<'pauseFolder'>): Promise<CallResponse<'pauseFolder'>> {
      const folder = registeredFolder(parseRequest('pauseFolder', request).path);
      indexer.pause(folder);
      return indexer.info(folder);
    },
    async resumeFolder(request: CallRequest<'resumeFolder'>): Promise<CallResponse<'resumeFolder'>> {
      const folder = registeredFolder(parseRequest('resumeFolder', request).path);
      assertWriter();
      void startFolder(folder, false, true);
      return indexer.info(folder);
    },
    async reindexFolder(request: CallRequest<'reindexFolder'>): Promise<CallResponse<'reindexFolder'>> {
      const folder = registeredFolder(parseRequest('reindexFolder', request).path);
      assertWriter();
      void startFolder(folder, true, true);
      return indexer.info(folder);
    },
    async search(request: CallRequest<'search'>): Promise<CallResponse<'search'>> {
      return shared.search(request, (mapped) => runtime.hold(() => pipeline.search(mapped)));
    },
    async previewFile(request: CallRequest<'previewFile'>): Promise<CallResponse<'previewFile'>> {
      // Only inside the folders as they are now (a read-only core reads the writer's list).
      const folders = writer ? registry.list() : (await FolderRegistry.load(join(config.dataDir, 'folders.json'), logger)).list();
      return pipeline.preview(request, folders.map((entry) => entry.path));
    },
    async status(): Promise<Status> {
      const facts = await embedder.peek();
      // Device facts exist once the model is loaded; never load it just for the status line,
      // nor count the status poll as a use that keeps it from unloading when idle.
      const loaded = facts.loaded ? (embedder.loadedInfo?.() ?? (await embedder.load())) : undefined;
      const folders = writer ? folderList() : await shared.committedFolders();
      const chunks = folders.length > 0 ? await (await store()).countChunks() : 0;
      return {
        version: appVersion(),
        model: modelStatus(facts, loaded, dimensionsFor(facts)),
        folders,
        chunks,
        api: localApi?.current(),
        memory: { rssBytes: process.memoryUsage.rss(), vramUsedBytes: loaded?.vramUsedBytes },
        reranker: reranker.status(),
      };
    },
    async runBenchmark(): Promise<CallResponse<'runBenchmark'>> {
      // One run at a time: a second click waits for the first and gets its own row.
      benchmarkRun = benchmarkRun
        .catch(() => undefined)
        .then(() => runAppBenchmark({ embedder, historyFile: benchmarkHistory, onProgress: (benchmark) => emit({ type: 'benchmark', benchmark }) }));
      return benchmarkRun;
    },
    async listBenchmarks(): Promise<CallResponse<'listBenchmarks'>> {
      return readHistory(benchmarkHistory);
    },
    async listTestSets(): Promise<CallResponse<'listTestSets'>> {
      return listTestSets();
    },
    async getSettings(): Promise<CallResponse<'getSettings'>> {
      return settings.current();
    },
    async updateSettings(request: CallRequest<'updateSettings'>): Promise<CallResponse<'updateSettings'>> {
      const patch = parseRequest('updateSettings', request);
      // A shared index another machine writes: this app still keeps its own settings (the
      // folder mapping, the index location), which live in its local data folder; what
      // would write the index (a dimension switch) stays refused.
      if (!busyNotice || patch.dimensions !== undefined) assertWriter();
      if (patch.model !== undefined) throw new SiftError('invalid_request', 'Change the model with activateModel.');
      if (patch.reranker) await runtime.assertReranker(patch.reranker);
      let next;
      if (patch.dimensions !== undefined && patch.dimensions !== settings.current().dimensions) {
        // Validate against the model first, then switch the index to that prefix length:
        // vectors come from the embedding cache, so nothing is re-embedded.
        const facts = await embedder.peek();
        resolveDimensions(patch.dimensions ?? undefined, facts.nativeDimensions ?? facts.dimensions, facts.name);
        await resync(async () => {
          next = await settings.update(patch);
        });
      }
      next ??= await settings.update(patch);
      await runtime.rerankerSettled();
      // The switch answers once the server is up (or says why not) so status shows it.
      await localApi?.apply(next.apiServer, next.apiPort);
      return next;
    },
    async listModels(): Promise<CallResponse<'listModels'>> {
      return { models: await runtime.withMemory(await models.list()), modelsDir: models.modelsDir, mirror: models.mirrorUrl };
    },
    async downloadModel(request: CallRequest<'downloadModel'>): Promise<CallResponse<'downloadModel'>> {
      const { id, mirror } = parseRequest('downloadModel', request);
      if (mirror !== undefined) models.setMirror(mirror);
      return models.startDownload(id);
    },
    async cancelDownload(request: CallRequest<'cancelDownload'>): Promise<CallResponse<'cancelDownload'>> {
      return { cancelled: await models.cancel(parseRequest('cancelDownload', request).id) };
    },
    async deleteModel(request: CallRequest<'deleteModel'>): Promise<CallResponse<'deleteModel'>> {
      const { id } = parseRequest('deleteModel', request);
      assertWriter();
      // The model in use is the one the engine runs (peek reads its file's facts only).
      const inUse = swappable ? (await embedder.peek()).path : undefined;
      const path = (await models.list()).find((model) => model.id === id)?.path;
      const deleted = await models.deleteModel(id, inUse);
      // The reranker's file gone (or forgotten): search stops reranking with it.
      if (path !== undefined && settings.current().reranker === path) await settings.update({ reranker: null });
      return { deleted };
    },
    async importModel(request: CallRequest<'importModel'>): Promise<CallResponse<'importModel'>> {
      return models.importModel(parseRequest('importModel', request).path);
    },
    async activateModel(request: CallRequest<'activateModel'>): Promise<CallResponse<'activateModel'>> {
      const { id } = parseRequest('activateModel', request);
      assertWriter();
      const listing = (await models.list()).find((model) => model.id === id);
      if (!listing) throw new SiftError('not_found', `No model "${id}" in the catalog or among imported models.`, { detail: { key: 'modelUnknown', params: { id } } });
      if (listing.role !== 'embedding') {
        throw new SiftError('model_invalid', `"${listing.name}" is a reranker, not an embedding model.`, { detail: { key: 'modelIsReranker', params: { name: listing.name } } });
      }
      if (!listing.path || (listing.status !== 'bundled' && listing.status !== 'installed')) {
        throw new SiftError('invalid_request', `"${listing.name}" is not on this computer yet: download it first.`, {
          detail: { key: 'modelNotDownloaded', params: { name: listing.name } },
        });
      }
      if (!swappable) throw new SiftError('invalid_request', 'This Sift uses a remote embedding engine; its model is chosen there.', { detail: { key: 'modelRemote' } });
      // Load the new model before letting go of the old one: if it does not fit, the old
      // one stays in use and the error says why (and which model would).
      const next = engineFor(listing.path);
      try {
        await next.load();
      } catch (error) {
        await next.dispose();
        throw await withModelThatFits(error, listing.name, models);
      }
      await resync(async () => {
        await swappable.swap(next);
        // The new engine loaded outside the idle clock: start it now.
        runtime.touched();
        await settings.update({ model: listing.status === 'bundled' ? null : listing.path, dimensions: null });
      });
      return { id, chunks: await (await store()).countChunks() };
    },
    onEvent(listener) {
      listeners.add(listener);
      for (const notice of startupNotices) queueMicrotask(() => listeners.has(listener) && listener({ type: 'notice', level: 'warning', ...notice }));
      return () => listeners.delete(listener);
    },
  };

  // The desktop app's Settings switch for the local API (`sift serve` runs its own server).
  const localApi = config.localApi
    ? new LocalApiSwitch({
        service,
        embedder,
        tokenFile: join(config.dataDir, 'api-token'),
        logger,
        onChange: (state) => {
          if (state.error) emit({ type: 'notice', level: 'warning', message: state.error });
        },
      })
    : undefined;
  void localApi?.apply(settings.current().apiServer, settings.current().apiPort);

  if (config.warmUp) {
    embedder
      .load()
      // A reranker that searches use by default loads next, so the first search is quick.
      .then(() => runtime.warmReranker())
      .catch((error: unknown) => {
        // Not fatal here: every call that needs the model reports the same error to the person.
        logger.log('error', `model warm-up failed: ${(error as Error).message}`);
        const { message, detail } = toWireError(error);
        emit({ type: 'notice', level: 'error', message, ...(detail ? { detail } : {}) });
      });
  }
  if (config.resumeFolders && writer) for (const entry of registry.list()) void startFolder(entry.path);

  return {
    service,
    embedder,
    models,
    async indexFolder(path) {
      assertWriter();
      const folder = await checkedFolder(path, registry);
      await registry.add(folder);
      return startFolder(folder);
    },
    whenIdle: () => indexer.whenIdle(),
    settleIndexes: () => pipeline.settle(),
    localApiToken: async () => (localApi ? localApi.bearerToken() : null),
    async close() {
      await localApi?.close();
      // Running downloads stop but keep their partial files; the next start resumes them.
      await models.close();
      ocrData.close();
      await watcher.close();
      await pipeline.close();
      await ocrPool.close();
      await embedder.dispose();
      // Last: every write above has finished.
      await lock?.release();
    },
  };
}
