// The OpenAI-compatible part of Sift's local server, mounted at /v1 by http-server.ts and
// off unless `sift serve` (or the Settings switch) turns it on. It is meant for programs,
// not web pages, so instead of the UI's Origin check every request must carry the bearer
// token; browsers cannot send one cross-origin without a CORS preflight, which is refused.
//   GET  /v1/models            the served model, OpenAI's list shape
//   POST /v1/embeddings        see openai-embeddings.ts
//   POST /v1/search            Sift's own search over the indexed folders ({query, limit})
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename } from 'node:path';
import type { SiftService } from '../api/contract.js';
import { parseRequest } from '../api/dispatch.js';
import type { Embedder } from '../embedder/embedder.js';
import type { Logger } from '../log.js';
import { bearerCheck } from './bearer-token.js';
import { BodyError, readJsonBody, V1_BODY_LIMIT_BYTES } from './json-body.js';
import { createEmbeddings } from './openai-embeddings.js';
import { OpenAiError, toOpenAiError } from './openai-errors.js';

export interface OpenAiApiOptions {
  embedder: Embedder;
  /** Every /v1 request must send `Authorization: Bearer <token>`. */
  token: string;
  /** The id clients pass as `model`; default: the model file's name without .gguf. */
  modelId?: string;
  /** Largest request body accepted (default 8 MB: 2048 inputs of a few KB each). */
  maxBodyBytes?: number;
  /** Sift's own search, offered at POST /v1/search when given. */
  search?: SiftService['search'];
  logger?: Logger;
}

export const DEFAULT_MAX_BODY_BYTES = V1_BODY_LIMIT_BYTES;

/** A fresh random token for `sift serve` when SIFT_API_TOKEN is not set. */
export function generateApiToken(): string {
  return `sift-${randomBytes(24).toString('base64url')}`;
}

export type OpenAiHandler = (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void>;

export function createOpenAiHandler(options: OpenAiApiOptions): OpenAiHandler {
  const authorized = bearerCheck(options.token);
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  let modelIdPromise: Promise<{ id: string; created: number }> | undefined;
  const servedModel = () =>
    (modelIdPromise ??= options.embedder.peek().then(async (facts) => ({
      id: options.modelId ?? basename(facts.path).replace(/\.gguf$/i, ''),
      created: Math.floor(((await stat(facts.path).catch(() => undefined))?.mtimeMs ?? Date.now()) / 1000),
    })));

  async function route(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (!req.headers.authorization) {
      throw new OpenAiError(401, "You didn't provide an API key. Send 'Authorization: Bearer <token>' (printed by `sift serve`, or SIFT_API_TOKEN).", null, 'missing_api_key');
    }
    if (!authorized(req)) throw new OpenAiError(401, 'Incorrect API key provided.', null, 'invalid_api_key');
    const method = req.method ?? 'GET';
    if (pathname === '/v1/models' || pathname.startsWith('/v1/models/')) {
      if (method !== 'GET') throw new OpenAiError(405, `Use GET for ${pathname}.`);
      const model = await servedModel();
      const entry = { id: model.id, object: 'model', created: model.created, owned_by: 'sift' };
      if (pathname === '/v1/models') return send(res, 200, { object: 'list', data: [entry] });
      const wanted = decodePathPart(pathname.slice('/v1/models/'.length));
      if (wanted.toLowerCase() !== model.id.toLowerCase()) throw new OpenAiError(404, `The model '${wanted}' does not exist.`, 'model', 'model_not_found');
      return send(res, 200, entry);
    }
    if (pathname === '/v1/embeddings') {
      if (method !== 'POST') throw new OpenAiError(405, 'Use POST for /v1/embeddings.');
      const body = await readBody(req, res, maxBody);
      return send(res, 200, await createEmbeddings(options.embedder, (await servedModel()).id, body));
    }
    if (pathname === '/v1/search' && options.search) {
      if (method !== 'POST') throw new OpenAiError(405, 'Use POST for /v1/search.');
      const body = await readBody(req, res, maxBody);
      return send(res, 200, await options.search(parseRequest('search', body)));
    }
    throw new OpenAiError(404, `Unknown endpoint ${method} ${pathname}. Sift serves GET /v1/models and POST /v1/embeddings.`, null, 'unknown_url');
  }

  return async (req, res, pathname) => {
    try {
      await route(req, res, pathname);
    } catch (error) {
      const { status, body } = toOpenAiError(error);
      if (status >= 500) options.logger?.log('error', `${req.method} ${pathname} failed: ${(error as Error).stack ?? error}`);
      // Refused before the body was read (no token, too large): answer and close the
      // connection instead of reading the rest (a stranger's 1 GB upload costs nothing).
      const headers: Record<string, string> = status === 413 || status === 401 || !req.complete ? { connection: 'close' } : {};
      if (status === 401) headers['www-authenticate'] = 'Bearer realm="sift"';
      send(res, status, body, headers);
    }
  };
}

function decodePathPart(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new OpenAiError(400, 'The path has a malformed percent-encoding.');
  }
}

async function readBody(req: IncomingMessage, res: ServerResponse, limit: number): Promise<unknown> {
  let body: unknown;
  try {
    body = await readJsonBody(req, res, limit);
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    if (error.problem === 'too_large') {
      throw new OpenAiError(413, `The request body is larger than ${Math.round(limit / 1024 / 1024)} MB; send fewer inputs per request.`);
    }
    throw new OpenAiError(400, 'The request body is not valid JSON.');
  }
  if (body === undefined) throw new OpenAiError(400, 'The request has no body; send JSON.');
  return body;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
