// The backend of the Models view: what can be downloaded, what is on disk, downloads in
// flight (one at a time per model, resumable after a restart), and local .gguf files the
// person imports. Models live in <dataDir>/models; imported files stay where they are and
// are remembered in <dataDir>/models/imported.json.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { SiftError, toWireError } from '../api/errors.js';
import type { DownloadPhase, DownloadState, ModelListing, ModelStatus } from '../api/models-contract.js';
import type { Logger } from '../log.js';
import { starterModelPath } from '../paths.js';
import { writeStoredJson } from '../stored-json.js';
import { CATALOG, recommendModel, type CatalogEntry, type HardwareFacts } from './catalog.js';
import { discardPartial, downloadFile, partialBytes, type DownloadOptions } from './download.js';
import { mirrorFromEnv, normalizeMirror, resolveSourceUrl } from './download-source.js';
import { inspectEmbeddingModel, inspectGguf, type GgufInspection } from './inspect-gguf.js';

// The listing and download types are the contract's (src/api/models-contract.ts): what the
// manager returns is exactly what the Models view receives.
export type { DownloadPhase, DownloadState, ModelListing, ModelStatus } from '../api/models-contract.js';

export interface ModelManagerOptions {
  modelsDir: string;
  catalog?: readonly CatalogEntry[];
  /** Mirror base URL for hf: sources; defaults to SIFT_HF_MIRROR or HF_ENDPOINT. */
  mirror?: string;
  /** Proxy variables are read from here (default process.env). */
  env?: NodeJS.ProcessEnv;
  onDownload?: (state: DownloadState) => void;
  logger?: Logger;
  /** GPU and RAM facts for the recommendation; default: system RAM only. */
  hardware?: () => Promise<HardwareFacts>;
  /** Knobs passed to every download (tests shorten the backoff, trust a test CA, ...). */
  downloadOptions?: Pick<DownloadOptions, 'retryDelayMs' | 'retries' | 'reserveBytes' | 'ca' | 'idleTimeoutMs' | 'connectTimeoutMs' | 'progressIntervalMs'>;
}

interface Job {
  state: DownloadState;
  controller: AbortController;
  done: Promise<string>;
}

interface ImportedRecord {
  id: string;
  /** Absent in files written before rerankers could be imported: embedding. */
  role?: 'embedding' | 'reranker';
  path: string;
  name: string;
  architecture: string;
  dimensions: number;
  contextTokens: number;
  quantization: string;
  fileBytes: number;
}

export class ModelManager {
  private readonly catalog: readonly CatalogEntry[];
  private readonly jobs = new Map<string, Job>();
  private mirror: string | undefined;
  private hardwarePromise: Promise<HardwareFacts> | undefined;

  constructor(private readonly options: ModelManagerOptions) {
    this.catalog = options.catalog ?? CATALOG;
    this.mirror = options.mirror ?? mirrorFromEnv(options.env);
    if (this.mirror) normalizeMirror(this.mirror);
  }

  get modelsDir(): string {
    return this.options.modelsDir;
  }

  /** The mirror in use ('https://huggingface.co' when none is set). */
  get mirrorUrl(): string {
    return normalizeMirror(this.mirror);
  }

  setMirror(mirror: string | undefined): void {
    this.mirror = mirror?.trim() ? normalizeMirror(mirror) : undefined;
  }

  /** Where a catalog model lives once installed. */
  pathOf(entry: CatalogEntry): string {
    return entry.bundled ? starterModelPath() : join(this.options.modelsDir, entry.fileName);
  }

  async list(): Promise<ModelListing[]> {
    const recommendedId = (await this.recommended()).id;
    const listings: ModelListing[] = [];
    for (const entry of this.catalog) {
      const path = this.pathOf(entry);
      const job = this.jobs.get(entry.id);
      let status: ModelStatus;
      let download = job?.state;
      if (entry.bundled) status = 'bundled';
      else if (job && !isFinished(job.state.phase)) status = 'downloading';
      else if (existsSync(path)) status = 'installed';
      else {
        const partial = await partialBytes(path);
        status = partial > 0 ? 'partial' : 'available';
        if (partial > 0 && !download) download = { id: entry.id, phase: 'cancelled', receivedBytes: partial, totalBytes: entry.sizeBytes, bytesPerSecond: 0 };
      }
      listings.push({
        id: entry.id,
        name: entry.name,
        role: entry.role,
        status,
        path: status === 'bundled' || status === 'installed' ? path : undefined,
        source: entry.source,
        sizeBytes: entry.sizeBytes,
        dimensions: entry.dimensions,
        matryoshkaMin: entry.matryoshkaMin,
        contextTokens: entry.contextTokens,
        languages: entry.languages,
        quantization: entry.quantization,
        memoryBytes: entry.memoryBytes,
        license: entry.license,
        summary: entry.summary,
        imported: false,
        recommended: entry.id === recommendedId,
        download,
      });
    }
    for (const record of await this.readImported()) {
      listings.push({
        id: record.id,
        name: record.name,
        role: record.role ?? 'embedding',
        status: 'installed',
        path: record.path,
        sizeBytes: record.fileBytes,
        // A reranker gives one score per pair, no vector (as the catalog says with 0).
        dimensions: record.role === 'reranker' ? 0 : record.dimensions,
        contextTokens: record.contextTokens,
        languages: [],
        quantization: record.quantization,
        memoryBytes: record.fileBytes,
        imported: true,
        recommended: false,
      });
    }
    return listings;
  }

