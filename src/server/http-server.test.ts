// The browser transport over a real core: HTTP calls and server-sent events of a signed-in
// browser, and the loopback guards (Host and Origin checks). Attacks: security.test.ts.
import { request as httpRequest } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiftEvent } from '../api/contract.js';
import { createCore, type Core } from '../core.js';
import { makeFixtureFolder, makeTempDir, type FixtureFolder } from '../test-support/fixture-folder.js';
import { signIn, type SignedIn } from '../test-support/browser-sign-in.js';
import { startHttpServer, type RunningServer } from './http-server.js';

let folder: FixtureFolder;
let data: Awaited<ReturnType<typeof makeTempDir>>;
let core: Core;
let server: RunningServer;
let session: SignedIn;

async function call(name: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/api/${name}`, {
    method: 'POST',
    headers: { ...session.headers, ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Reads server-sent events until `done` says stop. */
async function readEvents(done: (event: SiftEvent) => boolean, timeoutMs = 20_000): Promise<SiftEvent[]> {
  const response = await fetch(`${server.url}/api/events`, { headers: { cookie: session.cookie }, signal: AbortSignal.timeout(timeoutMs) });
  const events: SiftEvent[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
      const message = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (!message.startsWith('data: ')) continue;
      const event = JSON.parse(message.slice(6)) as SiftEvent;
      events.push(event);
      if (done(event)) return events;
    }
  }
  return events;
}

beforeAll(async () => {
  folder = await makeFixtureFolder();
  data = await makeTempDir();
  const ui = join(data.path, 'ui');
  await mkdir(ui);
  await writeFile(join(ui, 'index.html'), '<!doctype html><title>Sift</title>');
  core = await createCore({ dataDir: data.path, logger: { log: () => undefined } });
  server = await startHttpServer({ service: core.service, ui: { staticDir: ui }, port: 0 });
  session = await signIn(server);
});

afterAll(async () => {
  await server.close();
  await core.close();
  await folder.remove();
  await data.remove();
});

describe('HTTP transport', () => {
  it('adds a folder, streams progress until it is indexed, then searches it', async () => {
    const events = readEvents((event) => event.type === 'folders' && event.folders[0]?.state === 'watching');
    const added = await call('addFolder', { path: folder.root });
    expect(added.status).toBe(200);
    expect(added.body.path).toBe(folder.root);
    const seen = await events;
    expect(seen.some((event) => event.type === 'progress' && event.progress.filesDone === 5)).toBe(true);
    const found = await call('search', { query: 'recover access to my account', limit: 3 });
    expect(found.status).toBe(200);
    const hits = found.body.hits as Array<{ path: string }>;
    expect(hits[0]?.path).toBe(folder.path('account/password-reset.md'));
  });

  it('previews a hit: its text around the passage, the words marked', async () => {
    const path = folder.path('account/password-reset.md');
    const preview = await call('previewFile', { path, line: 1, query: 'forgotten password' });
    expect(preview.status).toBe(200);
    const body = preview.body as { state: string; text: string; highlights: Array<[number, number]> };
    expect(body.state).toBe('ok');
    expect(body.text).toContain('To reset a forgotten password');
    expect(body.highlights.map(([s, e]) => body.text.slice(s, e).toLowerCase())).toContain('forgotten');
  });

  it.each([
    ['search', { query: 'x'.repeat(10_000) }, 400, 'A query can be at most 2000 characters.'],
    ['search', { query: '' }, 400, 'Type something to search for.'],
    ['addFolder', { path: '/definitely/not/here' }, 400, 'Folder not found: /definitely/not/here'],
    ['dropEverything', {}, 404, 'Unknown call "dropEverything".'],
    ['previewFile', { path: '/etc/passwd' }, 400, '/etc/passwd is not inside an added folder.'],
    ['previewFile', { path: '' }, 400, 'Name the file to preview.'],
  ])('%s %j answers %i with a readable message', async (name, body, status, message) => {
    const response = await call(name, body);
    expect(response.status).toBe(status);
    expect((response.body.error as { message: string }).message).toBe(message);
  });

  it('refuses other origins and foreign Host headers', async () => {
    expect((await call('listFolders', {}, { origin: 'https://evil.example' })).status).toBe(403);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${server.url}/api/listFolders`, { method: 'POST', headers: { ...session.headers, host: 'evil.example' } }, (res) =>
        resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('serves the UI shell with a strict Content-Security-Policy and no path escapes', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<title>Sift</title>');
    const escape = await fetch(`${server.url}/..%2f..%2fetc%2fpasswd`);
    expect(escape.status).toBe(403);
  });
});
