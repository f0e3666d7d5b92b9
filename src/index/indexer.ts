// The indexing pipeline: scan -> extract -> chunk -> embed -> write, one task at a time
// (the embedder is a single resource). A file counts as indexed only once its chunks are
// committed; unchanged files (same size and mtime) cost nothing on a rescan.
import { stat } from 'node:fs/promises';
import type { FileError, FolderInfo, FolderState, IndexProgress, SiftEvent } from '../api/contract.js';
import type { Embedder } from '../embedder/embedder.js';
import { chunkText } from '../ingest/chunk-text.js';
import { DEFAULT_MAX_FILE_BYTES, extractText } from '../ingest/extract.js';
import type { Logger } from '../log.js';
import type { ChunkRow, ChunkStore, FileRow } from './chunk-store.js';
import { scanFolder } from './scan-folder.js';

export interface IndexerDeps {
  store: () => Promise<ChunkStore>;
  embedder: Embedder;
  logger: Logger;
  emit: (event: SiftEvent) => void;
  /** Called whenever a folder's state changes; the core broadcasts the whole list. */
  onFoldersChanged: () => void;
  maxFileBytes?: number;
  /** Largest chunk in model tokens; the model's context caps it further. */
  maxChunkTokens?: number;
}

export interface FolderReport {
  folder: string;
  filesScanned: number;
  filesIndexed: number;
  filesUnchanged: number;
  filesFailed: FileError[];
  filesRemoved: number;
  chunksEmbedded: number;
  seconds: number;
}

type Task =
  | { kind: 'scan'; folder: string; done: (report: FolderReport) => void; fail: (error: unknown) => void }
  | { kind: 'file'; folder: string; path: string }
  | { kind: 'remove'; folder: string; path: string };

const EMBED_BATCH = 16;
const PROGRESS_INTERVAL_MS = 100;

export class Indexer {
  private readonly queue: Task[] = [];
  private running: Promise<void> | undefined;
  private readonly states = new Map<string, FolderInfo>();
  private idleWaiters: Array<() => void> = [];
  private lastProgressAt = 0;
  /** Folders being removed: a scan in progress stops at the next file. */
  private readonly cancelled = new Set<string>();

  constructor(private readonly deps: IndexerDeps) {}

  info(folder: string): FolderInfo {
    const info = this.states.get(folder);
    return info ? { ...info, errors: [...info.errors] } : blankInfo(folder, 'queued');
  }

  /** Reconciles a whole folder with the index; resolves with what it did. */
  scan(folder: string): Promise<FolderReport> {
    this.cancelled.delete(folder);
    const state = this.stateOf(folder);
    if (state.state !== 'scanning' && state.state !== 'indexing') this.setState(folder, 'queued');
    return new Promise((done, fail) => this.push({ kind: 'scan', folder, done, fail }));
  }

  fileChanged(folder: string, path: string): void {
    this.push({ kind: 'file', folder, path });
  }

  fileRemoved(folder: string, path: string): void {
    this.push({ kind: 'remove', folder, path });
  }

