// When to build which index. Exact (flat) cosine search is exact and needs no upkeep, but
// its cost grows with the table; above a measured row count an ANN index (IVF_PQ,
// refined with the full vectors) answers in milliseconds. Rows written after a build stay
// searchable: LanceDB scans unindexed rows next to the index, and an optimise pass folds
// them in once they are many. Pure: table-tested in ann-policy.test.ts. The figures
// behind the defaults are in bench/SEARCH-RESULTS.md (scripts/bench-search.ts).
import type { ChunkIndexState, NearestOptions, VectorIndexKind, VectorIndexSpec } from '../index/chunk-store.js';

export interface AnnPolicy {
  /** No ANN index while rows x dimensions stays below this: exact search is fast enough
   *  (and exact). Exact search costs ~10 ns per row-dimension here (2,000 x 1024-d rows:
   *  ~16 ms; 100,000: ~1.1 s), so the row threshold scales down with the vector length. */
  exactBelowCells: number;
  /** 'auto': chosen from the vector length (indexKindFor). */
  kind: VectorIndexSpec['kind'] | 'auto';
  /** Rebuild (re-train partitions) once the table has grown this many times over the
   *  rows the index was trained on. */
  retrainGrowth: number;
  /** Fold unindexed rows into the indexes (optimise) once there are this many (each
   *  query scans them: ~10 us a row for vectors, ~75 us for keywords on a 2-core CPU),
   *  or this fraction of the table if larger. An optimise also compacts the table: ~2-3 s
   *  at 100,000 rows however few rows are new, so during a long index run it is rationed... */
  optimizeUnindexedRows: number;
  optimizeUnindexedFraction: number;
  /** While writes go on, optimises take at most this share of the time (the maintainer
   *  waits duration x (1 / duty - 1) after one before the next). */
  optimizeDuty: number;
  /** ...or any, once no write has come for this long: LanceDB ranks unindexed rows'
   *  keyword matches poorly and scans them on every query, so a quiet index is a full one. */
  settleAfterMs: number;
  /** Once no write has come for this long and every row is indexed, one more optimise
   *  rewrites the small fragments into one ('consolidate'). LanceDB 0.31's optimize()
   *  compacts adjacent fragments under 1,048,576 rows that the same indexes cover, so
   *  the fragment an optimise leaves behind (the last rows, now indexed) is rewritten
   *  with the rest of the table by the next one: below ~1M rows every optimise rewrote the
   *  whole table (41.5 s at 1M, issue #19). Done while nothing waits for it, the next
   *  burst's optimise finds one indexed fragment and compacts only the new rows. */
  consolidateAfterMs: number;
  /** Create the full-text index inline (the search waits) while the table is this small;
   *  above, it is built in the background and keyword search joins in when it lands. */
  inlineTextIndexBelow: number;
  /** Keyword search next to a vector search skips unindexed rows beyond this many (the
   *  vector side covers them) so that a burst of writes cannot make every query slow.
   *  Keyword mode, and a query with no vector, scan them all: nothing else would find them. */
  maxFlatTextRows: number;
  /** IVF partitions probed per query: this fraction of the index's partitions, at least
   *  `nprobes`. With ~sqrt(rows) partitions a fixed count probes an ever smaller share of
   *  the table (20 of 1,000 at 1M rows: recall@10 fell to 0.70, issue #19). At 1,024-d
   *  (up to 2,047) `probeFraction`; other lengths `shortProbeFraction`, x sqrt(1024 / d)
   *  below 1,024-d (their neighbours scatter over more partitions). */
  nprobes: number;
  probeFraction: number;
  shortProbeFraction: number;
  /** Quantized indexes (RQ, PQ) rank candidates roughly; the best of them (at least
   *  `refineFactor` x the limit) are re-ranked with the full vectors: for IVF_RQ at
   *  1,024-d (up to 2,047) `refinePerSqrtRow` x sqrt(indexed rows) of them (at least
   *  `minRefineCandidates`), otherwise `refineCandidates`. Near-ties (a topic's passages) grow with the table, so a fixed
   *  factor x a small limit misses them; a candidate count does not depend on the limit a
   *  caller asks for. */
  refineFactor: number;
  refineCandidates: number;
  refinePerSqrtRow: number;
  minRefineCandidates: number;
}