  async recommended(): Promise<CatalogEntry> {
    const detect = this.options.hardware ?? (async (): Promise<HardwareFacts> => ({ ramBytes: totalmem() }));
    const pending = this.hardwarePromise ?? detect().catch((error: unknown): HardwareFacts => {
      this.options.logger?.log('warn', `hardware detection failed: ${(error as Error).message}`);
      return { ramBytes: totalmem() };
    });
    const hardware = await pending;
    // GPU memory is known only once the model runs on the GPU; until then, ask again.
    if (hardware.vramBytes) this.hardwarePromise = pending;
    return recommendModel(hardware, this.catalog);
  }

  /** Starts (or joins) the download of a catalog model; progress arrives through onDownload. */
  startDownload(id: string): DownloadState {
    const entry = this.entry(id);
    if (entry.bundled || !entry.source) {
      throw new SiftError('invalid_request', `${entry.name} ships with Sift; there is nothing to download.`, {
        detail: { key: 'modelBundled', params: { name: entry.name } },
      });
    }
    const running = this.jobs.get(id);
    if (running && !isFinished(running.state.phase)) return running.state;
    const destination = this.pathOf(entry);
    const url = resolveSourceUrl(entry.source, this.mirror);
    const controller = new AbortController();
    const state: DownloadState = { id, phase: 'queued', receivedBytes: 0, totalBytes: entry.exact?.bytes ?? entry.sizeBytes, bytesPerSecond: 0 };
    const update = (next: Partial<DownloadState>) => {
      Object.assign(state, next);
      if (state.phase !== 'retrying') delete state.retry;
      this.options.onDownload?.({ ...state });
    };
    const done = (async () => {
      if (existsSync(destination)) {
        update({ phase: 'done', receivedBytes: state.totalBytes });
        return destination;
      }
      await mkdir(this.options.modelsDir, { recursive: true });
      this.options.logger?.log('info', `downloading ${entry.id} from ${url}`);
      const result = await downloadFile({
        ...this.options.downloadOptions,
        url,
        destination,
        expectedBytes: entry.exact?.bytes,
        sha256: entry.exact?.sha256,
        env: this.options.env,
        signal: controller.signal,
        onProgress: (p) =>
          update({
            phase: p.phase,
            receivedBytes: p.receivedBytes,
            totalBytes: p.totalBytes || state.totalBytes,
            bytesPerSecond: p.bytesPerSecond,
            ...(p.retry ? { retry: p.retry } : {}),
          }),
      });
      update({ phase: 'done', receivedBytes: result.bytes, totalBytes: result.bytes, bytesPerSecond: 0 });
      this.options.logger?.log('info', `downloaded ${entry.id} (${result.bytes} bytes) to ${destination}`);
      return destination;
    })();
    done.catch((error: unknown) => {
      const cancelled = error instanceof SiftError && error.code === 'cancelled';
      if (!cancelled) this.options.logger?.log('error', `download of ${id} failed: ${(error as Error).message}`);
      const wire = toWireError(error);
      update({ phase: cancelled ? 'cancelled' : 'failed', bytesPerSecond: 0, message: wire.message, ...(wire.detail ? { detail: wire.detail } : {}) });
    });
    this.jobs.set(id, { state, controller, done });
    update({});
    return { ...state };
  }

  /** Resolves with the installed path when the model's current download finishes. */
  async whenDownloaded(id: string): Promise<string> {
    const job = this.jobs.get(id);
    if (!job) throw new SiftError('not_found', `No download of "${id}" was started.`, { detail: { key: 'modelUnknown', params: { id } } });
    return job.done;
  }

  /**
   * Stops a download and deletes what arrived. (Quitting the app instead keeps the partial
   * file, and the next start of the same download resumes it.)
   */
  async cancel(id: string): Promise<boolean> {
    const entry = this.entry(id);
    const job = this.jobs.get(id);
    const destination = this.pathOf(entry);
    let cancelled = false;
    if (job && !isFinished(job.state.phase)) {
      job.controller.abort();
      await job.done.catch(() => undefined);
      cancelled = true;
    }
    if ((await partialBytes(destination)) > 0) cancelled = true;
    await discardPartial(destination);
    return cancelled;
  }

