// What a model costs in memory, for the Models view before it is used: weights + one
// context from its GGUF header (src/embedder/memory-budget.ts), cached per file version.
// And the advice of a refusal: the largest catalog model a GPU memory budget holds.
import { stat } from 'node:fs/promises';
import { readGgufFacts } from '../embedder/gguf-facts.js';
import type { ModelListing } from '../api/models-contract.js';
import type { ModelMemory } from '../api/runtime-contract.js';
import { estimateModel, estimateRanking, type FitSuggestion, type MemoryLedger, type ModelEstimate } from '../embedder/memory-budget.js';
import { openLlama } from '../embedder/llama-runtime.js';
import { CATALOG, type CatalogEntry, type ModelRole } from './catalog.js';

/** The largest embedding model of the catalog whose memory need fits `bytes`. */
export function largestFitting(bytes: number, catalog: readonly CatalogEntry[] = CATALOG): FitSuggestion | undefined {
  const fitting = catalog.filter((entry) => entry.role === 'embedding' && entry.memoryBytes <= bytes);
  const best = fitting.reduce<CatalogEntry | undefined>((a, b) => (!a || b.memoryBytes > a.memoryBytes ? b : a), undefined);
  return best ? { name: best.name, bytes: best.memoryBytes } : undefined;
}

export class MemoryEstimates {
  private readonly cache = new Map<string, Promise<ModelEstimate | undefined>>();

  /** Weights + one context of the file at `path`, or undefined when it cannot be read. */
  async of(path: string, role: ModelRole): Promise<ModelEstimate | undefined> {
    let version: string;
    try {
      const info = await stat(path);
      version = `${role}:${path}:${info.size}:${info.mtimeMs}`;
    } catch {
      return undefined;
    }
    let estimate = this.cache.get(version);
    if (!estimate) {
      estimate = (async () => {
        const [facts, info] = await Promise.all([readGgufFacts(path), stat(path)]);
        return role === 'reranker' ? estimateRanking(facts, info.size) : estimateModel(facts, info.size);
      })().catch(() => undefined);
      this.cache.set(version, estimate);
    }
    return estimate;
  }
}

/** What the runtime measured for a loaded model (the embedder's or the reranker's info). */
export interface Measured {
  path: string;
  backend: string;
  vramUsedBytes?: number;
  ramUsedBytes?: number;
}

export interface MemoryContext {
  estimates: MemoryEstimates;
  memory: MemoryLedger;
  /** The loaded embedder and reranker, if any. */
  embedder?: Measured;
  reranker?: Measured;
}

/**
 * A listing's memory line: the estimate from its file (a model on disk), the figure measured
 * when it loaded (the model in use), and, where a GPU runs Sift's models, whether the
 * estimate fits the budget that is left for it.
 */
export async function modelMemory(listing: ModelListing, context: MemoryContext): Promise<ModelMemory | undefined> {
  if (!listing.path) return undefined;
  const estimate = await context.estimates.of(listing.path, listing.role);
  if (!estimate) return undefined;
  const result: ModelMemory = { estimateBytes: estimate.totalBytes };
  const loaded = [context.embedder, context.reranker].find((m) => m?.path === listing.path);
  if (loaded) {
    const onGpu = loaded.backend !== 'cpu' && (loaded.vramUsedBytes ?? 0) > 0;
    result.measuredBytes = onGpu ? loaded.vramUsedBytes : loaded.ramUsedBytes;
    result.measuredOn = onGpu ? 'gpu' : 'cpu';
  }
  const gpu = context.embedder?.backend;
  if (gpu && gpu !== 'cpu' && !gpu.startsWith('remote')) {
    try {
      // The runtime the embedder already runs on: asking it costs nothing.
      const { llama } = await openLlama(gpu as 'cuda' | 'vulkan' | 'metal');
      const holder = listing.role === 'reranker' ? 'reranker' : 'embedder';
      const vram = await llama.getVramState();
      const room = context.memory.budget(holder, vram) - context.memory.heldByOthers(holder);
      result.fitsBudget = estimate.totalBytes <= room;
    } catch {
      // No GPU facts: the line shows the estimate alone.
    }
  }
  return result;
}
