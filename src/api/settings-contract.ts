// The settings part of the contract: one zod schema shared by the settings file
// (src/settings), getSettings/updateSettings and the Settings view. Pure zod (no Node
// imports), kept beside contract.ts like models-contract.ts.
import { z } from 'zod';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export const THEMES = ['system', 'light', 'dark'] as const;
export const GPU_BACKENDS = ['auto', 'cuda', 'vulkan', 'metal', 'cpu'] as const;
/** Languages OCR can read (Tesseract's language codes); their data is downloaded on first need. */
export const OCR_LANGUAGES = ['eng', 'chi_sim'] as const;
export type OcrLanguage = (typeof OCR_LANGUAGES)[number];

import { DEFAULT_IDLE_UNLOAD_MINUTES, DEFAULT_QUERY_INSTRUCTION, isIndexLocation, isRootsText, RERANK_MODES, SETTING_LIMITS } from './setting-effects.js';

export {
  DEFAULT_IDLE_UNLOAD_MINUTES,
  DEFAULT_QUERY_INSTRUCTION,
  RERANK_MODES,
  SETTING_EFFECTS,
  SETTING_LIMITS,
  type SettingEffect,
} from './setting-effects.js';

export const CHUNK_TOKENS_MIN = SETTING_LIMITS.chunkMin;
export const CHUNK_TOKENS_MAX = SETTING_LIMITS.chunkMax;
export const MAX_FILE_MB_MAX = SETTING_LIMITS.fileMbMax;
export const MAX_IGNORE_PATTERNS = 200;

const ignorePattern = z
  .string()
  .trim()
  .min(1, 'An ignore rule cannot be empty.')
  .max(300, 'An ignore rule can be at most 300 characters.');

const fields = {
  language: z.enum(LANGUAGES),
  theme: z.enum(THEMES),
  /** Longest chunk, in the model's tokens (the model's context caps it further). */
  chunkTokens: z.number().int().min(CHUNK_TOKENS_MIN).max(CHUNK_TOKENS_MAX),
  /** Tokens a chunk repeats from the end of the previous one. */
  overlapTokens: z.number().int().min(0).max(CHUNK_TOKENS_MAX / 2),
  /** Extra gitignore-style rules for every folder, on top of its .gitignore files. */
  ignorePatterns: z.array(ignorePattern).max(MAX_IGNORE_PATTERNS),
  /** Files larger than this are listed as too large, not read. */
  maxFileMB: z.number().min(1).max(MAX_FILE_MB_MAX),
  /** The task in Qwen3-Embedding's query instruction; models without one ignore it. */
  queryInstruction: z.string().trim().min(1, 'The query instruction cannot be empty.').max(1000),
  gpuBackend: z.enum(GPU_BACKENDS),
  /** Read the text in images and in scanned PDF pages (OCR), after the other files of a pass. */
  ocr: z.boolean(),
  /** The languages OCR reads, one or both; each is a download of a few MB on first need. */
  ocrLanguages: z
    .array(z.enum(OCR_LANGUAGES))
    .min(1, 'Choose at least one OCR language.')
    .max(OCR_LANGUAGES.length)
    .refine((list) => new Set(list).size === list.length, 'An OCR language is listed twice.'),
  /** The OpenAI-compatible local API (/v1/embeddings) on loopback. */
  apiServer: z.boolean(),
  apiPort: z.number().int().min(SETTING_LIMITS.portMin).max(SETTING_LIMITS.portMax),
  /** The embedding model file in use; null: the bundled starter model. Set by activateModel. */
  model: z.string().min(1).nullable(),
  /** Matryoshka dimension: vectors keep their first d values; null: the model's full length. */
  dimensions: z.number().int().min(32).max(16384).nullable(),
  /** The GGUF reranker (Qwen3-Reranker) that reorders the top candidates; null: none. */
  reranker: z.string().min(1).nullable(),
  /** When search reranks (with a reranker chosen): auto = where it runs on a GPU. */
  rerank: z.enum(RERANK_MODES),
  /** GPU memory Sift's models and contexts may take, in MiB; null: automatic (what is
   *  free at load minus room for the desktop, see src/embedder/memory-budget.ts). */
  gpuMemoryMB: z.number().int().min(SETTING_LIMITS.gpuMemoryMbMin).max(SETTING_LIMITS.gpuMemoryMbMax).nullable(),
  /** Minutes without use after which the embedder and reranker free their memory; null: never. */
  idleUnloadMinutes: z.number().int().min(1).max(SETTING_LIMITS.idleMinutesMax).nullable(),
  /** Where the index lives: null: <data folder>/index; an absolute folder, or s3://bucket/prefix
   *  for an index shared with other machines (keys from the AWS_* environment). */
  indexLocation: z
    .string()
    .trim()
    .max(1000)
    .refine(isIndexLocation, 'Give an absolute folder or s3://bucket/prefix.')
    .nullable(),
  /** For a shared index written on another machine: STORED=LOCAL folder pairs, comma-separated. */
  indexRoots: z.string().trim().max(4000).refine(isRootsText, 'Write STORED=LOCAL pairs separated by commas, e.g. /srv/share=/Volumes/share.'),
};

/** A whole settings object; defaults come from defaultSettings() (the language needs the OS). */
export const SettingsSchema = z.object(fields).refine((s) => s.overlapTokens === 0 || s.overlapTokens * 2 < s.chunkTokens, {
  message: 'The overlap must be less than half the chunk size.',
  path: ['overlapTokens'],
});
export type Settings = z.infer<typeof SettingsSchema>;
export type Language = Settings['language'];
export type Theme = Settings['theme'];
export type GpuBackend = Settings['gpuBackend'];
export type RerankMode = Settings['rerank'];

/** updateSettings takes any subset of the fields; the merged result must pass SettingsSchema. */
export const SettingsPatchSchema = z.object(fields).partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export function defaultSettings(language: Language): Settings {
  return {
    language,
    theme: 'system',
    chunkTokens: 256,
    overlapTokens: 0,
    ignorePatterns: [],
    maxFileMB: 50,
    queryInstruction: DEFAULT_QUERY_INSTRUCTION,
    gpuBackend: 'auto',
    ocr: true,
    // Chinese data only where the person reads Chinese: both languages at once are slower.
    ocrLanguages: language === 'zh-CN' ? ['chi_sim', 'eng'] : ['eng'],
    apiServer: false,
    apiPort: 8765,
    model: null,
    dimensions: null,
    reranker: null,
    rerank: 'auto',
    gpuMemoryMB: null,
    idleUnloadMinutes: DEFAULT_IDLE_UNLOAD_MINUTES,
    indexLocation: null,
    indexRoots: '',
  };
}

/** A BCP 47 tag or POSIX locale (zh_CN.UTF-8) -> a supported language. */
export function languageFor(tag: string | undefined): Language {
  return tag?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

