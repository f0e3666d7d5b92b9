// The app's model runtime around the embedder: the GPU memory budget that the embedding
// pool and the reranker share (Settings -> "GPU memory Sift may use"), idle unload of both
// (Settings -> "Unload models when idle"), the reranker chosen in Settings, and the memory
// figures of the Models view. core.ts builds one and wires it into the pipeline; every
// model here loads on the process's one llama.cpp runtime (src/embedder/llama-runtime.ts).
import { resolve } from 'node:path';
import type { ModelListing } from './api/models-contract.js';
import { SiftError } from './api/errors.js';
import type { Embedder } from './embedder/embedder.js';
import type { GpuChoice } from './embedder/llama-runtime.js';
import { MemoryLedger } from './embedder/memory-budget.js';
import { ResidentEmbedder } from './embedder/resident-embedder.js';
import type { Logger } from './log.js';
import { inspectGguf } from './models/inspect-gguf.js';
import { largestFitting, MemoryEstimates, modelMemory } from './models/memory-facts.js';
import { RerankerSlot } from './search/reranker-slot.js';
import type { SettingsStore } from './settings/settings-store.js';

export interface ModelRuntimeOptions {
  settings: SettingsStore;
  logger: Logger;
  /** The GPU choice of every model (the flag, else the setting). */
  gpu: () => GpuChoice;
  /** A reranker file that overrides the setting (CLI, tests). */
  rerankerPath?: string;
  /** Idle time overriding the setting's minutes (tests); null: never. */
  idleUnloadMs?: number | null;
}

export class ModelRuntime {
  /** The budget the embedding pool and the reranker share; refusals name a model that fits. */
  readonly memory: MemoryLedger;
  readonly reranker: RerankerSlot;
  private readonly estimates = new MemoryEstimates();
  private resident: ResidentEmbedder | undefined;
  private embedder: Embedder | undefined;

  constructor(private readonly options: ModelRuntimeOptions) {
    const { settings, logger } = options;
    this.memory = new MemoryLedger(() => settings.current().gpuMemoryMB, (bytes) => largestFitting(bytes));
    // The reranker: the flag's file, else the setting's; the same GPU choice, runtime and
    // memory budget as the embedder; on by default where it runs on a GPU in time.
    this.reranker = new RerankerSlot({
      path: () => (options.rerankerPath ? resolve(options.rerankerPath) : settings.current().reranker),
      mode: () => settings.current().rerank,
      gpu: options.gpu,
      embedderBackend: async () => (await this.requireEmbedder().load()).backend,
      idleMs: this.idleMs,
      memory: this.memory,
      logger,
    });
    settings.onChange((_next, changed) => {
      if (changed.some((key) => key === 'reranker' || key === 'rerank' || key === 'gpuMemoryMB')) this.reranker.changed();
      // A new budget sizes the pool at the next load: unload as soon as nothing uses it (on
      // the CPU the budget does not apply: nothing to redo).
      const backend = this.embedder?.loadedInfo?.()?.backend;
      if (changed.includes('gpuMemoryMB') && backend !== undefined && backend !== 'cpu') this.resident?.unloadWhenIdle();
      if (changed.includes('idleUnloadMinutes')) {
        this.resident?.idle.reschedule();
        this.reranker.idle.reschedule();
      }
    });
  }

  /** Idle time before the models unload, read at each check. */
  readonly idleMs = (): number | null => {
    if (this.options.idleUnloadMs !== undefined) return this.options.idleUnloadMs;
    const minutes = this.options.settings.current().idleUnloadMinutes;
    return minutes === null ? null : minutes * 60_000;
  };

  /**
   * The embedder the app uses: `engine` behind idle unload (it gives its memory back after
   * the idle time with no query and no indexing pass; the next query or file change loads
   * it again). A remote engine (`resident` false) is used as it is.
   */
  wrapEmbedder(engine: Embedder, busy: () => boolean, resident = true): Embedder {
    if (!resident) {
      this.embedder = engine;
      return engine;
    }
    const { logger } = this.options;
    this.resident = new ResidentEmbedder(engine, {
      idleMs: this.idleMs,
      busy,
      onUnload: () => logger.log('info', 'embedder: unloaded (idle)'),
      onError: (error) => logger.log('warn', `embedder: unload failed: ${(error as Error).message}`),
    });
    this.embedder = this.resident;
    return this.resident;
  }

  /**
   * Runs a search as one use of both models: neither unloads while it runs (the embedder's
   * own use ends with the query vector, before the rerank), and the idle clock starts when
   * it ends. A search that arrives during an unload waits for it, then loads.
   */
  hold<T>(work: () => Promise<T>): Promise<T> {
    const withReranker = () => this.reranker.idle.use(work);
    return this.resident ? this.resident.idle.use(withReranker) : withReranker();
  }

  /** A model loaded outside the idle clock (activateModel loads the next one first). */
  touched(): void {
    this.resident?.idle.touch();
  }

  /** A reranker file for the setting: a readable GGUF with a ranking head, or the reason. */
  /** After a settings change: the reranker slot has read what it needs for its status. */
  rerankerSettled(): Promise<void> {
    return this.reranker.settled();
  }

  async assertReranker(path: string): Promise<void> {
    const inspection = await inspectGguf(path);
    if (inspection.kind !== 'reranker') {
      throw new SiftError('model_invalid', `"${inspection.name}" is not a reranker model; choose e.g. Qwen3-Reranker-0.6B.`, {
        detail: { key: 'notAReranker', params: { name: inspection.name } },
      });
    }
  }

  /** The Models view's listings with their memory line (estimate, measured, fits). */
  withMemory(listings: ModelListing[]): Promise<ModelListing[]> {
    const context = {
      estimates: this.estimates,
      memory: this.memory,
      embedder: this.embedder?.loadedInfo?.(),
      reranker: this.reranker.state()?.info,
    };
    return Promise.all(listings.map(async (listing) => ({ ...listing, memory: await modelMemory(listing, context) })));
  }

  /** Warm-up: the reranker too, where searches use it by default. */
  async warmReranker(): Promise<void> {
    if (await this.reranker.enabled()) await this.reranker.load();
  }

  private requireEmbedder(): Embedder {
    if (!this.embedder) throw new SiftError('internal', 'the model runtime has no embedder yet');
    return this.embedder;
  }
}
