// How texts are grouped into decodes. Pure functions, table-tested.
//
// Texts are taken longest first: with a pool of contexts that is the classic
// longest-processing-time schedule (no context is left with one long text at the end
// while the others idle), and in a multi-sequence decode it keeps texts of similar
// length together. A batch holds at most `maxSequences` texts and `tokenBudget` tokens;
// a text longer than the budget alone is the caller's error (it must be split first).

export interface BatchLimits {
  /** Tokens the pool packs into one decode (a single longer text, up to the context, still
   *  goes alone: takeBatch always takes the first). */
  tokenBudget: number;
  /** Sequences one decode may hold (1 with the prebuilt addon: one sequence per context). */
  maxSequences: number;
}

/** Indices of `lengths` from longest to shortest; equal lengths keep input order. */
export function longestFirst(lengths: readonly number[]): number[] {
  return lengths.map((_, i) => i).sort((a, b) => lengths[b]! - lengths[a]! || a - b);
}

/**
 * How many of the texts at the head of a queue (their token counts, in queue order) one
 * decode takes: at least one, then as many as fit the sequence and token limits.
 */
export function takeBatch(lengths: readonly number[], limits: BatchLimits): number {
  if (lengths.length === 0) return 0;
  let tokens = lengths[0]!;
  let n = 1;
  while (n < lengths.length && n < limits.maxSequences && tokens + lengths[n]! <= limits.tokenBudget) {
    tokens += lengths[n]!;
    n++;
  }
  return n;
}

/**
 * Groups text indices into batches within the limits, longest texts first: what the pool
 * does when one embed() call is queued on an idle worker. Every index appears exactly
 * once. Throws when a single text exceeds the token budget.
 */
export function planBatches(lengths: readonly number[], limits: BatchLimits): number[][] {
  if (limits.tokenBudget < 1 || limits.maxSequences < 1) throw new Error('batch limits must be positive');
  const order = longestFirst(lengths);
  for (const i of order) {
    if (lengths[i]! > limits.tokenBudget) throw new Error(`text ${i} has ${lengths[i]} tokens, over the batch budget of ${limits.tokenBudget}`);
  }
  const batches: number[][] = [];
  for (let start = 0; start < order.length; ) {
    const n = takeBatch(
      order.slice(start, start + limits.maxSequences).map((i) => lengths[i]!),
      limits,
    );
    batches.push(order.slice(start, start + n));
    start += n;
  }
  return batches;
}
