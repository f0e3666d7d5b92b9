// The rows of the index's tables and what its queries return: the shapes the indexer
// writes and the search reads, apart from the LanceDB code (chunk-store.ts) so that the
// many modules that only pass rows around need not know how they are stored.

export interface ChunkRow {
  id: string;
  path: string;
  folder: string;
  chunk: number;
  char_start: number;
  char_end: number;
  line_no: number;
  text: string;
  /** Content hash of `text`: the embedding cache's key. */
  chunk_hash: string;
  vector: Float32Array;
}

/** done: indexed; skipped: not read on purpose (binary, too large, ...); failed: reading
 *  went wrong. `error` holds the reason of the last two (stored-issue.ts). */
export type FileStatus = 'done' | 'failed' | 'skipped';

export interface FileRow {
  path: string;
  folder: string;
  size: number;
  mtime_ms: number;
  /** Content hash of the file's bytes: a rename or move is recognised by it. */
  hash: string;
  chunks: number;
  status: FileStatus;
  error: string;
}

export interface VectorMatch {
  row: Omit<ChunkRow, 'vector'>;
  /** Cosine similarity in [-1, 1]. */
  similarity: number;
}

export interface KeywordMatch {
  row: Omit<ChunkRow, 'vector'>;
  /** BM25 score: comparable only within one query. */
  score: number;
  /** LanceDB's row id, to read the passage's vector later (vectorsOf). */
  rowId?: bigint;
}

export interface NearestOptions {
  /** SQL filter applied before the search (prefilter), e.g. from sqlString(). */
  where?: string;
  /** IVF partitions to probe (IVF indexes). */
  nprobes?: number;
  /** Re-rank limit x refineFactor candidates with the full vectors (quantized indexes). */
  refineFactor?: number;
  /** HNSW search breadth. */
  ef?: number;
  /** Ignore any ANN index: exact cosine over every row. */
  exact?: boolean;
}

export type VectorIndexKind = 'ivf_pq' | 'ivf_rq' | 'hnsw_sq' | 'ivf_flat';

export interface VectorIndexSpec {
  kind: VectorIndexKind;
  partitions: number;
  /** IVF_PQ only: must divide the vector length. */
  subVectors?: number;
}

export interface IndexCoverage {
  type: string;
  indexed: number;
  /** Rows written since the index was built or last optimised: searched without it (flat). */
  unindexed: number;
}

export interface ChunkIndexState {
  rows: number;
  text?: IndexCoverage;
  vector?: IndexCoverage;
  /** The BTREE on `path`: writes ask which files already have chunks through it. */
  path?: IndexCoverage;
  /** Fragments under LanceDB's compaction target (1,048,576 rows): an optimise rewrites
   *  adjacent ones together, however few rows are new (see IndexWork 'consolidate'). */
  smallFragments?: number;
}
