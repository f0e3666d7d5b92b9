// The LanceDB side of the index: a table of chunks (text + vector), a table of per-file
// state and an embedding cache (vector by chunk-content hash), all named after the model
// so that switching models never mixes vectors from different embedding spaces and
// switching back finds the old index intact.
import * as lancedb from '@lancedb/lancedb';
import type { FixedSizeList } from 'apache-arrow';
import { SiftError } from '../api/errors.js';
import type { ChunkIndexState, ChunkRow, FileRow, FileStatus, KeywordMatch, NearestOptions, VectorIndexSpec, VectorMatch } from './chunk-rows.js';
import { cacheRowsTable, chunkRowsTable } from './arrow-rows.js';
import { configureLanceRuntime } from './lance-runtime.js';
import { optimizeWithRetry } from './optimize-table.js';
import { RecentRows } from './recent-rows.js';
import { IN_LIST_SLICE, inList, sqlString } from './sql-filter.js';
import { cacheSchema, CHUNK_COLUMNS, chunkSchema, fileSchema, KEYWORD_COLUMNS, NEAREST_COLUMNS, vectorIndexConfig } from './store-schema.js';

// The store's public face: the many modules that use it import these from here.
export type * from './chunk-rows.js';
export { sqlString } from './sql-filter.js';
export { modelKey } from './store-schema.js';

const TEXT_INDEX = 'text_idx';
const VECTOR_INDEX = 'vector_idx';
const PATH_INDEX = 'path_idx';
const CACHE_INDEX = 'chunk_hash_idx';
/** lance's CompactionOptions::default().target_rows_per_fragment, which LanceDB 0.31's
 *  optimize() always uses: fragments under it are rewritten together. */
const COMPACTION_TARGET_ROWS = 1024 * 1024;
/** Full-text index on `text`. ICU word segmentation splits Chinese (no spaces) into
 *  dictionary words and other scripts at word boundaries (src/search/keyword-search.test.ts);
 *  English words are stemmed, for documents and queries alike. LanceDB's stop-word removal
 *  stays off: its English list drops numbers too ("version 3" matched every "version 2";
 *  keyword-search.test.ts), and the query side already drops function words (fulltext.ts).
 *  ('icu' works in LanceDB 0.31 though its typings list only simple/whitespace/raw/ngram.) */
const TEXT_INDEX_OPTIONS = {
  baseTokenizer: 'icu' as 'simple',
  language: 'English',
  stem: true,
  removeStopWords: false,
  lowercase: true,
  asciiFolding: true,
  withPosition: false,
};

export class ChunkStore {
  /** Set once the full-text index is known to exist (see ensureTextIndex). */
  private textIndexReady = false;
  /** Rows written since the vector index last covered the table (recent-rows.ts). */
  private readonly recent: RecentRows;

  private constructor(
    private readonly db: lancedb.Connection,
    private readonly chunks: lancedb.Table,
    private readonly files: lancedb.Table,
    private readonly cache: lancedb.Table,
    readonly dimensions: number,
    /** Length of the cached (full) vectors; chunk rows keep the first `dimensions`. */
    readonly cacheDimensions: number = dimensions,
  ) {
    this.recent = new RecentRows(dimensions);
  }

