// Runs the index policy (ann-policy.ts) in the background: one job at a time, never on a
// search's or a write's critical path. Searches keep answering meanwhile: exact search
// until an ANN index lands, a flat scan over rows written since. Poked after writes (the
// core forwards indexing progress) and by searches.
import type { ChunkIndexState, ChunkStore, NearestOptions } from '../index/chunk-store.js';
import type { Logger } from '../log.js';
import { DEFAULT_ANN_POLICY, nearestOptions, planIndexWork, type AnnPolicy, type IndexWork } from './ann-policy.js';
import type { IndexAdvisor } from './search-service.js';

export interface MaintainerOptions {
  store: () => Promise<ChunkStore>;
  policy?: Partial<AnnPolicy>;
  logger?: Logger;
  /** Delay between a poke and the check (writes come in bursts; one check serves them). */
  debounceMs?: number;
  /** Called after each job, with what was done and how long it took (benchmarks, logs). */
  onJob?: (work: IndexWork, ms: number) => void;
  /** A reader next to another process's writer: uses the indexes it finds, builds none. */
  readOnly?: boolean;
  /** How long close() waits for a running job before it stops waiting (default 30 s). */
  closeTimeoutMs?: number;
}

/** close()'s default wait for a running job: an optimise takes seconds at 1M rows. A job
 *  still running after this is taken as stuck (a LanceDB call that never returns, as the
 *  full-text index writes did on small machines: src/index/lance-runtime.ts). */
const CLOSE_TIMEOUT_MS = 30_000;

export class IndexMaintainer implements IndexAdvisor {
  readonly policy: AnnPolicy;
  private state: ChunkIndexState | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private closed = false;
  private textIndex: Promise<void> | undefined;
  private lastWriteAt = 0;
  /** The store's vector length, for the search breadth (read with the state). */
  private dimensions = 1024;
  /** A vector index build that failed, and the row count then: not tried again until the
   *  table has grown (retrainGrowth) or 10 minutes have passed, instead of on every upkeep
   *  (the 100-d starter model's IVF_RQ failed 16 times in 20 searches, issue #14). */
  private failedBuild: { rows: number; at: number } | undefined;
  /** The last optimise while writes went on: how long it took and when it ended. */
  private lastOptimize = { ms: 0, endedAt: -Infinity };
  /** A check once writes have been quiet for policy.consolidateAfterMs. */
  private consolidateTimer: NodeJS.Timeout | undefined;
  /** When the last consolidation ended: one per quiet spell, however often searches poke
   *  (a table whose fragments cannot all be merged must not be rewritten on every poke). */
  private consolidatedAt = -Infinity;
  /** The job in progress and when it started (close() names it if it does not end). */
  private current: { kind: IndexWork['kind'] | 'read state'; since: number } | undefined;

  constructor(private readonly options: MaintainerOptions) {
    this.policy = { ...DEFAULT_ANN_POLICY, ...options.policy };
  }

