// Downloads one model file the way a person on a flaky or filtered network needs it done:
// into `<file>.partial` with a small `<file>.partial.json` beside it, resuming with an HTTP
// Range request after a cut connection or an app restart, checking free disk space before
// writing, and renaming to the final name only after the size, the GGUF header and (where
// the catalog has one) the SHA-256 check out. A file that fails verification is deleted.
//
// Why not node-llama-cpp's createModelDownloader: it delegates to ipull, which fetches with
// the global fetch, and Node's fetch ignores HTTPS_PROXY/HTTP_PROXY before Node 24; its
// resume state is ipull's own format; and it offers no place for our integrity checks.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, writeFileSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, statfs } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { basename, dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { SiftError, type CoreErrorDetail } from '../api/errors.js';
import { abortError, httpGet, type GetOptions } from './download-http.js';

export type DownloadPhase = 'connecting' | 'downloading' | 'retrying' | 'verifying';

export interface DownloadProgress {
  phase: DownloadPhase;
  receivedBytes: number;
  /** 0 until the server has said how large the file is. */
  totalBytes: number;
  /** Bytes already on disk when this run started (a resumed download). */
  resumedFromBytes: number;
  bytesPerSecond: number;
  /** While phase is 'retrying': what went wrong and when the next attempt starts. */
  retry?: RetryState;
}

/** A failed attempt, reported as it happens so a person sees "retrying 2/5 in 4 s" and
 *  why, instead of "Connecting" until every retry is spent. */
export interface RetryState {
  /** The attempt about to start again (1 = the first retry). */
  attempt: number;
  /** Retries allowed in a row without any new bytes. */
  of: number;
  inMs: number;
  /** Why the last attempt failed, in English and as a detail a UI words. */
  reason: string;
  detail: CoreErrorDetail;
}

export interface DownloadOptions extends Pick<GetOptions, 'headers' | 'env' | 'ca' | 'idleTimeoutMs' | 'connectTimeoutMs'> {
  url: string;
  /** Final path; the download lives at `${destination}.partial` until it is verified. */
  destination: string;
  /** Exact size the file must have (from the catalog), checked against the server too. */
  expectedBytes?: number;
  /** Lowercase hex SHA-256 the finished file must have. */
  sha256?: string;
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** Attempts in a row that may fail without any new bytes arriving (default 5). */
  retries?: number;
  /** First backoff delay; doubles per failed attempt, capped at 30 s (default 1 s). */
  retryDelayMs?: number;
  /** Free space to leave on the disk after the download (default 256 MB). */
  reserveBytes?: number;
  /** Minimum time between progress callbacks (default 200 ms). */
  progressIntervalMs?: number;
  /** Checks the finished file's first bytes (up to 1 KB): a problem to report, or undefined
   *  when they are what the file should hold. Default: a GGUF header. */
  checkHeader?: (head: Buffer, size: number) => string | undefined;
  /** What to try when the host stays unreachable (default: the Hugging Face mirror advice). */
  blockedHint?: string;
}

export interface DownloadResult {
  path: string;
  bytes: number;
  sha256?: string;
  resumedFromBytes: number;
}

interface PartialMeta {
  url: string;
  totalBytes: number;
  etag?: string;
  lastModified?: string;
}

const GGUF_MAGIC = Buffer.from('GGUF', 'latin1');

export const partialPath = (destination: string): string => `${destination}.partial`;
const metaPath = (destination: string): string => `${destination}.partial.json`;

/** Bytes of an unfinished download on disk (0 when there is none). */
export async function partialBytes(destination: string): Promise<number> {
  return (await stat(partialPath(destination)).catch(() => undefined))?.size ?? 0;
}

/** Deletes an unfinished download and its resume record. */
export async function discardPartial(destination: string): Promise<void> {
  await rm(partialPath(destination), { force: true });
  await rm(metaPath(destination), { force: true });
}

class RetryableError extends Error {}

