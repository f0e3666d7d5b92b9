// Loopback servers for the download tests: a file host that behaves like Hugging Face
// (redirect from /resolve/ to a CDN path, Range requests, ETag) and can misbehave on
// purpose (cut the connection mid-file, ignore Range, serve other bytes), plus an HTTP
// proxy that understands absolute-form GETs and CONNECT tunnels, like squid.
import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect as netConnect, type AddressInfo, type Socket } from 'node:net';
import { createHash } from 'node:crypto';

/** A self-signed certificate for 127.0.0.1 and localhost, valid until 2126; tests only. */
export const TEST_TLS = {
  key: `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgYkFH1Qkmeqe2tszD
emsXiDP9P8/Z9l6cNuwDbKPcnPOhRANCAARJX4kInEz8MSLL8g2/9QfnHNBtWlEB
/yVmXSNShcigsvG3MSa4CYJIMz+jgN2Dk369Tnopgl37OlNhH52v5VMi
-----END PRIVATE KEY-----
`,
  cert: `-----BEGIN CERTIFICATE-----
MIIBrTCCAVOgAwIBAgIUPH3k195ICyg+8p1dz4zhhvHvTVAwCgYIKoZIzj0EAwIw
HTEbMBkGA1UEAwwSU2lmdCB0ZXN0IGxvb3BiYWNrMCAXDTI2MTEyNDIxNDYyM1oY
DzIxMjYxMDMxMjE0NjIzWjAdMRswGQYDVQQDDBJTaWZ0IHRlc3QgbG9vcGJhY2sw
WTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAARJX4kInEz8MSLL8g2/9QfnHNBtWlEB
/yVmXSNShcigsvG3MSa4CYJIMz+jgN2Dk369Tnopgl37OlNhH52v5VMio28wbTAd
BgNVHQ4EFgQU/y7l3KbfufbX4U05qK2xAphwFtcwHwYDVR0jBBgwFoAU/y7l3Kbf
ufbX4U05qK2xAphwFtcwDwYDVR0TAQH/BAUwAwEB/zAaBgNVHREEEzARhwR/AAAB
gglsb2NhbGhvc3QwCgYIKoZIzj0EAwIDSAAwRQIhAJgzTNVOihzmpfzGM0HT7iG4
07053x0+wQEM7xHpvFdrAiA3jtISJSWjiBuUKYwNm6CimfIs9v84vKY8j2bdd8hu
zQ==
-----END CERTIFICATE-----
`,
};

export interface ServedRequest {
  method: string;
  url: string;
  range?: string;
  ifRange?: string;
  authorization?: string;
}

export interface FileHostOptions {
  https?: boolean;
}

export interface FileHost {
  url: string;
  requests: ServedRequest[];
  /** Serve `body` at `/<owner>/<repo>/resolve/main/<file>` (redirecting to /cdn/...) and at /cdn/<file>. */
  serve(file: string, body: Buffer): void;
  /** Misbehaviour for the next N body requests of any file. */
  cutNext(count: number, afterBytes: number): void;
  ignoreRangeNext(count: number): void;
  /** Answer the next N requests of any path with this HTTP status (a 503, say). */
  failNext(count: number, status: number): void;
  /** Accept the next N requests and never answer them (a host that stalls). */
  stallNext(count: number): void;
  /** Slow every body chunk down, so a test can act mid-download. */
  throttle(bytesPerChunk: number, delayMs: number): void;
  close(): Promise<void>;
}

export async function startFileHost(options: FileHostOptions = {}): Promise<FileHost> {
  const files = new Map<string, { body: Buffer; etag: string }>();
  const requests: ServedRequest[] = [];
  let cuts: { count: number; afterBytes: number } = { count: 0, afterBytes: 0 };
  let ignoreRange = 0;
  let failures = { count: 0, status: 0 };
  let stalls = 0;
  let throttle: { bytes: number; delayMs: number } | undefined;
  const sockets = new Set<Socket>();

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    requests.push({
      method: req.method ?? '',
      url: req.url ?? '',
      range: req.headers.range,
      ifRange: req.headers['if-range'] as string | undefined,
      authorization: req.headers.authorization,
    });
    if (stalls > 0) {
      stalls--;
      return;
    }
    if (failures.count > 0) {
      failures.count--;
      res.writeHead(failures.status, { 'content-type': 'text/plain' });
      return res.end('Service unavailable');
    }
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const resolve = /^\/[^/]+\/[^/]+\/resolve\/[^/]+\/(.+)$/.exec(path);
    if (resolve && files.has(resolve[1]!)) {
      res.writeHead(302, { location: `/cdn/${encodeURIComponent(resolve[1]!)}` });
      return res.end();
    }
    const cdn = /^\/cdn\/(.+)$/.exec(path);
    const file = cdn ? files.get(cdn[1]!) : undefined;
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('Entry not found');
    }
    let start = 0;
    let status = 200;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const ifRange = req.headers['if-range'];
    if (range && ignoreRange > 0) {
      ignoreRange--;
    } else if (range && (!ifRange || ifRange === file.etag)) {
      start = Number(range[1]);
      if (start >= file.body.length) {
        res.writeHead(416, { 'content-range': `bytes */${file.body.length}` });
        return res.end();
      }
      status = 206;
    }
    const headers: Record<string, string | number> = {
      'content-type': 'application/octet-stream',
      'content-length': file.body.length - start,
      'accept-ranges': 'bytes',
      etag: file.etag,
    };
    if (status === 206) headers['content-range'] = `bytes ${start}-${file.body.length - 1}/${file.body.length}`;
    res.writeHead(status, headers);
    let body = file.body.subarray(start);
    if (cuts.count > 0) {
      cuts.count--;
      // Send part of the body, then hang up as a flaky network does. end() rather than
      // destroy(): a reset can discard bytes the client has not read yet, and the tests
      // count on exactly `afterBytes` arriving.
      body = body.subarray(0, cuts.afterBytes);
      res.write(body, () => res.socket?.end());
      return;
    }
    if (!throttle) return res.end(body);
    const { bytes, delayMs } = throttle;
    let offset = 0;
    const pump = () => {
      if (res.destroyed) return;
      if (offset >= body.length) return res.end();
      res.write(body.subarray(offset, offset + bytes));
      offset += bytes;
      setTimeout(pump, delayMs);
    };
    pump();
  };

  const server: Server = options.https ? createHttpsServer({ key: TEST_TLS.key, cert: TEST_TLS.cert }, handler) : createHttpServer(handler);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.https ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    serve(file, body) {
      files.set(file, { body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"` });
    },
    cutNext(count, afterBytes) {
      cuts = { count, afterBytes };
    },
    ignoreRangeNext(count) {
      ignoreRange = count;
    },
    failNext(count, status) {
      failures = { count, status };
    },
    stallNext(count) {
      stalls = count;
    },
    throttle(bytes, delayMs) {
      throttle = { bytes, delayMs };
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface ProxyServer {
  url: string;
  /** 'GET http://host/path' for forwarded requests, 'CONNECT host:port' for tunnels. */
  log: string[];
  close(): Promise<void>;
}

/** A forward proxy: absolute-form requests are relayed, CONNECT opens a TCP tunnel. */
export async function startProxy(): Promise<ProxyServer> {
  const log: string[] = [];
  const sockets = new Set<Socket>();
  const server = createHttpServer((req, res) => {
    log.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    log.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = netConnect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback URL where nothing listens: a port taken and released, so connecting to it
 *  is refused (ECONNREFUSED) at once, as on a machine with no network route. */
export async function refusingUrl(): Promise<string> {
  const server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
