// The model manager end to end against a loopback "mirror" serving a generated GGUF:
// listing, a download with progress events, an interruption and resume after a restart,
// cancel, and importing local files.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SiftError } from '../api/errors.js';
import { eventually, makeTempDir } from '../test-support/fixture-folder.js';
import { startFileHost, type FileHost } from '../test-support/model-server.js';
import { CATALOG, type CatalogEntry } from './catalog.js';
import { partialPath } from './download.js';
import { meta, writeGguf } from '../test-support/gguf-writer.js';
import { ModelManager, type DownloadState } from './model-manager.js';
import { generateTinyQwen3Weights, tinyQwen3GgufSpec, writeTinyQwen3Gguf } from '../test-support/tiny-qwen3.js';

let host: FileHost;
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let gguf: Buffer;
let tiny: CatalogEntry;
let runs = 0;

function manager(extra: Partial<ConstructorParameters<typeof ModelManager>[0]> = {}, events: DownloadState[] = []) {
  return new ModelManager({
    modelsDir: join(temp.path, `data-${runs}`, 'models'),
    catalog: [CATALOG[0]!, tiny],
    mirror: host.url,
    env: {},
    onDownload: (state) => events.push(state),
    hardware: async () => ({ ramBytes: 16e9 }),
    downloadOptions: { retryDelayMs: 5, progressIntervalMs: 0 },
    ...extra,
  });
}

beforeAll(async () => {
  temp = await makeTempDir('sift-models-');
  const source = join(temp.path, 'tiny.gguf');
  writeTinyQwen3Gguf(source);
  gguf = await readFile(source);
  host = await startFileHost();
  host.serve('Tiny-Qwen3-Embedding-F16.gguf', gguf);
  tiny = {
    id: 'tiny-qwen3-embedding',
    name: 'Tiny Qwen3 Embedding',
    role: 'embedding',
    source: 'hf:sift-test/Tiny-Qwen3-Embedding-GGUF/Tiny-Qwen3-Embedding-F16.gguf',
    fileName: 'Tiny-Qwen3-Embedding-F16.gguf',
    sizeBytes: gguf.length,
    exact: { bytes: gguf.length, sha256: createHash('sha256').update(gguf).digest('hex') },
    dimensions: 64,
    contextTokens: 512,
    languages: ['en'],
    quantization: 'F16',
    memoryBytes: 1e6,
    license: 'MIT',
    summary: { en: 'test', 'zh-CN': '测试' },
  };
});

afterEach(() => {
  runs++;
  host.cutNext(0, 0);
  host.throttle(1 << 30, 0);
  host.requests.length = 0;
});

afterAll(async () => {
  await host.close();
  await temp.remove();
});

