// The attacks of issue 12 that the server already withstood, replayed so they keep
// failing: token and secret compares without a timing leak, body limits, malformed JSON,
// 10^6-deep nesting, 100k inputs, bad `dimensions`, path traversal, cross-site and
// DNS-rebinding requests, and 50 slowloris connections while the owner searches.
import { readFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core.js';
import { signIn, type SignedIn } from '../test-support/browser-sign-in.js';
import { makeFixtureFolder, makeTempDir, type FixtureFolder } from '../test-support/fixture-folder.js';
import { asStranger } from '../test-support/stranger.js';
import { BrowserSessions } from './browser-session.js';
import { startHttpServer, type RunningServer } from './http-server.js';

const TOKEN = 'sift-holds-test-token-0123456789';
const MODEL = 'sift-starter-glove-100d';
let data: Awaited<ReturnType<typeof makeTempDir>>;
let folder: FixtureFolder;
let core: Core;
let server: RunningServer;
let owner: SignedIn;

const v1 = (path: string, body: string) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body });
const api = (name: string, body: string) => fetch(`${server.url}/api/${name}`, { method: 'POST', headers: owner.headers, body });

beforeAll(async () => {
  data = await makeTempDir('sift-holds-');
  folder = await makeFixtureFolder();
  const ui = join(data.path, 'ui');
  await mkdir(ui);
  await writeFile(join(ui, 'index.html'), '<!doctype html><title>Sift</title>');
  core = await createCore({ dataDir: join(data.path, 'data'), logger: { log: () => undefined } });
  server = await startHttpServer({
    service: core.service,
    ui: { staticDir: ui },
    port: 0,
    openai: { embedder: core.embedder, token: TOKEN, search: (request) => core.service.search(request) },
  });
  owner = await signIn(server);
  await core.indexFolder(folder.root);
});

afterAll(async () => {
  await server.close();
  await core.close();
  await folder.remove();
  await data.remove();
});

describe('what already held', () => {
  it('compares tokens and sign-in secrets in constant time, whatever their length', async () => {
    // Both compare SHA-256 digests with timingSafeEqual: equal lengths, no early exit.
    for (const file of ['bearer-token.ts', 'browser-session.ts']) {
      const source = await readFile(join(import.meta.dirname, file), 'utf8');
      expect(source, file).toMatch(/timingSafeEqual\(/);
      expect(source, file).toMatch(/createHash\('sha256'\)/);
    }
    for (const guess of ['x', TOKEN.slice(0, -1), `${TOKEN}x`, TOKEN.toUpperCase(), 'y'.repeat(10_000)]) {
      const answer = await fetch(`${server.url}/v1/models`, { headers: { authorization: `Bearer ${guess}` } });
      expect(answer.status, guess.slice(0, 20)).toBe(401);
    }
    const sessions = new BrowserSessions('sift-session-test', { secret: 'the-one-time-secret-0123' });
    for (const guess of ['', 'the', 'the-one-time-secret-012', 'the-one-time-secret-01234', 'z'.repeat(10_000)]) expect(sessions.exchange(guess)).toBeUndefined();
    expect(sessions.exchange('the-one-time-secret-0123')).toMatch(/^[\w-]{40,}$/);
  });

  it('limits bodies: 1 MB on /api, 8 MB on /v1 (413)', async () => {
    expect((await api('search', JSON.stringify({ query: 'x'.repeat(2 * 1024 * 1024) }))).status).toBe(413);
    expect((await v1('/v1/embeddings', JSON.stringify({ model: MODEL, input: ['word '.repeat(2 * 1024 * 1024)] }))).status).toBe(413);
  });

  it('answers malformed JSON, 10^6-deep nesting, 100k inputs and bad dimensions with 400', async () => {
    const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const answers = await Promise.all([
      v1('/v1/embeddings', '{"model":'),
      api('search', '{"query":'),
      v1('/v1/embeddings', `{"model":"${MODEL}","input":${deep(1_000_000)}}`),
      api('search', deep(400_000)),
      v1('/v1/embeddings', JSON.stringify({ model: MODEL, input: Array.from({ length: 100_000 }, () => 'a') })),
      v1('/v1/embeddings', JSON.stringify({ model: MODEL, input: 'x', dimensions: 0 })),
      v1('/v1/embeddings', JSON.stringify({ model: MODEL, input: 'x', dimensions: -5 })),
      v1('/v1/embeddings', JSON.stringify({ model: MODEL, input: 'x', dimensions: 'all' })),
      v1('/v1/embeddings', JSON.stringify({ model: MODEL, input: 'x', dimensions: 1e9 })),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400, 400, 400, 400, 400, 400, 400]);
  });

  it('keeps static paths inside the UI folder', async () => {
    const run = await asStranger(server.port, [
      { path: '/..%2f..%2f..%2fetc%2fpasswd' },
      { path: '/%2e%2e/%2e%2e/%2e%2e/etc/passwd' },
      { path: '/../../../etc/passwd' },
      { path: '/..\\..\\..\\etc\\passwd' },
      { path: '/%00../../etc/passwd' },
    ]);
    for (const answer of run.answers) {
      // Refused, or the app shell for a route it does not know; never the file.
      expect([200, 400, 403], run.who).toContain(answer.status);
      expect(answer.body).not.toMatch(/root:.*:0:0:/);
      if (answer.status === 200) expect(answer.body).toContain('<title>Sift</title>');
    }
  });

  it('refuses cross-site Origins, the null Origin and DNS-rebinding Hosts with 403', async () => {
    const body = JSON.stringify({ query: 'password' });
    const base = { method: 'POST', headers: { ...owner.headers }, body };
    const run = await asStranger(server.port, [
      { path: '/api/search', ...base, headers: { ...base.headers, origin: 'https://evil.example' } },
      { path: '/api/search', ...base, headers: { ...base.headers, origin: 'null' } },
      { path: '/api/search', ...base, headers: { ...base.headers, host: `evil.example:${server.port}` } },
      { path: '/v1/search', method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, host: `evil.example:${server.port}` }, body },
      { path: '/', headers: { host: `rebind.example:${server.port}` } },
    ]);
    // Even with the owner's cookie (as a page in the owner's browser would have it).
    expect(run.answers.map((answer) => answer.status), run.who).toEqual([403, 403, 403, 403, 403]);
  });

  it('keeps answering the owner while 50 slowloris connections trickle headers', async () => {
    const port = server.port;
    const sockets: Socket[] = [];
    for (let i = 0; i < 50; i++) {
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.write(`POST /api/search HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
      sockets.push(socket);
    }
    const trickle = setInterval(() => sockets.forEach((socket, i) => socket.write(`X-Slow-${i}: a\r\n`)), 200);
    try {
      const started = performance.now();
      for (let i = 0; i < 5; i++) {
        const answer = await api('search', JSON.stringify({ query: 'recover access to my account', limit: 3 }));
        expect(answer.status).toBe(200);
        expect(((await answer.json()) as { hits: unknown[] }).hits.length).toBeGreaterThan(0);
      }
      expect(performance.now() - started).toBeLessThan(10_000);
    } finally {
      clearInterval(trickle);
      sockets.forEach((socket) => socket.destroy());
    }
  });
});
