// The desktop app's local API switch through the real core: turning it on serves
// /v1/embeddings and /mcp with a bearer token kept across restarts (read through the core, never
// through the status every transport serves); a taken port is explained.
import { createServer } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core.js';
import { makeTempDir } from '../test-support/fixture-folder.js';

const quiet = { log: () => undefined };
let data: Awaited<ReturnType<typeof makeTempDir>>;
let core: Core;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  data = await makeTempDir();
  core = await createCore({ dataDir: data.path, logger: quiet, localApi: true });
});
afterAll(async () => {
  await core.close();
  await data.remove();
});

describe('local API switch', () => {
  it('is off by default, serves /v1/embeddings with a token when on, and stops when off', async () => {
    expect((await core.service.status({})).api).toEqual({ running: false });
    const port = await freePort();
    await core.service.updateSettings({ apiServer: true, apiPort: port });
    const api = (await core.service.status({})).api!;
    expect(api).toMatchObject({ running: true, url: `http://127.0.0.1:${port}` });
    const ask = (token: string) =>
      fetch(`${api.url}/v1/embeddings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ model: 'sift-starter-glove-100d', input: ['bread and butter'] }),
      });
    expect(api).not.toHaveProperty('token');
    const ok = await ask((await core.localApiToken())!);
    expect(ok.status, await ok.clone().text()).toBe(200);
    const body = (await ok.json()) as { data: Array<{ embedding: number[] }> };
    expect(body.data[0]!.embedding).toHaveLength(100);
    expect((await ask('wrong-token')).status).toBe(401);
    // The same switch serves the MCP tools at /mcp behind the same token.
    const mcp = new Client({ name: 'switch-test', version: '1.0.0' });
    await mcp.connect(new StreamableHTTPClientTransport(new URL(`${api.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${(await core.localApiToken())!}` } } }));
    expect((await mcp.listTools()).tools.map((tool) => tool.name)).toContain('read_document');
    await mcp.close();
    const noToken = await fetch(`${api.url}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(noToken.status).toBe(401);
    await core.service.updateSettings({ apiServer: false });
    expect((await core.service.status({})).api).toEqual({ running: false });
    await expect(fetch(`${api.url}/v1/models`)).rejects.toThrow();
  });

  it('keeps the token across restarts', async () => {
    await core.service.updateSettings({ apiServer: true, apiPort: await freePort() });
    const first = await core.localApiToken();
    expect(first).toMatch(/^sift-/);
    await core.close();
    core = await createCore({ dataDir: data.path, logger: quiet, localApi: true });
    await core.service.updateSettings({ apiPort: await freePort() });
    expect((await core.service.status({})).api).toMatchObject({ running: true });
    expect(await core.localApiToken()).toBe(first);
  });

  it('explains a port that another program holds', async () => {
    const port = await freePort();
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(port, '127.0.0.1', () => resolve()));
    try {
      await core.service.updateSettings({ apiServer: true, apiPort: port });
      expect((await core.service.status({})).api).toEqual({ running: false, error: `Port ${port} is already in use; choose another port.` });
    } finally {
      other.close();
    }
  });
});
