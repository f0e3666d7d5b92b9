// An Embedder over any OpenAI-compatible /v1/embeddings server: vLLM, Hugging Face TEI,
// Ollama, llama-server, or another Sift running `sift serve`. Texts are sent in batches
// (by count and by size), failed requests are retried with exponential backoff (honouring
// Retry-After), and a server that stays down becomes one clear SiftError, never null vectors.
import { setTimeout as sleep } from 'node:timers/promises';
import { SiftError } from '../api/errors.js';
import type { Logger } from '../log.js';
import { normalize, type EmbedKind, type Embedder, type EmbedderInfo } from './embedder.js';
import { familyFor, type ModelFamily } from './model-family.js';

export interface RemoteEmbedderOptions {
  /** The server's base URL (http://host:port or .../v1) or the full .../v1/embeddings URL. */
  url: string;
  apiKey?: string;
  /** The `model` sent with every request (GET /v1/models on the server lists them). */
  model: string;
  /** Asks the server for Matryoshka-shortened vectors (`dimensions`). */
  dimensions?: number;
  /** Texts per request (default 64). */
  batchSize?: number;
  /** Characters per request, so one request stays well under server body limits (default 200,000). */
  maxBatchChars?: number;
  /** Retries after the first try of each request (default 4). */
  retries?: number;
  /** First backoff; doubles per retry, with jitter, capped at 20 s (default 500 ms). */
  retryDelayMs?: number;
  /** Per request (default 120 s: a large batch on a busy GPU takes a while). */
  timeoutMs?: number;
  /** Token budget per text that the chunker works to (default 512). */
  contextTokens?: number;
  /** Conventions for query/document text; default: guessed from the model name (Qwen3-Embedding gets its instruction). */
  family?: 'qwen3-embedding' | 'bert' | 'generic';
  queryTask?: string;
  logger?: Logger;
}

interface EmbeddingsBody {
  data?: Array<{ index?: number; embedding?: unknown }>;
}

