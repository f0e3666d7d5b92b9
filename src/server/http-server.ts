// Browser mode: the same contract over loopback HTTP. POST /api/<call> with a JSON body,
// GET /api/events as server-sent events, and the built React UI as static files.
// Bound to 127.0.0.1. Three locks, because loopback is shared by every local user:
// - every /api request needs the session cookie of a browser that signed in through the
//   one-time link `sift serve` printed (browser-session.ts); other local users and
//   programs get 401 before their body is read;
// - requests whose Host or Origin is not this server are refused, and state-changing calls
//   must carry an Origin, so a web page in the person's browser cannot drive Sift (DNS
//   rebinding, CSRF); only application/json bodies, which no HTML form can send;
// - without `ui` (the desktop app's Local API switch) there is no /api at all, only /v1
//   and /mcp (the MCP tools, mcp-http.ts), both behind the bearer token.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { SiftService } from '../api/contract.js';
import { dispatch } from '../api/dispatch.js';
import { httpStatusFor, SiftError, toWireError, type SiftErrorCode } from '../api/errors.js';
import type { Logger } from '../log.js';
import { BrowserSessions, type BrowserSessionOptions } from './browser-session.js';
import { API_BODY_LIMIT_BYTES, BodyError, readJsonBody } from './json-body.js';
import { createMcpHttpHandler, type McpHttpOptions } from './mcp-http.js';
import { createOpenAiHandler, type OpenAiApiOptions } from './openai-api.js';

export interface HttpServerOptions {
  service: SiftService;
  /** Browser mode: the built UI and /api for browsers signed in with the one-time link.
   *  Without it the server offers /v1 only (the desktop app's window talks over IPC). */
  ui?: {
    /** Folder with the built renderer (index.html and assets). */
    staticDir?: string;
    session?: BrowserSessionOptions;
  };
  port?: number;
  host?: string;
  logger?: Logger;
  /** Turns on the OpenAI-compatible API at /v1 (bearer token instead of the session). */
  openai?: OpenAiApiOptions;
  /** Turns on MCP over Streamable HTTP at /mcp (bearer token, normally the /v1 one). */
  mcp?: McpHttpOptions;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Browser mode: the sign-in link with the one-time secret in force now. */
  signInUrl(): string | undefined;
  close(): Promise<void>;
}