  /** `cache` names the embedding cache when it differs from the chunk tables: it keeps
   *  the model's full-length vectors, so a smaller Matryoshka dimension reuses them. */
  static async open(
    uri: string,
    key: string,
    dimensions: number,
    cache?: { key: string; dimensions: number },
    options: { create?: boolean; storageOptions?: Record<string, string> } = {},
  ): Promise<ChunkStore> {
    // Before LanceDB's first table operation: with its default compute pool of one thread
    // (3 CPUs or fewer) full-text index writes deadlock (lance-runtime.ts).
    configureLanceRuntime();
    let db: lancedb.Connection;
    try {
      // A reader (`sift mcp`, `sift search`) may live next to a writer for hours: with a
      // read consistency interval of 0 every query sees the writer's latest commit, not
      // the version current when the tables were opened.
      // storageOptions: endpoint and keys of an s3:// index (object-store.ts).
      db = await lancedb.connect(uri, {
        ...(options.create === false ? { readConsistencyInterval: 0 } : {}),
        ...(options.storageOptions ? { storageOptions: options.storageOptions } : {}),
      });
    } catch (error) {
      throw new SiftError('unreadable', `Cannot open the index at ${uri}: ${(error as Error).message}`, {
        cause: error,
        detail: { key: 'indexUnreadable', params: { path: uri, reason: (error as Error).message } },
      });
    }
    const names = new Set(await db.tableNames());
    const chunkTable = `chunks_${key}`;
    const fileTable = `files_${key}`;
    const cacheTable = `vcache_${cache?.key ?? key}`;
    // A reader (create: false) never writes, not even empty tables: a writer may be
    // creating them at this moment.
    if (options.create === false && ![chunkTable, fileTable, cacheTable].every((name) => names.has(name))) {
      db.close();
      throw new SiftError('not_found', `Nothing is indexed at ${uri} for the model in use (${key}) yet: index a folder first.`, {
        detail: { key: 'indexEmpty', params: { path: uri } },
      });
    }
    const chunks = names.has(chunkTable)
      ? await db.openTable(chunkTable)
      : await db.createEmptyTable(chunkTable, chunkSchema(dimensions), { existOk: true });
    const files = names.has(fileTable)
      ? await db.openTable(fileTable)
      : await db.createEmptyTable(fileTable, fileSchema, { existOk: true });
    const cacheDimensions = cache?.dimensions ?? dimensions;
    const vectorCache = names.has(cacheTable)
      ? await db.openTable(cacheTable)
      : await db.createEmptyTable(cacheTable, cacheSchema(cacheDimensions), { existOk: true });
    const store = new ChunkStore(db, chunks, files, vectorCache, dimensions, cacheDimensions);
    await store.assertDimensions();
    return store;
  }

  private async assertDimensions(): Promise<void> {
    const schema = await this.chunks.schema();
    const vector = schema.fields.find((field) => field.name === 'vector');
    const size = (vector?.type as FixedSizeList | undefined)?.listSize;
    if (size !== this.dimensions) {
      throw new SiftError(
        'index_incompatible',
        `The index table ${this.chunks.name} holds ${size}-dimensional vectors but the model gives ${this.dimensions}.`,
        { detail: { key: 'indexIncompatible', params: { stored: size ?? '?', model: this.dimensions } } },
      );
    }
  }

  /** Replaces the chunks of several files, then records the files as done. The file
   *  rows are written last: a crash in between leaves the files looking un-indexed (or
   *  changed), so the next start redoes them, and each chunk commit is all-or-nothing.
   *  Files with no chunks stored yet (the common case: new files) are appended, one
   *  commit; the others go through a merge-insert on id that also deletes their leftover
   *  chunks. The merge-insert joins against the whole table (its by-source delete scans
   *  every row), so its cost grows with the table: 20 commits of 500 rows took 38 s at
   *  1M rows against 5.5 s at 100k (issue #19); an append costs the same at any size. A
   *  crash after an append is safe too: the file has chunks then, so the redo replaces. */
  async replaceFiles(batch: Array<{ file: FileRow; rows: ChunkRow[] }>): Promise<void> {
    if (batch.length === 0) return;
    const paths = batch.map(({ file }) => file.path);
    const stored = await this.pathsWithChunks(paths);
    const fresh = batch.filter(({ file, rows }) => rows.length > 0 && !stored.has(file.path));
    const replaced = batch.filter((entry) => !fresh.includes(entry));
    // Arrow columns from the typed arrays (arrow-rows.ts), not plain objects: LanceDB's
    // own conversion of those holds the JS thread, and every search with it.
    const toRows = (entries: typeof batch) => entries.flatMap(({ rows: fileRows }) => fileRows);
    try {
      this.recent.removePaths(paths);
      if (fresh.length > 0) {
        await this.chunks.add(chunkRowsTable(toRows(fresh), this.dimensions));
        this.recent.add(fresh.flatMap((entry) => entry.rows));
      }
      const rows = toRows(replaced);
      if (rows.length > 0) {
        await this.chunks
          .mergeInsert('id')
          .whenMatchedUpdateAll()
          .whenNotMatchedInsertAll()
          .whenNotMatchedBySourceDelete({ where: inList('path', replaced.map(({ file }) => file.path)) })
          .execute(chunkRowsTable(rows, this.dimensions));
        this.recent.add(replaced.flatMap((entry) => entry.rows));
      } else {
        // Only files that now have no chunks (emptied): delete what they had, if anything.
        const gone = replaced.map(({ file }) => file.path).filter((path) => stored.has(path));
        for (let i = 0; i < gone.length; i += IN_LIST_SLICE) await this.chunks.delete(inList('path', gone.slice(i, i + IN_LIST_SLICE)));
      }
    } catch (error) {
      // Half done, maybe: the in-memory list of recent rows can no longer be trusted.
      this.recent.invalidate();
      throw error;
    }
    await this.putFiles(batch.map(({ file }) => file));
  }