export async function downloadFile(options: DownloadOptions): Promise<DownloadResult> {
  const { destination, url } = options;
  const partial = partialPath(destination);
  await mkdir(dirname(destination), { recursive: true });
  const retries = options.retries ?? 5;
  const baseDelay = options.retryDelayMs ?? 1000;

  let meta = await readMeta(destination);
  // A partial file from another URL (say, the catalog moved) cannot be continued.
  if (meta && meta.url !== url) {
    await discardPartial(destination);
    meta = undefined;
  }
  const startedWith = meta ? await partialBytes(destination) : 0;
  if (!meta) await rm(partial, { force: true });

  let failuresInARow = 0;
  for (;;) {
    throwIfAborted(options.signal);
    const offset = await partialBytes(destination);
    try {
      const done = await attempt(options, offset, meta, startedWith, (next) => (meta = next));
      if (done) break;
      failuresInARow = 0;
    } catch (error) {
      if (options.signal?.aborted) throw abortError(options.signal);
      if (!(error instanceof RetryableError) && !isNetworkError(error)) throw error;
      const gained = (await partialBytes(destination)) > offset;
      failuresInARow = gained ? 1 : failuresInARow + 1;
      const why = describeFailure(error, url);
      if (failuresInARow > retries) {
        // Say what is on disk as it is: "what has arrived is kept" when nothing arrived
        // reads as if something did.
        const kept = await partialBytes(destination);
        const keptText = kept > 0 ? `${formatBytes(kept)} arrived and is kept; start the download again to resume.` : 'Nothing arrived.';
        const keptDetail: CoreErrorDetail = kept > 0 ? { key: 'downloadKept', params: { size: formatBytes(kept) } } : { key: 'downloadNothingKept' };
        throw new SiftError(
          'download_failed',
          `Downloading ${basename(destination)} failed ${failuresInARow === 1 ? 'once' : `${failuresInARow} times in a row`}: ` +
            `${why.text}. ${keptText} ` +
            (options.blockedHint ?? 'If huggingface.co is blocked where you are, set a mirror such as https://hf-mirror.com, or a proxy in HTTPS_PROXY.'),
          {
            cause: error,
            detail: { key: 'downloadFailed', params: { file: basename(destination), times: failuresInARow }, parts: { why: why.detail, kept: keptDetail } },
          },
        );
      }
      const delay = Math.min(baseDelay * 2 ** (failuresInARow - 1), 30_000);
      const received = await partialBytes(destination);
      options.onProgress?.({
        phase: 'retrying',
        receivedBytes: received,
        totalBytes: meta?.totalBytes ?? 0,
        resumedFromBytes: startedWith,
        bytesPerSecond: 0,
        retry: { attempt: failuresInARow, of: retries, inMs: delay, reason: why.text, detail: why.detail },
      });
      await sleep(delay, undefined, { signal: options.signal }).catch(() => undefined);
    }
  }

  const totalBytes = meta!.totalBytes;
  options.onProgress?.({ phase: 'verifying', receivedBytes: totalBytes, totalBytes, resumedFromBytes: startedWith, bytesPerSecond: 0 });
  let sha256: string | undefined;
  try {
    sha256 = await verify(partial, totalBytes, options);
  } catch (error) {
    await discardPartial(destination);
    throw error;
  }
  await rename(partial, destination);
  await rm(metaPath(destination), { force: true });
  return { path: destination, bytes: totalBytes, sha256, resumedFromBytes: startedWith };
}

/** One request. Resolves true when the partial file is complete, false to go again. */
async function attempt(
  options: DownloadOptions,
  offset: number,
  meta: PartialMeta | undefined,
  startedWith: number,
  setMeta: (meta: PartialMeta) => void,
): Promise<boolean> {
  const { destination, url } = options;
  if (meta && offset === meta.totalBytes && offset > 0) return true;
  options.onProgress?.({
    phase: 'connecting',
    receivedBytes: offset,
    totalBytes: meta?.totalBytes ?? 0,
    resumedFromBytes: startedWith,
    bytesPerSecond: 0,
  });
  const headers: Record<string, string> = { ...options.headers };
  if (offset > 0) {
    headers.range = `bytes=${offset}-`;
    // Only continue if the file on the server is still the one we started on.
    const validator = meta?.etag && !meta.etag.startsWith('W/') ? meta.etag : meta?.lastModified;
    if (validator) headers['if-range'] = validator;
  }
  // Free space is read before the request: from the moment the answer arrives its body must
  // be consumed without awaiting anything, or a connection that closes early takes the
  // bytes already buffered with it.
  const freeBytes = await freeSpace(dirname(destination));
  const { response } = await httpGet(url, { ...options, headers });
  const status = response.statusCode ?? 0;

  if (status === 416 && offset > 0) {
    // The range starts past the end: the partial file is longer than the server's file.
    response.resume();
    await discardPartial(destination);
    throw new RetryableError('the partial file did not match the server; starting over');
  }
  if (status !== 200 && status !== 206) {
    response.resume();
    throw statusError(status, url, destination);
  }

  let start = 0;
  let totalBytes: number;
  if (status === 206) {
    const range = parseContentRange(response.headers['content-range']);
    if (!range || range.start !== offset) {
      response.resume();
      await discardPartial(destination);
      throw new RetryableError('the server answered with a different byte range; starting over');
    }
    start = range.start;
    totalBytes = range.total;
  } else {
    // 200: the server ignored Range or the file changed (If-Range); start from byte 0.
    totalBytes = Number(response.headers['content-length'] ?? NaN);
  }
  if (!Number.isFinite(totalBytes) || totalBytes <= 0) {
    response.resume();
    throw new SiftError('download_failed', `The server did not say how large ${basename(destination)} is, so it cannot be verified.`, {
      detail: { key: 'downloadNoSize', params: { file: basename(destination) } },
    });
  }
  if (options.expectedBytes !== undefined && totalBytes !== options.expectedBytes) {
    response.resume();
    await discardPartial(destination);
    throw new SiftError(
      'download_failed',
      `The server offers ${totalBytes} bytes for ${basename(destination)}, but the catalog expects ${options.expectedBytes}. ` +
        'The mirror may serve a different file; nothing was kept.',
      { detail: { key: 'downloadWrongSize', params: { file: basename(destination), offered: totalBytes, expected: options.expectedBytes } } },
    );
  }
  ensureSpace(dirname(destination), freeBytes, totalBytes - start, options.reserveBytes ?? 256 * 1024 * 1024, response);

  const nextMeta: PartialMeta = {
    url,
    totalBytes,
    etag: headerText(response.headers.etag),
    lastModified: headerText(response.headers['last-modified']),
  };
  writeFileSync(metaPath(destination), JSON.stringify(nextMeta));
  setMeta(nextMeta);

  await writeBody(response, options, start, totalBytes, startedWith);
  const have = await partialBytes(destination);
  if (have < totalBytes) throw new RetryableError(`the connection closed after ${have} of ${totalBytes} bytes`);
  if (have > totalBytes) {
    await discardPartial(destination);
    throw new RetryableError('the server sent more bytes than it announced; starting over');
  }
  return true;
}

