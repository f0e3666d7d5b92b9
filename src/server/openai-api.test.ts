// The OpenAI-compatible API driven by the official `openai` client library, against the
// real HTTP server and the real starter model: what Open WebUI or LangChain would do.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LlamaEmbedder } from '../embedder/llama-embedder.js';
import { starterModelPath } from '../paths.js';
import type { SiftService } from '../api/contract.js';
import { startHttpServer, type RunningServer } from './http-server.js';
import { toBase64, truncateVector } from './openai-embeddings.js';

const TOKEN = 'test-token-0123456789';
const MODEL = 'sift-starter-glove-100d';
let embedder: LlamaEmbedder;
let server: RunningServer;
let apiOff: RunningServer;
let client: OpenAI;

// The /api routes are not under test here; the search call is the only one /v1 uses.
const service = {
  search: async (request: { query: string }) => ({ hits: [], tookMs: request.query.length }),
  onEvent: () => () => undefined,
} as unknown as SiftService;

async function raw(path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
  const response = await fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...init.headers } });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { error?: { message: string; type: string; param: string | null; code: string | null } } & Record<string, unknown> };
}

const norm = (v: ArrayLike<number>) => Math.hypot(...Array.from(v));

beforeAll(async () => {
  embedder = new LlamaEmbedder({ modelPath: starterModelPath(), gpu: false });
  server = await startHttpServer({
    service,
    port: 0,
    openai: { embedder, token: TOKEN, maxBodyBytes: 64 * 1024, search: service.search },
  });
  apiOff = await startHttpServer({ service, port: 0 });
  client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: TOKEN, maxRetries: 0 });
});

afterAll(async () => {
  await server.close();
  await apiOff.close();
  await embedder.dispose();
});

