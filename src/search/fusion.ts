// Reciprocal rank fusion: merges ranked lists whose scores are not comparable (cosine
// similarity and BM25) by rank alone. An item's fused score is the sum over the lists
// that hold it of weight / (k + rank), rank counted from 1. Pure: table-tested in
// fusion.test.ts.

export interface RankedList<K> {
  /** Item keys, best first. A key listed twice counts at its first (best) rank. */
  keys: readonly K[];
  /** How much this list counts; 0 leaves it out. */
  weight: number;
}

export interface FusedItem<K> {
  key: K;
  score: number;
  /** 1-based rank of the item in each input list, undefined where it is absent. */
  ranks: Array<number | undefined>;
}

/** The usual constant from Cormack et al. (2009): large enough that the first few ranks
 *  of one list do not drown the other list. */
export const DEFAULT_RRF_K = 60;

export function reciprocalRankFusion<K>(lists: ReadonlyArray<RankedList<K>>, k: number = DEFAULT_RRF_K): Array<FusedItem<K>> {
  if (!(k >= 0) || !Number.isFinite(k)) throw new RangeError(`RRF k must be a finite number >= 0, got ${k}`);
  const items = new Map<K, FusedItem<K>>();
  lists.forEach((list, listIndex) => {
    if (!(list.weight >= 0) || !Number.isFinite(list.weight)) throw new RangeError(`RRF weight must be >= 0, got ${list.weight}`);
    list.keys.forEach((key, position) => {
      let item = items.get(key);
      if (!item) {
        item = { key, score: 0, ranks: lists.map(() => undefined) };
        items.set(key, item);
      }
      if (item.ranks[listIndex] !== undefined) return;
      const rank = position + 1;
      item.ranks[listIndex] = rank;
      item.score += list.weight / (k + rank);
    });
  });
  const fused = [...items.values()].filter((item) => item.score > 0 || lists.every((list) => list.weight === 0));
  // Ties (the same ranks mirrored across lists) go to the item with the best single rank
  // in a heavier list, then to the earlier list: a stable, explainable order.
  const order = lists.map((list, index) => ({ index, weight: list.weight })).sort((a, b) => b.weight - a.weight || a.index - b.index);
  fused.sort((a, b) => {
    if (b.score !== a.score) return b.score - a.score;
    for (const { index } of order) {
      const ra = a.ranks[index] ?? Infinity;
      const rb = b.ranks[index] ?? Infinity;
      if (ra !== rb) return ra - rb;
    }
    return 0;
  });
  return fused;
}

/** The largest fused score possible: rank 1 in every list. Dividing by it maps fused
 *  scores into (0, 1] for display. */
export function maxFusedScore(weights: readonly number[], k: number = DEFAULT_RRF_K): number {
  return weights.reduce((sum, weight) => sum + weight / (k + 1), 0);
}
