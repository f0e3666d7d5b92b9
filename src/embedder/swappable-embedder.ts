// The core's embedder handle: every part of the graph (indexer, search, local API) holds
// this one object, and switching models swaps what it delegates to. The old engine is
// disposed after the swap, so its VRAM is given back before the new one needs it twice.
import type { EmbedKind, Embedder } from './embedder.js';

export class SwappableEmbedder implements Embedder {
  constructor(private current: Embedder) {}

  /** Replaces the engine; callers make sure no indexing pass is using it. */
  async swap(next: Embedder): Promise<void> {
    const previous = this.current;
    this.current = next;
    await previous.dispose();
  }

  load() {
    return this.current.load();
  }

  peek() {
    return this.current.peek();
  }

  loadedInfo() {
    return this.current.loadedInfo?.();
  }

  embed(texts: string[], kind: EmbedKind): Promise<Float32Array[]> {
    return this.current.embed(texts, kind);
  }

  countTokens(text: string): number {
    return this.current.countTokens(text);
  }

  dispose(): Promise<void> {
    return this.current.dispose();
  }
}

/** An embedder whose vectors are cut to a Matryoshka prefix, for queries: documents are
 *  cut by the indexer (it caches the full vectors), queries must match them. */
export function prefixEmbedder(
  inner: Embedder,
  dimensions: () => Promise<number>,
  cut: (v: Float32Array, d: number) => Float32Array,
): Embedder {
  return {
    load: () => inner.load(),
    peek: () => inner.peek(),
    countTokens: (text) => inner.countTokens(text),
    dispose: () => inner.dispose(),
    async embed(texts, kind) {
      const [vectors, d] = await Promise.all([inner.embed(texts, kind), dimensions()]);
      return vectors.map((v) => (v.length === d ? v : cut(v, d)));
    },
  };
}
