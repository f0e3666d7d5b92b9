// The pipeline of one model over one index: the LanceDB store (opened on first use, for the
// model's vector length), the index maintainer that builds ANN and full-text indexes as the
// table grows, the extractor pool, the indexer and the search service. The application
// (src/core.ts) builds one and keeps it across model switches; the benchmarks build one on
// a temporary folder. It borrows its embedder: whoever made the embedder disposes it.
import type { CallRequest, CallResponse, SiftEvent } from '../api/contract.js';
import { parseRequest } from '../api/dispatch.js';
import type { Embedder } from '../embedder/embedder.js';
import { truncateAndNormalize } from '../embedder/matryoshka.js';
import { prefixEmbedder } from '../embedder/swappable-embedder.js';
import { ChunkStore, modelKey } from '../index/chunk-store.js';
import { Indexer, type IndexerDeps } from '../index/indexer.js';
import { ExtractorPool } from '../ingest/extractor-pool.js';
import type { OcrPhase } from '../ingest/ocr/ocr-reader.js';
import type { Logger } from '../log.js';
import type { AnnPolicy } from '../search/ann-policy.js';
import { IndexMaintainer } from '../search/index-maintainer.js';
import { rerankByDefault, type Reranker } from '../search/rerank.js';
import { SearchService, type SearchTuning } from '../search/search-service.js';
import { SearchAdmission, type AdmissionLimits } from '../search/search-admission.js';
import { FilePreviewer } from './file-preview.js';

/** What the indexer reads at each pass (getters in the app, so changed settings apply). */
export type IndexingSettings = Pick<IndexerDeps, 'maxFileBytes' | 'maxChunkTokens' | 'overlapTokens' | 'ignorePatterns'>;

export interface PipelineConfig {
  /** LanceDB location (a folder, or a LanceDB URI). */
  dbUri: string;
  /** LanceDB storage options of an object-store index (endpoint, region, keys). */
  storageOptions?: Record<string, string>;
  /** Gives full-length vectors; the pipeline cuts the Matryoshka prefix where it stores and queries. */
  embedder: Embedder;
  /** The vector length in use for a model (the setting, validated, or its full length). */
  dimensionsFor: (facts: ModelFacts) => number;
  logger: Logger;
  emit: (event: SiftEvent) => void;
  /** Called whenever a folder's indexing state changes. */
  onFoldersChanged?: () => void;
  indexing?: IndexingSettings;
  extractTimeoutMs?: number;
  annPolicy?: Partial<AnnPolicy>;
  searchTuning?: Partial<SearchTuning>;
  /** Searches let run at once and let wait (search-admission.ts), or the admission itself. */
  searchAdmission?: SearchAdmission | Partial<AdmissionLimits>;
  /** Owned: the pipeline disposes it. */
  reranker?: Reranker;
  /** Whether a search that does not say reranks (the app's setting and backend); default:
   *  where the embedder runs on a GPU. */
  rerankByDefault?: () => Promise<boolean>;
  /** The end-to-end time of each reranked search (the app's latency budget for 'auto'). */
  onReranked?: (ms: number) => void;
  /** Reads images and scanned PDF pages in a second phase of each pass (borrowed: its
   *  owner closes it). Without it, images are listed as not read. */
  ocr?: OcrPhase;
  /** A reader next to another process's writer (`sift search`): creates no table and
   *  builds no index. */
  readOnly?: boolean;
  /** Retry a failed pass by itself, with backoff (a watching app). */
  retryFailed?: boolean;
  retryDelayMs?: (attempt: number) => number;
}

/** What the pipeline knows of a model before loading it. */
export type ModelFacts = Awaited<ReturnType<Embedder['peek']>>;

/** Longest parse of one file for the preview pane: a person is waiting for it. */
const PREVIEW_EXTRACT_TIMEOUT_MS = 20_000;

export class ModelPipeline {
  readonly indexer: Indexer;
  readonly indexes: IndexMaintainer;
  private readonly searcher: SearchService;
  readonly admission: SearchAdmission;
  private readonly extractors: ExtractorPool;
  /** The preview's own parser worker: a preview never waits behind an indexing pass. */
  private readonly previewExtractors: ExtractorPool;
  private readonly previewer: FilePreviewer;
  private storePromise: Promise<ChunkStore> | undefined;

