// The model manager's part of the contract (the Models view): listing what can be
// downloaded or is installed, downloads with progress events, cancel, and importing a local
// .gguf. Kept beside contract.ts, which wires these calls into the one call table.
import { z } from 'zod';
import { ModelMemorySchema } from './runtime-contract.js';

/** A core sentence as a key and parameters the UI words (errors.ts ErrorDetail). */
export interface WireDetail {
  key: string;
  params?: Record<string, string | number>;
  parts?: Record<string, WireDetail>;
}
export const DetailSchema: z.ZodType<WireDetail> = z.lazy(() =>
  z.object({
    key: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    parts: z.record(z.string(), DetailSchema).optional(),
  }),
);

export const DownloadStateSchema = z.object({
  id: z.string(),
  phase: z.enum(['queued', 'connecting', 'downloading', 'retrying', 'verifying', 'done', 'failed', 'cancelled']),
  receivedBytes: z.number(),
  totalBytes: z.number(),
  bytesPerSecond: z.number(),
  /** The reason, for 'failed'. */
  message: z.string().optional(),
  /** The same reason as a detail the UI words in its language. */
  detail: DetailSchema.optional(),
  /** While 'retrying': which retry comes next, of how many, in how long, and why. */
  retry: z
    .object({ attempt: z.number().int(), of: z.number().int(), inMs: z.number(), reason: z.string(), detail: DetailSchema })
    .optional(),
});
export type DownloadState = z.infer<typeof DownloadStateSchema>;
export type DownloadPhase = DownloadState['phase'];

export const ModelListingSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(['embedding', 'reranker']),
  /** bundled: ships with Sift; installed: on disk and verified; partial: an interrupted download. */
  status: z.enum(['bundled', 'installed', 'downloading', 'partial', 'available']),
  path: z.string().optional(),
  source: z.string().optional(),
  sizeBytes: z.number(),
  dimensions: z.number().int(),
  matryoshkaMin: z.number().int().optional(),
  contextTokens: z.number().int(),
  languages: z.array(z.string()),
  quantization: z.string(),
  /** GPU memory (or RAM without a GPU) the model needs. */
  memoryBytes: z.number(),
  license: z.string().optional(),
  summary: z.object({ en: z.string(), 'zh-CN': z.string() }).optional(),
  imported: z.boolean(),
  /** The catalog's suggestion for this machine's GPU and memory. */
  recommended: z.boolean(),
  download: DownloadStateSchema.optional(),
  /** Memory: the estimate from the file, and the figure measured once loaded. */
  memory: ModelMemorySchema.optional(),
});
/** One model as the Models view shows it; the model manager returns exactly this. */
export type ModelListing = z.infer<typeof ModelListingSchema>;
export type ModelStatus = ModelListing['status'];

const modelId = z.string().trim().min(1, 'Name a model from the catalog.');

export const modelCalls = {
  listModels: {
    request: z.object({}),
    response: z.object({
      models: z.array(ModelListingSchema),
      /** Where downloads go (<data folder>/models). */
      modelsDir: z.string(),
      /** Base URL hf: sources are fetched from: https://huggingface.co or a mirror. */
      mirror: z.string(),
    }),
  },
  downloadModel: {
    request: z.object({
      id: modelId,
      /** A mirror such as https://hf-mirror.com for this and later downloads; '' resets to huggingface.co. */
      mirror: z.string().trim().optional(),
    }),
    response: DownloadStateSchema,
  },
  cancelDownload: {
    request: z.object({ id: modelId }),
    response: z.object({ cancelled: z.boolean() }),
  },
  /** Deletes a downloaded model's file, or forgets an imported one (its file stays where
   *  the person keeps it). Not the bundled starter model, and not the model in use. */
  deleteModel: {
    request: z.object({ id: modelId }),
    response: z.object({ deleted: z.boolean() }),
  },
  importModel: {
    request: z.object({ path: z.string().trim().min(1, 'Enter the path of a .gguf file.') }),
    response: ModelListingSchema,
  },
  /** Makes an installed (or the bundled) embedding model the one in use. The index for it
   *  is built from the folders, reusing what an earlier use of that model stored. */
  activateModel: {
    request: z.object({ id: modelId }),
    response: z.object({
      id: z.string(),
      /** Chunks now in the index under this model; every folder is re-synced in the background. */
      chunks: z.number().int(),
    }),
  },
} as const;

/** Pushed while a download runs (about five times a second) and when it ends. */
export const DownloadEventSchema = z.object({ type: z.literal('download'), download: DownloadStateSchema });
