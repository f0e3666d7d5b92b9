// Query -> ranked hits grouped by file. Three modes: vector (cosine similarity of the
// query's embedding), keyword (BM25 over LanceDB's full-text index) and hybrid (both,
// fused per query by adaptive-fusion.ts). Optionally the top candidates are reranked by a
// cross-encoder. Each file appears once, with up to three passages and snippets, and a
// relevance on one scale that does not depend on the other hits (relevance.ts). The
// query may use the search box's syntax: "phrase", +word, -word (query-syntax.ts).
import type { SearchHit, SearchMode } from '../api/contract.js';
import { cosineSimilarity, isZeroVector, type Embedder } from '../embedder/embedder.js';
import type { ChunkRow, ChunkStore, NearestOptions } from '../index/chunk-store.js';
import type { Logger } from '../log.js';
import { adaptiveFusion, DEFAULT_FUSION, maxAdaptiveScore, type FusionParams } from './adaptive-fusion.js';
import { pageGroups, toHits, type RankedPassage } from './group-hits.js';
import type { Reranker } from './rerank.js';
import { FUZZY_BOOST, fuzzyCandidates, keywordPlan, toFullTextQuery, toRequiredQuery, withFuzzy, type KeywordPlan } from './keyword-plan.js';
import { hasConstraints, parseQuery, satisfies } from './query-syntax.js';
import { calibrationFor, combineRelevance, keywordRelevance, vectorRelevance, type RelevanceSignals, type VectorCalibration } from './relevance.js';
import { TermPresence } from './term-presence.js';
import { coverageTerms, termCoverage } from './term-coverage.js';
import { keywordQuery } from './fulltext.js';
import { andPredicates, filterPredicate, MAX_INLINE_PATHS, pathPredicate, type SearchFilters } from './search-filters.js';
import { queryTerms } from './snippet.js';
import { isNamed, MAX_NAME_MATCHES, NAME_MATCH_RELEVANCE, nameLikePatterns, nameQuery } from './name-match.js';

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
  /** Told the vector and keyword lists before fusion (`sift eval --cross-validate`
   *  fuses them again with other constants). */
  onCandidates?: (lists: { vector: RankedPassage[]; keyword: RankedPassage[] }) => void;
}

export interface SearchPage {
  hits: SearchHit[];
  hasMore: boolean;
  mode: SearchMode;
}

/** Per-query advice from the index policy (ANN search parameters), and a hook to tell it
 *  that the table is being searched (it may build indexes in the background). */
export interface IndexAdvisor {
  /** ANN search breadth for a query that asks for `limit` rows. */
  vectorOptions(limit: number): NearestOptions;
  /** Unindexed rows keyword search may scan next to a vector search (beyond, it skips
   *  them until an optimise; the vector side covers them). */
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
/** A passage from one list, with its row id where the keyword side found it, and
 *  whether the keyword query that found it forgave a typo. */
type Candidate = RankedPassage & { rowId?: bigint; typo?: boolean };

export class SearchService {
  readonly tuning: SearchTuning;
  private readonly terms = new TermPresence();

  constructor(private readonly deps: SearchDeps) {
    this.tuning = { ...DEFAULT_TUNING, ...deps.tuning };
  }

  async search(request: SearchQuery): Promise<SearchPage> {
    const mode = request.mode ?? 'hybrid';
    // The meaning is embedded, not the syntax: '-draft' must not pull toward drafts.
    const meaning = parseQuery(request.query).meaning;
    const vector = mode === 'keyword' || !meaning.trim() ? undefined : this.deps.embedder.embed([meaning], 'query').then(([v]) => v);
    // The keyword side needs no model: start it while the query is being embedded.
    return this.searchWithVector(request, vector);
  }