export function embeddingsUrl(base: string): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new SiftError('invalid_request', `The embedding server URL "${base}" is not a URL (for example http://127.0.0.1:8080/v1).`, {
      detail: { key: 'remoteUrlInvalid', params: { url: base } },
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SiftError('invalid_request', 'The embedding server URL must be http(s).', { detail: { key: 'remoteUrlInvalid', params: { url: base } } });
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (path.endsWith('/embeddings')) url.pathname = path;
  else if (path.endsWith('/v1')) url.pathname = `${path}/embeddings`;
  else url.pathname = `${path}/v1/embeddings`;
  return url.href;
}

/**
 * Token estimate for the chunker, which needs a measure without the server's tokenizer:
 * one per CJK character, one per three other characters. Subword tokenizers average about
 * four characters per English token, so this errs towards smaller chunks, never too large.
 */
export function estimateTokens(text: string): number {
  let cjk = 0;
  let other = 0;
  for (const ch of text) {
    if (/[\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff\u{20000}-\u{2fa1f}]/u.test(ch)) cjk++;
    else other++;
  }
  return cjk + Math.ceil(other / 3) + 2;
}

class Retryable extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export class RemoteEmbedder implements Embedder {
  private readonly endpoint: string;
  private readonly family: ModelFamily;
  private loading: Promise<EmbedderInfo> | undefined;
  private info: EmbedderInfo | undefined;
  private disposed = false;

  constructor(private readonly options: RemoteEmbedderOptions) {
    this.endpoint = embeddingsUrl(options.url);
    const guess = /qwen3.*embed/i.test(options.model) ? 'qwen3' : 'generic';
    this.family = familyFor(options.family === 'qwen3-embedding' ? 'qwen3' : options.family === 'bert' ? 'bert' : guess);
  }

  async load(): Promise<EmbedderInfo> {
    this.loading ??= this.probe().catch((error: unknown) => {
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  /** One tiny request tells the vector length and that the server, key and model work. */
  private async probe(): Promise<EmbedderInfo> {
    const [vector] = await this.request(['Sift dimension probe']);
    this.info = {
      name: this.options.model,
      path: this.endpoint,
      architecture: 'remote',
      dimensions: vector!.length,
      contextTokens: this.options.contextTokens ?? 512,
      backend: `remote (${new URL(this.endpoint).host})`,
      family: this.family.id,
    };
    return this.info;
  }

  async peek() {
    // The store needs the vector length before anything is indexed; without a configured
    // `dimensions` only the server can say.
    const info = this.info ?? (await this.load());
    return { name: info.name, path: info.path, architecture: info.architecture, dimensions: info.dimensions, loaded: true, backend: info.backend };
  }

  async embed(texts: string[], kind: EmbedKind): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const info = await this.load();
    const inputs = texts.map((text) => (kind === 'query' ? this.family.formatQuery(text, this.options.queryTask) : this.family.formatDocument(text)));
    const out: Float32Array[] = [];
    for (const batch of this.batches(inputs)) {
      // Empty texts give zero vectors locally (servers reject them), as the local engine does.
      const nonEmpty = batch.filter((text) => text.trim() !== '');
      const vectors = nonEmpty.length > 0 ? await this.request(nonEmpty) : [];
      let next = 0;
      for (const text of batch) out.push(text.trim() === '' ? new Float32Array(info.dimensions) : vectors[next++]!);
    }
    return out;
  }

  countTokens(text: string): number {
    return estimateTokens(this.family.formatDocument(text));
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }

  private *batches(texts: string[]): Generator<string[]> {
    const maxCount = this.options.batchSize ?? 64;
    const maxChars = this.options.maxBatchChars ?? 200_000;
    let batch: string[] = [];
    let chars = 0;
    for (const text of texts) {
      if (batch.length > 0 && (batch.length >= maxCount || chars + text.length > maxChars)) {
        yield batch;
        batch = [];
        chars = 0;
      }
      batch.push(text);
      chars += text.length;
    }
    if (batch.length > 0) yield batch;
  }

  private async request(input: string[]): Promise<Float32Array[]> {
    const retries = this.options.retries ?? 4;
    const base = this.options.retryDelayMs ?? 500;
    let lastError: Error | undefined;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (this.disposed) throw new SiftError('model_load_failed', 'The remote embedder was closed.', { detail: { key: 'remoteClosed' } });
      try {
        return await this.post(input);
      } catch (error) {
        if (!(error instanceof Retryable)) throw error;
        lastError = error;
        if (attempt === retries) break;
        const backoff = Math.min(base * 2 ** attempt, 20_000) * (0.75 + Math.random() * 0.5);
        const delay = Math.max(backoff, error.retryAfterMs ?? 0);
        this.options.logger?.log('warn', `embedding server ${this.endpoint}: ${error.message}; retrying in ${Math.round(delay)} ms`);
        await sleep(delay);
      }
    }
    throw new SiftError(
      'model_load_failed',
      `The embedding server at ${this.endpoint} is not answering (${lastError?.message}) after ${retries + 1} attempts. ` +
        'Start it, or check the URL and key in Settings.',
      { cause: lastError, detail: { key: 'remoteUnreachable', params: { url: this.endpoint, reason: lastError?.message ?? '', attempts: retries + 1 } } },
    );
  }

  private async post(input: string[]): Promise<Float32Array[]> {
    const body: Record<string, unknown> = { model: this.options.model, input, encoding_format: 'float' };
    if (this.options.dimensions) body.dimensions = this.options.dimensions;
    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 120_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      const why = cause?.code === 'ECONNREFUSED' ? 'connection refused' : (error as Error).name === 'TimeoutError' ? 'timed out' : (cause?.code ?? (error as Error).message);
      throw new Retryable(why);
    }
    const text = await response.text();
    if (!response.ok) {
      const message = serverMessage(text) ?? `HTTP ${response.status}`;
      if (response.status === 429 || response.status >= 500) {
        const retryAfter = Number(response.headers.get('retry-after'));
        throw new Retryable(`HTTP ${response.status}: ${message}`, Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined);
      }
      if (response.status === 401 || response.status === 403) {
        throw new SiftError('model_load_failed', `The embedding server at ${this.endpoint} refused the API key (HTTP ${response.status}: ${message}).`, {
          detail: { key: 'remoteKeyRefused', params: { url: this.endpoint, status: response.status } },
        });
      }
      throw new SiftError('invalid_request', `The embedding server at ${this.endpoint} rejected the request (HTTP ${response.status}): ${message}`, {
        detail: { key: 'remoteRejected', params: { url: this.endpoint, status: response.status, message } },
      });
    }
    let parsed: EmbeddingsBody;
    try {
      parsed = JSON.parse(text) as EmbeddingsBody;
    } catch {
      throw new SiftError('model_load_failed', `The server at ${this.endpoint} did not answer with JSON; is it an OpenAI-compatible /v1/embeddings endpoint?`, {
        detail: { key: 'remoteBadAnswer', params: { url: this.endpoint } },
      });
    }
    const data = parsed.data;
    if (!Array.isArray(data) || data.length !== input.length) {
      throw new SiftError('model_load_failed', `The server at ${this.endpoint} returned ${Array.isArray(data) ? data.length : 'no'} embeddings for ${input.length} inputs.`, {
        detail: { key: 'remoteBadAnswer', params: { url: this.endpoint } },
      });
    }
    const vectors: Float32Array[] = new Array(input.length);
    data.forEach((item, position) => {
      const index = typeof item.index === 'number' ? item.index : position;
      if (!Array.isArray(item.embedding) || !item.embedding.every((x) => typeof x === 'number') || index < 0 || index >= input.length) {
        throw new SiftError('model_load_failed', `The server at ${this.endpoint} returned a malformed embedding.`, { detail: { key: 'remoteBadAnswer', params: { url: this.endpoint } } });
      }
      // Some servers (llama-server without --embd-normalize) return raw vectors.
      vectors[index] = normalize(Float32Array.from(item.embedding as number[]));
    });
    const length = vectors[0]!.length;
    if (vectors.some((vector) => !vector || vector.length !== length) || (this.info && length !== this.info.dimensions)) {
      throw new SiftError('model_load_failed', `The server at ${this.endpoint} changed its vector length; was the model switched?`, {
        detail: { key: 'remoteVectorLength', params: { url: this.endpoint } },
      });
    }
    return vectors;
  }
}

function serverMessage(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { error?: { message?: string } | string; message?: string };
    if (typeof body.error === 'string') return body.error;
    return body.error?.message ?? body.message;
  } catch {
    return text.trim().slice(0, 200) || undefined;
  }
}

/**
 * The remote engine the CLI and `sift serve` use when SIFT_REMOTE_URL is set (with
 * SIFT_REMOTE_MODEL, and SIFT_REMOTE_KEY / SIFT_REMOTE_DIMENSIONS when needed); undefined otherwise.
 */
export function remoteEmbedderFromEnv(env: NodeJS.ProcessEnv, logger?: Logger): RemoteEmbedder | undefined {
  const url = env.SIFT_REMOTE_URL?.trim();
  if (!url) return undefined;
  const model = env.SIFT_REMOTE_MODEL?.trim();
  if (!model) throw new SiftError('invalid_request', 'SIFT_REMOTE_URL is set but SIFT_REMOTE_MODEL is not: name the model the server should use.');
  const dimensions = env.SIFT_REMOTE_DIMENSIONS ? Number(env.SIFT_REMOTE_DIMENSIONS) : undefined;
  if (dimensions !== undefined && (!Number.isInteger(dimensions) || dimensions < 1)) {
    throw new SiftError('invalid_request', 'SIFT_REMOTE_DIMENSIONS must be a positive whole number.');
  }
  return new RemoteEmbedder({ url, model, apiKey: env.SIFT_REMOTE_KEY?.trim() || undefined, dimensions, logger });
}
