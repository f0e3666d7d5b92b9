// The app's reranker: the model chosen in Settings (or by a flag), loaded on first use on
// the process's one llama.cpp runtime with the same GPU choice as the embedder, counted in
// the GPU memory budget, unloaded when idle, and swapped when the setting changes.
//
// When it reranks by default ('auto'): where it runs on a GPU, as long as reranked searches
// stay under the latency budget (p95 <= 150 ms end to end at 30 candidates, issue #14). On
// the CPU a forward per candidate costs seconds, so there it reranks only when chosen ('on').
import { SiftError } from '../api/errors.js';
import type { RerankerStatus } from '../api/runtime-contract.js';
import type { RerankMode } from '../api/settings-contract.js';
import { readGgufFacts } from '../embedder/gguf-facts.js';
import { IdleUnload } from '../embedder/idle-unload.js';
import type { GpuChoice } from '../embedder/llama-runtime.js';
import type { MemoryLedger } from '../embedder/memory-budget.js';
import type { Logger } from '../log.js';
import { estimateReranker, LlamaReranker, rerankByDefault, type Reranker, type RerankerInfo } from './rerank.js';

/** End-to-end p95 a reranked search may take for 'auto' to keep reranking. */
export const RERANK_LATENCY_BUDGET_MS = 150;
/** Reranked searches 'auto' looks back over, and how many it needs before judging. */
const LATENCY_WINDOW = 50;
const LATENCY_MIN_SAMPLES = 10;

export interface RerankerSlotOptions {
  /** The reranker file now (the flag, else the setting); null: none. */
  path: () => string | null;
  mode: () => RerankMode;
  gpu: () => GpuChoice;
  /** The backend the embedder runs on, loading it if needed (a search needs it anyway). */
  embedderBackend: () => Promise<string | undefined>;
  /** Idle time before unloading (the setting); null: never. */
  idleMs: () => number | null;
  memory?: MemoryLedger;
  logger?: Logger;
}

export interface RerankerState {
  path: string;
  mode: RerankMode;
  /** Whether a search that does not say reranks now. */
  enabled: boolean;
  loaded: boolean;
  info?: RerankerInfo;
  /** 'auto' stopped reranking: reranked searches took longer than the budget. */
  tooSlow?: { p95Ms: number };
  /** Why the last rerank failed (the search kept its fused order). */
  error?: string;
}

/** p95 of a list of durations (nearest rank). */
export function percentile95(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
}

export class RerankerSlot implements Reranker {
  readonly idle: IdleUnload;
  private current: LlamaReranker | undefined;
  /** Rerankers of an earlier setting, disposed once no search uses them. */
  private retired: LlamaReranker[] = [];
  private latencies: number[] = [];
  /** A setting changed that the loaded reranker does not follow (GPU memory, mode): reload it. */
  private reloadCurrent = false;
  /** The chosen file's general.name, read with its estimate (the status names it unloaded). */
  private named: { path: string; name: string } | undefined;
  /** The last planMemory: a settings change answers after it, so the status read right
   *  after choosing a reranker has its name (the window asks once, then not again). */
  private planned: Promise<void> = Promise.resolve();
  private lastError: string | undefined;

  constructor(private readonly options: RerankerSlotOptions) {
    this.idle = new IdleUnload({
      unload: (why) => this.unload(why),
      loaded: () => this.current !== undefined || this.retired.length > 0,
      idleMs: options.idleMs,
      onUnload: () => options.logger?.log('info', 'reranker: unloaded (idle)'),
      onError: (error) => options.logger?.log('warn', `reranker: unload failed: ${(error as Error).message}`),
    });
    this.planned = this.planMemory();
  }

  configured(): boolean {
    return this.options.path() !== null;
  }

  /** Whether a search that does not say reranks now. */
  async enabled(): Promise<boolean> {
    if (!this.configured()) return false;
    const mode = this.options.mode();
    if (mode !== 'auto') return mode === 'on';
    if (this.tooSlow()) return false;
    const backend = this.current?.loadedInfo()?.backend ?? (await this.options.embedderBackend());
    return rerankByDefault(backend);
  }

  /** The end-to-end time of a reranked search, for 'auto''s latency budget. */
  recordLatency(ms: number): void {
    this.latencies.push(ms);
    if (this.latencies.length > LATENCY_WINDOW) this.latencies.shift();
    const slow = this.tooSlow();
    if (slow && this.latencies.length === LATENCY_MIN_SAMPLES) {
      this.options.logger?.log('warn', `reranker: p95 ${Math.round(slow.p95Ms)} ms over ${RERANK_LATENCY_BUDGET_MS} ms; 'auto' stops reranking`);
    }
  }

