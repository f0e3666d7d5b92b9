// The rows this process wrote since the vector index last covered the table, kept in
// memory so that a vector query need not make LanceDB scan them. LanceDB searches rows
// written after an index build or optimise by brute force next to the index: ~10 ns a
// row-dimension, so 10,000 new 1,024-d rows add ~100 ms to every query, and at 1M rows the
// optimise that folds them in costs tens of seconds (it rewrites the table's fragments),
// so it cannot run often. With this list the query asks LanceDB for indexed rows only
// (fast_search) and scores the recent ones here: a dot product per row, a few ms for
// 10,000 rows. Only trusted while complete: from the first index build or optimise this
// process saw finish (rows written before it, by an earlier run, are in the index then).
import type { ChunkRow, VectorMatch } from './chunk-rows.js';

type StoredRow = Omit<ChunkRow, 'vector'>;

interface Entry {
  row: StoredRow;
  vector: Float32Array;
  norm: number;
  generation: number;
}

export class RecentRows {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  /** Every row the index does not cover is here (see the file comment). */
  private complete = false;

  readonly maxRows: number;

  /** Beyond maxBytes of vectors (64 MiB: 16,384 rows at 1,024-d) the list is dropped and
   *  queries let LanceDB scan until the next optimise. */
  constructor(dimensions: number, maxBytes = 64 * 2 ** 20) {
    this.maxRows = Math.max(1, Math.floor(maxBytes / (4 * Math.max(1, dimensions))));
  }

  get size(): number {
    return this.entries.size;
  }

  /** True when a query may skip LanceDB's scan of unindexed rows and use this list. */
  usable(): boolean {
    return this.complete;
  }

  /** Rows just committed. Recorded even while not complete: an optimise running now
   *  may not cover them, and completes the list when it ends. */
  add(rows: ChunkRow[]): void {
    this.generation++;
    for (const { vector, ...row } of rows) {
      let norm = 0;
      for (let i = 0; i < vector.length; i++) norm += vector[i]! * vector[i]!;
      this.entries.set(row.id, { row, vector, norm: Math.sqrt(norm), generation: this.generation });
    }
    if (this.entries.size > this.maxRows) this.invalidate();
  }

  /** Drops the rows of these paths (replaced or removed files). */
  removePaths(paths: Iterable<string>): void {
    const gone = new Set(paths);
    if (gone.size === 0) return;
    for (const [id, entry] of this.entries) if (gone.has(entry.row.path)) this.entries.delete(id);
  }

  /** Drops the rows that match (a removed folder or directory). */
  removeWhere(match: (row: StoredRow) => boolean): void {
    for (const [id, entry] of this.entries) if (match(entry.row)) this.entries.delete(id);
  }

  /** A mark before an index build or optimise starts... */
  mark(): number {
    return this.generation;
  }

  /** ...and after it finished: the rows written up to the mark are indexed now. */
  coveredUpTo(mark: number): void {
    for (const [id, entry] of this.entries) if (entry.generation <= mark) this.entries.delete(id);
    this.complete = true;
  }

  /** After a write this list may have missed (a failure half-way): trust LanceDB's scan. */
  invalidate(): void {
    this.entries.clear();
    this.complete = false;
  }

  /** The best `limit` recent rows by cosine similarity. */
  nearest(query: Float32Array, limit: number): VectorMatch[] {
    let queryNorm = 0;
    for (let i = 0; i < query.length; i++) queryNorm += query[i]! * query[i]!;
    queryNorm = Math.sqrt(queryNorm);
    const best: VectorMatch[] = [];
    for (const { row, vector, norm } of this.entries.values()) {
      // A zero vector (stop words only) has no direction: never a match, never NaN.
      if (norm === 0 || queryNorm === 0) continue;
      const similarity = dot(query, vector) / (norm * queryNorm);
      if (best.length === limit && similarity <= best[limit - 1]!.similarity) continue;
      best.push({ row, similarity });
      best.sort((a, b) => b.similarity - a.similarity);
      if (best.length > limit) best.pop();
    }
    return best;
  }
}

/** Four running sums: V8 keeps them in registers and overlaps the multiplies. */
function dot(a: Float32Array, b: Float32Array): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const n = Math.min(a.length, b.length);
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += a[i]! * b[i]!;
    s1 += a[i + 1]! * b[i + 1]!;
    s2 += a[i + 2]! * b[i + 2]!;
    s3 += a[i + 3]! * b[i + 3]!;
  }
  for (; i < n; i++) s0 += a[i]! * b[i]!;
  return s0 + s1 + s2 + s3;
}
