// Sift's /v1 as the clients people actually use call it: the official `openai` npm client
// and LangChain's OpenAIEmbeddings (which brings its own, newer `openai` and asks for
// base64 by default), plus Sift's remote engine configured the way those clients are
// (a base URL ending in /v1, an API key, a model id from /v1/models). Real server on
// loopback, real starter model; every vector is checked against the embedder itself.
import { OpenAIEmbeddings } from '@langchain/openai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiftService } from '../api/contract.js';
import { LlamaEmbedder } from '../embedder/llama-embedder.js';
import { RemoteEmbedder, remoteEmbedderFromEnv } from '../embedder/remote-embedder.js';
import { starterModelPath } from '../paths.js';
import { startHttpServer, type RunningServer } from './http-server.js';
import { truncateVector } from './openai-embeddings.js';

const TOKEN = 'clients-token-0123456789';
const quiet = { log: () => undefined };
// Only /v1 is under test; search is not called.
const service = { onEvent: () => () => undefined } as unknown as SiftService;

let embedder: LlamaEmbedder;
let server: RunningServer;
let baseURL: string;
let model: string;

const TEXTS = ['reset my password', 'recover account access', 'the weather is sunny'];
/** 2,048 distinct inputs, OpenAI's largest batch: a few words each, numbered so order shows. */
const BATCH = Array.from({ length: 2048 }, (_, i) => `${TEXTS[i % 3]} number ${i} ${['bread', 'tax', 'garden', 'marathon'][i % 4]}`);

const expectClose = (actual: ArrayLike<number>, expected: ArrayLike<number>, digits = 5) => {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i]!, digits);
};

beforeAll(async () => {
  embedder = new LlamaEmbedder({ modelPath: starterModelPath(), gpu: false });
  server = await startHttpServer({ service, port: 0, logger: quiet, openai: { embedder, token: TOKEN } });
  baseURL = `${server.url}/v1`;
  model = (await new OpenAI({ baseURL, apiKey: TOKEN, maxRetries: 0 }).models.list()).data[0]!.id;
});

afterAll(async () => {
  await server?.close();
  await embedder?.dispose();
});

