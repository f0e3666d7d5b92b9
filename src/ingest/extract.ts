// File -> text. Plain-text kinds are decoded here (fast); PDF, Word and HTML go through
// the extractor pool, off the main thread and under a time limit.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { decodeText } from './decode-text.js';
import { extractDocx } from './extract-docx.js';
import { htmlToText } from './extract-html.js';
import { extractPdf } from './extract-pdf.js';
import type { Extracted } from './extract-result.js';
import { fileKind, HEAVY_KINDS, type FileKind } from './file-types.js';

export type { Extracted } from './extract-result.js';
export { isSupportedFile } from './file-types.js';

export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;

/** Runs heavy extraction somewhere (a worker pool in production). */
export interface HeavyExtractor {
  extract(kind: FileKind, bytes: Uint8Array): Promise<Extracted>;
}

/** The parsing itself, for any kind; the worker calls this too. */
export async function extractFromBytes(kind: FileKind, bytes: Uint8Array): Promise<Extracted> {
  switch (kind) {
    case 'pdf':
      return extractPdf(bytes);
    case 'docx':
      return extractDocx(bytes);
    case 'html': {
      const decoded = decodeText(bytes);
      return decoded.ok ? { ...decoded, text: htmlToText(decoded.text) } : decoded;
    }
    default:
      return decodeText(bytes);
  }
}

export function contentHash(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex').slice(0, 32);
}

export interface ReadFileResult {
  size: number;
  mtimeMs: number;
  hash?: string;
  extracted: Extracted;
}

function unreadable(error: unknown): Extracted {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return { ok: false, reason: 'unreadable (permission denied)' };
  if (code === 'ENOENT') return { ok: false, reason: 'unreadable (file vanished)' };
  return { ok: false, reason: `unreadable (${code ?? (error as Error).message})` };
}

/** Reads, hashes and extracts one file. Never throws: failures come back with a reason. */
export async function readAndExtract(
  path: string,
  options: { maxBytes?: number; heavy?: HeavyExtractor } = {},
): Promise<ReadFileResult> {
  const kind = fileKind(path);
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    return { size: 0, mtimeMs: 0, extracted: unreadable(error) };
  }
  const base = { size: info.size, mtimeMs: info.mtimeMs };
  if (!kind) return { ...base, extracted: { ok: false, reason: `unsupported file type (${extname(path) || 'no extension'})` } };
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (info.size > maxBytes) {
    const mb = (n: number) => (n / 1048576).toFixed(n < 10 * 1048576 ? 1 : 0);
    return { ...base, extracted: { ok: false, reason: `too large (${mb(info.size)} MB; limit ${mb(maxBytes)} MB)` } };
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return { ...base, extracted: unreadable(error) };
  }
  const hash = contentHash(bytes);
  let extracted: Extracted;
  try {
    extracted = HEAVY_KINDS.has(kind) && options.heavy ? await options.heavy.extract(kind, bytes) : await extractFromBytes(kind, bytes);
  } catch (error) {
    extracted = { ok: false, reason: `could not be parsed (${(error as Error).message})` };
  }
  if (extracted.ok && extracted.text.trim().length === 0) extracted = { ok: false, reason: 'no text (empty file)' };
  return { ...base, hash, extracted };
}
