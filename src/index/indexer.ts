// The indexing queue: one task at a time (the embedder is a single resource), per-folder
// state for the UI, pause/resume/re-index, progress with throughput and ETA. The work of
// a pass itself is in index-run.ts.
import { sep } from 'node:path';
import { MAX_LISTED_ISSUES, type FileError, type FolderInfo, type FolderState, type IndexProgress, type SiftEvent } from '../api/contract.js';
import type { FileIssue } from '../api/file-issues.js';
import type { Embedder } from '../embedder/embedder.js';
import type { HeavyExtractor } from '../ingest/extract.js';
import type { OcrPhase } from '../ingest/ocr/ocr-reader.js';
import { SiftError } from '../api/errors.js';
import type { Logger } from '../log.js';
import type { ChunkStore, FileRow } from './chunk-store.js';
import { IndexRun, type FileOutcome } from './index-run.js';
import { IgnoreRules } from './ignore-rules.js';
import { scanFolder } from './scan-folder.js';
import { EtaEstimator } from './eta-estimator.js';

export interface IndexerDeps {
  store: () => Promise<ChunkStore>;
  embedder: Embedder;
  logger: Logger;
  emit: (event: SiftEvent) => void;
  /** Called whenever a folder's state changes; the core broadcasts the whole list. */
  onFoldersChanged: () => void;
  heavy?: HeavyExtractor;
  /** Reads images and scanned PDFs in a second phase of each pass. */
  ocr?: OcrPhase;
  maxFileBytes?: number;
  /** The person's extra ignore patterns (gitignore syntax), on top of .gitignore files. */
  ignorePatterns?: readonly string[];
  maxChunkTokens?: number;
  overlapTokens?: number;
  /** Retry a failed pass by itself, with backoff (the app and `sift serve`); off, a failed
   *  scan just rejects (the CLI's one-shot `index` reports it and exits). */
  retryFailed?: boolean;
  /** Wait before retry number `attempt` (1, 2, ...); default 2 s doubling up to 2 min. */
  retryDelayMs?: (attempt: number) => number;
  /** Rows written between compactions of the file-state and cache tables. */
  optimizeEveryRows?: number;
}

export interface FolderReport {
  folder: string;
  filesScanned: number;
  filesIndexed: number;
  filesUnchanged: number;
  /** Files not read on purpose, each with its reason (binary, too large, excluded, ...). */
  filesSkipped: FileIssue[];
  /** Files whose reading went wrong, each with its reason. */
  filesFailed: FileError[];
  filesRemoved: number;
  chunksEmbedded: number;
  /** Chunks whose vectors came from the embedding cache (renames, unchanged passages). */
  chunksReused: number;
  seconds: number;
}

type Task =
  | { kind: 'scan'; folder: string; force: boolean; done: (report: FolderReport) => void; fail: (error: unknown) => void }
  | { kind: 'files'; folder: string; paths: Set<string> }
  | { kind: 'remove'; folder: string; path: string; dir: boolean };

/** Thrown from a run's gate when its folder was paused or removed. */
class Interrupted extends Error {
  constructor(readonly why: 'paused' | 'removed') {
    super(`indexing ${why}`);
  }
}

const PROGRESS_INTERVAL_MS = 200;
/** Rows written between LanceDB compactions. */
const OPTIMIZE_EVERY_ROWS = 20_000;

export class Indexer {
  private readonly queue: Task[] = [];
  private running: Promise<void> | undefined;
  private readonly states = new Map<string, FolderInfo>();
  private idleWaiters: Array<() => void> = [];
  private lastProgressAt = 0;
  private readonly interrupted = new Map<string, 'paused' | 'removed'>();
  private rowsSinceOptimize = 0;
  /** Per folder: failed passes in a row and the message shown until one succeeds. */
  private readonly failures = new Map<string, { attempt: number; message: string }>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();

  constructor(private readonly deps: IndexerDeps) {}

