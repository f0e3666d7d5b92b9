// File -> text. Plain-text kinds are decoded here (fast); PDF, Word and HTML go through
// the extractor pool, off the main thread and under a time limit.
import { createHash } from 'node:crypto';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { extname } from 'node:path';
import { decodeText } from './decode-text.js';
import { extractDocx } from './extract-docx.js';
import { extractEpub } from './extract-epub.js';
import { htmlToText } from './extract-html.js';
import { extractOdf } from './extract-odf.js';
import { extractPdf } from './extract-pdf.js';
import { extractPptx } from './extract-pptx.js';
import type { Extracted } from './extract-result.js';
import { extractRtf } from './extract-rtf.js';
import { extractXlsx } from './extract-xlsx.js';
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
    case 'image':
      // Reached only with OCR off: with it on, the pass hands images to OCR (src/ingest/ocr).
      return { ok: false, reason: 'image (OCR is off in Settings)' };
    case 'epub':
      return extractEpub(bytes);
    case 'odf':
      return extractOdf(bytes);
    case 'pptx':
      return extractPptx(bytes);
    case 'xlsx':
      return extractXlsx(bytes);
    case 'rtf':
      return extractRtf(bytes);
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
  options: {
    maxBytes?: number;
    heavy?: HeavyExtractor;
    /** Replaces the usual parsing (the OCR phase reads images and scans with it). */
    extractor?: (kind: FileKind, bytes: Uint8Array) => Promise<Extracted>;
  } = {},
): Promise<ReadFileResult> {
  const kind = fileKind(path);
  if (!kind) {
    // Never opened: only its size and date are recorded (a watcher may name a pipe or a device).
    try {
      const { size, mtimeMs } = await stat(path);
      return { size, mtimeMs, extracted: { ok: false, reason: `unsupported file type (${extname(path) || 'no extension'})` } };
    } catch (error) {
      return { size: 0, mtimeMs: 0, extracted: unreadable(error) };
    }
  }
  // One open, one fstat, one read: each file system call is a round trip through libuv's
  // pool, and the indexing pipeline makes these for every file it has not seen.
  let handle: FileHandle;
  let info;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    return { size: 0, mtimeMs: 0, extracted: unreadable(error) };
  }
  try {
    try {
      info = await handle.stat();
    } catch (error) {
      return { size: 0, mtimeMs: 0, extracted: unreadable(error) };
    }
    const base = { size: info.size, mtimeMs: info.mtimeMs };
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
    if (info.size > maxBytes) {
      const mb = (n: number) => (n / 1048576).toFixed(n < 10 * 1048576 ? 1 : 0);
      return { ...base, extracted: { ok: false, reason: `too large (${mb(info.size)} MB; limit ${mb(maxBytes)} MB)` } };
    }
    let bytes: Uint8Array;
    try {
      bytes = await readAll(handle, info.size);
    } catch (error) {
      return { ...base, extracted: unreadable(error) };
    }
    return { ...base, ...(await extractRead(kind, bytes, options.heavy, options.extractor)) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** The file's bytes as of its fstat size (a file still growing is read again when the
 *  watcher reports the change). */
async function readAll(handle: FileHandle, size: number): Promise<Uint8Array> {
  const bytes = Buffer.allocUnsafe(size);
  let filled = 0;
  while (filled < size) {
    const { bytesRead } = await handle.read(bytes, filled, size - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === size ? bytes : bytes.subarray(0, filled);
}

async function extractRead(
  kind: FileKind,
  bytes: Uint8Array,
  heavy: HeavyExtractor | undefined,
  extractor: ((kind: FileKind, bytes: Uint8Array) => Promise<Extracted>) | undefined,
): Promise<{ hash: string; extracted: Extracted }> {
  const hash = contentHash(bytes);
  let extracted: Extracted;
  try {
    if (extractor) extracted = await extractor(kind, bytes);
    else extracted = HEAVY_KINDS.has(kind) && heavy ? await heavy.extract(kind, bytes) : await extractFromBytes(kind, bytes);
  } catch (error) {
    extracted = { ok: false, reason: `could not be parsed (${(error as Error).message})` };
  }
  if (extracted.ok && extracted.text.trim().length === 0) extracted = { ok: false, reason: 'no text (empty file)' };
  return { hash, extracted };
}