  /**
   * Deletes a downloaded model's file (and any unfinished download of it), or forgets an
   * imported model: its file is the person's own and stays where it is. `inUse` is the
   * path of the model the core runs now, which cannot be deleted from under it.
   */
  async deleteModel(id: string, inUse: string | undefined): Promise<boolean> {
    const imported = await this.readImported();
    const record = imported.find((r) => r.id === id);
    if (record) {
      if (inUse !== undefined && resolve(inUse) === resolve(record.path)) throw inUseError(record.name);
      await this.writeImported(imported.filter((r) => r.id !== id));
      return true;
    }
    const entry = this.entry(id);
    if (entry.bundled) {
      throw new SiftError('invalid_request', `${entry.name} ships with Sift and cannot be deleted.`, {
        detail: { key: 'modelBundledNoDelete', params: { name: entry.name } },
      });
    }
    const path = this.pathOf(entry);
    if (inUse !== undefined && resolve(inUse) === resolve(path)) throw inUseError(entry.name);
    const job = this.jobs.get(id);
    if (job && !isFinished(job.state.phase)) {
      job.controller.abort();
      await job.done.catch(() => undefined);
    }
    const existed = existsSync(path) || (await partialBytes(path)) > 0;
    await rm(path, { force: true });
    await discardPartial(path);
    this.jobs.delete(id);
    this.options.logger?.log('info', `deleted model ${id} (${path})`);
    return existed;
  }

  /** Inspects a local .gguf and remembers it: an embedding model or a reranker (chosen in
   *  Settings); refuses anything else with the reason. */
  async importModel(rawPath: string): Promise<ModelListing> {
    const path = resolve(rawPath);
    const inspected = await inspectGguf(path);
    const inspection = inspected.kind === 'reranker' ? inspected : await inspectEmbeddingModel(path);
    const records = await this.readImported();
    const existing = records.find((record) => record.path === path);
    const record = toRecord(inspection, existing?.id ?? uniqueId(path, new Set([...records.map((r) => r.id), ...this.catalog.map((e) => e.id)])));
    const next = existing ? records.map((r) => (r.path === path ? record : r)) : [...records, record];
    await this.writeImported(next);
    const listing = (await this.list()).find((item) => item.id === record.id);
    return listing!;
  }

  /** Aborts running downloads and keeps their partial files for a resume on next start. */
  async close(): Promise<void> {
    const running = [...this.jobs.values()].filter((job) => !isFinished(job.state.phase));
    for (const job of running) {
      job.controller.abort(new SiftError('cancelled', 'Sift is shutting down; the download resumes on the next start.', { detail: { key: 'downloadShutdown' } }));
    }
    await Promise.all(running.map((job) => job.done.catch(() => undefined)));
  }

  private entry(id: string): CatalogEntry {
    const entry = this.catalog.find((candidate) => candidate.id === id);
    if (!entry) throw new SiftError('not_found', `There is no model "${id}" in the catalog.`, { detail: { key: 'modelUnknown', params: { id } } });
    return entry;
  }

  private importedFile(): string {
    return join(this.options.modelsDir, 'imported.json');
  }

  private async readImported(): Promise<ImportedRecord[]> {
    let text: string;
    try {
      text = await readFile(this.importedFile(), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    try {
      const records = JSON.parse(text) as ImportedRecord[];
      return Array.isArray(records) ? records.filter((r) => typeof r?.id === 'string' && typeof r.path === 'string') : [];
    } catch (error) {
      this.options.logger?.log('warn', `ignoring unreadable ${this.importedFile()}: ${(error as Error).message}`);
      return [];
    }
  }

  private async writeImported(records: ImportedRecord[]): Promise<void> {
    await writeStoredJson(this.importedFile(), records);
  }
}

function inUseError(name: string): SiftError {
  return new SiftError('invalid_request', `${name} is the model in use; switch to another model first, then delete it.`, {
    detail: { key: 'modelInUse', params: { name } },
  });
}

function isFinished(phase: DownloadPhase): boolean {
  return phase === 'done' || phase === 'failed' || phase === 'cancelled';
}

function toRecord(inspection: GgufInspection, id: string): ImportedRecord {
  return {
    id,
    role: inspection.kind === 'reranker' ? 'reranker' : 'embedding',
    path: inspection.path,
    name: inspection.name,
    architecture: inspection.architecture,
    dimensions: inspection.dimensions,
    contextTokens: inspection.contextTokens,
    quantization: inspection.quantization,
    fileBytes: inspection.fileBytes,
  };
}

function uniqueId(path: string, taken: Set<string>): string {
  const base = `local-${basename(path, '.gguf').toLowerCase().replace(/[^a-z0-9._-]+/g, '-')}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}