export const DEFAULT_ANN_POLICY: AnnPolicy = {
  exactBelowCells: 2_048_000,
  kind: 'auto',
  retrainGrowth: 2,
  optimizeUnindexedRows: 10_000,
  // No growth with the table: rows written since the last optimise are searched from
  // memory (src/index/recent-rows.ts, 64 MiB: 16k rows at 1,024-d), and 5% of 1M rows
  // overflowed it; LanceDB then scanned 50,000 rows on every query (issue #19).
  optimizeUnindexedFraction: 0,
  optimizeDuty: 0.25,
  settleAfterMs: 3_000,
  consolidateAfterMs: 30_000,
  inlineTextIndexBelow: 20_000,
  // LanceDB tokenises each unindexed row per query (~75 us a row idle, 3-5x that on a
  // busy machine): 2,000 cost 150-600 ms, the most of a query while writes went on.
  // Vector search still finds newer rows at once (src/index/recent-rows.ts).
  maxFlatTextRows: 500,
  nprobes: 20,
  // 3% at 1,024-d: recall@10 0.985-1.0 at 100k (10 of 316 partitions) and 0.97-1.0 at 1M
  // (30 of 1,000; four runs of 20 queries), against 0.985-1.0 at 6%. Other lengths keep 6% (x sqrt(1024 / d)
  // below 1,024-d, measured at 256-d: 20 of 316 partitions 0.945, 40 0.975).
  // bench/SEARCH-RESULTS.md.
  probeFraction: 0.03,
  shortProbeFraction: 0.06,
  // Re-reading the full vectors is most of an ANN query (100k: 5 of 9 ms for 420
  // candidates). Needed (recall@10 at limit 60, 1,024-d): 100k rows 120 candidates
  // 0.99-1.0; 1M rows 240: 0.945-0.97, 300: 0.965-0.985, 420: 0.97-1.0. So ~0.42 x
  // sqrt(rows): 180 at 100k (refine 3), 420 at 1M (refine 7, as before).
  // bench/SEARCH-RESULTS.md.
  // Other lengths and PQ keep the 400 of before (256-d 100k with 40 probes: 0.975).
  refineFactor: 2,
  refineCandidates: 400,
  refinePerSqrtRow: 0.42,
  // A small table with a small limit: 10 candidates missed a stored vector's own row
  // (400 rows at 2,560-d, limit 5; index-kinds.test.ts).
  minRefineCandidates: 100,
};

export type IndexWork =
  | { kind: 'create_text_index' }
  | { kind: 'create_path_index' }
  | { kind: 'build_vector_index'; spec: VectorIndexSpec; reason: string }
  | { kind: 'optimize'; reason: string }
  | { kind: 'consolidate'; reason: string };

/** Rows from which an ANN index is built, for this vector length (at least 256: PQ and
 *  RabitQ train on that many). */
export function exactBelowRows(policy: AnnPolicy, dimensions: number): number {
  return Math.max(256, Math.ceil(policy.exactBelowCells / Math.max(1, dimensions)));
}

/** IVF partitions: about sqrt(rows) (LanceDB's own default), at least 1. */
export function ivfPartitions(rows: number): number {
  return Math.max(1, Math.round(Math.sqrt(rows)));
}

/** PQ sub-vectors: 16 dimensions each where the length allows (1024 -> 64), else the
 *  largest of 8/4/2 that divides it; PQ needs the count to divide the length. */
export function pqSubVectors(dimensions: number): number {
  for (const width of [16, 8, 4, 2]) if (dimensions % width === 0 && dimensions / width >= 1) return dimensions / width;
  return dimensions;
}

/** The ANN index for this vector length. IVF_RQ (RabitQ: 1 bit a dimension, refined with
 *  the full vectors) builds 25x faster than IVF_PQ at equal recall (bench/SEARCH-RESULTS.md)
 *  but LanceDB 0.31 refuses a length not divisible by 8 ("vector dimension must be
 *  divisible by 8 for IVF_RQ": the 100-d starter model never got an index, issue #14).
 *  Short vectors (<= 256) then get IVF_FLAT: the partitions hold the vectors themselves,
 *  which at 100-d is 400 bytes a row, so no quantisation and no refine step; longer ones
 *  IVF_PQ with a sub-vector count that divides the length. */
export function indexKindFor(dimensions: number): VectorIndexKind {
  if (dimensions % 8 === 0) return 'ivf_rq';
  if (dimensions <= 256) return 'ivf_flat';
  return 'ivf_pq';
}

export function vectorIndexSpec(policy: AnnPolicy, rows: number, dimensions: number): VectorIndexSpec {
  let kind = policy.kind === 'auto' ? indexKindFor(dimensions) : policy.kind;
  // An explicit IVF_RQ on a length it cannot take would fail on every upkeep.
  if (kind === 'ivf_rq' && dimensions % 8 !== 0) kind = indexKindFor(dimensions);
  const spec: VectorIndexSpec = { kind, partitions: ivfPartitions(rows) };
  if (kind === 'ivf_pq') spec.subVectors = pqSubVectors(dimensions);
  // HNSW_SQ keeps a graph per partition: few, large partitions keep recall up.
  if (kind === 'hnsw_sq') spec.partitions = Math.max(1, Math.round(rows / 100_000));
  return spec;
}

/** What to do next for this table, in order; [] when nothing is due. `quiet`: no write
 *  has come for policy.settleAfterMs (or the caller wants the indexes settled now);
 *  `idle`: none for policy.consolidateAfterMs (or the caller asks for consolidation). */
