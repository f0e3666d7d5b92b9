// The one contract between Sift's core and every transport (Electron IPC, loopback HTTP,
// the CLI). Each call is declared once with a zod schema for its request and response;
// adapters validate with these same schemas, so a malformed request is rejected the same
// way whichever door it came through.
import { z } from 'zod';
import { RerankerStatusSchema } from './runtime-contract.js';
import { CALL_NAMES, type CallNameLiteral } from './call-names.js';
import { DetailSchema, DownloadEventSchema, modelCalls } from './models-contract.js';
import { FileIssueSchema, type FileIssue } from './file-issues.js';
import { previewCalls } from './preview-contract.js';
import { SettingsPatchSchema, SettingsSchema } from './settings-contract.js';
export type { FileIssue, IssueCode, IssueParams } from './file-issues.js';
export type { FilePreview, PreviewState } from './preview-contract.js';
export type { GpuBackend, Language, Settings, SettingsPatch, Theme } from './settings-contract.js';

// Longest query we accept (limits.ts, where the search box reads it too).
import { MAX_QUERY_CHARS } from './limits.js';
export { MAX_QUERY_CHARS };

/** A file that is not indexed and why (src/api/file-issues.ts: code + params + English). */
export const FileErrorSchema = FileIssueSchema;
export type FileError = FileIssue;

/** Longest list of skipped or failed files a FolderInfo carries (the folders event goes
 *  to every window on each state change); the counts are always complete, and
 *  `sift index --json` lists every file. */
export const MAX_LISTED_ISSUES = 1000;

export const FolderStateSchema = z.enum(['queued', 'scanning', 'indexing', 'watching', 'paused', 'error']);
export type FolderState = z.infer<typeof FolderStateSchema>;

export const FolderInfoSchema = z.object({
  path: z.string(),
  state: FolderStateSchema,
  filesTotal: z.number().int(),
  filesDone: z.number().int(),
  filesFailed: z.number().int(),
  /** Files in the index (their chunks are searchable). */
  filesIndexed: z.number().int().optional(),
  /** Files Sift chose not to read (binary, too large, excluded, special files, ...). */
  filesSkipped: z.number().int().optional(),
  chunks: z.number().int(),
  /** Per-file failures (unreadable, corrupt, timed out, ...) with their reasons; the
   *  first MAX_LISTED_ISSUES of filesFailed. */
  errors: z.array(FileErrorSchema),
  /** The skipped files with their reasons; the first MAX_LISTED_ISSUES of filesSkipped. */
  skipped: z.array(FileErrorSchema).optional(),
  /** A folder-level problem (folder vanished, watcher failed). */
  message: z.string().optional(),
  /** The file being read or embedded while indexing. */
  currentFile: z.string().optional(),
});
export type FolderInfo = z.infer<typeof FolderInfoSchema>;

export const IndexProgressSchema = z.object({
  folder: z.string(),
  filesTotal: z.number().int(),
  filesDone: z.number().int(),
  chunksEmbedded: z.number().int(),
  currentFile: z.string().optional(),
  /** Chunks embedded per second in this pass so far. */
  chunksPerSecond: z.number().optional(),
  /** Estimated seconds left, from the files-per-second rate so far. */
  etaSeconds: z.number().optional(),
  /** While OCR reads the current file (an image or a scan): its pages done and in all. */
  ocrPages: z.object({ done: z.number().int(), total: z.number().int() }).optional(),
  /** Passages embedded so far of a large batch, shown for the current file (a book, a
   *  long log: the file count stands still meanwhile). */
  passages: z.object({ done: z.number().int(), total: z.number().int() }).optional(),
});
export type IndexProgress = z.infer<typeof IndexProgressSchema>;

export const ModelInfoSchema = z.object({
  name: z.string(),
  path: z.string(),
  architecture: z.string(),
  dimensions: z.number().int(),
  /** 'cpu', 'cuda', 'vulkan' or 'metal'; absent until the model is loaded. */
  backend: z.string().optional(),
  loaded: z.boolean(),
  /** The model's full vector length; `dimensions` is the Matryoshka prefix in use. */
  nativeDimensions: z.number().int().optional(),
  /** Dimensions the picker offers for this model (just the full length when the model
   *  is not trained for truncation). */
  dimensionChoices: z.array(z.number().int()).optional(),
  /** Once loaded: the GPU(s) in use, the VRAM the model and its contexts took, why it
   *  runs on the CPU if a GPU was asked for, and how many contexts decode side by side. */
  deviceNames: z.array(z.string()).optional(),
  vramUsedBytes: z.number().optional(),
  fallbackReason: z.string().optional(),
  contexts: z.number().int().optional(),
  /** Texts one decode holds: above 1 with the Sift engine build (npm run engine:build),
   *  1 with node-llama-cpp's prebuilt addon. */
  textsPerDecode: z.number().int().optional(),
  /** Which llama.cpp build runs, asked of the loaded addon: 'sift' (the Sift engine, several
   *  texts per decode) or 'prebuilt' (node-llama-cpp's own, one text per call). */
  engineBuild: z.enum(['sift', 'prebuilt']).optional(),
});
export type ModelInfo = z.infer<typeof ModelInfoSchema>;

