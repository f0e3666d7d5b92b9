// Query -> ranked hits grouped by file. Three modes: vector (cosine similarity of the
// query's embedding), keyword (BM25 over LanceDB's full-text index) and hybrid (both,
// fused per query by adaptive-fusion.ts). Optionally the top candidates are reranked by a
// cross-encoder. Each file appears once, with up to three passages and snippets.
import type { SearchHit, SearchMode } from '../api/contract.js';
import { isZeroVector, type Embedder } from '../embedder/embedder.js';
import type { ChunkRow, ChunkStore, NearestOptions } from '../index/chunk-store.js';
import type { Logger } from '../log.js';
import { adaptiveFusion, DEFAULT_FUSION, maxAdaptiveScore, type FusionParams } from './adaptive-fusion.js';
import { groupByFile, type RankedPassage } from './group-hits.js';
import type { Reranker } from './rerank.js';
import { keywordQuery } from './fulltext.js';
import { andPredicates, filterPredicate, MAX_INLINE_PATHS, pathPredicate, type SearchFilters } from './search-filters.js';
import { queryTerms } from './snippet.js';

export interface SearchTuning extends FusionParams {
  /** Passages fetched from each list per file on the page (files have several passages). */
  candidatesPerHit: number;
  minCandidates: number;
  /** How many fused passages the reranker rescores. */
  rerankTop: number;
}

/** The fusion constants come from leave-one-set-out cross-validation over
 *  resources/testsets (adaptive-fusion.ts, `sift eval --cross-validate`,
 *  bench/SEARCH-RESULTS.md). */
export const DEFAULT_TUNING: SearchTuning = {
  ...DEFAULT_FUSION,
  // 3 per file: enough for the top files' extra passages; more made the ANN refine step
  // (full vectors re-read for every candidate) the larger part of a query.
  candidatesPerHit: 3,
  minCandidates: 40,
  rerankTop: 30,
};

export interface SearchQuery {
  query: string;
  limit: number;
  offset?: number;
  mode?: SearchMode;
  filters?: SearchFilters;
  /** Use the reranker (if one is configured). */
  rerank?: boolean;
}

export interface SearchPage {
  hits: SearchHit[];
  hasMore: boolean;
  mode: SearchMode;
}

/** Per-query advice from the index policy (ANN search parameters), and a hook to tell it
 *  that the table is being searched (it may build indexes in the background). */
export interface IndexAdvisor {
  vectorOptions(): NearestOptions;
  /** Unindexed rows keyword search may scan (beyond, it skips them until an optimise). */
  maxFlatTextRows(): number;
  /** Resolves once keyword search can run (it may not wait for a long build). */
  textIndexReady(store: ChunkStore): Promise<void>;
}

export interface SearchDeps {
  embedder: Embedder;
  store: () => Promise<ChunkStore>;
  advisor?: IndexAdvisor;
  reranker?: Reranker;
  tuning?: Partial<SearchTuning>;
  logger?: Logger;
}

type Row = Omit<ChunkRow, 'vector'>;

export class SearchService {
  readonly tuning: SearchTuning;

  constructor(private readonly deps: SearchDeps) {
    this.tuning = { ...DEFAULT_TUNING, ...deps.tuning };
  }

  async search(request: SearchQuery): Promise<SearchPage> {
    const mode = request.mode ?? 'hybrid';
    const vector = mode === 'keyword' ? undefined : this.deps.embedder.embed([request.query], 'query').then(([v]) => v);
    // The keyword side needs no model: start it while the query is being embedded.
    return this.searchWithVector(request, vector);
  }

  /** The hybrid mode's two lists for a query, before fusion (the query is embedded). */
  async candidatesFor(request: Omit<SearchQuery, 'mode' | 'rerank'>): Promise<{ vector: RankedPassage[]; keyword: RankedPassage[] }> {
    const vector = this.deps.embedder.embed([request.query], 'query').then(([v]) => v);
    return this.candidates({ ...request, mode: 'hybrid' }, vector);
  }

  /** The search with the query's vector given (or pending): benchmarks time it without the
   *  model forward, and search() overlaps the forward with the keyword lookup. */
  async searchWithVector(request: SearchQuery, vector: Float32Array | undefined | Promise<Float32Array | undefined>): Promise<SearchPage> {
    const mode = request.mode ?? 'hybrid';
    const offset = request.offset ?? 0;
    const { vector: vec, keyword: kw } = await this.candidates(request, vector);

    let ranked: RankedPassage[];
    if (mode === 'vector') ranked = vec;
    else if (mode === 'keyword') ranked = kw;
    else ranked = this.fuse(request.query, vec, kw);

    if (request.rerank && this.deps.reranker && ranked.length > 1) ranked = await this.rerank(request.query, ranked);
    const page = groupByFile(ranked, queryTerms(request.query), { offset, limit: request.limit });
    return { ...page, mode };
  }

