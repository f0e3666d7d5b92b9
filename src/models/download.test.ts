// The downloader against real loopback servers serving a real (tiny, generated) GGUF:
// redirects, progress, a connection cut mid-file, an app restart mid-download, cancel,
// a full disk, corrupt and wrong files, proxies and a mirror.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SiftError } from '../api/errors.js';
import { makeTempDir } from '../test-support/fixture-folder.js';
import { refusingUrl, startFileHost, startProxy, TEST_TLS, type FileHost } from '../test-support/model-server.js';
import { discardPartial, downloadFile, formatBytes, parseContentRange, partialPath, type DownloadProgress } from './download.js';
import { resolveSourceUrl } from './download-source.js';
import { writeTinyQwen3Gguf } from '../test-support/tiny-qwen3.js';

const FILE = 'Tiny-Embedding-Q8_0.gguf';
const SOURCE = `hf:sift-test/Tiny-Embedding-GGUF/${FILE}`;

let gguf: Buffer;
let sha256: string;
let host: FileHost;
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let n = 0;
const dest = () => join(temp.path, `run-${++n}`, FILE);
const quiet = { retryDelayMs: 5, env: {} as NodeJS.ProcessEnv };

async function failure(promise: Promise<unknown>): Promise<SiftError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SiftError);
  return error as SiftError;
}

beforeAll(async () => {
  temp = await makeTempDir('sift-download-');
  const path = join(temp.path, 'source.gguf');
  writeTinyQwen3Gguf(path);
  gguf = await readFile(path);
  sha256 = createHash('sha256').update(gguf).digest('hex');
  host = await startFileHost();
  host.serve(FILE, gguf);
  host.serve('not-a-model.gguf', Buffer.from('<html><body>Please log in</body></html>'.repeat(10)));
});

afterAll(async () => {
  await host.close();
  await temp.remove();
});

afterEach(() => {
  host.cutNext(0, 0);
  host.failNext(0, 0);
  host.stallNext(0);
  host.ignoreRangeNext(0);
  host.requests.length = 0;
});