async function writeBody(
  response: IncomingMessage,
  options: DownloadOptions,
  start: number,
  totalBytes: number,
  startedWith: number,
): Promise<void> {
  const partial = partialPath(options.destination);
  let received = start;
  const began = Date.now();
  let lastReport = 0;
  const interval = options.progressIntervalMs ?? 200;
  const report = (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastReport < interval) return;
    lastReport = now;
    const seconds = (now - began) / 1000;
    options.onProgress?.({
      phase: 'downloading',
      receivedBytes: received,
      totalBytes,
      resumedFromBytes: startedWith,
      bytesPerSecond: seconds > 0 ? Math.round((received - start) / seconds) : 0,
    });
  };
  // Not stream.pipeline: on a cut connection it destroys the file stream and drops writes
  // still queued, losing bytes that arrived. Here the file is always ended cleanly, so
  // everything received is on disk for the next attempt to resume from.
  const file = createWriteStream(partial, { flags: start === 0 ? 'w' : 'a' });
  await new Promise<void>((resolve, reject) => {
    let failure: Error | undefined;
    const stop = (error: Error) => {
      if (failure) return;
      failure = error;
      response.unpipe(file);
      response.destroy();
      file.end();
    };
    const onAbort = () => stop(abortError(options.signal!));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    response.on('data', (chunk: Buffer) => {
      received += chunk.length;
      report(false);
    });
    response.pipe(file);
    response.once('error', stop);
    response.once('close', () => {
      if (!response.complete) stop(Object.assign(new Error('the connection closed early'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
    });
    file.once('error', (error) => {
      failure ??= error;
      response.destroy();
    });
    file.once('close', () => {
      options.signal?.removeEventListener('abort', onAbort);
      report(true);
      if (failure) reject(failure);
      else resolve();
    });
  });
}

async function verify(path: string, totalBytes: number, options: DownloadOptions): Promise<string | undefined> {
  const name = basename(options.destination);
  const size = (await stat(path)).size;
  if (size !== totalBytes) {
    throw new SiftError('download_failed', `${name} has ${size} bytes instead of ${totalBytes}; it was deleted.`, {
      detail: { key: 'downloadSizeMismatch', params: { file: name, size, expected: totalBytes } },
    });
  }
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, 1024));
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const problem = (options.checkHeader ?? ggufHeaderProblem)(head.subarray(0, bytesRead), size);
    if (problem) throw new SiftError('download_failed', `${name} ${problem}; it was deleted.`, { detail: { key: 'downloadNotGguf', params: { file: name } } });
  } finally {
    await handle.close();
  }
  if (!options.sha256) return undefined;
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  const actual = hash.digest('hex');
  if (actual !== options.sha256.toLowerCase()) {
    throw new SiftError('download_failed', `${name} is corrupt: its SHA-256 is ${actual}, expected ${options.sha256}. It was deleted.`, {
      detail: { key: 'downloadCorrupt', params: { file: name } },
    });
  }
  return actual;
}