  private tooSlow(): { p95Ms: number } | undefined {
    if (this.options.mode() !== 'auto' || this.latencies.length < LATENCY_MIN_SAMPLES) return undefined;
    const p95Ms = percentile95(this.latencies);
    return p95Ms > RERANK_LATENCY_BUDGET_MS ? { p95Ms } : undefined;
  }

  score(query: string, documents: string[]): Promise<number[]> {
    return this.idle.use(async () => {
      try {
        const scores = await this.instance().score(query, documents);
        this.lastError = undefined;
        return scores;
      } catch (error) {
        this.lastError = (error as Error).message;
        throw error;
      }
    });
  }

  /** Loads the reranker now (warm-up, benchmarks); throws why it cannot. */
  load(): Promise<RerankerInfo> {
    return this.idle.use(async () => {
      const reranker = this.instance();
      await reranker.load();
      return reranker.loadedInfo()!;
    });
  }

  state(): RerankerState | undefined {
    const path = this.options.path();
    if (path === null) return undefined;
    const info = this.current?.modelPath === path ? this.current.loadedInfo() : undefined;
    const mode = this.options.mode();
    return {
      path,
      mode,
      // Without a loaded model 'auto' cannot know yet: it says what it knows.
      enabled: mode === 'on' || (mode === 'auto' && !this.tooSlow() && rerankByDefault(info?.backend)),
      loaded: info !== undefined,
      info,
      tooSlow: this.tooSlow(),
      error: this.lastError,
    };
  }

  /** The state in the contract's terms (the status line, the Models view). */
  status(): RerankerStatus | undefined {
    const state = this.state();
    if (!state) return undefined;
    return {
      path: state.path,
      name: state.info?.name ?? (this.named?.path === state.path ? this.named.name : undefined),
      mode: state.mode,
      enabled: state.enabled,
      loaded: state.loaded,
      backend: state.info?.backend,
      vramUsedBytes: state.info?.vramUsedBytes,
      tooSlowP95Ms: state.tooSlow ? Math.round(state.tooSlow.p95Ms) : undefined,
      error: state.error,
    };
  }

  /** Resolves once the chosen file's name and memory plan are read (never rejects). */
  settled(): Promise<void> {
    return this.planned;
  }

  /** The setting changed (file, mode or GPU memory): the next use loads what it says now. */
  changed(): void {
    this.lastError = undefined;
    this.latencies = [];
    this.planned = this.planMemory();
    this.reloadCurrent = true;
    this.idle.reloadWhenIdle();
  }

  private instance(): LlamaReranker {
    const path = this.options.path();
    if (path === null) {
      throw new SiftError('invalid_request', 'No reranker model is chosen (Settings -> Search -> Reranker).', { detail: { key: 'rerankerNotChosen' } });
    }
    if (this.current?.modelPath !== path) {
      // The one made now follows the settings of now; only the old one must go.
      this.reloadCurrent = false;
      if (this.current) this.retired.push(this.current);
      this.current = new LlamaReranker({ modelPath: path, gpu: this.options.gpu(), memory: this.options.memory, logger: this.options.logger });
      if (this.retired.length > 0) this.idle.reloadWhenIdle();
    }
    return this.current;
  }

  /** Reads the chosen file's name (the status shows it before the model loads) and sets
   *  the reranker's room aside in the GPU budget while one is chosen and may be used, so
   *  the embedding pool does not fill it first. */
  private async planMemory(): Promise<void> {
    const { memory } = this.options;
    const path = this.options.path();
    let bytes = 0;
    if (path !== null) {
      try {
        this.named = { path, name: (await readGgufFacts(path)).name };
        if (this.options.mode() !== 'off') bytes = (await estimateReranker(path)).totalBytes;
      } catch (error) {
        // A bad file is reported when a search uses it; nothing to set aside for it.
        this.options.logger?.log('warn', `reranker: cannot read ${path}: ${(error as Error).message}`);
      }
    }
    memory?.plan('reranker', bytes);
  }

  /** Idle, a changed setting or dispose: everything. A reranker of an earlier file only:
   *  the ones retired (the one in use now stays loaded). */
  private async unload(why: 'idle' | 'reload' | 'dispose'): Promise<void> {
    const all = why === 'reload' && !this.reloadCurrent ? [] : this.current ? [this.current] : [];
    if (all.length > 0) this.current = undefined;
    this.reloadCurrent = false;
    for (const reranker of [...this.retired.splice(0), ...all]) await reranker.dispose();
  }

  async dispose(): Promise<void> {
    this.idle.close();
    await this.unload('dispose');
  }
}
