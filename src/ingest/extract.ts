// File -> text. Only regular files are opened (O_NONBLOCK and O_NOFOLLOW, then fstat: a
// named pipe never blocks a pass, a device is never read). What a file is comes from its
// bytes (sniff-content.ts), its extension being a fast path: text by content is indexed
// whatever its name, binary is skipped with its format, gzip is read through under a cap.
// Plain text is decoded here (fast); PDF, Word and HTML go through the extractor pool,
// off the main thread and under a time and memory limit.
import { constants } from 'node:fs';
import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { extname } from 'node:path';
import type { IssueDetail } from '../api/file-issues.js';
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
import { fileKind, HEAVY_KINDS, ZIP_DOCUMENT_KINDS, type FileKind } from './file-types.js';
import { inflateGzip } from './inflate-gzip.js';
import { sniffContent, SNIFF_BYTES, type Sniffed } from './sniff-content.js';
import { looksLikeTroff, troffToText } from './troff-text.js';

export type { Extracted } from './extract-result.js';
export { isSupportedFile } from './file-types.js';

export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;

/** Parsing that replaces the usual one (OCR). */
export type Extractor = (kind: FileKind, bytes: Uint8Array) => Promise<Extracted>;

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
      return { ok: false, reason: 'image (OCR is off in Settings)', issue: { code: 'ocr-off' } };
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

/** A result that carries its issue (skip or failure) and the matching English reason. */
function issue(detail: IssueDetail, reason: string): Extracted {
  return { ok: false, reason, issue: detail };
}

function unreadable(error: unknown): Extracted {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOENT' ? 'file vanished' : (code ?? (error as Error).message);
  return issue({ code: 'unreadable', params: { error: why } }, `unreadable (${why})`);
}

/** What a non-regular file is, in words. */
export function specialType(info: Pick<Stats, 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice' | 'isDirectory' | 'isSymbolicLink'>): string {
  if (info.isFIFO()) return 'named pipe';
  if (info.isSocket()) return 'socket';
  if (info.isCharacterDevice()) return 'character device';
  if (info.isBlockDevice()) return 'block device';
  if (info.isDirectory()) return 'folder';
  if (info.isSymbolicLink()) return 'symbolic link';
  return 'not a regular file';
}

export function specialFile(type: string): Extracted {
  return issue({ code: 'special-file', params: { type } }, `special file (${type}), not read`);
}

const mb = (n: number) => (n / 1048576).toFixed(n < 10 * 1048576 ? 1 : 0);

function tooLarge(size: number, maxBytes: number): Extracted {
  const params = { sizeMB: mb(size), limitMB: mb(maxBytes) };
  return issue({ code: 'too-large', params }, `too large (${params.sizeMB} MB; limit ${params.limitMB} MB)`);
}

/** 'data': bytes that are not text and match no known signature. */
function binary(format: string): Extracted {
  if (format === 'data') return issue({ code: 'binary', params: {} }, 'binary file (not text)');
  return issue({ code: 'binary', params: { format } }, `binary file (${format})`);
}

// Windows has neither flag; there a pipe or device cannot sit in a folder as a file.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/** Reads, hashes and extracts one file. Never throws: failures come back with a reason. */
export async function readAndExtract(
  path: string,
  options: {
    maxBytes?: number;
    heavy?: HeavyExtractor;
    /** Replaces the usual parsing (the OCR phase reads images and scans with it). */
    extractor?: Extractor;
  } = {},
): Promise<ReadFileResult> {
  // One open, one fstat, one read for most files: each file system call is a round trip
  // through libuv's pool, and the pipeline makes these for every file it has not seen.
  let handle: FileHandle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (error) {
    // O_NOFOLLOW refuses a symbolic link (ELOOP): links are the scan's to explain.
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') return { size: 0, mtimeMs: 0, extracted: specialFile('symbolic link') };
    return { size: 0, mtimeMs: 0, extracted: unreadable(error) };
  }
  try {
    let info: Stats;
    try {
      info = await handle.stat();
    } catch (error) {
      return { size: 0, mtimeMs: 0, extracted: unreadable(error) };
    }
    const base = { size: info.size, mtimeMs: info.mtimeMs };
    if (!info.isFile()) return { ...base, extracted: specialFile(specialType(info)) };
    try {
      return { ...base, ...(await readOpened(path, handle, info.size, options)) };
    } catch (error) {
      return { ...base, extracted: unreadable(error) };
    }
  } finally {
    await handle.close().catch(() => undefined);
  }
}

