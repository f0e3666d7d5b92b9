// The settings facts the Settings view needs at run time (when a change takes effect, the
// default query instruction, the bounds of the number fields), free of any runtime
// dependency so the renderer can import them like call-names.ts; settings-contract.ts
// builds its zod schema from the same values.
import type { Settings } from './settings-contract.js';

/** Qwen3-Embedding's default retrieval task (the embedder's DEFAULT_QUERY_TASK). */
export const DEFAULT_QUERY_INSTRUCTION = 'Given a web search query, retrieve relevant passages that answer the query';

export const SETTING_LIMITS = {
  chunkMin: 64,
  chunkMax: 4096,
  fileMbMax: 4096,
  portMin: 1024,
  portMax: 65535,
  /** GPU memory budget bounds, MiB: below 256 not even the starter model and a context fit. */
  gpuMemoryMbMin: 256,
  gpuMemoryMbMax: 1_048_576,
  idleMinutesMax: 1440,
} as const;

/** auto: rerank where the reranker runs on a GPU (fast enough); on / off: always / never. */
export const RERANK_MODES = ['auto', 'on', 'off'] as const;

/** Minutes without a query or an indexing pass before the models give their memory back. */
export const DEFAULT_IDLE_UNLOAD_MINUTES = 10;

/** The index location and folder-mapping checks, shared by the schema and the Settings view. */
/** An absolute folder (POSIX, C:\\..., \\\\server\\share) or s3://bucket[/prefix]. */
export function isIndexLocation(text: string): boolean {
  return /^s3:\/\/[a-z0-9][a-z0-9.-]{1,62}(\/.*)?$/i.test(text) || text.startsWith('/') || /^[a-z]:[\\/]/i.test(text) || text.startsWith('\\\\');
}

/** "STORED=LOCAL" pairs separated by commas, or nothing. */
export function isRootsText(text: string): boolean {
  if (text.trim() === '') return true;
  return text.split(',').every((item) => {
    const at = item.indexOf('=');
    return at > 0 && item.slice(0, at).trim() !== '' && item.slice(at + 1).trim() !== '';
  });
}

/** When a changed setting takes effect: at once, for files (re)indexed from then on, when
 *  the models next load (Sift reloads them as soon as no work uses them), at the next
 *  start, or not yet (stored, but nothing reads it in this version). */
export type SettingEffect = 'now' | 'next-pass' | 'next-load' | 'restart' | 'not-yet';

export const SETTING_EFFECTS: Record<keyof Settings, SettingEffect> = {
  language: 'now',
  theme: 'now',
  chunkTokens: 'next-pass',
  overlapTokens: 'next-pass',
  ignorePatterns: 'now',
  maxFileMB: 'next-pass',
  queryInstruction: 'now',
  gpuBackend: 'restart',
  ocr: 'next-pass',
  ocrLanguages: 'next-pass',
  apiServer: 'now',
  apiPort: 'now',
  model: 'now',
  dimensions: 'now',
  reranker: 'now',
  rerank: 'now',
  gpuMemoryMB: 'next-load',
  idleUnloadMinutes: 'now',
  indexLocation: 'restart',
  indexRoots: 'now',
};