describe('the official openai client (4.x)', () => {
  const client = () => new OpenAI({ baseURL, apiKey: TOKEN, maxRetries: 0 });

  it('lists and retrieves the served model', async () => {
    const list = await client().models.list();
    expect(list.data).toEqual([expect.objectContaining({ id: model, object: 'model', owned_by: 'sift' })]);
    expect((await client().models.retrieve(model)).id).toBe(model);
  });

  it('gets the same vectors as float and as base64', async () => {
    const float = await client().embeddings.create({ model, input: TEXTS, encoding_format: 'float' });
    const base64 = await client().embeddings.create({ model, input: TEXTS, encoding_format: 'base64' });
    const direct = await embedder.embed(TEXTS, 'document');
    float.data.forEach((d, i) => expectClose(d.embedding, direct[i]!));
    base64.data.forEach((d, i) => {
      // The 4.x client hands base64 back as the string the server sent.
      const bytes = Buffer.from(d.embedding as unknown as string, 'base64');
      expectClose(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4), direct[i]!);
    });
  });

  it('cuts to `dimensions`', async () => {
    const cut = await client().embeddings.create({ model, input: TEXTS[0]!, dimensions: 48 });
    expectClose(cut.data[0]!.embedding, truncateVector((await embedder.embed([TEXTS[0]!], 'document'))[0]!, 48));
  });

  it('embeds a batch of 2,048 inputs in order, and refuses 2,049', async () => {
    const started = performance.now();
    const answer = await client().embeddings.create({ model, input: BATCH });
    const seconds = (performance.now() - started) / 1000;
    expect(answer.data).toHaveLength(2048);
    expect(answer.data.map((d) => d.index)).toEqual(BATCH.map((_, i) => i));
    const sample = [0, 1, 777, 2047];
    const direct = await embedder.embed(sample.map((i) => BATCH[i]!), 'document');
    sample.forEach((i, k) => expectClose(answer.data[i]!.embedding, direct[k]!));
    console.log(`openai client: 2,048 inputs in one request: ${seconds.toFixed(2)} s`);
    const tooMany = await client().embeddings.create({ model, input: [...BATCH, 'one more'] }).catch((e: unknown) => e);
    expect(tooMany).toBeInstanceOf(OpenAI.BadRequestError);
    expect((tooMany as Error).message).toMatch(/at most 2048 texts; got 2049/);
  });

  it('gets an AuthenticationError for a wrong token', async () => {
    const wrong = new OpenAI({ baseURL, apiKey: 'wrong-token-0123456789', maxRetries: 0 });
    await expect(wrong.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const error = await wrong.embeddings.create({ model, input: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe('invalid_api_key');
  });
});

describe("LangChain's OpenAIEmbeddings (@langchain/openai)", () => {
  const embeddings = (fields: Partial<ConstructorParameters<typeof OpenAIEmbeddings>[0]> = {}) =>
    new OpenAIEmbeddings({ model, apiKey: TOKEN, configuration: { baseURL }, maxRetries: 0, ...fields });

  it('embeds documents and a query (its client asks for base64 by default) and with encodingFormat float', async () => {
    const direct = await embedder.embed(TEXTS, 'document');
    const docs = await embeddings().embedDocuments(TEXTS);
    docs.forEach((vector, i) => expectClose(vector, direct[i]!));
    const floats = await embeddings({ encodingFormat: 'float' }).embedDocuments(TEXTS);
    floats.forEach((vector, i) => expectClose(vector, direct[i]!));
    // A query is sent as plain text: the OpenAI convention has no query prefix.
    expectClose(await embeddings().embedQuery(TEXTS[1]!), direct[1]!);
  });

  it('passes `dimensions` through', async () => {
    const [vector] = await embeddings({ dimensions: 32 }).embedDocuments([TEXTS[2]!]);
    expectClose(vector!, truncateVector((await embedder.embed([TEXTS[2]!], 'document'))[0]!, 32));
  });

  it('embeds 2,048 documents in one request (batchSize 2048), in order', async () => {
    const vectors = await embeddings({ batchSize: 2048 }).embedDocuments(BATCH);
    expect(vectors).toHaveLength(2048);
    const direct = await embedder.embed([BATCH[5]!, BATCH[2040]!], 'document');
    expectClose(vectors[5]!, direct[0]!);
    expectClose(vectors[2040]!, direct[1]!);
  });

  it('fails with the 401 for a wrong token', async () => {
    await expect(embeddings({ apiKey: 'wrong-token-0123456789' }).embedQuery('x')).rejects.toThrow(/401|Incorrect API key/);
  });
});

describe('the remote engine pointed at this Sift the way OpenAI clients are', () => {
  it('takes the base URL ending in /v1 and the model id from /v1/models, and gets the same vectors', async () => {
    const remote = remoteEmbedderFromEnv({ SIFT_REMOTE_URL: baseURL, SIFT_REMOTE_MODEL: model, SIFT_REMOTE_KEY: TOKEN })!;
    try {
      expect((await remote.load()).dimensions).toBe(100);
      const vectors = await remote.embed(TEXTS, 'document');
      const viaClient = await new OpenAI({ baseURL, apiKey: TOKEN, maxRetries: 0 }).embeddings.create({ model, input: TEXTS });
      vectors.forEach((vector, i) => expectClose(vector, viaClient.data[i]!.embedding));
    } finally {
      await remote.dispose();
    }
  });

  it('says clearly that the key is wrong', async () => {
    const remote = new RemoteEmbedder({ url: baseURL, apiKey: 'wrong-token-0123456789', model });
    try {
      await expect(remote.embed(['x'], 'document')).rejects.toThrow(/key|401/i);
    } finally {
      await remote.dispose();
    }
  });
});