export function planIndexWork(
  state: ChunkIndexState,
  dimensions: number,
  policy: AnnPolicy = DEFAULT_ANN_POLICY,
  quiet = false,
  idle = false,
): IndexWork[] {
  const work: IndexWork[] = [];
  // Not on an empty table (see ChunkStore.ensureTextIndex): the first rows come soon.
  if (!state.text && state.rows > 0) work.push({ kind: 'create_text_index' });
  // Writes ask which files already have chunks (ChunkStore.replaceFiles): a BTREE answers
  // that without scanning the table. Seconds at 1M rows, once.
  if (!state.path && state.rows > 0) work.push({ kind: 'create_path_index' });
  const vector = state.vector;
  if (!vector) {
    const threshold = exactBelowRows(policy, dimensions);
    if (state.rows >= threshold) {
      work.push({
        kind: 'build_vector_index',
        spec: vectorIndexSpec(policy, state.rows, dimensions),
        reason: `${state.rows} rows >= ${threshold}`,
      });
    }
  } else if (vector.indexed > 0 && state.rows >= vector.indexed * policy.retrainGrowth) {
    work.push({
      kind: 'build_vector_index',
      spec: vectorIndexSpec(policy, state.rows, dimensions),
      reason: `grew from ${vector.indexed} to ${state.rows} rows`,
    });
    return work;
  }
  const unindexed = Math.max(state.text?.unindexed ?? 0, vector?.unindexed ?? 0);
  const due = Math.max(policy.optimizeUnindexedRows, policy.optimizeUnindexedFraction * state.rows);
  // A text index built over no rows (older versions did that) scans new rows unreliably.
  const emptyText = state.text !== undefined && state.text.indexed === 0 && state.text.unindexed > 0;
  if ((state.text || vector) && (unindexed >= due || emptyText || (quiet && unindexed > 0))) {
    work.push({ kind: 'optimize', reason: `${unindexed} unindexed rows${unindexed < due ? ', writes settled' : ''}` });
  } else if (idle && vector && unindexed === 0 && work.length === 0 && (state.smallFragments ?? 0) >= 2) {
    work.push({ kind: 'consolidate', reason: `${state.smallFragments} fragments under the compaction target` });
  }
  return work;
}

/** Search parameters for the current table and a query asking for `limit` rows: none for
 *  exact search; for an IVF index the partitions to probe (a share of the partitions the
 *  index was trained with, ~sqrt of the rows it covers) and, for a quantized one, the
 *  refine factor that re-ranks enough candidates for the index's size (searchBreadth). */
export function nearestOptions(
  state: ChunkIndexState | undefined,
  policy: AnnPolicy = DEFAULT_ANN_POLICY,
  limit = 10,
  dimensions = 1024,
): NearestOptions {
  if (!state?.vector) return {};
  const type = state.vector.type.toUpperCase();
  if (type.includes('HNSW')) return { ef: Math.max(64, policy.nprobes * 5) };
  const kind = type.includes('FLAT') ? 'ivf_flat' : type.includes('PQ') ? 'ivf_pq' : 'ivf_rq';
  return searchBreadth(state.vector.indexed, kind, policy, limit, dimensions);
}

/** nprobes and refine factor for an IVF index over `indexed` rows of `dimensions`
 *  (table-tested). Shorter vectors scatter a query's neighbours over more partitions:
 *  at 100,000 rows, 20 of 316 partitions found 0.995 of the top 10 at 1,024-d but 0.945
 *  at 256-d (40: 0.975), so below 1,024-d the probed share grows as sqrt(1024 / d).
 *  The narrower breadth (3%, ~sqrt(rows) candidates) is for the lengths it was measured
 *  at (1,024-d: Qwen3-Embedding 0.6B, BGE-M3); longer vectors keep the breadth before it:
 *  at 2,560-d a 400-row table needed 300 candidates to find a row's own vector
 *  (index-kinds.test.ts), where 1,024-d needed under 100. */
export function searchBreadth(indexed: number, kind: VectorIndexKind, policy: AnnPolicy, limit: number, dimensions = 1024): NearestOptions {
  const partitions = ivfPartitions(indexed);
  const measured = dimensions >= 1024 && dimensions < 2048;
  const share = measured ? policy.probeFraction : policy.shortProbeFraction * Math.sqrt(1024 / Math.max(1, Math.min(1024, dimensions)));
  const nprobes = Math.min(partitions, Math.max(policy.nprobes, Math.ceil(partitions * share)));
  // IVF_FLAT holds the full vectors: its distances are exact, nothing to refine.
  if (kind === 'ivf_flat') return { nprobes };
  const candidates =
    kind === 'ivf_rq' && measured
      ? Math.max(policy.minRefineCandidates, policy.refinePerSqrtRow * Math.sqrt(indexed))
      : policy.refineCandidates;
  const refineFactor = Math.max(policy.refineFactor, Math.ceil(candidates / Math.max(1, limit)));
  return { nprobes, refineFactor };
}
