// The core's embedder with idle unload (idle-unload.ts): every load and embed is a use;
// after the idle time with no use and no indexing pass, the engine behind it is disposed
// (LlamaEmbedder.dispose leaves it ready to load again), and the next use loads it behind
// the engine's own lazy promise. peek() reads the GGUF header only and never counts.
import type { EmbedKind, Embedder, EmbedderInfo } from './embedder.js';
import { IdleUnload } from './idle-unload.js';

export interface ResidentOptions {
  /** Idle time before unloading (the setting, read at each check); null: never. */
  idleMs: () => number | null;
  /** Work that holds the model between calls (an indexing pass measures chunks with the
   *  synchronous countTokens after one load). */
  busy?: () => boolean;
  onUnload?: () => void;
  onError?: (error: unknown) => void;
}

export class ResidentEmbedder implements Embedder {
  readonly idle: IdleUnload;
  private resident = false;

  constructor(
    private readonly inner: Embedder,
    options: ResidentOptions,
  ) {
    this.idle = new IdleUnload({
      unload: async () => {
        this.resident = false;
        await this.inner.dispose();
      },
      // Also a model loaded behind this wrapper's back (activateModel loads the next one first).
      loaded: () => this.resident || this.inner.loadedInfo?.() !== undefined,
      idleMs: options.idleMs,
      busy: options.busy,
      onUnload: options.onUnload,
      onError: options.onError,
    });
  }

  load(): Promise<EmbedderInfo> {
    return this.idle.use(async () => {
      const info = await this.inner.load();
      this.resident = true;
      return info;
    });
  }

  peek() {
    return this.inner.peek();
  }

  loadedInfo(): EmbedderInfo | undefined {
    return this.inner.loadedInfo?.();
  }

  embed(texts: string[], kind: EmbedKind): Promise<Float32Array[]> {
    return this.idle.use(async () => {
      const vectors = await this.inner.embed(texts, kind);
      this.resident = true;
      return vectors;
    });
  }

  countTokens(text: string): number {
    return this.inner.countTokens(text);
  }

  /** Unloads now if nothing uses the model, else as soon as nothing does. */
  unloadWhenIdle(): void {
    this.idle.reloadWhenIdle();
  }

  dispose(): Promise<void> {
    this.idle.close();
    this.resident = false;
    return this.inner.dispose();
  }
}
