// What createCore (core.ts) takes and what it gives: the options of the hosts that build
// the application (the Electron main process, `sift serve`, the CLI, the tests) and the
// handle they get back. Apart from core.ts so the composition there reads on its own.
import type { SiftService } from './api/contract.js';
import type { Embedder } from './embedder/embedder.js';
import type { LockHolder } from './index/file-lock.js';
import type { FolderReport } from './index/indexer.js';
import type { S3Settings } from './index/object-store.js';
import type { RootsMap } from './index/roots-map.js';
import type { OcrLimits } from './ingest/ocr/ocr-document.js';
import type { Logger } from './log.js';
import type { ModelManager } from './models/model-manager.js';
import type { AnnPolicy } from './search/ann-policy.js';
import type { AdmissionLimits, SearchAdmission } from './search/search-admission.js';
import type { SearchTuning } from './search/search-service.js';

export interface CoreConfig {
  dataDir: string;
  /** LanceDB location; defaults to <dataDir>/index. `s3://bucket/prefix` puts the index
   *  (and its writer lock) on S3; settings, folder list, models and logs stay in dataDir. */
  dbUri?: string;
  /** Endpoint and keys of an s3:// index; default: the AWS_* environment (object-store.ts). */
  s3?: S3Settings;
  /** Stored roots -> this machine's (a shared index written elsewhere): every path shown,
   *  opened or filtered by is mapped (roots-map.ts). */
  roots?: RootsMap;
  /** GGUF embedding model; defaults to the bundled starter model. */
  modelPath?: string;
  /** Watch added folders for changes (the app); the CLI's one-shot index does not. */
  watch?: boolean;
  /** Resume indexing and watching of the registered folders at start. */
  resumeFolders?: boolean;
  /** Load the model in the background at start, so the first search answers at once. */
  warmUp?: boolean;
  gpu?: 'auto' | 'cuda' | 'vulkan' | 'metal' | false;
  logger?: Logger;
  /** An embedder to use instead of building one from modelPath (e.g. a remote engine). */
  embedder?: Embedder;
  /** Mirror for model downloads (e.g. https://hf-mirror.com); default SIFT_HF_MIRROR or HF_ENDPOINT. */
  modelMirror?: string;
  /** Files larger than this are listed as too large, not read. */
  maxFileBytes?: number;
  /** Time limit for parsing one PDF, Word or HTML file. */
  extractTimeoutMs?: number;
  /** GGUF reranker (e.g. Qwen3-Reranker-0.6B), overriding the setting (CLI, tests). */
  rerankerPath?: string;
  /** Idle time before the models unload, overriding the setting's minutes (tests); null: never. */
  idleUnloadMs?: number | null;
  /** Hybrid fusion settings (RRF k, weights) and candidate counts. */
  searchTuning?: Partial<SearchTuning>;
  /** When to build ANN and full-text indexes (exact below a row count). */
  annPolicy?: Partial<AnnPolicy>;
  /** Searches run at once and queued before 'busy' (search-admission.ts); tests pass the
   *  admission itself to watch or occupy it. */
  searchAdmission?: SearchAdmission | Partial<AdmissionLimits>;
  /** Matryoshka dimension, overriding the setting (tests, CLI). */
  dimensions?: number;
  /** Manage the local API server from the Settings switch (the desktop app). */
  localApi?: boolean;
  /** The OS language (Electron's app.getLocale()) for the settings' default language. */
  locale?: string;
  /** Base URL serving <lang>.traineddata for OCR; default SIFT_TESSDATA_MIRROR, else GitHub/jsDelivr. */
  ocrDataMirror?: string;
  /** OCR bounds (pixels per image, pages per file, time per page, render resolution). */
  ocrLimits?: Partial<OcrLimits>;
  /** 'write' (default): this process may write the index and holds its writer lock
   *  (writer-lock.ts) from start to close; 'read': search only, no lock, nothing written. */
  access?: 'write' | 'read';
  /** Who this writer is, named in the message a second writer gets ("sift index"). */
  writerName?: string;
  /** How long to wait for another process to stop writing the index; default 0: refuse at once. */
  lockWaitMs?: number;
  /** Called once when the index is found in use and this process starts waiting for it. */
  onLockWait?: (holder: LockHolder) => void;
  /** A shared index (s3://) that another process writes (a GPU server's `sift index`): open
   *  it read-only, for search, with a notice, instead of refusing to start (the app,
   *  `sift serve`). A local index that is busy is still refused. */
  readWhenBusy?: boolean;
  /** Backoff before retry number `attempt` of a failed pass (tests shorten it). */
  retryDelayMs?: (attempt: number) => number;
}

export interface Core {
  service: SiftService;
  embedder: Embedder;
  /** Catalog, downloads and imports; files in <dataDir>/models. */
  models: ModelManager;
  /** Adds the folder if needed and indexes it to completion (the CLI's `index`). */
  indexFolder(path: string): Promise<FolderReport>;
  /** Resolves when no indexing work is queued. */
  whenIdle(): Promise<void>;
  /** Brings the search indexes up to date with every committed chunk now (the background
   *  upkeep does it a few seconds after writes stop); for tests and benchmarks. */
  settleIndexes(): Promise<void>;
  /** The local API's bearer token (with `localApi`), for the desktop app's Settings view
   *  only: deliberately not a contract call, so no HTTP request can read it. */
  localApiToken(): Promise<string | null>;
  close(): Promise<void>;
}
