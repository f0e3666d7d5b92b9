// Issue 12's attacks, replayed against the real server and core: another local user
// (uid 65534 through setpriv where the machine allows it, else this user without the
// session cookie) drives /api of `sift serve` and of the desktop app's Local API switch,
// reads the bearer token, probes file paths; plus the small leaks (a stack in the log for a
// bad percent-encoding, a 1 GB body read before the 401, text/plain and Origin-less calls).
// Each must end in 401/403 (or 404 where the route does not exist), and no answer may
// carry a secret. What already held is replayed in security-holds.test.ts.
import { request as httpRequest } from 'node:http';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core.js';
import { makeTempDir } from '../test-support/fixture-folder.js';
import { signIn, type SignedIn } from '../test-support/browser-sign-in.js';
import { asStranger, type StrangerRequest } from '../test-support/stranger.js';
import { startHttpServer, type RunningServer } from './http-server.js';

const TOKEN = 'sift-security-test-token-0123456789';
const PIN = 'PIN 4821-7730';
const KEY = 'sk-live-0f3b9c2d7e6a5b4c3d2e1f00';
let data: Awaited<ReturnType<typeof makeTempDir>>;
let vault: string;
let core: Core;
let server: RunningServer;
let desktopApi: string;
let desktopToken: string;
let owner: SignedIn;
const logLines: string[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

const portOf = (url: string) => Number(new URL(url).port);
const json = (body: unknown, origin: string, extra: Record<string, string> = {}): Pick<StrangerRequest, 'method' | 'headers' | 'body'> => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', origin, ...extra },
  body: JSON.stringify(body),
});

beforeAll(async () => {
  data = await makeTempDir('sift-security-');
  // The probe's target: a hidden 0700 folder of this (root or owner) user, with secrets.
  vault = join(data.path, '.vault');
  await mkdir(vault, { mode: 0o700 });
  await writeFile(join(vault, 'secrets.md'), `# Secrets\n\nThe door code is ${PIN}.\nThe payment key is ${KEY}.\n`);
  await chmod(vault, 0o700);
  const ui = join(data.path, 'ui');
  await mkdir(ui);
  await writeFile(join(ui, 'index.html'), '<!doctype html><title>Sift</title>');
  const logger = { log: (level: string, message: string) => void logLines.push(`${level} ${message}`) };
  core = await createCore({ dataDir: join(data.path, 'data'), logger, localApi: true });
  server = await startHttpServer({
    service: core.service,
    ui: { staticDir: ui },
    port: 0,
    logger,
    openai: { embedder: core.embedder, token: TOKEN, search: (request) => core.service.search(request) },
  });
  // The desktop app with Settings → Local API on.
  await core.service.updateSettings({ apiServer: true, apiPort: await freePort() });
  desktopApi = (await core.service.status({})).api!.url!;
  desktopToken = (await core.localApiToken())!;
  owner = await signIn(server);
});

afterAll(async () => {
  await server.close();
  await core.close();
  await data.remove();
});

describe('another local user against `sift serve`', () => {
  it('cannot add a hidden 0700 folder, search it, import a path or listen to events: 401 for each', async () => {
    const origin = server.url;
    const run = await asStranger(server.port, [
      { path: '/api/addFolder', ...json({ path: vault }, origin) },
      { path: '/api/search', ...json({ query: 'door code payment key' }, origin) },
      { path: '/api/importModel', ...json({ path: '/etc/shadow' }, origin) },
      { path: '/api/status', ...json({}, origin) },
      { path: '/api/events' },
      // A guessed or forged cookie is no session.
      { path: '/api/listFolders', ...json({}, origin, { cookie: `sift-session-${server.port}=guessed-session-id` }) },
      // The /v1 twin of /api/search wants the token the stranger does not have.
      { path: '/v1/search', ...json({ query: 'door code' }, origin) },
      { path: '/v1/search', ...json({ query: 'door code' }, origin, { authorization: 'Bearer sift-wrong-guess-000000000000' }) },
    ]);
    const statuses = run.answers.map((answer) => answer.status);
    expect(statuses, run.who).toEqual([401, 401, 401, 401, 401, 401, 401, 401]);
    for (const answer of run.answers) {
      expect(answer.body).not.toContain(PIN);
      expect(answer.body).not.toContain(KEY);
      expect(answer.body).not.toContain(TOKEN);
      expect(answer.body).not.toContain('shadow');
    }
    // Nothing was added behind the owner's back.
    expect((await core.service.listFolders({})).map((folder) => folder.path)).not.toContain(vault);
  });

  it('cannot sign in with a wrong, a guessed or a used link', async () => {
    const link = new URL(server.signInUrl()!);
    const secret = link.searchParams.get('token')!;
    // The owner uses the link; the same link afterwards is worthless.
    const used = await fetch(link, { redirect: 'manual' });
    expect(used.status).toBe(303);
    const run = await asStranger(server.port, [
      { path: `/?token=${encodeURIComponent(secret)}` },
      { path: '/?token=' },
      { path: `/?token=${'A'.repeat(secret.length)}` },
    ]);
    expect(run.answers.map((answer) => answer.status), run.who).toEqual([401, 401, 401]);
    for (const answer of run.answers) expect(answer.headers['set-cookie']).toBeUndefined();
  });
});

