// Tokenizing while the GPU decodes.
//
// node-llama-cpp tokenizes synchronously on the main thread (about 5 us a token on the H200
// machine's CPU, bench/RESULTS.md section 8). Tokenizing a whole embed() call before its
// first decode left the GPU idle for that long: 22 % of the 0.6B index load's wall clock
// and 9 % of 4B's on the H200 (section 8's decode timing, wall against time in llama_decode).
// Here the texts are prepared a slice at a time and each slice goes to the pool as soon as
// it is ready; between slices the event loop runs, so a decode that finished hands its
// worker the next batch while the following slice is tokenized. On the H200 that took the
// host's share to 1.4 ms per decode and 0.6B's index load from 37,302 to 48,484 tokens/s
// (section 9).

/** Tokens per slice: two decodes' worth at the default budget of 2,048, so the queue holds a
 *  full decode when a worker comes back, and one slice blocks the main thread ~20 ms. */
export const SLICE_TOKENS = 4096;

export interface Prepared<T> {
  index: number;
  value: T;
}

/**
 * Prepares `order`'s indices in that order and submits them in slices of about
 * `sliceTokens` tokens (`size` of each prepared value), yielding to the event loop after
 * every slice but the last. An index `prepare` returns undefined for is skipped. Resolves
 * when every submitted slice has; rejects with the first failure. If a `prepare` throws,
 * the slices already submitted are waited for (nothing is left running behind the caller)
 * and the error is rethrown.
 */
export async function prepareAhead<T>(
  order: readonly number[],
  prepare: (index: number) => T | undefined,
  size: (value: T) => number,
  submit: (slice: Prepared<T>[]) => Promise<void>,
  sliceTokens = SLICE_TOKENS,
): Promise<void> {
  const submitted: Promise<void>[] = [];
  let failed = false;
  try {
    let slice: Prepared<T>[] = [];
    let tokens = 0;
    // A slice that failed (the model unloaded, say) ends the feeding: the call fails anyway.
    for (let k = 0; k < order.length && !failed; k++) {
      const index = order[k]!;
      const value = prepare(index);
      if (value !== undefined) {
        slice.push({ index, value });
        tokens += size(value);
      }
      const last = k === order.length - 1;
      if (slice.length > 0 && (tokens >= sliceTokens || last)) {
        const done = submit(slice);
        // Handled at once: a rejection while later slices are still being prepared must not
        // count as unhandled (which ends a Node process); Promise.all below still sees it.
        done.catch(() => (failed = true));
        submitted.push(done);
        slice = [];
        tokens = 0;
        if (!last) await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  } catch (error) {
    await Promise.allSettled(submitted);
    throw error;
  }
  await Promise.all(submitted);
}