  /** Schedules a check of the table soon; cheap to call often. `write`: the table just
   *  changed (indexing progress), which postpones the settling optimise. */
  poke(write = false): void {
    if (this.closed || this.options.readOnly) return;
    if (write) this.lastWriteAt = performance.now();
    if (this.running) {
      this.again = true;
      return;
    }
    // Throttle, not debounce: progress pokes arrive every 100 ms during a long index.
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, this.options.debounceMs ?? 1000);
    this.timer.unref?.();
  }

  /** Checks now and runs whatever is due, folding every unindexed row in as if writes had
   *  settled; resolves when done. Tests and the accuracy runner use it after indexing.
   *  `consolidate`: as if writes had stopped long ago (the idle upkeep that rewrites the
   *  table's small fragments into one, see AnnPolicy.consolidateAfterMs). */
  async settle(options: { consolidate?: boolean } = {}): Promise<void> {
    if (this.options.readOnly) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.idle();
    await this.run(true, options.consolidate ?? false);
  }

  /** Resolves when no job is running. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  vectorOptions(limit = 10): NearestOptions {
    return nearestOptions(this.state, this.policy, limit, this.dimensions);
  }

  maxFlatTextRows(): number {
    return this.policy.maxFlatTextRows;
  }

  /** Makes sure keyword search can run: the full-text index is created on the first
   *  search if the upkeep has not made it yet, inline on a small table, in the background
   *  on a large one (keyword results join in when it lands). */
  async textIndexReady(store: ChunkStore): Promise<void> {
    this.textIndex ??= (async () => {
      this.dimensions = store.dimensions;
      this.state = await store.indexState();
      if (this.options.readOnly) return store.ensureTextIndex(false);
      const { rows, text } = this.state;
      this.poke();
      if (!text && rows >= this.policy.inlineTextIndexBelow) return false;
      const ready = await store.ensureTextIndex();
      if (ready && text && text.indexed === 0 && rows < this.policy.inlineTextIndexBelow) await store.optimizeChunkIndexes();
      return ready;
    })().then(
      (ready) => {
        // Not ready (an empty table, or a build in the background): ask again next time.
        if (!ready) this.textIndex = undefined;
      },
      (error: unknown) => {
        this.textIndex = undefined;
        this.options.logger?.log('error', `full-text index: ${(error as Error).message}`);
      },
    );
    await this.textIndex;
  }

  /** Stops the upkeep and waits for the running job, if any, at most closeTimeoutMs: a
   *  job that has not ended by then is left behind, logged as an error (quitting or
   *  switching models must not hang on it; the caller closes the store under it, which
   *  fails it if it ever resumes). */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    clearTimeout(this.consolidateTimer);
    this.timer = undefined;
    if (!this.running) return;
    const limit = this.options.closeTimeoutMs ?? CLOSE_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      this.idle().then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), limit);
      }),
    ]);
    clearTimeout(timer);
    if (!timedOut) return;
    const job = this.current;
    const ran = job ? `${job.kind}, running for ${((performance.now() - job.since) / 1000).toFixed(1)} s` : 'unknown job';
    this.options.logger?.log(
      'error',
      `index upkeep did not end within ${(limit / 1000).toFixed(1)} s of closing (${ran}): closing without it; ` +
        'a LanceDB call that may never return (the last such hang: src/index/lance-runtime.ts)',
    );
  }

  private run(settle = false, consolidate = false): Promise<void> {
    if (this.running || this.closed) return this.running ?? Promise.resolve();
    this.running = this.work(settle, consolidate)
      // Reading the table's state can fail too (a model switch closed the store under a
      // running job, a full disk): a maintenance failure, logged; the next poke retries.
      .catch((error: unknown) => this.options.logger?.log('warn', `index upkeep failed: ${(error as Error).message}`))
      .finally(() => {
        this.running = undefined;
        this.current = undefined;
        if (this.again) {
          this.again = false;
          this.poke();
        }
      });
    return this.running;
  }

  private async work(settle: boolean, consolidate: boolean): Promise<void> {
    const store = await this.options.store();
    // Re-plan after each job: an optimise may be moot after a rebuild, and the table
    // keeps changing while we work.
    this.dimensions = store.dimensions;
    let consolidateAsked = consolidate;
    for (let round = 0; round < 4 && !this.closed; round++) {
      this.current = { kind: 'read state', since: performance.now() };
      this.state = await store.indexState();
      const sinceWrite = performance.now() - this.lastWriteAt;
      const quiet = settle || sinceWrite >= this.policy.settleAfterMs;
      // Only after writes this maintainer saw and once per quiet spell (or when asked):
      // not at every start, nor on every search's poke.
      const writesSinceConsolidation = this.lastWriteAt > 0 && this.lastWriteAt > this.consolidatedAt;
      const idle = consolidateAsked || (writesSinceConsolidation && sinceWrite >= this.policy.consolidateAfterMs);
      const plan = planIndexWork(this.state, store.dimensions, this.policy, quiet, idle).filter(
        (work) => !(work.kind === 'build_vector_index' && this.buildOnHold(this.state!.rows)),
      );
      const next = plan[0];
      // Throttled upkeep: while writes go on, an optimise (compaction + index merges: seconds
      // at 1M rows, both cores) waits until the last one's duration x (1 / duty - 1) has
      // passed, so that searches and writes keep most of the machine. Settling is not held,
      // nor an optimise that keeps the in-memory list of new rows from overflowing (then
      // every query would scan them all; src/index/recent-rows.ts).
      const recent = store.recentRows();
      const overflowing = recent.used && recent.rows >= recent.capacity * 0.75;
      if (next?.kind === 'optimize' && !quiet && !overflowing && this.optimizeOnHold()) {
        this.again = true;
        return;
      }
      if (!next) {
        // Rows wait unindexed until writes settle: look again then.
        const pending = Math.max(this.state.text?.unindexed ?? 0, this.state.vector?.unindexed ?? 0);
        if (pending > 0 && !quiet) this.again = true;
        else if (!idle && writesSinceConsolidation && (this.state.smallFragments ?? 0) >= 2) this.consolidateLater(sinceWrite);
        return;
      }
      const started = performance.now();
      this.current = { kind: next.kind, since: started };
      try {
        await this.perform(store, next);
      } catch (error) {
        // A conflicting concurrent commit or a full disk: log it; the next poke retries
        // (a failed build only once the table has grown, see failedBuild).
        if (next.kind === 'build_vector_index') this.failedBuild = { rows: this.state.rows, at: performance.now() };
        this.options.logger?.log('warn', `index upkeep (${next.kind}) failed: ${(error as Error).message}`);
        return;
      }
      const ms = performance.now() - started;
      if (next.kind === 'build_vector_index') this.failedBuild = undefined;
      if (next.kind === 'optimize' && !quiet) this.lastOptimize = { ms, endedAt: performance.now() };
      if (next.kind === 'consolidate') {
        this.consolidatedAt = performance.now();
        consolidateAsked = false;
      }
      this.options.logger?.log('info', `index upkeep: ${describe(next)} in ${(ms / 1000).toFixed(1)} s`);
      this.options.onJob?.(next, ms);
    }
    this.current = { kind: 'read state', since: performance.now() };
    this.state = await store.indexState();
  }

  /** Looks again once writes have been quiet for policy.consolidateAfterMs. */
  private consolidateLater(sinceWrite: number): void {
    clearTimeout(this.consolidateTimer);
    this.consolidateTimer = setTimeout(
      () => {
        this.consolidateTimer = undefined;
        this.poke();
      },
      Math.max(0, this.policy.consolidateAfterMs - sinceWrite) + 50,
    );
    this.consolidateTimer.unref?.();
  }

  private buildOnHold(rows: number): boolean {
    const failed = this.failedBuild;
    if (!failed) return false;
    return rows < failed.rows * this.policy.retrainGrowth && performance.now() - failed.at < 600_000;
  }

  private optimizeOnHold(): boolean {
    const { ms, endedAt } = this.lastOptimize;
    const duty = Math.min(1, Math.max(0.01, this.policy.optimizeDuty));
    return performance.now() - endedAt < ms * (1 / duty - 1);
  }

  private async perform(store: ChunkStore, work: IndexWork): Promise<void> {
    switch (work.kind) {
      case 'create_text_index':
        await store.ensureTextIndex();
        return;
      case 'create_path_index':
        await store.ensurePathIndex();
        return;
      case 'build_vector_index':
        await store.buildVectorIndex(work.spec);
        return;
      case 'optimize':
      case 'consolidate':
        await store.optimizeChunkIndexes();
        return;
    }
  }
}

function describe(work: IndexWork): string {
  if (work.kind === 'build_vector_index') return `built ${work.spec.kind} (${work.spec.partitions} partitions; ${work.reason})`;
  if (work.kind === 'optimize') return `optimised (${work.reason})`;
  if (work.kind === 'consolidate') return `consolidated (${work.reason})`;
  if (work.kind === 'create_path_index') return 'created the path index';
  return 'created the full-text index';
}
