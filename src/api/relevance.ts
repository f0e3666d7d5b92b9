// The relevance scale every transport shows (CLI JSON and text, /v1/search, MCP, the UI),
// in a file with no dependency so the renderer can import it like limits.ts.
//
// What the number means: a hit's `relevance` (0..1) says how well that one passage
// answers the query, judged from signals of the passage alone (its vector cosine, how
// much of the query its words cover and how rare those words are, or the reranker's
// probability); never from the other hits of the same query. So a hit keeps its
// relevance when a filter removes every other hit, and an irrelevant best hit stays low
// instead of being scaled up to 1. src/search/relevance.ts computes it; the levels below
// are the only thresholds, shared so that the CLI, the API and the UI agree.

/** At or above: a strong match (the passage is about the query, or holds all its rare words). */
export const RELEVANCE_STRONG = 0.7;
/** The cut-off. Below it a hit is a weak match: some words or a loose topical likeness,
 *  rarely what was asked for. The UI folds such hits behind "Show N weaker matches", and a
 *  query whose every hit is below it is answered "No good match". */
export const RELEVANCE_CUTOFF = 0.4;

export type RelevanceLevel = 'strong' | 'good' | 'weak';

export function relevanceLevel(relevance: number): RelevanceLevel {
  if (relevance >= RELEVANCE_STRONG) return 'strong';
  if (relevance >= RELEVANCE_CUTOFF) return 'good';
  return 'weak';
}

/** Hits at or above the cut-off, then the weaker ones, each in the order given (the
 *  ranking's): what a list shows first and what it folds. */
export function splitByCutoff<T extends { relevance?: number }>(hits: readonly T[]): { good: T[]; weak: T[] } {
  const good: T[] = [];
  const weak: T[] = [];
  // A hit from an older core without `relevance` is shown, never folded.
  for (const hit of hits) (hit.relevance === undefined || hit.relevance >= RELEVANCE_CUTOFF ? good : weak).push(hit);
  return { good, weak };
}
