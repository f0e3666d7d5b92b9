// Idle unload: a model that nobody used for a while gives its memory (VRAM on a GPU, RAM
// on the CPU) back, and the next use loads it again behind the model's own lazy promise.
//
// Every use goes through `use()`, which counts it while it runs. The unload starts only
// with no use running and nothing busy (an indexing pass holds the embedder between its
// calls: it measures chunks with the synchronous countTokens); a use that arrives while
// the unload runs waits for it to finish and then loads afresh. So no request fails
// because an unload raced a load: at any moment either uses run or an unload does.

export interface IdleUnloadOptions {
  /** Frees the model; the resource must load again on its next use (LlamaEmbedder.dispose).
   *  `why`: the idle time ran out, or reloadWhenIdle asked for it. */
  unload: (why: 'idle' | 'reload') => Promise<void>;
  /** Whether there is anything to free now (skip the timer's work when not loaded). */
  loaded: () => boolean;
  /** Idle time before unloading, read at each check (a setting); null: never. */
  idleMs: () => number | null;
  /** Other work that holds the model without a use running (an indexing pass). */
  busy?: () => boolean;
  /** Called after each unload (logs, tests). */
  onUnload?: () => void;
  /** An unload that failed (logged; the next use loads afresh anyway). */
  onError?: (error: unknown) => void;
  now?: () => number;
}

export class IdleUnload {
  private active = 0;
  private unloading: Promise<void> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastUse: number;
  private closed = false;
  /** A reload is wanted as soon as nothing uses the model (a changed memory budget). */
  private pendingReload = false;
  /** How many times the model was unloaded (status, tests). */
  unloads = 0;

  constructor(private readonly options: IdleUnloadOptions) {
    this.lastUse = this.now();
  }

  private now(): number {
    return this.options.now?.() ?? performance.now();
  }

  /** Runs `work` as a use: never during an unload, and it restarts the idle clock. */
  async use<T>(work: () => Promise<T>): Promise<T> {
    // Loop: another unload may start between the first one ending and this use resuming.
    while (this.unloading) await this.unloading;
    this.active++;
    try {
      return await work();
    } finally {
      this.active--;
      this.lastUse = this.now();
      this.schedule();
    }
  }

  /** Counts as a use that needs no model: restarts the idle clock (a file change queued). */
  touch(): void {
    this.lastUse = this.now();
    this.schedule();
  }

  /** Unloads as soon as no use runs, so the next use loads with changed settings. */
  reloadWhenIdle(): void {
    // Nothing loaded: the next use loads with the new settings anyway.
    if (!this.options.loaded()) return;
    this.pendingReload = true;
    this.schedule(0);
  }

  /** Re-reads the idle setting (it changed). */
  reschedule(): void {
    this.schedule();
  }

  private schedule(delay?: number): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const idle = this.options.idleMs();
    if (delay === undefined) {
      if (idle === null && !this.pendingReload) return;
      delay = this.pendingReload ? 0 : Math.max(0, this.lastUse + idle! - this.now());
    }
    this.timer = setTimeout(() => this.check(), delay);
    // A pending unload never keeps the process (the CLI, a test) alive.
    this.timer.unref?.();
  }

  private check(): void {
    this.timer = undefined;
    if (this.closed || this.unloading) return;
    const idle = this.options.idleMs();
    const due = this.pendingReload || (idle !== null && this.now() - this.lastUse >= idle);
    if (!due) return this.schedule();
    if (this.active > 0 || this.options.busy?.()) {
      // Busy: look again a little later (a use that ends reschedules by itself).
      this.timer = setTimeout(() => this.check(), Math.max(50, Math.min(idle ?? 1000, 1000)));
      this.timer.unref?.();
      return;
    }
    const why = this.pendingReload ? 'reload' : 'idle';
    this.pendingReload = false;
    if (!this.options.loaded()) return;
    this.unloading = this.options
      .unload(why)
      .then(
        () => {
          this.unloads++;
          this.options.onUnload?.();
        },
        // The unload's failure is the next load's problem (it starts clean): a use waiting
        // here must not fail because of it.
        (error: unknown) => this.options.onError?.(error),
      )
      .finally(() => (this.unloading = undefined));
  }

  /** Stops the timer; the owner disposes the model itself. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