  info(folder: string): FolderInfo {
    const info = this.states.get(folder);
    return info ? { ...info, errors: info.errors.slice(0, MAX_LISTED_ISSUES), skipped: (info.skipped ?? []).slice(0, MAX_LISTED_ISSUES) } : blankInfo(folder, 'queued');
  }

  /** Reconciles a whole folder with the index; resolves with what it did. `force`
   *  re-reads every file (re-index) instead of trusting size and mtime. */
  scan(folder: string, force = false): Promise<FolderReport> {
    this.interrupted.delete(folder);
    const info = this.stateOf(folder);
    if (info.state !== 'scanning' && info.state !== 'indexing') this.setState(folder, 'queued');
    return new Promise((done, fail) => this.push({ kind: 'scan', folder, force, done, fail }));
  }

  fileChanged(folder: string, path: string): void {
    if (this.interrupted.has(folder)) return; // a paused folder is rescanned on resume
    // Coalesce bursts (a copy of many files) into one pass with batched embedding.
    const last = this.queue.at(-1);
    if (last?.kind === 'files' && last.folder === folder) last.paths.add(path);
    else this.push({ kind: 'files', folder, paths: new Set([path]) });
  }

  fileRemoved(folder: string, path: string, dir = false): void {
    if (this.interrupted.get(folder) === 'removed') return;
    for (const task of this.queue) if (task.kind === 'files' && task.folder === folder) task.paths.delete(path);
    this.push({ kind: 'remove', folder, path, dir });
  }

  /** Stops a folder's work at the next file, keeping what is committed. */
  pause(folder: string): void {
    this.interrupted.set(folder, 'paused');
    this.dropQueued(folder);
    this.setState(folder, 'paused');
  }

  /** Drops queued work for a folder that is being removed and stops its running pass. */
  forget(folder: string): void {
    this.interrupted.set(folder, 'removed');
    this.dropQueued(folder);
    this.states.delete(folder);
  }

  isPaused(folder: string): boolean {
    return this.interrupted.get(folder) === 'paused';
  }

  setMessage(folder: string, message: string | undefined, state?: FolderState): void {
    const info = this.stateOf(folder);
    info.message = message;
    if (state) info.state = state;
    this.deps.onFoldersChanged();
  }

  /** Whether a pass runs or is queued (it holds the embedder between its calls). */
  get busy(): boolean {
    return this.running !== undefined || this.queue.length > 0;
  }