  /** The vector and keyword lists that the mode asks for (the other one empty), best
   *  first, before fusion: `sift eval --cross-validate` fuses them with other constants. */
  async candidates(
    request: SearchQuery,
    vector: Float32Array | undefined | Promise<Float32Array | undefined>,
  ): Promise<{ vector: RankedPassage[]; keyword: RankedPassage[] }> {
    const mode = request.mode ?? 'hybrid';
    const offset = request.offset ?? 0;
    const t = this.tuning;
    // If opening the store fails first, the pending forward's own failure (often the same
    // bad model) must not surface as an unhandled rejection; it is observed below otherwise.
    if (vector instanceof Promise) vector.catch(() => undefined);
    const store = await this.deps.store();
    const { where, keep } = await this.resolveFilters(store, request.filters);
    const wanted = Math.max(t.minCandidates, (offset + request.limit) * t.candidatesPerHit);
    const fetch = keep ? wanted * 4 : wanted;

    const keywordList =
      mode === 'vector' ? Promise.resolve([]) : this.keywordCandidates(store, request.query, fetch, where);
    const vectorList =
      mode === 'keyword'
        ? Promise.resolve([])
        : Promise.resolve(vector).then((v) => (v && !isZeroVector(v) ? this.vectorCandidates(store, v, fetch, where) : []));
    const [byKeyword, byVector] = await Promise.all([keywordList, vectorList]);
    const filterKeep = (list: RankedPassage[]) => (keep ? list.filter((p) => keep.has(p.row.path)) : list);
    return { vector: filterKeep(byVector), keyword: filterKeep(byKeyword) };
  }

  private fuse(query: string, byVector: RankedPassage[], byKeyword: RankedPassage[]): RankedPassage[] {
    return fusePassages(query, byVector, byKeyword, this.tuning);
  }

  private async rerank(query: string, ranked: RankedPassage[]): Promise<RankedPassage[]> {
    const head = ranked.slice(0, this.tuning.rerankTop);
    let scores: number[];
    try {
      scores = await this.deps.reranker!.score(
        query,
        head.map((p) => p.row.text),
      );
    } catch (error) {
      // A broken reranker must not take search down with it: the fused order stands.
      this.deps.logger?.log('warn', `rerank skipped: ${(error as Error).message}`);
      return ranked;
    }
    const rescored = head.map((p, i) => ({ row: p.row, score: scores[i]! })).sort((a, b) => b.score - a.score);
    // Passages below the reranked head keep their order, below every reranked one.
    const floor = Math.min(0, ...rescored.map((p) => p.score));
    return [...rescored, ...ranked.slice(head.length).map((p) => ({ row: p.row, score: floor }))];
  }

  private async keywordCandidates(store: ChunkStore, query: string, limit: number, where?: string): Promise<RankedPassage[]> {
    const text = keywordQuery(query);
    if (!text) return [];
    await this.deps.advisor?.textIndexReady(store);
    const matches = await store.keywordSearch(text, limit, where, this.deps.advisor?.maxFlatTextRows());
    return byScore(matches.map(({ row, score }) => ({ row, score })));
  }

  private async vectorCandidates(store: ChunkStore, vector: Float32Array, limit: number, where?: string): Promise<RankedPassage[]> {
    const options = { ...this.deps.advisor?.vectorOptions(), where };
    const matches = await store.nearest(vector, limit, options);
    return byScore(matches.map(({ row, similarity }) => ({ row, score: similarity })));
  }

  /** The SQL prefilter, plus a set of paths to keep when the date filter matches too many
   *  files to list inline. */
  private async resolveFilters(store: ChunkStore, filters: SearchFilters | undefined): Promise<{ where?: string; keep?: Set<string> }> {
    if (!filters) return {};
    const base = filterPredicate(filters);
    if (filters.modifiedAfter === undefined) return { where: base };
    const paths = await store.pathsModifiedSince(filters.modifiedAfter);
    if (paths.length <= MAX_INLINE_PATHS) return { where: andPredicates(base, pathPredicate(paths)) };
    return { where: base, keep: new Set(paths) };
  }
}

/** The hybrid ranking of passages from the two lists (adaptive-fusion.ts), scores scaled
 *  by the best that the lists which answered could give (1 = first in both, complete). */
export function fusePassages(query: string, byVector: RankedPassage[], byKeyword: RankedPassage[], params: FusionParams): RankedPassage[] {
  const rows = new Map<string, Row>();
  for (const { row } of [...byVector, ...byKeyword]) if (!rows.has(row.id)) rows.set(row.id, row);
  const asCandidates = (list: RankedPassage[]) => list.map((p) => ({ key: p.row.id, text: p.row.text }));
  const top = maxAdaptiveScore(params, { vector: byVector.length > 0, keyword: byKeyword.length > 0 }) || 1;
  return adaptiveFusion(query, asCandidates(byVector), asCandidates(byKeyword), params).map((item) => ({
    row: rows.get(item.key)!,
    score: item.score / top,
  }));
}

/** Best first; equal scores (BM25 ties are common) by chunk id, so that the same index
 *  gives the same order every time, whatever order LanceDB returned them in. */
function byScore(list: RankedPassage[]): RankedPassage[] {
  return list.sort((a, b) => b.score - a.score || (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0));
}
