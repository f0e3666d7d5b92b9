// How many embedding contexts to run side by side. Pure, table-tested.
//
// On a GPU each context costs VRAM (KV cache + compute buffers, the latter ~n_batch x
// n_vocab floats for Qwen3 because this llama.cpp computes logits in embedding contexts),
// so the pool is sized from what the first context actually took and what is still free,
// leaving headroom for the desktop and other programs. On the CPU the cores are split
// among contexts of few threads each: ggml's threads meet at spin barriers after every
// operation, so one context using every core collapses when anything else runs (measured
// on a busy 2-core box: 1 context x 2 threads 41 texts/s, 1 x 1 thread 1,588 texts/s).

export interface PoolSizeInput {
  /** An explicit size from the user/benchmark; wins over everything but the floor of 1. */
  requested?: number;
  onGpu: boolean;
  /** CPU cores for math (llama.cpuMathCores). */
  cpuCores: number;
  /** VRAM free after the model and the first context were created. */
  freeVramBytes: number;
  totalVramBytes: number;
  /** VRAM one context takes (measured on the first one, or estimated). */
  perContextBytes: number;
  /** Upper bound: decodes run on libuv's thread pool, so more contexts than its threads only queue. */
  maxContexts: number;
  /** Bytes all contexts together may take within the user's GPU memory budget (memory-budget.ts). */
  budgetBytes?: number;
}

/** VRAM left untouched: 5 % of the card, at least 512 MiB. */
export function vramHeadroom(totalVramBytes: number): number {
  return Math.max(512 * 1024 * 1024, Math.round(totalVramBytes * 0.05));
}

export function choosePoolSize(input: PoolSizeInput): number {
  if (input.requested !== undefined) return Math.max(1, Math.floor(input.requested));
  const cap = Math.max(1, Math.floor(input.maxContexts));
  if (!input.onGpu) return Math.min(cap, Math.max(1, Math.floor(input.cpuCores)));
  if (input.perContextBytes <= 0) return cap;
  let spare = input.freeVramBytes - vramHeadroom(input.totalVramBytes);
  // The first context exists already; the budget holds it and the ones added here.
  if (input.budgetBytes !== undefined) spare = Math.min(spare, input.budgetBytes - input.perContextBytes);
  const more = Math.max(0, Math.floor(spare / input.perContextBytes));
  return Math.min(cap, 1 + more);
}

/** CPU threads per context: the cores shared among the contexts (a GPU context needs few). */
export function threadsPerContext(cpuCores: number, contexts: number, onGpu: boolean): number {
  const share = Math.floor(Math.max(1, cpuCores) / Math.max(1, contexts));
  return Math.max(onGpu ? Math.min(2, cpuCores) : 1, share);
}

/** libuv's worker-thread count for this process (UV_THREADPOOL_SIZE, default 4). */
export function threadPoolSize(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.UV_THREADPOOL_SIZE);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 1024) : 4;
}
