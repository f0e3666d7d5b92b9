// The one contract between Sift's core and every transport (Electron IPC, loopback HTTP,
// the CLI). Each call is declared once with a zod schema for its request and response;
// adapters validate with these same schemas, so a malformed request is rejected the same
// way whichever door it came through.
import { z } from 'zod';
import { CALL_NAMES, type CallNameLiteral } from './call-names.js';

/** Longest query we accept. Anything longer is almost surely a paste accident; the
 *  embedder would cut it anyway, so we refuse with a clear message instead. */
export const MAX_QUERY_CHARS = 2000;

export const FileErrorSchema = z.object({
  path: z.string(),
  reason: z.string(),
});
export type FileError = z.infer<typeof FileErrorSchema>;

export const FolderStateSchema = z.enum(['queued', 'scanning', 'indexing', 'watching', 'error']);
export type FolderState = z.infer<typeof FolderStateSchema>;

export const FolderInfoSchema = z.object({
  path: z.string(),
  state: FolderStateSchema,
  filesTotal: z.number().int(),
  filesDone: z.number().int(),
  filesFailed: z.number().int(),
  chunks: z.number().int(),
  /** Per-file failures of the latest pass, with reasons (unreadable, too large, ...). */
  errors: z.array(FileErrorSchema),
  /** A folder-level problem (folder vanished, watcher failed). */
  message: z.string().optional(),
});
export type FolderInfo = z.infer<typeof FolderInfoSchema>;

export const IndexProgressSchema = z.object({
  folder: z.string(),
  filesTotal: z.number().int(),
  filesDone: z.number().int(),
  chunksEmbedded: z.number().int(),
  currentFile: z.string().optional(),
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
});
export type ModelInfo = z.infer<typeof ModelInfoSchema>;

export const SearchHitSchema = z.object({
  path: z.string(),
  fileName: z.string(),
  folder: z.string(),
  score: z.number(),
  snippet: z.string(),
  /** [start, end) character ranges inside `snippet` that match the query's words. */
  highlights: z.array(z.tuple([z.number().int(), z.number().int()])),
  /** 1-based line of the passage's first character in the file. */
  line: z.number().int(),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

export const StatusSchema = z.object({
  version: z.string(),
  model: ModelInfoSchema,
  folders: z.array(FolderInfoSchema),
  chunks: z.number().int(),
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
  search: {
    request: z.object({
      query: z
        .string()
        .trim()
        .min(1, 'Type something to search for.')
        .max(MAX_QUERY_CHARS, `A query can be at most ${MAX_QUERY_CHARS} characters.`),
      limit: z.number().int().min(1).max(200).default(20),
    }),
    response: z.object({
      hits: z.array(SearchHitSchema),
      tookMs: z.number(),
    }),
  },
  status: {
    request: z.object({}),
    response: StatusSchema,
  },
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
  z.object({ type: z.literal('notice'), level: z.enum(['info', 'warning', 'error']), message: z.string() }),
]);
export type SiftEvent = z.infer<typeof SiftEventSchema>;

/** What the core offers; every transport is a thin adapter over this. */
export type SiftApi = {
  [N in CallName]: (request: CallRequest<N>) => Promise<CallResponse<N>>;
};

export interface SiftService extends SiftApi {
  onEvent(listener: (event: SiftEvent) => void): () => void;
}
