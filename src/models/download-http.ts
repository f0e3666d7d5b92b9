// One GET over node's http/https, through a proxy when the environment names one, following
// redirects (Hugging Face answers /resolve/ with a redirect to its CDN). https through a
// proxy uses a CONNECT tunnel; plain http goes to the proxy in absolute form.
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { SiftError } from '../api/errors.js';
import { proxyAuthorization, proxyFor } from './download-proxy.js';

export interface GetOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
  /** Extra trusted certificates (a corporate TLS-inspecting proxy; tests). */
  ca?: string | Buffer;
  /** No bytes for this long aborts the request, so a stalled connection is retried. */
  idleTimeoutMs?: number;
  /** No answer (status line and headers) this long after the request starts fails the
   *  attempt, so an unreachable host is reported and retried within seconds (default 10 s). */
  connectTimeoutMs?: number;
  maxRedirects?: number;
}

export interface GetResponse {
  response: IncomingMessage;
  /** The URL that finally answered, after redirects. */
  url: string;
}

/** A connection that went quiet; retried like a reset connection. */
export class StalledError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(
    message: string,
    readonly seconds: number,
  ) {
    super(message);
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** A GET that resolves with the response head of the final (non-redirect) answer. */
export async function httpGet(url: string, options: GetOptions = {}): Promise<GetResponse> {
  let current = new URL(url);
  let headers = { ...options.headers };
  for (let hop = 0; hop <= (options.maxRedirects ?? 10); hop++) {
    const response = await getOnce(current, headers, options);
    const location = response.headers.location;
    if (!REDIRECTS.has(response.statusCode ?? 0) || !location) return { response, url: current.href };
    response.resume();
    const next = new URL(location, current);
    // Credentials belong to the host they were meant for, never to the CDN it redirects to.
    if (next.origin !== current.origin) headers = withoutAuthorization(headers);
    current = next;
  }
  throw new SiftError('download_failed', `Too many redirects while fetching ${url}.`, { detail: { key: 'downloadTooManyRedirects', params: { url } } });
}

function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization'));
}

function getOnce(target: URL, headers: Record<string, string>, options: GetOptions): Promise<IncomingMessage> {
  const proxy = proxyFor(target, options.env ?? process.env);
  const isHttps = target.protocol === 'https:';
  return new Promise<IncomingMessage>((resolve, reject) => {
    if (options.signal?.aborted) return reject(abortError(options.signal));
    const outgoing: OutgoingHttpHeaders = { 'user-agent': 'Sift model downloader', 'accept-encoding': 'identity', ...headers };
    let req: ReturnType<typeof httpRequest>;
    if (proxy && !isHttps) {
      const auth = proxyAuthorization(proxy);
      req = httpRequest({
        host: proxy.hostname,
        port: proxy.port || 80,
        method: 'GET',
        path: target.href,
        agent: false,
        headers: { ...outgoing, host: target.host, ...(auth ? { 'proxy-authorization': auth } : {}) },
      });
    } else if (proxy && isHttps) {
      req = httpsRequest(target, {
        method: 'GET',
        headers: outgoing,
        ca: options.ca,
        // Our own connection: a CONNECT tunnel through the proxy, then TLS to the origin.
        createConnection: (_opts: unknown, callback: (error: Error | null, socket: Socket) => void) => {
          tunnel(proxy, target, options)
            .then((socket) => {
              // SNI takes host names only; certificate checks still use `host` for IPs.
              const servername = isIP(target.hostname) ? undefined : target.hostname;
              const tls = tlsConnect({ socket, host: target.hostname, servername, ca: options.ca });
              callback(null, tls);
            })
            .catch((error: Error) => callback(error, undefined as unknown as Socket));
          return undefined;
        },
      } as Parameters<typeof httpsRequest>[1]);
    } else {
      // agent: false: a fresh connection per attempt; a pooled one may be half-dead after a cut.
      req = (isHttps ? httpsRequest : httpRequest)(target, { method: 'GET', headers: outgoing, ca: options.ca, agent: false });
    }
    const onAbort = () => req.destroy(abortError(options.signal!));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const idle = options.idleTimeoutMs ?? 30_000;
    req.setTimeout(idle, () => req.destroy(new StalledError(`no data from ${target.host} for ${Math.round(idle / 1000)} s`, Math.round(idle / 1000))));
    const connectMs = options.connectTimeoutMs ?? 10_000;
    const noAnswer = setTimeout(
      () => req.destroy(new StalledError(`no answer from ${target.host} for ${Math.round(connectMs / 1000)} s`, Math.round(connectMs / 1000))),
      connectMs,
    );
    req.once('close', () => clearTimeout(noAnswer));
    req.once('response', (response) => {
      clearTimeout(noAnswer);
      response.once('close', () => options.signal?.removeEventListener('abort', onAbort));
      resolve(response);
    });
    req.once('error', (error) => {
      options.signal?.removeEventListener('abort', onAbort);
      reject(error);
    });
    req.end();
  });
}

function tunnel(proxy: URL, target: URL, options: GetOptions): Promise<Socket> {
  const authority = `${target.hostname}:${target.port || 443}`;
  const auth = proxyAuthorization(proxy);
  return new Promise<Socket>((resolve, reject) => {
    const req = httpRequest({
      host: proxy.hostname,
      port: proxy.port || 80,
      method: 'CONNECT',
      path: authority,
      headers: { host: authority, ...(auth ? { 'proxy-authorization': auth } : {}) },
      signal: options.signal,
    });
    req.once('connect', (response, socket) => {
      if (response.statusCode !== 200) {
        socket.destroy();
        reject(
          new SiftError(
            'download_failed',
            `The proxy ${proxy.host} refused to connect to ${authority} (HTTP ${response.statusCode}` +
              `${response.statusCode === 407 ? ': proxy authentication required; put user:password in HTTPS_PROXY' : ''}).`,
            response.statusCode === 407
              ? { detail: { key: 'downloadProxyAuth' } }
              : { detail: { key: 'downloadProxyRefused', params: { proxy: proxy.host, target: authority, status: response.statusCode ?? 0 } } },
          ),
        );
        return;
      }
      resolve(socket);
    });
    req.once('error', reject);
    req.end();
  });
}

export function abortError(signal: AbortSignal): Error {
  // A caller may abort with its own SiftError (say, shutting down); a plain abort() is a cancel.
  const reason: unknown = signal.reason;
  return reason instanceof SiftError ? reason : new SiftError('cancelled', 'The download was cancelled.', { detail: { key: 'downloadCancelled' } });
}