/** A refusal with its own HTTP status (405, 413, 415) and a wire code for the UI. */
class HttpRefusal extends SiftError {
  constructor(
    readonly status: number,
    code: SiftErrorCode,
    message: string,
  ) {
    super(code, message);
  }
}

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
  let sessions: BrowserSessions | undefined;

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      // The path only: a sign-in link's secret must not land in the log. A person's
      // mistake or a refused request is one line; only a fault gets its stack.
      const where = `HTTP ${req.method} ${(req.url ?? '/').split('?')[0]}`;
      if (error instanceof SiftError && error.code !== 'internal') {
        options.logger?.log('warn', `${where}: ${error.code}: ${error.message}`);
      } else {
        options.logger?.log('error', `${where} failed: ${(error as Error).stack ?? error}`);
      }
      if (!res.headersSent) sendError(req, res, error);
      else res.end();
    });
  };
  const server: Server = createServer(onRequest);
  // `Expect: 100-continue` (curl's default for large uploads): Node would invite the body
  // before we look at the request. Routed like any request instead; the body is invited
  // (readJsonBody) only once the caller passed every check, so a refused one is never sent.
  server.on('checkContinue', onRequest);

  function allowedHost(value: string | undefined): boolean {
    return value === `${host}:${port}` || value === `localhost:${port}`;
  }

  const openai = options.openai ? createOpenAiHandler({ logger: options.logger, ...options.openai }) : undefined;
  const mcp = options.mcp ? createMcpHttpHandler({ service: options.service, logger: options.logger, ...options.mcp }) : undefined;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHost(req.headers.host)) throw new HttpRefusal(403, 'forbidden', 'Forbidden host.');
    const target = req.url ?? '/';
    const queryAt = target.indexOf('?');
    const path = queryAt === -1 ? target : target.slice(0, queryAt);
    if (path === '/mcp') {
      if (mcp) return mcp(req, res);
      throw new HttpRefusal(404, 'not_found', 'The MCP endpoint is off. Turn on the local API in Settings, or run `sift serve`.');
    }
    if (path === '/v1' || path.startsWith('/v1/')) {
      if (openai) return openai(req, res, path);
      return sendJson(req, res, 404, { error: { message: 'The local API is off. Start it with `sift serve`.', type: 'invalid_request_error', param: null, code: 'api_off' } });
    }
    if (!sessions) throw new HttpRefusal(404, 'not_found', 'This server offers the OpenAI-compatible API under /v1 only.');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHost(origin.replace(/^https?:\/\//, ''))) {
      throw new HttpRefusal(403, 'forbidden', 'Cross-origin requests are not allowed.');
    }
    if (path === '/api' || path.startsWith('/api/')) return handleApi(req, res, path, sessions);
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpRefusal(405, 'invalid_request', 'Method not allowed.');
    const token = queryAt === -1 ? null : new URLSearchParams(target.slice(queryAt + 1)).get('token');
    if (token !== null) return signIn(req, res, path, token, sessions);
    return serveStatic(req, res, path);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, path: string, live: BrowserSessions): Promise<void> {
    // Before anything is read: a stranger learns nothing and uploads nothing.
    if (!live.verify(req.headers.cookie)) {
      throw new HttpRefusal(401, 'unauthorized', 'This browser is not signed in to Sift: open the sign-in link that `sift serve` printed.');
    }
    if (path === '/api/events' && req.method === 'GET') return streamEvents(res);
    if (req.method !== 'POST') throw new HttpRefusal(405, 'invalid_request', 'Use POST for API calls.');
    // Browsers send Origin with every POST; a request without one is no page of ours.
    if (req.headers.origin === undefined) throw new HttpRefusal(403, 'forbidden', 'API calls must carry an Origin header.');
    if (!isJson(req.headers['content-type'])) throw new HttpRefusal(415, 'invalid_request', 'API calls take a JSON body (Content-Type: application/json).');
    const body = await readJson(req, res);
    const result = await dispatch(options.service, path.slice('/api/'.length), body);
    return sendJson(req, res, 200, result);
  }

  /** GET /any/page?token=<secret>: the one-time secret becomes a session cookie. */
  async function signIn(req: IncomingMessage, res: ServerResponse, path: string, token: string, live: BrowserSessions): Promise<void> {
    const id = live.exchange(token);
    if (id === undefined) {
      options.logger?.log('warn', 'HTTP sign-in refused: the link\'s secret is wrong or was used already');
      // The UI itself, so the person reads (in their language) why and what to do.
      return serveStatic(req, res, '/', 401);
    }
    res.writeHead(303, {
      location: path,
      'set-cookie': live.setCookie(id),
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'content-length': 0,
    });
    res.end();
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

  async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string, status = 200): Promise<void> {
    const staticDir = options.ui?.staticDir;
    if (!staticDir) throw new HttpRefusal(404, 'not_found', 'No UI is bundled with this server.');
    const root = normalize(staticDir);
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      throw new HttpRefusal(400, 'invalid_request', 'The path has a malformed percent-encoding.');
    }
    let file = normalize(join(root, decoded));
    if (file !== root && !file.startsWith(root + sep)) throw new HttpRefusal(403, 'forbidden', 'Forbidden path.');
    let info = await stat(file).catch(() => undefined);
    if (!info || info.isDirectory()) {
      // Client-side routes fall back to the app shell.
      file = join(root, 'index.html');
      info = await stat(file).catch(() => undefined);
      if (!info) throw new HttpRefusal(404, 'not_found', 'The UI has not been built: run `npm run build`.');
    }
    res.writeHead(status, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': info.size,
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    });
    if (req.method === 'HEAD') return void res.end();
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
  const url = `http://${host}:${port}`;
  if (options.ui) sessions = new BrowserSessions(`sift-session-${port}`, options.ui.session);

  return {
    url,
    port,
    signInUrl: () => (sessions ? `${url}/?token=${encodeURIComponent(sessions.secret)}` : undefined),
    close: () =>
      new Promise((resolveClose) => {
        for (const res of sockets) res.end();
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}

/** application/json, with or without parameters (charset). */
function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]!.trim().toLowerCase() === 'application/json';
}

async function readJson(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
  try {
    return (await readJsonBody(req, res, API_BODY_LIMIT_BYTES)) ?? {};
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    if (error.problem === 'too_large') throw new HttpRefusal(413, 'invalid_request', 'The request is too large (limit 1 MB).');
    throw new SiftError('invalid_request', 'The request body is not valid JSON.');
  }
}

function sendJson(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  const headers: Record<string, string | number> = { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...extra };
  // Answered before the whole body came (a refusal): close rather than read the rest.
  if (!req.complete) headers.connection = 'close';
  res.writeHead(status, headers);
  res.end(text);
}

function sendError(req: IncomingMessage, res: ServerResponse, error: unknown): void {
  const wireError = toWireError(error);
  // A full search queue (search-admission.ts): clients may retry after a second.
  const extra: Record<string, string> = wireError.code === 'busy' ? { 'retry-after': '1' } : {};
  sendJson(req, res, error instanceof HttpRefusal ? error.status : httpStatusFor(wireError.code), { error: wireError }, extra);
}