describe('downloadFile', () => {
  it('resolves an hf: URI on a mirror, follows the redirect, reports progress and verifies', async () => {
    const url = resolveSourceUrl(SOURCE, host.url);
    expect(url).toBe(`${host.url}/sift-test/Tiny-Embedding-GGUF/resolve/main/${FILE}`);
    const progress: DownloadProgress[] = [];
    const target = dest();
    const result = await downloadFile({ ...quiet, url, destination: target, sha256, expectedBytes: gguf.length, onProgress: (p) => progress.push(p), progressIntervalMs: 0 });
    expect(result).toMatchObject({ path: target, bytes: gguf.length, sha256, resumedFromBytes: 0 });
    expect((await readFile(target)).equals(gguf)).toBe(true);
    expect(existsSync(partialPath(target))).toBe(false);
    expect(existsSync(`${target}.partial.json`)).toBe(false);
    expect(host.requests.map((r) => r.url)).toEqual([`/sift-test/Tiny-Embedding-GGUF/resolve/main/${FILE}`, `/cdn/${FILE}`]);
    expect(progress[0]!.phase).toBe('connecting');
    expect(progress.at(-1)).toMatchObject({ phase: 'verifying', receivedBytes: gguf.length, totalBytes: gguf.length });
    const received = progress.filter((p) => p.phase === 'downloading').map((p) => p.receivedBytes);
    expect(received.length).toBeGreaterThan(0);
    expect([...received].sort((a, b) => a - b)).toEqual(received);
    expect(received.at(-1)).toBe(gguf.length);
  });

  it('resumes with a Range request after the connection is cut mid-file', async () => {
    host.cutNext(1, 40_000);
    const target = dest();
    const result = await downloadFile({ ...quiet, url: `${host.url}/cdn/${FILE}`, destination: target, sha256 });
    expect((await readFile(target)).equals(gguf)).toBe(true);
    expect(result.resumedFromBytes).toBe(0);
    expect(host.requests).toHaveLength(2);
    expect(host.requests[0]!.range).toBeUndefined();
    expect(host.requests[1]!.range).toBe('bytes=40000-');
    expect(host.requests[1]!.ifRange).toMatch(/^"[0-9a-f]{16}"$/);
  });

  it('keeps what arrived when it gives up, and resumes from there on the next start', async () => {
    host.cutNext(100, 30_000);
    const target = dest();
    const url = `${host.url}/cdn/${FILE}`;
    // Attempts that bring new bytes do not count against the retries; with none left, the
    // first cut ends the run.
    const error = await failure(downloadFile({ ...quiet, url, destination: target, retries: 0 }));
    expect(error.code).toBe('download_failed');
    expect(error.message).toMatch(/failed once: the connection was cut.*30\.0 KB arrived and is kept.*resume/s);
    expect(error.detail).toMatchObject({ key: 'downloadFailed', parts: { why: { key: 'netCut' }, kept: { key: 'downloadKept', params: { size: '30.0 KB' } } } });
    expect((await stat(partialPath(target))).size).toBe(30_000);
    expect(existsSync(target)).toBe(false);

    host.cutNext(0, 0);
    host.requests.length = 0;
    const result = await downloadFile({ ...quiet, url, destination: target, sha256 });
    expect(result.resumedFromBytes).toBe(30_000);
    expect(host.requests.map((r) => r.range)).toEqual(['bytes=30000-']);
    expect((await readFile(target)).equals(gguf)).toBe(true);
  });

  it('starts over when the server ignores the Range header', async () => {
    const target = dest();
    const url = `${host.url}/cdn/${FILE}`;
    host.cutNext(1, 25_000);
    host.ignoreRangeNext(1);
    await downloadFile({ ...quiet, url, destination: target, sha256 });
    expect(host.requests.map((r) => r.range)).toEqual([undefined, 'bytes=25000-']);
    expect((await readFile(target)).equals(gguf)).toBe(true);
  });

  it('cancels through an AbortSignal and keeps the partial file for a later resume', async () => {
    host.throttle(8192, 20);
    try {
      const target = dest();
      const controller = new AbortController();
      const promise = downloadFile({
        ...quiet,
        url: `${host.url}/cdn/${FILE}`,
        destination: target,
        signal: controller.signal,
        progressIntervalMs: 0,
        onProgress: (p) => {
          if (p.receivedBytes >= 16_384) controller.abort();
        },
      });
      const error = await failure(promise);
      expect(error.code).toBe('cancelled');
      const kept = (await stat(partialPath(target))).size;
      expect(kept).toBeGreaterThan(0);
      expect(kept).toBeLessThan(gguf.length);
      await discardPartial(target);
      expect(existsSync(partialPath(target))).toBe(false);
      expect(existsSync(`${target}.partial.json`)).toBe(false);
    } finally {
      host.throttle(1 << 30, 0);
    }
  });

  it('refuses to start when the disk is too full, before writing anything', async () => {
    const target = dest();
    const error = await failure(downloadFile({ ...quiet, url: `${host.url}/cdn/${FILE}`, destination: target, reserveBytes: 1e18 }));
    expect(error.code).toBe('insufficient_space');
    expect(error.message).toMatch(/Not enough disk space .* needs \d+(\.\d)? KB .* free/);
    expect(existsSync(partialPath(target))).toBe(false);
  });

  it('deletes a file whose SHA-256 does not match', async () => {
    const target = dest();
    const error = await failure(downloadFile({ ...quiet, url: `${host.url}/cdn/${FILE}`, destination: target, sha256: '0'.repeat(64) }));
    expect(error.code).toBe('download_failed');
    expect(error.message).toContain(`its SHA-256 is ${sha256}`);
    expect(existsSync(target)).toBe(false);
    expect(existsSync(partialPath(target))).toBe(false);
  });

  it('deletes a resumed file whose first part was corrupted on disk', async () => {
    const target = dest();
    const url = `${host.url}/cdn/${FILE}`;
    host.cutNext(1, 20_000);
    await failure(downloadFile({ ...quiet, url, destination: target, retries: 0 }));
    const partial = await readFile(partialPath(target));
    partial[10_000] = partial[10_000]! ^ 0xff;
    await writeFile(partialPath(target), partial);
    const error = await failure(downloadFile({ ...quiet, url, destination: target, sha256 }));
    expect(error.message).toMatch(/corrupt/);
    expect(existsSync(partialPath(target))).toBe(false);
  });

  it('refuses a size that differs from the catalog and a file that is not GGUF', async () => {
    const wrongSize = await failure(downloadFile({ ...quiet, url: `${host.url}/cdn/${FILE}`, destination: dest(), expectedBytes: gguf.length + 1 }));
    expect(wrongSize.message).toMatch(/offers \d+ bytes .* catalog expects/);
    const target = dest();
    const notGguf = await failure(downloadFile({ ...quiet, url: `${host.url}/cdn/not-a-model.gguf`, destination: target }));
    expect(notGguf.message).toMatch(/not a GGUF model file/);
    expect(existsSync(target)).toBe(false);
  });

  it('reports a missing file at once, without retrying', async () => {
    const error = await failure(downloadFile({ ...quiet, url: resolveSourceUrl('hf:nobody/none/missing.gguf', host.url), destination: dest() }));
    expect(error.message).toMatch(/not found .*HTTP 404.*mirror/);
    expect(error.detail).toMatchObject({ key: 'downloadNotFound', params: { file: FILE } });
    expect(host.requests).toHaveLength(1);
  });

  // What a person sees offline: each failed attempt is reported as it happens, with the
  // retry count and the wait, and the final message does not claim that anything arrived.
  it('reports a refused connection within a second, with the retry state, and says nothing arrived', async () => {
    const url = `${await refusingUrl()}/cdn/${FILE}`;
    const progress: DownloadProgress[] = [];
    const began = Date.now();
    let firstRetryAt = 0;
    const error = await failure(
      downloadFile({
        ...quiet,
        retryDelayMs: 50,
        retries: 3,
        url,
        destination: dest(),
        onProgress: (p) => {
          if (p.phase === 'retrying' && !firstRetryAt) firstRetryAt = Date.now();
          progress.push(p);
        },
      }),
    );
    expect(firstRetryAt - began).toBeLessThan(1000);
    const retries = progress.filter((p) => p.phase === 'retrying').map((p) => p.retry!);
    expect(retries.map((r) => [r.attempt, r.of, r.inMs])).toEqual([
      [1, 3, 50],
      [2, 3, 100],
      [3, 3, 200],
    ]);
    expect(retries[0]!.detail).toMatchObject({ key: 'netRefused' });
    expect(retries[0]!.reason).toMatch(/refused the connection/);
    expect(error.message).toMatch(/failed 4 times in a row: .*refused the connection\. Nothing arrived\./);
    expect(error.message).not.toMatch(/kept/);
    expect(error.detail).toMatchObject({ key: 'downloadFailed', params: { times: 4 }, parts: { why: { key: 'netRefused' }, kept: { key: 'downloadNothingKept' } } });
  });

  it('gives up on a host that accepts but never answers after the connect timeout, not the 30 s idle one', async () => {
    host.stallNext(100);
    const progress: DownloadProgress[] = [];
    const began = Date.now();
    const error = await failure(
      downloadFile({ ...quiet, retries: 1, connectTimeoutMs: 300, url: `${host.url}/cdn/${FILE}`, destination: dest(), onProgress: (p) => progress.push(p) }),
    );
    expect(Date.now() - began).toBeLessThan(5000);
    expect(progress.find((p) => p.phase === 'retrying')?.retry?.detail).toMatchObject({ key: 'netStalled' });
    expect(error.message).toMatch(/no answer from 127\.0\.0\.1:\d+ for 0 s.*Nothing arrived/s);
  });

  it('retries a 503 with the status as the reason, then downloads when the server recovers', async () => {
    host.failNext(2, 503);
    const progress: DownloadProgress[] = [];
    const target = dest();
    const result = await downloadFile({ ...quiet, url: `${host.url}/cdn/${FILE}`, destination: target, sha256, onProgress: (p) => progress.push(p) });
    expect(result.bytes).toBe(gguf.length);
    const retries = progress.filter((p) => p.phase === 'retrying').map((p) => p.retry!);
    expect(retries.map((r) => [r.attempt, r.detail.key, r.detail.params?.status])).toEqual([
      [1, 'netHttp', 503],
      [2, 'netHttp', 503],
    ]);
  });

  it('goes through HTTP_PROXY for http URLs and honours NO_PROXY', async () => {
    const proxy = await startProxy();
    try {
      const url = `${host.url}/cdn/${FILE}`;
      await downloadFile({ ...quiet, url, destination: dest(), sha256, env: { HTTP_PROXY: proxy.url } });
      expect(proxy.log).toEqual([`GET ${url}`]);
      await downloadFile({ ...quiet, url, destination: dest(), sha256, env: { HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' } });
      expect(proxy.log).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it('tunnels https through HTTPS_PROXY with CONNECT', async () => {
    const secure = await startFileHost({ https: true });
    const proxy = await startProxy();
    try {
      secure.serve(FILE, gguf);
      const port = new URL(secure.url).port;
      const target = dest();
      await downloadFile({
        ...quiet,
        url: resolveSourceUrl(SOURCE, secure.url),
        destination: target,
        sha256,
        ca: TEST_TLS.cert,
        env: { https_proxy: proxy.url.replace('http://', '') },
      });
      expect((await readFile(target)).equals(gguf)).toBe(true);
      // One tunnel per request: the /resolve/ redirect and the CDN fetch.
      expect(proxy.log).toEqual([`CONNECT 127.0.0.1:${port}`, `CONNECT 127.0.0.1:${port}`]);
    } finally {
      await proxy.close();
      await secure.close();
    }
  });
});

describe('download helpers', () => {
  it.each([
    ['bytes 0-99/100', { start: 0, end: 99, total: 100 }],
    ['bytes 40000-213999/214000', { start: 40000, end: 213999, total: 214000 }],
    ['bytes */100', undefined],
    [undefined, undefined],
  ])('parseContentRange(%s)', (header, expected) => {
    expect(parseContentRange(header)).toEqual(expected);
  });

  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [639_000_000, '639 MB'],
    [4_680_000_000, '4.7 GB'],
  ])('formatBytes(%d) = %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