describe('ModelManager', () => {
  it('lists the catalog, downloads from the mirror with progress events, then lists the model as installed', async () => {
    const events: DownloadState[] = [];
    const models = manager({}, events);
    const before = await models.list();
    expect(before.map((m) => [m.id, m.status])).toEqual([
      ['sift-starter-glove-100d', 'bundled'],
      ['tiny-qwen3-embedding', 'available'],
    ]);
    expect(before[0]!.path).toMatch(/sift-starter-glove-100d\.gguf$/);

    expect(models.startDownload('tiny-qwen3-embedding').phase).toBe('queued');
    const path = await models.whenDownloaded('tiny-qwen3-embedding');
    expect(path).toBe(join(models.modelsDir, 'Tiny-Qwen3-Embedding-F16.gguf'));
    expect((await readFile(path)).equals(gguf)).toBe(true);
    expect(host.requests[0]!.url).toBe('/sift-test/Tiny-Qwen3-Embedding-GGUF/resolve/main/Tiny-Qwen3-Embedding-F16.gguf');

    const phases = events.map((e) => e.phase);
    expect(phases[0]).toBe('queued');
    expect(phases).toContain('downloading');
    expect(phases.slice(-2)).toEqual(['verifying', 'done']);
    expect(events.at(-1)).toMatchObject({ id: 'tiny-qwen3-embedding', receivedBytes: gguf.length, totalBytes: gguf.length });

    const after = await models.list();
    expect(after[1]).toMatchObject({ status: 'installed', path, download: { phase: 'done' } });
  });

  it('keeps an interrupted download, shows it as partial after a restart, and resumes it', async () => {
    host.cutNext(1, 50_000);
    const first = manager({ downloadOptions: { retries: 0, retryDelayMs: 5 } });
    first.startDownload('tiny-qwen3-embedding');
    const error = await first.whenDownloaded('tiny-qwen3-embedding').catch((e: unknown) => e);
    expect((error as SiftError).code).toBe('download_failed');
    expect((await first.list())[1]!.download).toMatchObject({ phase: 'failed', message: expect.stringMatching(/connection was cut/) });

    const restarted = manager();
    const listed = (await restarted.list())[1]!;
    expect(listed).toMatchObject({ status: 'partial', download: { receivedBytes: 50_000 } });
    host.requests.length = 0;
    restarted.startDownload('tiny-qwen3-embedding');
    await restarted.whenDownloaded('tiny-qwen3-embedding');
    expect(host.requests.at(-1)!.range).toBe('bytes=50000-');
    expect((await restarted.list())[1]!.status).toBe('installed');
  });

  it('cancels a running download and deletes what arrived', async () => {
    host.throttle(4096, 25);
    const events: DownloadState[] = [];
    const models = manager({}, events);
    models.startDownload('tiny-qwen3-embedding');
    await eventually(async () => events.some((e) => e.receivedBytes > 8192));
    expect(await models.cancel('tiny-qwen3-embedding')).toBe(true);
    expect(events.at(-1)!.phase).toBe('cancelled');
    const dest = join(models.modelsDir, tiny.fileName);
    expect(existsSync(partialPath(dest))).toBe(false);
    expect(existsSync(dest)).toBe(false);
    expect((await models.list())[1]!.status).toBe('available');
    expect(await models.cancel('tiny-qwen3-embedding')).toBe(false);
  });

  it('keeps the partial file when the app shuts down mid-download', async () => {
    host.throttle(4096, 25);
    const events: DownloadState[] = [];
    const models = manager({}, events);
    models.startDownload('tiny-qwen3-embedding');
    await eventually(async () => events.some((e) => e.receivedBytes > 8192));
    await models.close();
    expect((await manager().list())[1]!.status).toBe('partial');
  });

  it('refuses unknown ids and the bundled model', () => {
    const models = manager();
    expect(() => models.startDownload('nope')).toThrow(/no model "nope"/);
    expect(() => models.startDownload('sift-starter-glove-100d')).toThrow(/ships with Sift/);
  });

  it('imports a local embedding model and refuses a chat model with the reason', async () => {
    const models = manager();
    const own = join(temp.path, 'My Embedder.gguf');
    writeTinyQwen3Gguf(own);
    const listing = await models.importModel(own);
    expect(listing).toMatchObject({ id: 'local-my-embedder', status: 'installed', imported: true, path: own, dimensions: 64, quantization: 'F16' });
    expect((await models.importModel(own)).id).toBe('local-my-embedder');
    expect((await models.list()).filter((m) => m.imported)).toHaveLength(1);

    const spec = tinyQwen3GgufSpec(generateTinyQwen3Weights());
    const chat = join(temp.path, 'Qwen3-0.6B-Q8_0.gguf');
    writeGguf(chat, {
      metadata: spec.metadata.filter((m) => m.key !== 'qwen3.pooling_type' && m.key !== 'general.name').concat(meta.string('general.name', 'Qwen3 0.6B')),
      tensors: spec.tensors,
    });
    const error = await models.importModel(chat).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SiftError);
    expect((error as SiftError).message).toMatch(/looks like a chat or text-generation model/);
    expect((await models.list()).filter((m) => m.imported)).toHaveLength(1);
  });

  it('deletes a downloaded model, forgets an imported one (keeping its file), and refuses the bundled one and the one in use', async () => {
    const models = manager();
    models.startDownload('tiny-qwen3-embedding');
    const path = await models.whenDownloaded('tiny-qwen3-embedding');
    expect((await models.list())[1]!.status).toBe('installed');

    const inUse = await models.deleteModel('tiny-qwen3-embedding', path).catch((e: unknown) => e as SiftError);
    expect(inUse).toMatchObject({ code: 'invalid_request', detail: { key: 'modelInUse' } });
    expect(existsSync(path)).toBe(true);

    expect(await models.deleteModel('tiny-qwen3-embedding', '/elsewhere/starter.gguf')).toBe(true);
    expect(existsSync(path)).toBe(false);
    expect((await models.list())[1]!.status).toBe('available');

    const bundled = await models.deleteModel('sift-starter-glove-100d', undefined).catch((e: unknown) => e as SiftError);
    expect(bundled).toMatchObject({ code: 'invalid_request', detail: { key: 'modelBundledNoDelete' } });

    const own = join(temp.path, 'Kept Embedder.gguf');
    writeTinyQwen3Gguf(own);
    const listing = await models.importModel(own);
    expect(await models.deleteModel(listing.id, undefined)).toBe(true);
    expect((await models.list()).some((m) => m.id === listing.id)).toBe(false);
    expect(existsSync(own)).toBe(true);
  });

  it('publishes each retry with its reason while the mirror is down, then the failure with nothing kept', async () => {
    host.failNext(100, 503);
    const events: DownloadState[] = [];
    const models = manager({ downloadOptions: { retryDelayMs: 5, retries: 2, progressIntervalMs: 0 } }, events);
    models.startDownload('tiny-qwen3-embedding');
    await models.whenDownloaded('tiny-qwen3-embedding').catch(() => undefined);
    host.failNext(0, 0);
    const retrying = events.filter((e) => e.phase === 'retrying');
    expect(retrying.map((e) => [e.retry?.attempt, e.retry?.of, e.retry?.detail.key])).toEqual([
      [1, 2, 'netHttp'],
      [2, 2, 'netHttp'],
    ]);
    const failed = events.at(-1)!;
    expect(failed).toMatchObject({ phase: 'failed', detail: { key: 'downloadFailed', parts: { kept: { key: 'downloadNothingKept' } } } });
    expect(failed.retry).toBeUndefined();
    expect(failed.message).toMatch(/Nothing arrived/);
  });
});
