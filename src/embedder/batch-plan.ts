// How texts are grouped into decodes. Pure functions, table-tested.
//
// Texts are taken longest first: with a pool of contexts that is the classic
// longest-processing-time schedule (no context is left with one long text at the end
// while the others idle), and in a multi-sequence decode it keeps texts of similar
// length together. A batch holds at most `maxSequences` texts and `tokenBudget` tokens;
// a text longer than the budget alone is the caller's error (it must be split first).

export interface BatchLimits {
  /** Tokens one decode may hold (llama.cpp's n_batch). */
  tokenBudget: number;
  /** Sequences one decode may hold (1 with the prebuilt addon: one sequence per context). */
  maxSequences: number;
}

/** Indices of `lengths` from longest to shortest; equal lengths keep input order. */
export function longestFirst(lengths: readonly number[]): number[] {
  return lengths.map((_, i) => i).sort((a, b) => lengths[b]! - lengths[a]! || a - b);
}

/**
 * Groups text indices into batches within the limits, longest texts first. Every index
 * appears exactly once. Throws when a single text exceeds the token budget.
 */
export function planBatches(lengths: readonly number[], limits: BatchLimits): number[][] {
  if (limits.tokenBudget < 1 || limits.maxSequences < 1) throw new Error('batch limits must be positive');
  const batches: number[][] = [];
  let current: number[] = [];
  let tokens = 0;
  for (const i of longestFirst(lengths)) {
    const n = lengths[i]!;
    if (n > limits.tokenBudget) throw new Error(`text ${i} has ${n} tokens, over the batch budget of ${limits.tokenBudget}`);
    if (current.length > 0 && (current.length >= limits.maxSequences || tokens + n > limits.tokenBudget)) {
      batches.push(current);
      current = [];
      tokens = 0;
    }
    current.push(i);
    tokens += n;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