describe('the desktop app’s Local API switch', () => {
  it('serves /v1 only: /api is not there, and no answer carries the bearer token', async () => {
    const origin = desktopApi;
    const run = await asStranger(portOf(desktopApi), [
      { path: '/api/status', ...json({}, origin) },
      { path: '/api/addFolder', ...json({ path: vault }, origin) },
      { path: '/api/events' },
      { path: '/' },
      { path: '/v1/models' },
    ]);
    expect(run.answers.map((answer) => answer.status), run.who).toEqual([404, 404, 404, 404, 401]);
    for (const answer of run.answers) expect(answer.body).not.toContain(desktopToken);
    // The token the Settings view shows still works on /v1 for the owner's programs.
    const models = await fetch(`${desktopApi}/v1/models`, { headers: { authorization: `Bearer ${desktopToken}` } });
    expect(models.status).toBe(200);
  });

  it('no contract call returns the token, not even to the signed-in owner', async () => {
    const status = await fetch(`${server.url}/api/status`, { method: 'POST', headers: owner.headers, body: '{}' });
    expect(status.status).toBe(200);
    const text = await status.text();
    expect(JSON.parse(text).api).toMatchObject({ running: true, url: desktopApi });
    expect(text).not.toContain(desktopToken);
    expect(text).not.toContain(TOKEN);
    const settings = await fetch(`${server.url}/api/getSettings`, { method: 'POST', headers: owner.headers, body: '{}' });
    expect(await settings.text()).not.toContain(desktopToken);
  });
});

describe('the small leaks', () => {
  it('a malformed percent-encoding in a static path is a 400 with no stack in the log', async () => {
    const before = logLines.length;
    const run = await asStranger(server.port, [{ path: '/%E0%A4%A' }, { path: '/assets/%ZZ.js' }]);
    expect(run.answers.map((answer) => answer.status), run.who).toEqual([400, 400]);
    const written = logLines.slice(before);
    expect(written.length).toBeGreaterThan(0);
    expect(written.join('\n')).not.toMatch(/^error|\n\s+at /m);
  });

  it.each(['/v1/embeddings', '/api/search'])('%s without credentials answers 401 and closes before reading a 1 GB body', async (path) => {
    const total = 1024 ** 3;
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const started = performance.now();
    // Keep sending after the answer, as curl did: the server must hang up, not drain it.
    const outcome = await new Promise<{ status: number; connection?: string; sent: number }>((resolve) => {
      let sent = 0;
      let answer: { status: number; connection?: string } = { status: 0 };
      const req = httpRequest(
        `${server.url}${path}`,
        { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url, 'content-length': String(total) } },
        (res) => {
          answer = { status: res.statusCode ?? 0, connection: res.headers.connection };
          res.resume();
        },
      );
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        req.destroy();
        resolve({ ...answer, sent });
      };
      req.on('error', finish);
      req.on('close', finish);
      const pump = () => {
        while (!done && sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (sent >= total) finish();
      };
      pump();
    });
    const seconds = (performance.now() - started) / 1000;
    expect(outcome.status).toBe(401);
    expect(outcome.connection).toBe('close');
    // The probe saw 8.9 s for the whole gigabyte; hung up at once, a few MB at most get out.
    expect(outcome.sent).toBeLessThan(64 * 1024 * 1024);
    expect(seconds).toBeLessThan(3);
  });

  it('a client that waits for `100 Continue` is refused without being asked for its body', async () => {
    const ask = (path: string, headers: Record<string, string>) =>
      new Promise<{ status: number; invited: boolean }>((resolve, reject) => {
        let invited = false;
        const body = JSON.stringify({ query: 'door code' });
        const req = httpRequest(`${server.url}${path}`, { method: 'POST', headers: { expect: '100-continue', 'content-length': String(body.length), ...headers } }, (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, invited });
        });
        req.on('continue', () => {
          invited = true;
          req.end(body);
        });
        req.on('error', reject);
        req.flushHeaders();
      });
    const json = { 'content-type': 'application/json', origin: server.url };
    expect(await ask('/api/search', json)).toEqual({ status: 401, invited: false });
    expect(await ask('/v1/search', json)).toEqual({ status: 401, invited: false });
    expect(await ask('/api/search', { ...json, cookie: owner.cookie })).toEqual({ status: 200, invited: true });
    expect(await ask('/v1/search', { ...json, authorization: `Bearer ${TOKEN}` })).toEqual({ status: 200, invited: true });
  });

  it('/api takes only application/json, and state-changing calls need this server’s Origin', async () => {
    const call = (headers: Record<string, string>) =>
      fetch(`${server.url}/api/listFolders`, { method: 'POST', headers: { cookie: owner.cookie, ...headers }, body: '{}' });
    expect((await call({ 'content-type': 'text/plain', origin: server.url })).status).toBe(415);
    expect((await call({ 'content-type': 'application/x-www-form-urlencoded', origin: server.url })).status).toBe(415);
    expect((await call({ origin: server.url })).status).toBe(415);
    expect((await call({ 'content-type': 'application/json' })).status).toBe(403);
    expect((await call({ 'content-type': 'application/json', origin: 'null' })).status).toBe(403);
    expect((await call({ 'content-type': 'application/json', origin: 'https://evil.example' })).status).toBe(403);
    expect((await call({ 'content-type': 'application/json; charset=utf-8', origin: server.url })).status).toBe(200);
  });

  it('path-taking calls answer the owner without quoting file contents', async () => {
    const notModel = join(data.path, 'notes.gguf');
    await writeFile(notModel, `${KEY}\n${PIN}\n`);
    const post = (name: string, body: unknown) => fetch(`${server.url}/api/${name}`, { method: 'POST', headers: owner.headers, body: JSON.stringify(body) });
    for (const [name, path] of [
      ['importModel', notModel],
      ['addFolder', notModel],
      ['importModel', join(vault, 'secrets.md')],
      ['addFolder', join(vault, 'secrets.md')],
    ] as const) {
      const answer = await post(name, { path });
      expect(answer.status, `${name} ${path}`).toBeGreaterThanOrEqual(400);
      const text = await answer.text();
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(PIN);
    }
  });
});
