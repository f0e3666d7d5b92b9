// Browser mode: the same contract over loopback HTTP. POST /api/<call> with a JSON body,
// GET /api/events as server-sent events, and the built React UI as static files.
// Bound to 127.0.0.1; requests whose Host or Origin is not this server are refused, so a
// web page in the person's browser cannot drive Sift (DNS rebinding, CSRF).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { SiftService } from '../api/contract.js';
import { dispatch } from '../api/dispatch.js';
import { httpStatusFor, SiftError, toWireError } from '../api/errors.js';
import type { Logger } from '../log.js';
import { createOpenAiHandler, type OpenAiApiOptions } from './openai-api.js';

export interface HttpServerOptions {
  service: SiftService;
  /** Folder with the built renderer (index.html and assets). */
  staticDir?: string;
  port?: number;
  host?: string;
  logger?: Logger;
  /** Turns on the OpenAI-compatible API at /v1 (bearer token instead of the Origin check). */
  openai?: OpenAiApiOptions;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const SSE_HEARTBEAT_MS = 15_000;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const sockets = new Set<ServerResponse>();
  let port = 0;

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A person's mistake (bad query, missing folder) is one line; a fault gets its stack.
      if (error instanceof SiftError && error.code !== 'internal') {
        options.logger?.log('warn', `HTTP ${req.method} ${req.url}: ${error.code}: ${error.message}`);
      } else {
        options.logger?.log('error', `HTTP ${req.method} ${req.url} failed: ${(error as Error).stack ?? error}`);
      }
      if (!res.headersSent) sendError(res, error);
      else res.end();
    });
  });

  function allowedHost(value: string | undefined): boolean {
    return value === `${host}:${port}` || value === `localhost:${port}`;
  }

  const openai = options.openai ? createOpenAiHandler({ logger: options.logger, ...options.openai }) : undefined;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHost(req.headers.host)) return sendJson(res, 403, { error: wire('Forbidden host.') });
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/v1' || path.startsWith('/v1/')) {
      if (openai) return openai(req, res, path);
      return sendJson(res, 404, { error: { message: 'The local API is off. Start it with `sift serve`.', type: 'invalid_request_error', param: null, code: 'api_off' } });
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHost(origin.replace(/^https?:\/\//, ''))) {
      return sendJson(res, 403, { error: wire('Cross-origin requests are not allowed.') });
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (url.pathname === '/api/events' && req.method === 'GET') return streamEvents(res);
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return sendJson(res, 405, { error: wire('Use POST for API calls.') });
      const body = await readJson(req);
      const result = await dispatch(options.service, url.pathname.slice('/api/'.length), body);
      return sendJson(res, 200, result);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: wire('Method not allowed.') });
    return serveStatic(url.pathname, res);
  }

  function streamEvents(res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    sockets.add(res);
    const unsubscribe = options.service.onEvent((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
    const heartbeat = setInterval(() => res.write(': ping\n\n'), SSE_HEARTBEAT_MS);
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      sockets.delete(res);
    });
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    if (!options.staticDir) return sendJson(res, 404, { error: wire('No UI is bundled with this server.') });
    const root = normalize(options.staticDir);
    let file = normalize(join(root, decodeURIComponent(pathname)));
    if (file !== root && !file.startsWith(root + sep)) return sendJson(res, 403, { error: wire('Forbidden path.') });
    let info = await stat(file).catch(() => undefined);
    if (!info || info.isDirectory()) {
      // Client-side routes fall back to the app shell.
      file = join(root, 'index.html');
      info = await stat(file).catch(() => undefined);
      if (!info) return sendJson(res, 404, { error: wire('The UI has not been built: run `npm run build`.') });
    }
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': info.size,
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    });
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise((resolveClose) => {
        for (const res of sockets) res.end();
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}

function wire(message: string) {
  return { name: 'SiftError', code: 'invalid_request', message };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new SiftError('invalid_request', 'The request is too large (limit 1 MB).');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new SiftError('invalid_request', 'The request body is not valid JSON.');
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, error: unknown): void {
  const wireError = toWireError(error);
  sendJson(res, httpStatusFor(wireError.code), { error: wireError });
}