  /** The search with the query's vector given (or pending): benchmarks time it without the
   *  model forward, and search() overlaps the forward with the keyword lookup. */
  async searchWithVector(request: SearchQuery, vector: Float32Array | undefined | Promise<Float32Array | undefined>): Promise<SearchPage> {
    const mode = request.mode ?? 'hybrid';
    const offset = request.offset ?? 0;
    const t = this.tuning;
    // If opening the store fails first, the pending forward's own failure (often the same
    // bad model) must not surface as an unhandled rejection; it is observed below otherwise.
    if (vector instanceof Promise) vector.catch(() => undefined);
    const store = await this.deps.store();
    const parsed = parseQuery(request.query);
    const constrained = hasConstraints(parsed);
    const { where, keep } = await this.resolveFilters(store, request.filters);
    const wanted = Math.max(t.minCandidates, (offset + request.limit) * t.candidatesPerHit);
    const fetch = keep ? wanted * 4 : wanted;

    const plan = mode === 'vector' ? undefined : keywordPlan(parsed);
    const vectorOf = Promise.resolve(vector).then((v) => (v && !isZeroVector(v) ? v : undefined));
    // The +, - and "..." parts are checked on the passages fetched (keyword-plan.ts says
    // why not in the index): fetch more to keep enough.
    const keywordFetch = constrained ? fetch * 4 : fetch;
    // The keyword side may skip rows its index does not cover yet (a burst of writes) only
    // where the vector side searches them: not in keyword mode, nor for a query with no
    // vector, or the words would miss every file written since the upkeep's last optimise.
    // (A failed embedding fails the search through the vector list; here it must not
    // reject unobserved when the keyword side never needs to ask.)
    const vectorCovers = mode !== 'keyword' && vectorOf.then((v) => v !== undefined, () => false);
    const keywordList = plan ? this.keywordCandidates(store, plan, keywordFetch, where, vectorCovers) : Promise.resolve([]);
    const vectorList = mode === 'keyword' ? Promise.resolve([]) : vectorOf.then((v) => (v ? this.vectorCandidates(store, v, fetch, where) : []));
    // A query that is a file's name: that file first (name-match.ts).
    const name = plan ? nameQuery(parsed) : undefined;
    const namedList = name ? this.namedCandidates(store, name, where) : Promise.resolve([]);
    const [byKeyword, byVector, rows, calibration, byName] = await Promise.all([
      keywordList,
      vectorList,
      plan ? store.rowCount() : 0,
      this.calibration(),
      namedList,
    ]);
    const filterKeep = (list: Candidate[]) =>
      list.filter((p) => (!keep || keep.has(p.row.path)) && (!constrained || satisfies(p.row.text, parsed)));
    const kw = filterKeep(byKeyword);
    const vec = filterKeep(byVector);
    const signals = this.signals(vec, kw, plan, rows, calibration);
    request.onCandidates?.({ vector: vec, keyword: kw });

    let ranked: RankedPassage[];
    if (mode === 'vector') ranked = vec;
    else if (mode === 'keyword') ranked = kw;
    else ranked = fusePassages([parsed.words, ...parsed.required.map((c) => c.text)].join(' '), vec, kw, this.tuning);

    if (request.rerank && this.deps.reranker && ranked.length > 1) ranked = await this.rerank(parsed.meaning, ranked, signals);
    // The name's files keep their place whatever their text says of the "..." and + parts.
    const named = byName.filter((p) => !keep || keep.has(p.row.path));
    const namedPaths = new Set(named.map((p) => p.row.path));
    if (named.length > 0) ranked = namedFirst(ranked, named);
    // Judged only for the passages shown: the word coverage reads each passage's text.
    const words = coverageTerms([keywordQuery(parsed.words), ...parsed.required.map((c) => c.text)].join(' '));
    const judgeText = (p: RankedPassage) => combineRelevance({ ...signals.get(p.row.id), coverage: termCoverage(p.row.text, words) });
    const judge = (p: RankedPassage) => (namedPaths.has(p.row.path) ? Math.max(NAME_MATCH_RELEVANCE, judgeText(p)) : judgeText(p));
    const { groups, hasMore } = pageGroups(ranked, { offset, limit: request.limit });
    const queryVector = mode === 'keyword' ? undefined : await vectorOf;
    if (queryVector) await this.addCosines(store, groups.flat(), signals, calibration, queryVector);
    return { hits: toHits(groups, queryTerms(parsed.meaning), judge), hasMore, mode };
  }

  /** The anchors of the vector scale for the model in use (relevance.ts). */
  private async calibration(): Promise<VectorCalibration> {
    try {
      return calibrationFor(await this.deps.embedder.peek());
    } catch {
      // An unreadable model fails the vector side with its own error; keyword search goes on.
      return calibrationFor({ name: '', architecture: '' });
    }
  }

  /** Each candidate passage's own signals: its calibrated cosine (from the vector list) and
   *  its keyword relevance (from the keyword list). */
  private signals(byVector: Candidate[], byKeyword: Candidate[], plan: KeywordPlan | undefined, rows: number, calibration: VectorCalibration): Map<string, RelevanceSignals> {
    const signals = new Map<string, RelevanceSignals>();
    for (const p of byVector) signals.set(p.row.id, { vector: vectorRelevance(p.score, calibration) });
    for (const p of byKeyword) {
      const entry = signals.get(p.row.id) ?? {};
      const keyword = keywordRelevance(p.score, plan?.terms ?? 0, rows);
      // A match that needed a typo forgiven is never more than FUZZY_BOOST on words.
      entry.keyword = p.typo ? Math.min(keyword, FUZZY_BOOST) : keyword;
      signals.set(p.row.id, entry);
    }
    return signals;
  }

