// Watches added folders with chokidar and turns changes into indexer tasks. If native
// watching fails (e.g. ENOSPC: the OS ran out of inotify watches) the folder falls back
// to polling and the person is told, so changes are never silently missed.
import { basename } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Logger } from '../log.js';
import { IgnoreRules } from './ignore-rules.js';

export interface WatchHandlers {
  changed(folder: string, path: string): void;
  removed(folder: string, path: string, dir: boolean): void;
  /** Called with a readable notice when the watcher falls back to polling. */
  degraded(folder: string, message: string): void;
}

const POLL_INTERVAL_MS = 2000;

export class FolderWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private readonly readiness = new Map<string, Promise<void>>();

  constructor(
    private readonly handlers: WatchHandlers,
    private readonly logger: Logger,
    /** Extra ignore patterns, read when a folder's watch starts. */
    private readonly ignorePatterns: () => readonly string[] = () => [],
  ) {}

  watch(folder: string, polling = false): void {
    if (this.watchers.has(folder)) return;
    const rules = new IgnoreRules(folder, this.ignorePatterns());
    const ignored = (path: string, stats?: { isDirectory(): boolean }) => rules.ignores(path, stats?.isDirectory() ?? false);
    const watcher = watch(folder, {
      ignoreInitial: true,
      followSymlinks: false,
      ignored,
      usePolling: polling,
      interval: POLL_INTERVAL_MS,
      // Half-written files are indexed only once their size stops changing.
      awaitWriteFinish: { stabilityThreshold: 400, pollInterval: 100 },
    });
    // Every file goes to the indexer, whatever its name: its bytes decide whether it is
    // text, and the indexer lstat's each path before opening it (a pipe, socket or link
    // is reported with its reason, never opened).
    const onFile = (path: string) => this.handlers.changed(folder, path);
    watcher.on('add', onFile).on('change', onFile);
    watcher.on('unlink', (path) => this.handlers.removed(folder, path, false));
    // A deleted or moved-away subfolder: its files' chunks go in one delete.
    watcher.on('unlinkDir', (path) => {
      if (path !== folder) this.handlers.removed(folder, path, true);
    });
    watcher.on('error', (error) => {
      const code = (error as NodeJS.ErrnoException).code;
      this.logger.log('warn', `watching ${folder} failed (${code ?? (error as Error).message})`);
      if (polling) return;
      void this.unwatch(folder).then(() => {
        this.watch(folder, true);
        this.handlers.degraded(
          folder,
          code === 'ENOSPC'
            ? `The system ran out of file watchers; "${basename(folder)}" is checked for changes every ${POLL_INTERVAL_MS / 1000} s instead.`
            : `Watching "${basename(folder)}" failed (${code ?? 'unknown error'}); it is checked for changes every ${POLL_INTERVAL_MS / 1000} s instead.`,
        );
      });
    });
    this.watchers.set(folder, watcher);
    this.readiness.set(folder, new Promise((resolve) => watcher.once('ready', () => resolve())));
  }

  /** Resolves once the folder's initial crawl is done and changes are being reported. */
  ready(folder: string): Promise<void> {
    return this.readiness.get(folder) ?? Promise.resolve();
  }

  /** The live chokidar watcher of a folder (tests raise watcher errors through it). */
  watcherOf(folder: string): FSWatcher | undefined {
    return this.watchers.get(folder);
  }

  isPolling(folder: string): boolean {
    return this.watchers.get(folder)?.options.usePolling ?? false;
  }

  async unwatch(folder: string): Promise<void> {
    const watcher = this.watchers.get(folder);
    this.watchers.delete(folder);
    await watcher?.close();
  }

  async close(): Promise<void> {
    await Promise.all([...this.watchers.keys()].map((folder) => this.unwatch(folder)));
  }
}