async function readOpened(
  path: string,
  handle: FileHandle,
  size: number,
  options: { maxBytes?: number; heavy?: HeavyExtractor; extractor?: Extractor },
): Promise<{ hash?: string; extracted: Extracted }> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const byName = fileKind(path);
  const head = await readRange(handle, Math.min(size, SNIFF_BYTES));
  const sniffed: Sniffed = head.length === 0 ? { type: 'text' } : sniffContent(head);
  const whole = async () => (size <= head.length ? head : await readRest(handle, size, head));

  if (byName && (HEAVY_KINDS.has(byName) || byName === 'image') && byName !== 'html') {
    // A document (or an image, for OCR) by name. An OLE file under a zip-based name is an encrypted Office
    // document (Office wraps the zip in an encrypted OLE container).
    if (sniffed.type === 'ole' && ZIP_DOCUMENT_KINDS.has(byName)) {
      const format = extname(path).slice(1).toUpperCase();
      return { extracted: issue({ code: 'encrypted', params: { format } }, `encrypted or password-protected (${format})`) };
    }
    if (size > maxBytes) return { extracted: tooLarge(size, maxBytes) };
    return extractRead(path, byName, await whole(), options.heavy, options.extractor);
  }
  switch (sniffed.type) {
    case 'binary':
      return { extracted: binary(sniffed.format) };
    case 'zip':
      return { extracted: binary('zip archive') };
    case 'ole':
      return { extracted: issue({ code: 'unsupported', params: { format: 'legacy Office or other OLE file' } }, 'unsupported format (legacy Office or other OLE file)') };
    case 'pdf':
      if (size > maxBytes) return { extracted: tooLarge(size, maxBytes) };
      return extractRead(path, 'pdf', await whole(), options.heavy, options.extractor);
    case 'gzip':
      if (size > maxBytes) return { extracted: tooLarge(size, maxBytes) };
      return readGzip(path, await whole(), maxBytes, options.heavy);
    case 'text':
      if (size > maxBytes) return { extracted: tooLarge(size, maxBytes) };
      return extractRead(path, byName ?? 'text', await whole(), options.heavy, options.extractor);
  }
}

/** A gzip: inflated under the cap, then read as the file it holds (name without .gz). */
async function readGzip(path: string, bytes: Uint8Array, maxBytes: number, heavy: HeavyExtractor | undefined): Promise<{ hash: string; extracted: Extracted }> {
  const hash = contentHash(bytes);
  const inflated = await inflateGzip(bytes, maxBytes);
  if (!inflated.ok) {
    if (inflated.why === 'too-large') {
      const limitMB = mb(maxBytes);
      return { hash, extracted: issue({ code: 'too-large-inflated', params: { limitMB } }, `too large when decompressed (over ${limitMB} MB)`) };
    }
    if (inflated.why === 'corrupt') {
      return { hash, extracted: issue({ code: 'parse-error', params: { format: 'gzip', detail: inflated.detail } }, `could not be parsed (gzip: ${inflated.detail})`) };
    }
    const inner = inflated.sniffed;
    const format = inner.type === 'binary' ? inner.format : inner.type === 'ole' ? 'OLE file' : inner.type;
    return { hash, extracted: binary(`${format === 'data' ? 'binary data' : format}, gzip-compressed`) };
  }
  const innerName = path.replace(/\.gz$/i, '');
  if (inflated.sniffed.type === 'pdf') return { ...(await extractRead(innerName, 'pdf', inflated.bytes, heavy)), hash };
  const innerKind = fileKind(innerName);
  // Text kinds keep their name's reading (foo.html.gz is HTML); anything else is text.
  const kind = innerKind && (!HEAVY_KINDS.has(innerKind) || innerKind === 'html') ? innerKind : 'text';
  const result = await extractRead(innerName, kind, inflated.bytes, heavy);
  return { ...result, hash };
}

/** The first `length` bytes. */
async function readRange(handle: FileHandle, length: number): Promise<Buffer> {
  const bytes = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(bytes, filled, length - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === length ? bytes : bytes.subarray(0, filled);
}

/** The file's bytes as of its fstat size, the head already read (a file still growing is
 *  read again when the watcher reports the change). */
async function readRest(handle: FileHandle, size: number, head: Buffer): Promise<Uint8Array> {
  const bytes = Buffer.allocUnsafe(size);
  head.copy(bytes);
  let filled = head.length;
  while (filled < size) {
    const { bytesRead } = await handle.read(bytes, filled, size - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === size ? bytes : bytes.subarray(0, filled);
}

async function extractRead(
  path: string,
  kind: FileKind,
  bytes: Uint8Array,
  heavy: HeavyExtractor | undefined,
  extractor?: Extractor,
): Promise<{ hash: string; extracted: Extracted }> {
  const hash = contentHash(bytes);
  let extracted: Extracted;
  try {
    if (extractor) extracted = await extractor(kind, bytes);
    else extracted = HEAVY_KINDS.has(kind) && heavy ? await heavy.extract(kind, bytes) : await extractFromBytes(kind, bytes);
  } catch (error) {
    const detail = (error as Error).message;
    extracted = issue({ code: 'parse-error', params: { detail } }, `could not be parsed (${detail})`);
  }
  if (extracted.ok && kind === 'text' && looksLikeTroff(extracted.text)) extracted = { ...extracted, text: troffToText(extracted.text) };
  if (extracted.ok && extracted.text.trim().length === 0) {
    extracted = HEAVY_KINDS.has(kind) && kind !== 'html'
      ? issue({ code: 'no-text' }, 'no text found')
      : issue({ code: 'empty' }, 'no text (empty file)');
  }
  return { hash, extracted };
}