  /** Drops queued work for a folder (it is being removed). */
  forget(folder: string): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const task = this.queue[i]!;
      if (task.folder !== folder) continue;
      this.queue.splice(i, 1);
      if (task.kind === 'scan') task.fail(new Error('folder removed'));
    }
    this.cancelled.add(folder);
    this.states.delete(folder);
  }

  setMessage(folder: string, message: string | undefined, state?: FolderState): void {
    const info = this.stateOf(folder);
    info.message = message;
    if (state) info.state = state;
    this.emitFolders();
  }

  whenIdle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private push(task: Task): void {
    this.queue.push(task);
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    });
  }

  private async drain(): Promise<void> {
    for (let task = this.queue.shift(); task; task = this.queue.shift()) {
      try {
        if (task.kind === 'scan') task.done(await this.runScan(task.folder));
        else if (task.kind === 'file') await this.runFile(task.folder, task.path);
        else await this.runRemove(task.folder, task.path);
      } catch (error) {
        if (this.cancelled.has(task.folder)) {
          if (task.kind === 'scan') task.fail(error);
          continue;
        }
        this.deps.logger.log('error', `indexing ${task.kind} in ${task.folder} failed: ${(error as Error).stack ?? error}`);
        this.setMessage(task.folder, (error as Error).message, 'error');
        if (task.kind === 'scan') task.fail(error);
      }
    }
  }

  private async runScan(folder: string): Promise<FolderReport> {
    const started = performance.now();
    const store = await this.deps.store();
    this.setState(folder, 'scanning');
    const failures: FileError[] = [];
    const paths = await scanFolder(folder, (path, reason) => failures.push({ path, reason }));
    const known = new Map((await store.filesIn(folder)).map((row) => [row.path, row]));
    const report: FolderReport = {
      folder,
      filesScanned: paths.length,
      filesIndexed: 0,
      filesUnchanged: 0,
      filesFailed: failures,
      filesRemoved: 0,
      chunksEmbedded: 0,
      seconds: 0,
    };
    const present = new Set(paths);
    for (const path of known.keys()) {
      if (present.has(path)) continue;
      await store.removeFile(path);
      report.filesRemoved++;
    }
    const info = this.stateOf(folder);
    Object.assign(info, { filesTotal: paths.length, filesDone: 0, filesFailed: 0, errors: [...failures], message: undefined });
    this.setState(folder, 'indexing');
    for (const path of paths) {
      if (this.cancelled.has(folder)) throw new Error(`indexing of ${folder} was cancelled`);
      const outcome = await this.indexFile(store, folder, path, known.get(path));
      if (outcome.kind === 'unchanged') report.filesUnchanged++;
      else if (outcome.kind === 'indexed') {
        report.filesIndexed++;
        report.chunksEmbedded += outcome.chunks;
      } else report.filesFailed.push({ path, reason: outcome.reason });
      info.filesDone++;
      this.progress(folder, report.chunksEmbedded, path);
    }
    info.chunks = await store.countChunks(folder);
    info.filesFailed = report.filesFailed.length;
    info.errors = report.filesFailed;
    // The final progress goes out before the state change, so listeners see 100 % first.
    this.progress(folder, report.chunksEmbedded, undefined, true);
    this.setState(folder, 'watching');
    report.seconds = (performance.now() - started) / 1000;
    return report;
  }

  private async runFile(folder: string, path: string): Promise<void> {
    const store = await this.deps.store();
    const known = (await store.filesIn(folder)).find((row) => row.path === path);
    const outcome = await this.indexFile(store, folder, path, known);
    const info = this.stateOf(folder);
    info.errors = info.errors.filter((error) => error.path !== path);
    if (outcome.kind === 'failed') info.errors.push({ path, reason: outcome.reason });
    info.filesFailed = info.errors.length;
    info.chunks = await store.countChunks(folder);
    this.emitFolders();
  }

  private async runRemove(folder: string, path: string): Promise<void> {
    const store = await this.deps.store();
    await store.removeFile(path);
    const info = this.stateOf(folder);
    info.errors = info.errors.filter((error) => error.path !== path);
    info.filesFailed = info.errors.length;
    info.chunks = await store.countChunks(folder);
    this.emitFolders();
  }

  private async indexFile(
    store: ChunkStore,
    folder: string,
    path: string,
    known: FileRow | undefined,
  ): Promise<{ kind: 'unchanged' } | { kind: 'indexed'; chunks: number } | { kind: 'failed'; reason: string }> {
    let size: number;
    let mtimeMs: number;
    try {
      ({ size, mtimeMs } = await stat(path));
    } catch (error) {
      return { kind: 'failed', reason: `unreadable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
    }
    // Failed files are retried on every scan: the cause (permissions, a lock) may be gone.
    if (known && known.status === 'done' && known.size === size && known.mtime_ms === mtimeMs) return { kind: 'unchanged' };
    const row: FileRow = { path, folder, size, mtime_ms: mtimeMs, chunks: 0, status: 'done', error: '' };
    const extracted = await extractText(path, this.deps.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
    if (!extracted.ok) {
      // Old chunks of a file that became unreadable stay searchable; only the state records the failure.
      await store.putFile({ ...row, status: 'failed', error: extracted.reason });
      return { kind: 'failed', reason: extracted.reason };
    }
    const rows = await this.embedChunks(folder, path, extracted.text);
    await store.replaceFile({ ...row, chunks: rows.length }, rows);
    return { kind: 'indexed', chunks: rows.length };
  }

  private async embedChunks(folder: string, path: string, text: string): Promise<ChunkRow[]> {
    const { embedder } = this.deps;
    const info = await embedder.load();
    const maxUnits = Math.min(this.deps.maxChunkTokens ?? 256, info.contextTokens - 8);
    const chunks = chunkText(text, { maxUnits, measure: (piece) => embedder.countTokens(piece) });
    const rows: ChunkRow[] = [];
    for (let i = 0; i < chunks.length; i += EMBED_BATCH) {
      const batch = chunks.slice(i, i + EMBED_BATCH);
      const vectors = await embedder.embed(
        batch.map((chunk) => chunk.text),
        'document',
      );
      batch.forEach((chunk, j) => {
        const index = i + j;
        rows.push({
          id: `${path}#${index}`,
          path,
          folder,
          chunk: index,
          char_start: chunk.start,
          char_end: chunk.end,
          line_no: chunk.line,
          text: chunk.text,
          vector: vectors[j]!,
        });
      });
    }
    return rows;
  }

  private stateOf(folder: string): FolderInfo {
    let info = this.states.get(folder);
    if (!info) {
      info = blankInfo(folder, 'queued');
      this.states.set(folder, info);
    }
    return info;
  }

  private setState(folder: string, state: FolderState): void {
    this.stateOf(folder).state = state;
    this.emitFolders();
  }

  private progress(folder: string, chunksEmbedded: number, currentFile: string | undefined, force = false): void {
    const now = performance.now();
    if (!force && now - this.lastProgressAt < PROGRESS_INTERVAL_MS) return;
    this.lastProgressAt = now;
    const info = this.stateOf(folder);
    const progress: IndexProgress = { folder, filesTotal: info.filesTotal, filesDone: info.filesDone, chunksEmbedded, currentFile };
    this.deps.emit({ type: 'progress', progress });
  }

  private emitFolders(): void {
    this.deps.onFoldersChanged();
  }
}

function blankInfo(path: string, state: FolderState): FolderInfo {
  return { path, state, filesTotal: 0, filesDone: 0, filesFailed: 0, chunks: 0, errors: [] };
}