  whenIdle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private dropQueued(folder: string): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const task = this.queue[i]!;
      if (task.folder !== folder) continue;
      this.queue.splice(i, 1);
      if (task.kind === 'scan') task.fail(new Interrupted(this.interrupted.get(folder) ?? 'paused'));
    }
  }

  private push(task: Task): void {
    this.queue.push(task);
    this.kick();
  }

  private kick(): void {
    if (this.running) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
      // A task pushed after drain's last look at the queue but before this ran.
      if (this.queue.length > 0) this.kick();
      else for (const resolve of this.idleWaiters.splice(0)) resolve();
    });
  }

  /** Stops scheduled retries (the core is closing). */
  stopRetries(): void {
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
  }

  private async drain(): Promise<void> {
    for (let task = this.queue.shift(); task; task = this.queue.shift()) {
      try {
        if (task.kind === 'scan') task.done(await this.runScan(task.folder, task.force));
        else if (task.kind === 'files') await this.runFiles(task.folder, [...task.paths]);
        else await this.runRemove(task.folder, task.path, task.dir);
        this.succeeded(task.folder);
      } catch (error) {
        if (task.kind === 'scan') task.fail(error);
        if (error instanceof Interrupted) {
          // What was committed before the pause is searchable: show its true count.
          if (error.why === 'paused') {
            await this.refreshChunks(task.folder).catch((failure: unknown) =>
              this.deps.logger.log('warn', `counting the chunks of ${task.folder} failed: ${(failure as Error).message}`),
            );
          }
          continue;
        }
        this.failed(task, error);
      }
      await this.maintain();
    }
  }

  /** A failed pass keeps its work: the same files (or the whole scan) are queued again
   *  after a backoff, and the folder shows the error until a pass succeeds. A full disk
   *  resumes by itself once there is space again. */
  private failed(task: Task, error: unknown): void {
    const message = (error as Error).message;
    this.deps.logger.log('error', `indexing (${task.kind}) in ${task.folder} failed: ${(error as Error).stack ?? error}`);
    const attempt = (this.failures.get(task.folder)?.attempt ?? 0) + 1;
    this.failures.set(task.folder, { attempt, message });
    this.setMessage(task.folder, message, 'error');
    if (!this.deps.retryFailed) return;
    const delay = this.deps.retryDelayMs?.(attempt) ?? Math.min(2_000 * 2 ** (attempt - 1), 120_000);
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      // A folder paused or removed meanwhile: resume rescans it; removal drops it.
      if (this.interrupted.has(task.folder)) return;
      this.deps.logger.log('info', `retrying indexing (${task.kind}) in ${task.folder}, attempt ${attempt + 1}`);
      if (task.kind === 'scan') this.scan(task.folder, task.force).catch(() => undefined);
      else if (task.kind === 'files') for (const path of task.paths) this.fileChanged(task.folder, path);
      else this.fileRemoved(task.folder, task.path, task.dir);
    }, delay);
    timer.unref?.();
    this.retryTimers.add(timer);
  }

  private succeeded(folder: string): void {
    const failure = this.failures.get(folder);
    if (!failure) return;
    this.failures.delete(folder);
    const info = this.states.get(folder);
    if (info?.message === failure.message) this.setMessage(folder, undefined);
  }

  /** Compaction after a good pass. Its failure is a maintenance warning: the pass's
   *  files are committed and searchable, so the folder is not marked failed. */
  private async maintain(): Promise<void> {
    try {
      await this.maybeOptimize();
    } catch (error) {
      const message = `Index maintenance (compaction) failed; search still works and it is tried again later: ${(error as Error).message}`;
      this.deps.logger.log('warn', message);
      this.deps.emit({ type: 'notice', level: 'warning', message });
    }
  }

  private gateFor(folder: string) {
    return () => {
      const why = this.interrupted.get(folder);
      if (why) throw new Interrupted(why);
    };
  }

  private async runScan(folder: string, force: boolean): Promise<FolderReport> {
    const started = performance.now();
    const store = await this.deps.store();
    this.setState(folder, 'scanning');
    const rules = new IgnoreRules(folder, this.deps.ignorePatterns);
    const scan = await scanFolder(folder, rules);
    const paths = scan.files;
    // Refused before anything is removed or indexed: without its rules the scan would
    // index what they exclude (and drop what it could not list).
    const ignoreFile = rules.unreadable[0];
    if (ignoreFile) {
      throw new SiftError(
        'unreadable',
        `Cannot read ${ignoreFile.path} (${ignoreFile.reason}): Sift leaves this folder as it is until it can read the rules for what to skip.`,
        { detail: { key: 'folderIgnoreUnreadable', params: { path: ignoreFile.path, reason: ignoreFile.reason } } },
      );
    }
    const known = new Map((await store.filesIn(folder)).map((row) => [row.path, row]));
    const present = new Set(paths);
    const gone = [...known.keys()].filter((path) => !present.has(path));
    await store.removeFiles(gone);
    const removed = gone.length;
    const info = this.stateOf(folder);
    // A failed pass's message stays until this one succeeds.
    const message = this.failures.has(folder) ? info.message : undefined;
    Object.assign(info, {
      filesTotal: paths.length,
      filesDone: 0,
      filesFailed: scan.failed.length,
      errors: [...scan.failed],
      filesSkipped: scan.skipped.length,
      skipped: [...scan.skipped],
      message,
    });
    this.setState(folder, 'indexing');
    const totals = await this.runPass(folder, paths, known, started, force);
    const errors = [...scan.failed, ...totals.failed];
    const skipped = [...scan.skipped, ...totals.skipped].sort(byPath);
    Object.assign(info, {
      chunks: await store.countChunks(folder),
      filesIndexed: await store.countFiles(folder, 'done'),
      filesFailed: errors.length,
      errors,
      filesSkipped: skipped.length,
      skipped,
    });
    this.finishPass(folder);
    return {
      folder,
      // Every entry the scan saw, each in exactly one of the states below.
      filesScanned: paths.length + scan.skipped.length + scan.failed.length,
      filesIndexed: totals.indexed,
      filesUnchanged: totals.unchanged,
      filesSkipped: skipped,
      filesFailed: errors,
      filesRemoved: removed,
      chunksEmbedded: totals.chunksEmbedded,
      chunksReused: totals.chunksReused,
      seconds: (performance.now() - started) / 1000,
    };
  }

  private async runFiles(folder: string, paths: string[]): Promise<void> {
    const store = await this.deps.store();
    const known = new Map((await store.filesIn(folder)).map((row) => [row.path, row]));
    const info = this.stateOf(folder);
    Object.assign(info, { filesTotal: paths.length, filesDone: 0 });
    this.setState(folder, 'indexing');
    const totals = await this.runPass(folder, paths, known, performance.now(), false, true);
    const touched = new Set(paths);
    info.errors = [...info.errors.filter((error) => !touched.has(error.path)), ...totals.failed];
    info.filesFailed = info.errors.length;
    info.skipped = [...(info.skipped ?? []).filter((issue) => !touched.has(issue.path)), ...totals.skipped].sort(byPath);
    info.filesSkipped = info.skipped.length;
    await this.refreshCounts(folder);
    this.finishPass(folder);
  }

  private async runPass(folder: string, paths: string[], known: Map<string, FileRow>, started: number, force = false, fromWatcher = false) {
    const info = this.stateOf(folder);
    let chunksEmbedded = 0;
    const run = new IndexRun(folder, {
      store: await this.deps.store(),
      embedder: this.deps.embedder,
      heavy: this.deps.heavy,
      ocr: this.deps.ocr,
      maxFileBytes: this.deps.maxFileBytes,
      maxChunkTokens: this.deps.maxChunkTokens,
      overlapTokens: this.deps.overlapTokens,
      force,
      verifyEntries: fromWatcher,
      rules: fromWatcher ? new IgnoreRules(folder, this.deps.ignorePatterns) : undefined,
      gate: this.gateFor(folder),
      onCurrentFile: (path) => {
        info.currentFile = path;
        this.progress(folder, chunksEmbedded, started);
      },
      onPassages: (path, done, total) => {
        info.currentFile = path;
        this.progress(folder, chunksEmbedded, started, { passages: { done, total } });
      },
      onOcrPage: (path, done, total) => {
        // OCR reads ahead of the file being handed on: the file it reads is the one shown.
        info.currentFile = path;
        this.progress(folder, chunksEmbedded, started, { ocrPages: { done, total } });
      },
      onCommitted: (outcomes: FileOutcome[]) => {
        info.filesDone += outcomes.length;
        for (const outcome of outcomes) {
          if (outcome.kind !== 'indexed') continue;
          chunksEmbedded += outcome.embedded;
          // The folder's chunk count follows the commits (a window opened mid-pass reads it
          // from listFolders); the count at the pass's end is read from the index.
          info.chunks = Math.max(0, info.chunks + outcome.chunks - (known.get(outcome.path)?.chunks ?? 0));
        }
        this.progress(folder, chunksEmbedded, started);
      },
    });
    const totals = await run.run(paths, known);
    this.rowsSinceOptimize += totals.rowsWritten;
    info.currentFile = undefined;
    // The final progress goes out before the state change, so listeners see 100 % first.
    this.progress(folder, totals.chunksEmbedded, started, { force: true });
    return totals;
  }

  /** Outside a pass, a folder's counts describe the whole folder: the files Sift knows
   *  there (indexed or failed) and their chunks, not the last pass's share. */
  private async refreshCounts(folder: string): Promise<void> {
    const store = await this.deps.store();
    const info = this.stateOf(folder);
    const files = await store.countFiles(folder);
    Object.assign(info, { filesTotal: files, filesDone: files, filesIndexed: await store.countFiles(folder, 'done'), chunks: await store.countChunks(folder) });
  }

  private async refreshChunks(folder: string): Promise<void> {
    const info = this.states.get(folder);
    if (!info) return;
    info.chunks = await (await this.deps.store()).countChunks(folder);
    this.deps.onFoldersChanged();
  }

  private finishPass(folder: string): void {
    this.stateOf(folder).currentFile = undefined;
    // A pause that landed after the pass's last look at its gate (the last batches were
    // embedding, or being committed) finds the work done, but the folder stays paused
    // until the user resumes it.
    this.setState(folder, this.isPaused(folder) ? 'paused' : 'watching');
  }

  private async runRemove(folder: string, path: string, dir: boolean): Promise<void> {
    const store = await this.deps.store();
    if (dir) await store.removeUnder(path, sep);
    else await store.removeFile(path);
    const info = this.stateOf(folder);
    const gone = (p: string) => p === path || (dir && p.startsWith(path + sep));
    info.errors = info.errors.filter((error) => !gone(error.path));
    info.filesFailed = info.errors.length;
    info.skipped = (info.skipped ?? []).filter((issue) => !gone(issue.path));
    info.filesSkipped = info.skipped.length;
    await this.refreshCounts(folder);
    this.deps.onFoldersChanged();
  }

  private async maybeOptimize(): Promise<void> {
    if (this.rowsSinceOptimize < (this.deps.optimizeEveryRows ?? OPTIMIZE_EVERY_ROWS)) return;
    this.rowsSinceOptimize = 0;
    const started = performance.now();
    await (await this.deps.store()).optimize();
    this.deps.logger.log('info', `index compacted in ${Math.round(performance.now() - started)} ms`);
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
    this.deps.onFoldersChanged();
  }

  /** One estimator per pass (a pass is known by its start time). */
  private eta: { started: number; estimator: EtaEstimator } | undefined;

  private progress(
    folder: string,
    chunksEmbedded: number,
    started: number,
    { force = false, ocrPages, passages }: { force?: boolean } & Pick<IndexProgress, 'ocrPages' | 'passages'> = {},
  ): void {
    const now = performance.now();
    if (!force && now - this.lastProgressAt < PROGRESS_INTERVAL_MS) return;
    this.lastProgressAt = now;
    const info = this.stateOf(folder);
    const seconds = Math.max((now - started) / 1000, 1e-3);
    if (this.eta?.started !== started) this.eta = { started, estimator: new EtaEstimator() };
    const progress: IndexProgress = {
      folder,
      filesTotal: info.filesTotal,
      filesDone: info.filesDone,
      chunksEmbedded,
      currentFile: info.currentFile,
      chunksPerSecond: chunksEmbedded / seconds,
      etaSeconds: this.eta.estimator.estimate(info.filesDone, info.filesTotal, now),
      ocrPages,
      passages,
    };
    this.deps.emit({ type: 'progress', progress });
  }
}

function blankInfo(path: string, state: FolderState): FolderInfo {
  return { path, state, filesTotal: 0, filesDone: 0, filesFailed: 0, filesIndexed: 0, filesSkipped: 0, chunks: 0, errors: [], skipped: [] };
}

function byPath(a: FileIssue, b: FileIssue): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
