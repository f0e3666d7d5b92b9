// The remote engine against a second, real Sift process in `sift serve` mode (run from
// source), as a team would point Sift at a shared GPU box: same vectors as the local
// engine, batching, retries through a flaky relay, a wrong key, and a server that is down.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SiftError } from '../api/errors.js';
import { createCore } from '../core.js';
import { packageRoot, starterModelPath } from '../paths.js';
import { makeFixtureFolder, makeTempDir } from '../test-support/fixture-folder.js';
import { LlamaEmbedder } from './llama-embedder.js';
import { embeddingsUrl, estimateTokens, RemoteEmbedder } from './remote-embedder.js';

const TOKEN = 'remote-test-token-42';
const MODEL = 'sift-starter-glove-100d';
let serverProcess: ChildProcess;
let siftUrl: string;
let data: Awaited<ReturnType<typeof makeTempDir>>;
let local: LlamaEmbedder;

/** A relay in front of the second Sift: records batch sizes and can fail on purpose. */
let relay: Server;
let relayUrl: string;
const batchSizes: number[] = [];
let failNext = 0;

async function startSecondSift(): Promise<string> {
  serverProcess = spawn(process.execPath, [join(packageRoot(), 'scripts', 'sift-from-source.mjs'), 'serve', '--port', '0', '--db', data.path], {
    env: { ...process.env, SIFT_API_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  serverProcess.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`second Sift did not start:\n${stderr}`)), 90_000);
    serverProcess.stdout!.on('data', (chunk: Buffer) => {
      const match = /Sift is serving at (http:\/\/\S+)/.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    serverProcess.once('exit', (code) => reject(new Error(`second Sift exited with ${code}:\n${stderr}`)));
  });
}

beforeAll(async () => {
  data = await makeTempDir('sift-remote-');
  siftUrl = await startSecondSift();
  local = new LlamaEmbedder({ modelPath: starterModelPath(), gpu: false });
  relay = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      batchSizes.push((JSON.parse(body.toString()) as { input: string[] }).input.length);
      if (failNext > 0) {
        failNext--;
        res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '0' });
        return res.end(JSON.stringify({ error: { message: 'warming up' } }));
      }
      const target = new URL(siftUrl);
      const upstream = request({ host: target.hostname, port: target.port, path: req.url, method: 'POST', headers: { ...req.headers, host: target.host } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  relayUrl = `http://127.0.0.1:${(relay.address() as AddressInfo).port}/v1`;
}, 120_000);

afterAll(async () => {
  serverProcess?.kill('SIGTERM');
  relay?.close();
  await local?.dispose();
  await data?.remove();
});