describe('OpenAI-compatible API (official openai client)', () => {
  it('lists the served model', async () => {
    const models = await client.models.list();
    expect(models.data.map((m) => [m.id, m.object, m.owned_by])).toEqual([[MODEL, 'model', 'sift']]);
    expect((await client.models.retrieve(MODEL)).id).toBe(MODEL);
  });

  it('embeds a string and an array, in order, with the same vectors as the embedder itself', async () => {
    const texts = ['reset my password', 'recover account access', 'the weather is sunny'];
    const single = await client.embeddings.create({ model: MODEL, input: texts[0]! });
    expect(single.object).toBe('list');
    expect(single.model).toBe(MODEL);
    expect(single.data).toHaveLength(1);
    expect(single.data[0]!.embedding).toHaveLength(100);
    expect(norm(single.data[0]!.embedding)).toBeCloseTo(1, 5);

    const batch = await client.embeddings.create({ model: MODEL, input: texts });
    expect(batch.data.map((d) => d.index)).toEqual([0, 1, 2]);
    expect(batch.usage.prompt_tokens).toBeGreaterThanOrEqual(texts.join(' ').split(' ').length);
    expect(batch.usage.total_tokens).toBe(batch.usage.prompt_tokens);
    const direct = await embedder.embed(texts, 'document');
    batch.data.forEach((d, i) => d.embedding.forEach((x, j) => expect(x).toBeCloseTo(direct[i]![j]!, 6)));
    const cos = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
    const [password, recover, weather] = batch.data.map((d) => d.embedding) as [number[], number[], number[]];
    expect(cos(password, recover)).toBeGreaterThan(cos(password, weather));
  });

  it('cuts vectors to `dimensions` and makes them unit length again (Matryoshka)', async () => {
    const full = (await client.embeddings.create({ model: MODEL, input: 'reset my password' })).data[0]!.embedding;
    const cut = (await client.embeddings.create({ model: MODEL, input: 'reset my password', dimensions: 32 })).data[0]!.embedding;
    expect(cut).toHaveLength(32);
    expect(norm(cut)).toBeCloseTo(1, 5);
    const expected = truncateVector(Float32Array.from(full), 32);
    cut.forEach((x, i) => expect(x).toBeCloseTo(expected[i]!, 5));
  });

  it('answers encoding_format base64 with little-endian float32 values', async () => {
    const body = await raw('/v1/embeddings', { method: 'POST', body: JSON.stringify({ model: MODEL, input: ['reset my password'], encoding_format: 'base64' }) });
    expect(body.status).toBe(200);
    const encoded = (body.body.data as Array<{ embedding: string }>)[0]!.embedding;
    const bytes = Buffer.from(encoded, 'base64');
    expect(bytes.length).toBe(400);
    const decoded = Array.from({ length: 100 }, (_, i) => bytes.readFloatLE(i * 4));
    const [expected] = await embedder.embed(['reset my password'], 'document');
    expect(toBase64(expected!)).toBe(encoded);
    expect(norm(decoded)).toBeCloseTo(1, 5);
  });

  it('refuses a wrong or missing token with 401 in OpenAI’s error shape', async () => {
    const wrong = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'not-the-token', maxRetries: 0 });
    const error = await wrong.embeddings.create({ model: MODEL, input: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as InstanceType<typeof OpenAI.AuthenticationError>).status).toBe(401);
    const missing = await fetch(`${server.url}/v1/models`, { headers: { origin: 'https://evil.example' } });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('missing_api_key');
  });

  it('gives clear 4xx errors for bad requests', async () => {
    const unknownModel = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'x' }).catch((e: unknown) => e);
    expect(unknownModel).toBeInstanceOf(OpenAI.NotFoundError);
    expect((unknownModel as Error).message).toMatch(/does not exist\. This server serves 'sift-starter-glove-100d'/);

    const tooWide = await client.embeddings.create({ model: MODEL, input: 'x', dimensions: 4096 }).catch((e: unknown) => e);
    expect(tooWide).toBeInstanceOf(OpenAI.BadRequestError);
    expect((tooWide as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('dimensions');

    const cases: Array<[unknown, RegExp, string | null]> = [
      [{ model: MODEL, input: [[1, 2, 3]] }, /Token arrays are not supported/, 'input'],
      [{ model: MODEL, input: ['ok', ''] }, /input\[1\] is empty/, 'input'],
      [{ model: MODEL, input: [] }, /must not be an empty array/, 'input'],
      [{ model: MODEL, input: 42 }, /'input' must be a string or an array of strings/, 'input'],
      [{ input: 'x' }, /'model' is required/, 'model'],
      [{ model: MODEL, input: 'x', encoding_format: 'int8' }, /'float' or 'base64'/, 'encoding_format'],
      [{ model: MODEL, input: 'word '.repeat(3000) }, /has \d+ tokens, but .* takes at most \d+/, 'input'],
    ];
    for (const [body, message, param] of cases) {
      const answer = await raw('/v1/embeddings', { method: 'POST', body: JSON.stringify(body) });
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(answer.body.error).toMatchObject({ type: 'invalid_request_error', param });
      expect(answer.body.error!.message).toMatch(message);
    }
    const notJson = await raw('/v1/embeddings', { method: 'POST', body: '{"model":' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error!.message).toMatch(/not valid JSON/);
  });

  it('limits the request size, the methods and the paths', async () => {
    const huge = await raw('/v1/embeddings', { method: 'POST', body: JSON.stringify({ model: MODEL, input: ['reset my password '.repeat(4000)] }) });
    expect(huge.status).toBe(413);
    expect(huge.body.error!.message).toMatch(/larger than/);
    expect((await raw('/v1/embeddings')).status).toBe(405);
    const unknown = await raw('/v1/chat/completions', { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error!.message).toMatch(/Unknown endpoint/);
    const off = await fetch(`${apiOff.url}/v1/models`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(off.status).toBe(404);
    expect(((await off.json()) as { error: { message: string } }).error.message).toMatch(/local API is off/);
  });

  it('keeps the Host check (DNS rebinding) on /v1 and offers Sift’s search', async () => {
    const port = new URL(server.url).port;
    const rebinding = await new Promise<number>((resolve, reject) => {
      import('node:http').then(({ request }) => {
        const req = request({ host: '127.0.0.1', port, path: '/v1/models', headers: { host: `evil.example:${port}`, authorization: `Bearer ${TOKEN}` } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      }, reject);
    });
    expect(rebinding).toBe(403);
    const search = await raw('/v1/search', { method: 'POST', body: JSON.stringify({ query: 'password' }) });
    expect(search).toMatchObject({ status: 200, body: { hits: [], tookMs: 8 } });
    const empty = await raw('/v1/search', { method: 'POST', body: JSON.stringify({ query: '  ' }) });
    expect(empty.status).toBe(400);
  });
});