  /** Which of these paths have chunks stored (through the BTREE on path once it exists;
   *  rows written since its last update are scanned). */
  private async pathsWithChunks(paths: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < paths.length; i += IN_LIST_SLICE) {
      const rows = await this.chunks
        .query()
        .where(inList('path', paths.slice(i, i + IN_LIST_SLICE)))
        .select(['path'])
        .toArray();
      for (const row of rows as Array<{ path: string }>) found.add(String(row.path));
    }
    return found;
  }

  /** Creates the BTREE on `path` if missing (not on an empty table, like the text index). */
  async ensurePathIndex(): Promise<boolean> {
    const indices = await this.chunks.listIndices();
    if (indices.some((index) => index.name === PATH_INDEX)) return true;
    if ((await this.chunks.countRows()) === 0) return false;
    await this.chunks.createIndex('path', { config: lancedb.Index.btree(), name: PATH_INDEX, replace: false });
    return true;
  }

  async replaceFile(file: FileRow, rows: ChunkRow[]): Promise<void> {
    await this.replaceFiles([{ file, rows }]);
  }

  async putFile(file: FileRow): Promise<void> {
    await this.putFiles([file]);
  }

  async putFiles(files: FileRow[]): Promise<void> {
    if (files.length === 0) return;
    await this.files
      .mergeInsert('path')
      .whenMatchedUpdateAll()
      .whenNotMatchedInsertAll()
      .execute(files as unknown as Array<Record<string, unknown>>);
  }

  /** Chunks go first: a crash in between leaves a file row whose file is gone, which the
   *  next scan removes; the other order could leave chunks no file row accounts for. */
  async removeFile(path: string): Promise<void> {
    await this.removeFiles([path]);
  }

  /** Many files at once (a rescan that finds thousands gone), a few deletes in all. */
  async removeFiles(paths: string[]): Promise<void> {
    this.recent.removePaths(paths);
    for (let i = 0; i < paths.length; i += IN_LIST_SLICE) {
      const slice = paths.slice(i, i + IN_LIST_SLICE);
      await this.chunks.delete(inList('path', slice));
      await this.files.delete(inList('path', slice));
    }
  }

  /** Everything under a folder that was deleted or renamed away. */
  async removeUnder(dir: string, separator: string): Promise<void> {
    const prefix = dir.endsWith(separator) ? dir : dir + separator;
    this.recent.removeWhere((row) => row.path.startsWith(prefix));
    const like = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    await this.chunks.delete(`path LIKE ${sqlString(like)}`);
    await this.files.delete(`path LIKE ${sqlString(like)}`);
  }

  /** Vectors already computed for these chunk contents (renames, duplicates, re-chunked files). */
  async cachedVectors(hashes: string[]): Promise<Map<string, Float32Array>> {
    const found = new Map<string, Float32Array>();
    const unique = [...new Set(hashes)];
    for (let i = 0; i < unique.length; i += IN_LIST_SLICE) {
      const rows = await this.cache
        .query()
        .where(inList('chunk_hash', unique.slice(i, i + IN_LIST_SLICE)))
        .toArray();
      for (const row of rows as Array<{ chunk_hash: string; vector: ArrayLike<number> }>) {
        found.set(row.chunk_hash, Float32Array.from(row.vector));
      }
    }
    return found;
  }

  /** Vectors in the embedding cache. */
  async cachedCount(): Promise<number> {
    return this.cache.countRows();
  }

  /** Appends vectors the indexer embedded after a cache miss (cachedVectors). An append,
   *  not a merge-insert on chunk_hash: that joined every cached row per flush (500 rows:
   *  44 ms against 24 at 100k cached, growing with the cache; scripts/bench-vcache.ts).
   *  A hash stored twice (a crash between the cache write and the chunks, then a redo that
   *  missed the lookup) costs a row; lookups keep one vector per hash, the same one. */
  async cacheVectors(entries: Array<{ hash: string; vector: Float32Array }>): Promise<void> {
    const unique = new Map(entries.map((entry) => [entry.hash, entry.vector]));
    if (unique.size === 0) return;
    await this.cache.add(cacheRowsTable([...unique].map(([hash, vector]) => ({ hash, vector })), this.cacheDimensions));
  }

  /** Compacts the file-state and cache tables and drops their old versions; gives the
   *  cache a BTREE on chunk_hash (lookups were a scan of every cached row per batch: 500
   *  hashes 16 ms at 100k cached, 7 with the index), which the compaction keeps current.
   *  The chunks table is the index maintainer's (optimizeChunkIndexes), on its own schedule. */
  async optimize(): Promise<void> {
    if ((await this.cache.countRows()) > 0 && !(await this.cache.listIndices()).some((index) => index.name === CACHE_INDEX)) {
      await this.cache.createIndex('chunk_hash', { config: lancedb.Index.btree(), name: CACHE_INDEX, replace: false });
    }
    for (const table of [this.files, this.cache]) await optimizeWithRetry(table);
  }

  /** Chunks first, as in removeFile: no chunk is ever left without a file row. */
  async removeFolder(folder: string): Promise<void> {
    this.recent.removeWhere((row) => row.folder === folder);
    await this.chunks.delete(`folder = ${sqlString(folder)}`);
    await this.files.delete(`folder = ${sqlString(folder)}`);
  }

  async filesIn(folder: string): Promise<FileRow[]> {
    const rows = await this.files.query().where(`folder = ${sqlString(folder)}`).toArray();
    return rows.map((row) => ({ ...(row as FileRow) }));
  }

  /** The folders that have file rows, as stored (a reader of a shared index learns them
   *  here: the writer's folder list is in the writer's own data folder). */
  async folders(): Promise<string[]> {
    const rows = (await this.files.query().select(['folder']).toArray()) as Array<{ folder: string }>;
    return [...new Set(rows.map((row) => row.folder))].sort();
  }

  async countFiles(folder: string, status?: FileStatus): Promise<number> {
    return this.files.countRows(`folder = ${sqlString(folder)}${status ? ` AND status = ${sqlString(status)}` : ''}`);
  }

  async countChunks(folder?: string): Promise<number> {
    return this.chunks.countRows(folder ? `folder = ${sqlString(folder)}` : undefined);
  }

  async nearest(vector: Float32Array, limit: number, options: NearestOptions = {}): Promise<VectorMatch[]> {
    // Through an ANN index, unfiltered: the index for the rows it covers (fast_search),
    // the in-memory list for the rows written since (recent-rows.ts). A SQL filter cannot
    // be applied to that list, so a filtered query lets LanceDB scan the new rows itself.
    const ann = options.nprobes !== undefined || options.ef !== undefined;
    const split = ann && !options.exact && !options.where && this.recent.usable();
    let query = this.chunks.vectorSearch(Array.from(vector)).distanceType('cosine').select(NEAREST_COLUMNS).limit(limit);
    if (split) query = query.fastSearch();
    if (options.where) query = query.where(options.where);
    if (options.exact) query = query.bypassVectorIndex();
    if (options.nprobes) query = query.nprobes(options.nprobes);
    if (options.refineFactor) query = query.refineFactor(options.refineFactor);
    if (options.ef) query = query.ef(options.ef);
    const rows = await query.toArray();
    const matches: VectorMatch[] = [];
    for (const row of rows as Array<Omit<ChunkRow, 'vector'> & { _distance: number }>) {
      const similarity = 1 - row._distance;
      // A zero vector (a passage of only stop words) has no direction: skip, never NaN.
      if (!Number.isFinite(similarity)) continue;
      const { _distance: _ignored, ...rest } = row;
      matches.push({ row: { ...rest }, similarity });
    }
    if (!split) return matches;
    // A row can be in both for a moment (committed while an optimise ran): keep one.
    const merged = new Map(matches.map((match) => [match.row.id, match]));
    for (const match of this.recent.nearest(vector, limit)) {
      const seen = merged.get(match.row.id);
      if (!seen || seen.similarity < match.similarity) merged.set(match.row.id, match);
    }
    return [...merged.values()].sort((a, b) => b.similarity - a.similarity).slice(0, limit);
  }

  /** Rows in the in-memory list of recent writes, whether queries use it, and how many
   *  it holds before it is dropped (queries then let LanceDB scan until an optimise). */
  recentRows(): { rows: number; used: boolean; capacity: number } {
    return { rows: this.recent.size, used: this.recent.usable(), capacity: this.recent.maxRows };
  }

  /** Creates the full-text index on `text` if it is missing; on a large table that takes
   *  a while, so the search side runs it in the background. Not on an empty table: in
   *  LanceDB 0.31 an index built over no rows makes the scan of rows added later miss
   *  words (src/search/keyword-search.test.ts shows it), so it waits for the first rows. */
  async ensureTextIndex(create = true): Promise<boolean> {
    if (this.textIndexReady) return true;
    const indices = await this.chunks.listIndices();
    if (!indices.some((index) => index.name === TEXT_INDEX)) {
      if (!create || (await this.chunks.countRows()) === 0) return false;
      await this.chunks.createIndex('text', { config: lancedb.Index.fts(TEXT_INDEX_OPTIONS), name: TEXT_INDEX, replace: false });
    }
    this.textIndexReady = true;
    return true;
  }

  /** BM25 matches on `text`, best first; [] until ensureTextIndex() has run. Rows written
   *  since the index was built or optimised are scanned too, so new chunks are findable
   *  at once; that costs ~75 us a row on a small CPU, so beyond `maxUnindexed` of them
   *  they are skipped until the index is optimised, if `maySkip` (awaited only then) says
   *  so. Only a caller whose vector search covers those rows may skip them; otherwise the
   *  words miss every file written since the last optimise (SearchService decides). */
  async keywordSearch(
    query: string | lancedb.FullTextQuery,
    limit: number,
    where?: string,
    maxUnindexed = Infinity,
    maySkip: boolean | Promise<boolean> = true,
  ): Promise<KeywordMatch[]> {
    if (!this.textIndexReady) return [];
    // With row ids, the search can read the vectors of the few passages it shows that only
    // the keyword side found (vectorsOf): reading every match's vector here costs more.
    let search = this.chunks.query().fullTextSearch(query, { columns: 'text' }).select(KEYWORD_COLUMNS).withRowId().limit(limit);
    if (Number.isFinite(maxUnindexed) && ((await this.chunks.indexStats(TEXT_INDEX))?.numUnindexedRows ?? 0) > maxUnindexed && (await maySkip)) {
      search = search.fastSearch();
    }
    if (where) search = search.where(where);
    const rows = (await search.toArray()) as Array<Omit<ChunkRow, 'vector'> & { _score: number; _rowid: bigint }>;
    return rows.map(({ _score, _rowid, ...row }) => ({ row: { ...row }, score: _score, rowId: _rowid }));
  }

  /** Vectors of the rows with these ids (from keywordSearch), by chunk id. A row that
   *  moved since (a compaction in between) is left out rather than mistaken. */
  async vectorsOf(rows: ReadonlyArray<{ id: string; rowId: bigint }>): Promise<Map<string, Float32Array>> {
    const vectors = new Map<string, Float32Array>();
    if (rows.length === 0) return vectors;
    const wanted = new Set(rows.map((row) => row.id));
    const found = await this.chunks.takeRowIds(rows.map((row) => row.rowId)).select(['id', 'vector']).toArray();
    for (const { id, vector } of found as Array<{ id: string; vector: { toArray(): Float32Array } }>) {
      if (wanted.has(id)) vectors.set(id, Float32Array.from(vector.toArray()));
    }
    return vectors;
  }

  /** Does the full-text index hold this word (after its stemming) in any passage? The
   *  keyword side offers typo tolerance only for words it does not (keyword-plan.ts).
   *  The index alone answers (fast_search): without it LanceDB tokenised every row written
   *  since the last optimise for each word asked, ~60 ms per 1,000 rows, and a query right
   *  after 10,000 new rows took 0.6-1 s (issue #19). A word only new rows hold reads as
   *  missing until the upkeep folds them in: its fuzzy clause matches it exactly as well. */
  async holdsTerm(word: string): Promise<boolean> {
    if (!this.textIndexReady) return true;
    const rows = await this.chunks.query().fullTextSearch(word, { columns: 'text' }).fastSearch().select(['id', '_score']).limit(1).toArray();
    return rows.length > 0;
  }

  /** Passages in the table (BM25's N, for keyword relevance). */
  async rowCount(): Promise<number> {
    return this.chunks.countRows();
  }

  /** Row count, how much of the table each index covers, and the fragments a compaction
   *  would rewrite. */
  async indexState(): Promise<ChunkIndexState> {
    const state: ChunkIndexState = { rows: await this.chunks.countRows() };
    const { fragmentStats } = await this.chunks.stats();
    // LanceDB's "small" is under 100,000 rows; compaction's target is 1,048,576.
    state.smallFragments = fragmentStats.lengths.max < COMPACTION_TARGET_ROWS ? fragmentStats.numFragments : fragmentStats.numSmallFragments;
    // listIndices carries the coverage; indexStats on a vector index also copies its centroids.
    for (const index of await this.chunks.listIndices()) {
      const coverage = { type: index.indexType, indexed: index.numIndexedRows ?? 0, unindexed: index.numUnindexedRows ?? 0 };
      if (index.name === TEXT_INDEX) state.text = coverage;
      else if (index.name === VECTOR_INDEX) state.vector = coverage;
      else if (index.name === PATH_INDEX) state.path = coverage;
    }
    return state;
  }

  /** (Re)builds the ANN index over the current rows. Searches and writes go on meanwhile
   *  (the index lands as a new table version); rows written later stay searchable. */
  async buildVectorIndex(spec: VectorIndexSpec): Promise<void> {
    const mark = this.recent.mark();
    await this.chunks.createIndex('vector', { config: vectorIndexConfig(spec), name: VECTOR_INDEX, replace: true });
    this.recent.coveredUpTo(mark);
  }

  async dropVectorIndex(): Promise<void> {
    this.recent.invalidate();
    if ((await this.chunks.listIndices()).some((index) => index.name === VECTOR_INDEX)) await this.chunks.dropIndex(VECTOR_INDEX);
  }

  /** Folds rows written since the last build into the text and vector indexes (and
   *  compacts fragments): flat-scanned rows cost search time. */
  async optimizeChunkIndexes(): Promise<void> {
    const mark = this.recent.mark();
    await optimizeWithRetry(this.chunks);
    // Only with a vector index: an optimise without one covers nothing of the vectors.
    if ((await this.chunks.listIndices()).some((index) => index.name === VECTOR_INDEX)) this.recent.coveredUpTo(mark);
  }

  /** One file's stored state, if the index knows the file (the preview's "changed?"). */
  async fileRow(path: string): Promise<FileRow | undefined> {
    const rows = await this.files.query().where(`path = ${sqlString(path)}`).limit(1).toArray();
    return rows[0] ? { ...(rows[0] as FileRow) } : undefined;
  }

  /** Where one file's chunks lie in its text, in chunk order; with `withText`, their text too. */
  async chunkSpans(path: string, withText = false): Promise<Array<Pick<ChunkRow, 'chunk' | 'char_start' | 'char_end' | 'line_no'> & { text?: string }>> {
    const columns = ['chunk', 'char_start', 'char_end', 'line_no', ...(withText ? ['text'] : [])];
    const rows = await this.chunks.query().where(`path = ${sqlString(path)}`).select(columns).toArray();
    return (rows as Array<Pick<ChunkRow, 'chunk' | 'char_start' | 'char_end' | 'line_no'> & { text?: string }>)
      .map((row) => ({ ...row }))
      .sort((a, b) => a.chunk - b.chunk);
  }

  /** Indexed files whose lowercased path matches one of the LIKE `patterns` (the file-name
   *  match, src/search/name-match.ts), at most `limit`. Reads the files table: a row a file. */
  async pathsLike(patterns: string[], limit: number): Promise<string[]> {
    if (patterns.length === 0) return [];
    const like = patterns.map((pattern) => `lower(path) LIKE ${sqlString(pattern)}`).join(' OR ');
    const rows = await this.files
      .query()
      .where(`status = 'done' AND (${like})`)
      .select(['path'])
      .limit(limit)
      .toArray();
    return rows.map((row) => String((row as { path: string }).path));
  }

  /** The first chunk of each of these files (that `where` lets through), with row ids. */
  async firstChunks(paths: string[], where?: string): Promise<KeywordMatch[]> {
    if (paths.length === 0) return [];
    const filter = `chunk = 0 AND path IN (${paths.map(sqlString).join(', ')})${where ? ` AND (${where})` : ''}`;
    const rows = (await this.chunks.query().where(filter).select(CHUNK_COLUMNS).withRowId().toArray()) as Array<Omit<ChunkRow, 'vector'> & { _rowid: bigint }>;
    return rows.map(({ _rowid, ...row }) => ({ row: { ...row }, score: 0, rowId: _rowid }));
  }

  /** Paths of indexed files modified at or after `ms` (the modifiedAfter filter). */
  async pathsModifiedSince(ms: number): Promise<string[]> {
    const rows = await this.files.query().where(`mtime_ms >= ${Number(ms)}`).select(['path']).toArray();
    return rows.map((row) => String((row as { path: string }).path));
  }

  close(): void {
    this.chunks.close();
    this.files.close();
    this.cache.close();
    this.db.close();
  }
}