function ggufHeaderProblem(head: Buffer): string | undefined {
  const version = head.length >= 8 ? head.readUInt32LE(4) : 0;
  if (head.length < 8 || !head.subarray(0, 4).equals(GGUF_MAGIC) || version < 2 || version > 3) {
    return 'is not a GGUF model file (the server or mirror sent something else, perhaps an error page)';
  }
  return undefined;
}

async function freeSpace(dir: string): Promise<number> {
  const fs = await statfs(dir);
  return fs.bavail * fs.bsize;
}

function ensureSpace(dir: string, free: number, needed: number, reserve: number, response: IncomingMessage): void {
  if (free - needed < reserve) {
    response.resume();
    throw new SiftError(
      'insufficient_space',
      `Not enough disk space in ${dir}: the download needs ${formatBytes(needed)} (plus ${formatBytes(reserve)} to spare) ` +
        `but only ${formatBytes(free)} is free.`,
      { detail: { key: 'downloadNoSpace', params: { dir, needed: formatBytes(needed), reserve: formatBytes(reserve), free: formatBytes(free) } } },
    );
  }
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

export function parseContentRange(value: string | undefined): { start: number; end: number; total: number } | undefined {
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(value?.trim() ?? '');
  if (!match) return undefined;
  return { start: Number(match[1]), end: Number(match[2]), total: Number(match[3]) };
}

function statusError(status: number, url: string, destination: string): Error {
  const name = basename(destination);
  if (status === 404) {
    return new SiftError('download_failed', `${name} was not found at ${url} (HTTP 404). The mirror may not carry it.`, {
      detail: { key: 'downloadNotFound', params: { file: name, url } },
    });
  }
  if (status === 401 || status === 403) {
    return new SiftError('download_failed', `Access to ${url} was refused (HTTP ${status}). The model may need a Hugging Face login, or the network blocks it.`, {
      detail: { key: 'downloadForbidden', params: { url, status } },
    });
  }
  if (status === 407) {
    return new SiftError('download_failed', 'The proxy wants credentials (HTTP 407): put user:password in HTTPS_PROXY.', { detail: { key: 'downloadProxyAuth' } });
  }
  if (status === 429 || status >= 500) return Object.assign(new RetryableError(`the server answered HTTP ${status}`), { status });
  return new SiftError('download_failed', `The server answered HTTP ${status} for ${url}.`, { detail: { key: 'downloadHttpStatus', params: { url, status } } });
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ERR_STREAM_PREMATURE_CLOSE']);

function isNetworkError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && NETWORK_CODES.has(code);
}

/** Node's network errors in words a person can act on, in English and as a detail. */
function describeFailure(error: unknown, url: string): { text: string; detail: CoreErrorDetail } {
  const code = (error as NodeJS.ErrnoException).code;
  const host = hostOf(url);
  const status = (error as { status?: number }).status;
  if (typeof status === 'number') return { text: `the server answered HTTP ${status}`, detail: { key: 'netHttp', params: { status } } };
  switch (code) {
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ERR_STREAM_PREMATURE_CLOSE':
      return { text: 'the connection was cut', detail: { key: 'netCut' } };
    case 'ECONNREFUSED':
      return { text: `${host} refused the connection`, detail: { key: 'netRefused', params: { host } } };
    case 'ENOTFOUND':
    case 'EAI_AGAIN': {
      const name = (error as NodeJS.ErrnoException & { hostname?: string }).hostname ?? host;
      return { text: `the host name ${name} could not be resolved (no network or no DNS)`, detail: { key: 'netDns', params: { host: name } } };
    }
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return { text: 'the network is unreachable', detail: { key: 'netUnreachable' } };
    case 'ETIMEDOUT': {
      const seconds = (error as { seconds?: number }).seconds;
      if (typeof seconds === 'number') {
        return { text: `no answer from ${host} for ${seconds} s`, detail: { key: 'netStalled', params: { host, seconds } } };
      }
      return { text: `the connection to ${host} timed out`, detail: { key: 'netStalled', params: { host, seconds: '?' } } };
    }
    default:
      return { text: (error as Error).message, detail: { key: 'netOther', params: { message: (error as Error).message } } };
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

async function readMeta(destination: string): Promise<PartialMeta | undefined> {
  let text: string;
  try {
    text = await readFile(metaPath(destination), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<PartialMeta>;
    if (typeof parsed.url === 'string' && typeof parsed.totalBytes === 'number') return parsed as PartialMeta;
  } catch (error) {
    // A torn record (crash while writing it) only costs the resume: start over.
    void error;
  }
  return undefined;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}