const HighlightsSchema = z.array(z.tuple([z.number().int(), z.number().int()]));

/** One matching passage of a file: a snippet around the query's words. */
export const SearchPassageSchema = z.object({
  snippet: z.string(),
  highlights: HighlightsSchema,
  /** 1-based line of the snippet's first character in the file. */
  line: z.number().int(),
  score: z.number(),
  /** How well this passage answers the query, 0..1 (see `relevance` on the hit). */
  relevance: z.number().min(0).max(1),
});
export type SearchPassage = z.infer<typeof SearchPassageSchema>;

/** hybrid: meaning and words, fused by reciprocal rank; vector: meaning only; keyword: words only (BM25). */
export const SearchModeSchema = z.enum(['hybrid', 'vector', 'keyword']);
export type SearchMode = z.infer<typeof SearchModeSchema>;

/** One file. score, snippet, highlights and line are those of its best passage. Scores
 *  order the list and depend on the mode: cosine similarity (vector), BM25 (keyword),
 *  fused rank score (hybrid), the reranker's output (rerank); they are not comparable
 *  across queries. `relevance` is: see below. */
export const SearchHitSchema = z.object({
  path: z.string(),
  fileName: z.string(),
  folder: z.string(),
  score: z.number(),
  /** How well the file's best passage answers the query, 0..1, judged from that passage
   *  alone (its vector cosine calibrated per model, how much of the query's words it
   *  holds and how rare they are, or the reranker's probability), never scaled to the
   *  other hits. At or above RELEVANCE_CUTOFF (0.4, src/api/relevance.ts) a good match,
   *  at or above 0.7 a strong one; below the cut-off a weak one, and a query with no
   *  hit above it has no good match. */
  relevance: z.number().min(0).max(1),
  snippet: z.string(),
  /** [start, end) character ranges inside `snippet` that match the query's words. */
  highlights: HighlightsSchema,
  /** 1-based line of the passage's first character in the file. */
  line: z.number().int(),
  /** Up to 3 passages of the file, best first (the first is the one above). */
  passages: z.array(SearchPassageSchema),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

/** The desktop app's local API (Settings switch): where it listens. Never its bearer
 *  token: every transport can read this, and the token is shown only in the desktop
 *  app's Settings view, read over IPC (bridge.ts: localApiToken). */
export const LocalApiStateSchema = z.object({
  running: z.boolean(),
  url: z.string().optional(),
  error: z.string().optional(),
});
export type LocalApiStateInfo = z.infer<typeof LocalApiStateSchema>;

/** One run of the window's benchmark (the seed's table: model, VRAM, time for 100 texts,
 *  texts/s, top-1 accuracy per test set). */
export const BenchmarkRowSchema = z.object({
  at: z.string(),
  model: z.string(),
  backend: z.string(),
  dimensions: z.number().int(),
  vramUsedBytes: z.number().optional(),
  seedSeconds: z.number(),
  seedTextsPerSecond: z.number(),
  longTokensPerSecond: z.number(),
  /** Test set name -> share of queries answered by the right document first (hybrid). */
  top1: z.record(z.string(), z.number()),
});
export type BenchmarkRow = z.infer<typeof BenchmarkRowSchema>;

/** A shipped test set, for the Benchmark view to name and explain its accuracy figures. */
export const TestSetInfoSchema = z.object({
  name: z.string(),
  language: z.string(),
  description: z.string().optional(),
  queries: z.number().int(),
  documents: z.number().int(),
});
export type TestSetInfo = z.infer<typeof TestSetInfoSchema>;

/** While "Run benchmark" runs: its stage and the texts it has embedded so far, so the
 *  live charts show the run itself, not only indexing. */
export const BenchmarkProgressSchema = z.object({
  stage: z.enum(['warmup', 'seed', 'passages', 'accuracy', 'done', 'failed']),
  /** Texts embedded by this run so far (all stages). */
  textsEmbedded: z.number().int(),
  /** Test sets scored so far, of how many (stage 'accuracy'). */
  setsDone: z.number().int(),
  setsTotal: z.number().int(),
});
export type BenchmarkProgress = z.infer<typeof BenchmarkProgressSchema>;

export const StatusSchema = z.object({
  version: z.string(),
  model: ModelInfoSchema,
  folders: z.array(FolderInfoSchema),
  chunks: z.number().int(),
  /** Present where the app manages a local API server (the desktop app). */
  api: LocalApiStateSchema.optional(),
  /** Memory of the process that runs the core (RAM) and what the model took on the GPU. */
  memory: z.object({ rssBytes: z.number(), vramUsedBytes: z.number().optional() }).optional(),
  /** The reranker chosen in Settings, when one is. */
  reranker: RerankerStatusSchema.optional(),
});
export type Status = z.infer<typeof StatusSchema>;

const folderPath = z
  .string()
  .trim()
  .min(1, 'Enter the path of a folder.');

/** Every call: name -> request and response schemas. */
export const calls = {
  addFolder: {
    request: z.object({ path: folderPath }),
    response: FolderInfoSchema,
  },
  removeFolder: {
    request: z.object({ path: folderPath }),
    response: z.object({ removed: z.boolean() }),
  },
  listFolders: {
    request: z.object({}),
    response: z.array(FolderInfoSchema),
  },
  /** Stops a folder's indexing at the next file; what is committed stays searchable. */
  pauseFolder: {
    request: z.object({ path: folderPath }),
    response: FolderInfoSchema,
  },
  /** Continues a paused folder (a rescan: files already committed cost nothing). */
  resumeFolder: {
    request: z.object({ path: folderPath }),
    response: FolderInfoSchema,
  },
  /** Re-reads and re-chunks every file; vectors come from the embedding cache. */
  reindexFolder: {
    request: z.object({ path: folderPath }),
    response: FolderInfoSchema,
  },
  search: {
    request: z.object({
      query: z
        .string()
        .trim()
        .min(1, 'Type something to search for.')
        .max(MAX_QUERY_CHARS, `A query can be at most ${MAX_QUERY_CHARS} characters.`),
      limit: z.number().int().min(1).max(200).default(20),
      /** Files to skip: the next page of results is offset = hits shown so far. */
      offset: z.number().int().min(0).max(10_000).default(0),
      mode: SearchModeSchema.default('hybrid'),
      /** Only files under this folder. */
      folder: z.string().trim().min(1).optional(),
      /** Only these file types (extensions, e.g. ['md', 'pdf']). */
      fileTypes: z.array(z.string().trim().min(1).max(16)).max(32).optional(),
      /** Only files modified at or after this time (ms since the epoch). */
      modifiedAfter: z.number().optional(),
      /** Rerank the top candidates with the reranker model, where one is configured. */
      rerank: z.boolean().optional(),
    }),
    response: z.object({
      hits: z.array(SearchHitSchema),
      tookMs: z.number(),
      /** More files match than offset + hits. */
      hasMore: z.boolean().optional(),
      mode: SearchModeSchema.optional(),
    }),
  },
  status: {
    request: z.object({}),
    response: StatusSchema,
  },
  /** Runs the benchmark with the model in use and adds a row to the kept history. */
  runBenchmark: {
    request: z.object({}),
    response: BenchmarkRowSchema,
  },
  /** The kept benchmark history, newest first. */
  listBenchmarks: {
    request: z.object({}),
    response: z.array(BenchmarkRowSchema),
  },
  /** The test sets a benchmark run scores, with what each one tests. */
  listTestSets: {
    request: z.object({}),
    response: z.array(TestSetInfoSchema),
  },
  /** The person's settings (src/settings), language defaulting to the OS's. */
  getSettings: {
    request: z.object({}),
    response: SettingsSchema,
  },
  /** Changes any subset of the settings; answers with all of them. See SETTING_EFFECTS. */
  updateSettings: {
    request: SettingsPatchSchema,
    response: SettingsSchema,
  },
  /** The Models view: catalog + installed models, downloads, import (models-contract.ts). */
  ...modelCalls,
  /** The preview pane: a hit's file around its passage (preview-contract.ts). */
  ...previewCalls,
} as const;

export type CallName = keyof typeof calls;
// The zod-free list in call-names.ts must name exactly these calls.
const _sameNames: [CallName, CallNameLiteral] extends [CallNameLiteral, CallName] ? true : never = true;
void _sameNames;
export type CallRequest<N extends CallName> = z.input<(typeof calls)[N]['request']>;
export type ParsedRequest<N extends CallName> = z.output<(typeof calls)[N]['request']>;
export type CallResponse<N extends CallName> = z.output<(typeof calls)[N]['response']>;
export const callNames: readonly CallName[] = CALL_NAMES;

/** Events pushed from the core to every connected window. */
export const SiftEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), progress: IndexProgressSchema }),
  z.object({ type: z.literal('folders'), folders: z.array(FolderInfoSchema) }),
  z.object({
    type: z.literal('notice'),
    level: z.enum(['info', 'warning', 'error']),
    message: z.string(),
    /** The same in words the UI can translate (errors.ts ErrorDetail): `notice.<key>`. */
    detail: DetailSchema.optional(),
  }),
  DownloadEventSchema,
  z.object({ type: z.literal('benchmark'), benchmark: BenchmarkProgressSchema }),
]);
export type SiftEvent = z.infer<typeof SiftEventSchema>;

/** What the core offers; every transport is a thin adapter over this. */
export type SiftApi = {
  [N in CallName]: (request: CallRequest<N>) => Promise<CallResponse<N>>;
};

export interface SiftService extends SiftApi {
  onEvent(listener: (event: SiftEvent) => void): () => void;
}
