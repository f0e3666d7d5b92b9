// Many searches at once through the real HTTP server over a real core (starter model,
// LanceDB in a temp folder): every request is answered, at most maxInFlight run at once,
// at most maxQueued wait, and a search beyond both is refused at once with 503, code
// 'busy' and Retry-After (issue #14: 200 concurrent searches grew the RSS 268 MB -> 1.8 GB).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core.js';
import { SearchAdmission } from '../search/search-admission.js';
import { makeFixtureFolder, makeTempDir, type FixtureFolder } from '../test-support/fixture-folder.js';
import { signIn, type SignedIn } from '../test-support/browser-sign-in.js';
import { startHttpServer, type RunningServer } from './http-server.js';

let folder: FixtureFolder;
let data: Awaited<ReturnType<typeof makeTempDir>>;
let core: Core;
let server: RunningServer;
let session: SignedIn;
const admission = new SearchAdmission({ maxInFlight: 2, maxQueued: 8 });

async function search(query: string) {
  const response = await fetch(`${server.url}/api/search`, {
    method: 'POST',
    headers: session.headers,
    body: JSON.stringify({ query, limit: 5 }),
  });
  const body = (await response.json()) as { hits?: unknown[]; error?: { code: string; message: string } };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
}

beforeAll(async () => {
  folder = await makeFixtureFolder();
  data = await makeTempDir();
  core = await createCore({ dataDir: data.path, logger: { log: () => undefined }, searchAdmission: admission });
  await core.indexFolder(folder.root);
  const ui = join(data.path, 'ui');
  await mkdir(ui);
  await writeFile(join(ui, 'index.html'), '<!doctype html><title>Sift</title>');
  server = await startHttpServer({ service: core.service, ui: { staticDir: ui }, port: 0 });
  session = await signIn(server);
});

afterAll(async () => {
  await server.close();
  await core.close();
  await folder.remove();
  await data.remove();
});

describe('search admission over HTTP', () => {
  it('queues up to the bound, refuses beyond it with 503 busy, and answers every request', async () => {
    // Hold both slots, so that what happens to the next requests does not depend on timing.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const held = [admission.run(() => gate), admission.run(() => gate)];
    const requests = Array.from({ length: 30 }, (_, i) => search(i % 2 ? 'recover my account password' : 'baking bread'));
    // The refusals come back while the slots are still held: the queue is full at 8.
    const refusedFirst = await Promise.race([Promise.all(requests).then(() => 'all answered'), waitFor(() => admission.stats().refused === 22)]);
    expect(refusedFirst).toBe('refused');
    expect(admission.stats()).toMatchObject({ inFlight: 2, queued: 8 });
    open();
    await Promise.all(held);
    const answers = await Promise.all(requests);
    const ok = answers.filter((a) => a.status === 200);
    const busy = answers.filter((a) => a.status === 503);
    expect(ok).toHaveLength(8);
    expect(busy).toHaveLength(22);
    for (const a of ok) expect(a.body.hits?.length).toBeGreaterThan(0);
    for (const a of busy) {
      expect(a.body.error?.code).toBe('busy');
      expect(a.body.error?.message).toMatch(/searches at once; try again in a moment/);
      expect(a.retryAfter).toBe('1');
    }
    expect(admission.stats()).toMatchObject({ inFlight: 0, queued: 0, peakInFlight: 2, peakQueued: 8 });
  });

  it('answers 200 concurrent searches within a large enough queue, never more than 2 at once', async () => {
    const wide = new SearchAdmission({ maxInFlight: 2, maxQueued: 1000 });
    const otherData = await makeTempDir();
    const other = await createCore({ dataDir: otherData.path, logger: { log: () => undefined }, searchAdmission: wide });
    const otherServer = await startHttpServer({ service: other.service, ui: { staticDir: join(data.path, 'ui') }, port: 0 });
    try {
      await other.indexFolder(folder.root);
      const otherSession = await signIn(otherServer);
      const answers = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          fetch(`${otherServer.url}/api/search`, {
            method: 'POST',
            headers: otherSession.headers,
            body: JSON.stringify({ query: `password reset ${i}`, limit: 5 }),
          }).then((response) => response.status),
        ),
      );
      expect(answers.filter((status) => status === 200)).toHaveLength(200);
      expect(wide.stats()).toMatchObject({ inFlight: 0, queued: 0, refused: 0, peakInFlight: 2 });
      expect(wide.stats().peakQueued).toBeGreaterThan(0);
    } finally {
      await otherServer.close();
      await other.close();
      await otherData.remove();
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return 'timed out';
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return 'refused';
}