  /** The cosine of the shown passages only the keyword side found, from their stored
   *  vectors: a passage is judged by its meaning whichever list brought it. */
  private async addCosines(
    store: ChunkStore,
    shown: readonly Candidate[],
    signals: Map<string, RelevanceSignals>,
    calibration: VectorCalibration,
    queryVector: Float32Array,
  ): Promise<void> {
    const lacking = shown.filter((p) => p.rowId !== undefined && signals.get(p.row.id)?.vector === undefined);
    if (lacking.length === 0) return;
    let vectors: Map<string, Float32Array>;
    try {
      vectors = await store.vectorsOf(lacking.map((p) => ({ id: p.row.id, rowId: p.rowId! })));
    } catch (error) {
      // Without them the words alone judge these passages; the search itself stands.
      this.deps.logger?.log('warn', `relevance: stored vectors unreadable: ${(error as Error).message}`);
      return;
    }
    for (const [id, vector] of vectors) {
      signals.set(id, { ...signals.get(id), vector: vectorRelevance(cosineSimilarity(queryVector, vector), calibration) });
    }
  }

  /** The hybrid mode's two lists for a query, before fusion (after filters and the
   *  query's +, - and "..." constraints), as the search itself fetched them. */
  async candidatesFor(request: Omit<SearchQuery, 'mode' | 'rerank' | 'onCandidates'>): Promise<{ vector: RankedPassage[]; keyword: RankedPassage[] }> {
    let lists: { vector: RankedPassage[]; keyword: RankedPassage[] } = { vector: [], keyword: [] };
    await this.search({ ...request, mode: 'hybrid', onCandidates: (seen) => (lists = seen) });
    return lists;
  }

  private async rerank(query: string, ranked: RankedPassage[], signals: Map<string, RelevanceSignals>): Promise<RankedPassage[]> {
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
    // The reranker's probability is the passage's relevance (relevance.ts).
    for (const p of rescored) signals.set(p.row.id, { ...signals.get(p.row.id), rerank: p.score });
    // Passages below the reranked head keep their order, below every reranked one.
    const floor = Math.min(0, ...rescored.map((p) => p.score));
    return [...rescored, ...ranked.slice(head.length).map((p) => ({ row: p.row, score: floor }))];
  }

  private async keywordCandidates(
    store: ChunkStore,
    base: KeywordPlan,
    limit: number,
    where: string | undefined,
    vectorCovers: boolean | Promise<boolean>,
  ): Promise<Candidate[]> {
    await this.deps.advisor?.textIndexReady(store);
    const run = (query: ReturnType<typeof toFullTextQuery>) => store.keywordSearch(query, limit, where, this.deps.advisor?.maxFlatTextRows(), vectorCovers);
    // Typo tolerance for the words the index does not hold (keyword-plan.ts): asked
    // alongside the exact query, which stands unless a word turns out missing. Required
    // words are asked again as an AND match, so their passages are among the candidates.
    const requiredQuery = toRequiredQuery(base);
    const [exact, missing, required] = await Promise.all([
      run(toFullTextQuery(base)),
      this.terms.missing(store, fuzzyCandidates(base)),
      requiredQuery ? run(requiredQuery) : [],
    ]);
    const found: Candidate[] = missing.length === 0 ? exact : (await run(toFullTextQuery(withFuzzy(base, missing)))).map((match) => ({ ...match, typo: true }));
    const seen = new Set(found.map((p) => p.row.id));
    return byScore([...found, ...required.filter((p) => !seen.has(p.row.id))]);
  }

  /** The first passage of each indexed file named `name` (that the filters let through). */
  private async namedCandidates(store: ChunkStore, name: string, where: string | undefined): Promise<Candidate[]> {
    try {
      const exact = (path: string) => (isNamed(path, name) && !path.toLowerCase().endsWith(name) ? 1 : 0);
      // The whole name before the name without its extension, then by path.
      const paths = (await store.pathsLike(nameLikePatterns(name), 200))
        .filter((path) => isNamed(path, name))
        .sort((a, b) => exact(a) - exact(b) || (a < b ? -1 : a > b ? 1 : 0));
      return await store.firstChunks(paths.slice(0, MAX_NAME_MATCHES), where);
    } catch (error) {
      // Without it the query is still searched by its words and meaning.
      this.deps.logger?.log('warn', `file-name match skipped: ${(error as Error).message}`);
      return [];
    }
  }

  private async vectorCandidates(store: ChunkStore, vector: Float32Array, limit: number, where?: string): Promise<Candidate[]> {
    const options = { ...this.deps.advisor?.vectorOptions(limit), where };
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

/** Best first; equal scores (BM25 ties are common) by chunk id, so that the same index
 *  gives the same order every time, whatever order LanceDB returned them in. */
function byScore<T extends RankedPassage>(list: T[]): T[] {
  return list.sort((a, b) => b.score - a.score || (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0));
}

/** The ranking with the files the query names first (in `named`'s order): each with its
 *  passages from the ranking, or, where the ranking has none, the passage given. */
export function namedFirst<T extends RankedPassage>(ranked: T[], named: readonly T[]): T[] {
  const paths = new Set(named.map((p) => p.row.path));
  const head: T[] = [];
  for (const file of named) {
    const own = ranked.filter((p) => p.row.path === file.row.path);
    head.push(...(own.length > 0 ? own : [file]));
  }
  return [...head, ...ranked.filter((p) => !paths.has(p.row.path))];
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