  constructor(private readonly config: PipelineConfig) {
    const store = () => this.store();
    this.admission = config.searchAdmission instanceof SearchAdmission ? config.searchAdmission : new SearchAdmission(config.searchAdmission);
    this.indexes = new IndexMaintainer({ store, policy: config.annPolicy, logger: config.logger, readOnly: config.readOnly });
    this.extractors = new ExtractorPool({ size: 1, timeoutMs: config.extractTimeoutMs });
    const indexing = config.indexing ?? {};
    const indexes = this.indexes;
    this.indexer = new Indexer({
      store,
      embedder: config.embedder,
      logger: config.logger,
      emit: (event) => {
        if (event.type === 'progress') indexes.poke(true);
        config.emit(event);
      },
      heavy: this.extractors,
      ocr: config.ocr,
      retryFailed: config.retryFailed,
      retryDelayMs: config.retryDelayMs,
      onFoldersChanged: config.onFoldersChanged ?? (() => undefined),
      // Getters pass through, so the indexer reads the settings of the moment at each pass.
      get maxFileBytes() {
        return indexing.maxFileBytes;
      },
      get maxChunkTokens() {
        return indexing.maxChunkTokens;
      },
      get overlapTokens() {
        return indexing.overlapTokens;
      },
      get ignorePatterns() {
        return indexing.ignorePatterns;
      },
    });
    const previewTimeoutMs = Math.min(config.extractTimeoutMs ?? PREVIEW_EXTRACT_TIMEOUT_MS, PREVIEW_EXTRACT_TIMEOUT_MS);
    this.previewExtractors = new ExtractorPool({ size: 1, timeoutMs: previewTimeoutMs });
    this.previewer = new FilePreviewer({ store, heavy: this.previewExtractors, maxFileBytes: () => indexing.maxFileBytes, logger: config.logger });
    const queryEmbedder = prefixEmbedder(config.embedder, async () => (await this.store()).dimensions, truncateAndNormalize);
    this.searcher = new SearchService({
      embedder: queryEmbedder,
      store,
      advisor: this.indexes,
      reranker: config.reranker,
      tuning: config.searchTuning,
      logger: config.logger,
    });
  }

  /** The store for the model and dimension in use, opened on first use: it needs the
   *  model's vector length, which is read from the GGUF header without loading weights. */
  store(): Promise<ChunkStore> {
    if (!this.storePromise) {
      const opening = this.config.embedder.peek().then((facts) => {
        const native = facts.nativeDimensions ?? facts.dimensions;
        const dimensions = this.config.dimensionsFor(facts);
        return ChunkStore.open(
          this.config.dbUri,
          modelKey(facts.name, dimensions),
          dimensions,
          { key: modelKey(facts.name, native), dimensions: native },
          { create: !this.config.readOnly, storageOptions: this.config.storageOptions },
        );
      });
      this.storePromise = opening;
      opening.catch(() => {
        if (this.storePromise === opening) this.storePromise = undefined;
      });
    }
    return this.storePromise;
  }

  /** Closes the store so the next use opens the tables of the model and dimension in use
   *  now (after a model or dimension switch). Call with indexing stopped. */
  async reopenStore(): Promise<void> {
    const previous = this.storePromise;
    this.storePromise = undefined;
    (await previous?.catch(() => undefined))?.close();
  }

  /** One search, as every transport asks it. Reranking costs a model forward per
   *  candidate: by default only on a GPU, and only with a reranker. */
  async search(request: CallRequest<'search'>): Promise<CallResponse<'search'>> {
    const { query, limit, offset, mode, folder, fileTypes, modifiedAfter, rerank } = parseRequest('search', request);
    const started = performance.now();
    const reranker = this.config.reranker;
    const byDefault = async () =>
      this.config.rerankByDefault ? this.config.rerankByDefault() : rerankByDefault((await this.config.embedder.peek()).backend);
    const rerankOn = reranker !== undefined && (rerank ?? (await byDefault()));
    // Every transport's searches share one admission: a burst queues instead of piling
    // up LanceDB scans (and their memory) side by side.
    const page = await this.admission.run(() =>
      this.searcher.search({ query, limit, offset, mode, filters: { folder, fileTypes, modifiedAfter }, rerank: rerankOn }),
    );
    this.indexes.poke();
    const tookMs = Math.round((performance.now() - started) * 10) / 10;
    if (rerankOn) this.config.onReranked?.(tookMs);
    return { hits: page.hits, hasMore: page.hasMore, mode: page.mode, tookMs };
  }

  /** The vector and keyword lists of a hybrid search before fusion (`sift eval
   *  --cross-validate` fuses them again with other constants). */
  searchCandidates(request: { query: string; limit: number }) {
    return this.searcher.candidatesFor(request);
  }

  /** The preview pane's text of one hit's file; `folders` are the added folders (the
   *  only places a preview may read). */
  async preview(request: CallRequest<'previewFile'>, folders: readonly string[]): Promise<CallResponse<'previewFile'>> {
    return this.previewer.preview(parseRequest('previewFile', request), folders);
  }

  /** Indexes a folder to completion (the pipeline does not watch). */
  indexFolder(folder: string, force = false) {
    return this.indexer.scan(folder, force);
  }

  /** Brings the search indexes up to date with every committed chunk now. */
  async settle(): Promise<void> {
    await this.indexer.whenIdle();
    await this.indexes.settle();
  }

  async close(): Promise<void> {
    this.indexer.stopRetries();
    await this.indexer.whenIdle();
    await this.extractors.close();
    await this.previewExtractors.close();
    await this.indexes.close();
    await this.config.reranker?.dispose();
    if (this.storePromise) (await this.storePromise.catch(() => undefined))?.close();
  }
}