describe('RemoteEmbedder against a second Sift in serve mode', () => {
  it('learns the vector length and returns the same vectors as the local engine', async () => {
    const remote = new RemoteEmbedder({ url: siftUrl, apiKey: TOKEN, model: MODEL });
    const info = await remote.load();
    expect(info).toMatchObject({ name: MODEL, architecture: 'remote', dimensions: 100, path: `${siftUrl}/v1/embeddings` });
    expect(info.backend).toMatch(/^remote \(127\.0\.0\.1:\d+\)$/);
    const texts = ['reset my password', 'recover account access', 'the weather is sunny'];
    const [remoteVectors, localVectors] = await Promise.all([remote.embed(texts, 'query'), local.embed(texts, 'query')]);
    remoteVectors.forEach((vector, i) => vector.forEach((x, j) => expect(x).toBeCloseTo(localVectors[i]![j]!, 5)));
    expect((await remote.peek()).dimensions).toBe(100);
  });

  it('batches by count, keeps order, gives empty texts zero vectors, and retries a failing server', async () => {
    const remote = new RemoteEmbedder({ url: relayUrl, apiKey: TOKEN, model: MODEL, batchSize: 2, retryDelayMs: 10 });
    await remote.load();
    batchSizes.length = 0;
    failNext = 2;
    const texts = ['sourdough bread', 'marathon training', '', 'income tax', 'houseplants'];
    const vectors = await remote.embed(texts, 'document');
    expect(vectors).toHaveLength(5);
    expect(Array.from(vectors[2]!).every((x) => x === 0)).toBe(true);
    // Two 503s for the first batch, then batches of 2, 1 (the empty text is not sent) and 1.
    expect(batchSizes).toEqual([2, 2, 2, 1, 1]);
    const expected = await local.embed(['income tax'], 'document');
    vectors[3]!.forEach((x, j) => expect(x).toBeCloseTo(expected[0]![j]!, 5));
  });

  it('indexes and searches a folder through the remote engine', async () => {
    const folder = await makeFixtureFolder();
    const dataDir = await makeTempDir('sift-remote-core-');
    const core = await createCore({ dataDir: dataDir.path, logger: { log: () => undefined }, embedder: new RemoteEmbedder({ url: siftUrl, apiKey: TOKEN, model: MODEL }) });
    try {
      const report = await core.indexFolder(folder.root);
      expect(report.filesIndexed).toBe(5);
      await core.settleIndexes();
      const { hits } = await core.service.search({ query: 'baking a loaf of bread', limit: 3 });
      expect(hits[0]!.path).toBe(folder.path('kitchen/sourdough.txt'));
    } finally {
      await core.close();
      await folder.remove();
      await dataDir.remove();
    }
  });

  it('says clearly when the key is wrong or the model unknown, without retrying', async () => {
    const wrongKey = new RemoteEmbedder({ url: `${siftUrl}/v1/`, apiKey: 'wrong-key-123', model: MODEL, retryDelayMs: 10 });
    const keyError = await wrongKey.load().catch((e: unknown) => e);
    expect(keyError).toBeInstanceOf(SiftError);
    expect((keyError as Error).message).toMatch(/refused the API key \(HTTP 401: Incorrect API key provided\.\)/);
    const wrongModel = new RemoteEmbedder({ url: siftUrl, apiKey: TOKEN, model: 'text-embedding-3-small' });
    expect(((await wrongModel.load().catch((e: unknown) => e)) as Error).message).toMatch(/rejected the request \(HTTP 404\): The model 'text-embedding-3-small' does not exist/);
  });

  it('gives up with a clear error when the server is down', async () => {
    serverProcess.kill('SIGTERM');
    await new Promise((resolve) => serverProcess.once('exit', resolve));
    const remote = new RemoteEmbedder({ url: siftUrl, apiKey: TOKEN, model: MODEL, retries: 2, retryDelayMs: 10 });
    const error = await remote.embed(['anything'], 'document').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SiftError);
    expect((error as SiftError).code).toBe('model_load_failed');
    expect((error as Error).message).toMatch(new RegExp(`embedding server at ${siftUrl}/v1/embeddings is not answering \\(connection refused\\) after 3 attempts`));
  });
});

describe('remote embedder helpers', () => {
  it.each([
    ['http://gpu-box:8000', 'http://gpu-box:8000/v1/embeddings'],
    ['http://gpu-box:8000/v1', 'http://gpu-box:8000/v1/embeddings'],
    ['https://api.example.com/openai/v1/', 'https://api.example.com/openai/v1/embeddings'],
    ['http://127.0.0.1:11434/v1/embeddings', 'http://127.0.0.1:11434/v1/embeddings'],
  ])('embeddingsUrl(%s)', (base, url) => {
    expect(embeddingsUrl(base)).toBe(url);
  });

  it('estimates tokens generously for English and per character for Chinese', () => {
    expect(estimateTokens('reset my password')).toBe(8);
    expect(estimateTokens('重置我的密码')).toBe(8);
    expect(() => embeddingsUrl('gpu-box:8000')).toThrow(/http\(s\)|not a URL/);
  });
});
