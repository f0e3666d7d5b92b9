// The MCP tools driven by the SDK's own Client, over both transports: stdio against the
// built `sift mcp` (as Claude Desktop starts it) and Streamable HTTP against the real
// loopback server with its bearer token. A real index of real files (starter model,
// LanceDB in a temp folder), written by a writer core while `sift mcp` reads next to it.
import { existsSync } from 'node:fs';
import { symlink, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core.js';
import { packageRoot } from '../paths.js';
import { makeFixtureFolder, makeTempDir, type FixtureFolder } from '../test-support/fixture-folder.js';
import { startHttpServer, type RunningServer } from './http-server.js';

const TOKEN = 'mcp-test-token-0123456789';
const quiet = { log: () => undefined };
const bin = join(packageRoot(), 'bin', 'sift.js');

let folder: FixtureFolder;
let outside: FixtureFolder;
let data: Awaited<ReturnType<typeof makeTempDir>>;
let core: Core;
let server: RunningServer;
let stdio: Client;
let http: Client;
let stdioStderr = '';

const LONG_LINES = Array.from({ length: 3000 }, (_, i) => `Line ${i + 1} of the logbook: nothing to report at the lighthouse.`);

async function connectHttp(token: string | undefined): Promise<Client> {
  const client = new Client({ name: 'sift-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
    requestInit: token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  return client;
}

function text(result: unknown): string {
  return ((result as CallToolResult).content as Array<{ type: string; text: string }>).map((part) => part.text).join('\n');
}

beforeAll(async () => {
  if (!existsSync(join(packageRoot(), 'dist', 'cli', 'main.js'))) throw new Error('Build the CLI first: npm run build:cli');
  folder = await makeFixtureFolder();
  await folder.write('logbook.txt', LONG_LINES.join('\n'));
  // Over read_document's 20 MB limit (sparse: costs no disk), written after indexing.
  outside = await makeFixtureFolder({ 'secret.txt': 'The vault code is 4711.' });
  await symlink(outside.path('secret.txt'), folder.path('link-to-secret.txt'));
  data = await makeTempDir('sift-mcp-data-');
  // The writer (as the desktop app would be), holding the index's writer lock.
  core = await createCore({ dataDir: data.path, logger: quiet, maxFileBytes: 1024 * 1024 });
  await core.indexFolder(folder.root);
  await core.settleIndexes();
  await truncate(await folder.write('huge.txt', ''), 21 * 1024 * 1024);
  server = await startHttpServer({ service: core.service, port: 0, logger: quiet, mcp: { token: TOKEN } });
  http = await connectHttp(TOKEN);
  // The reader: `sift mcp` as an assistant's config starts it.
  stdio = new Client({ name: 'sift-test', version: '1.0.0' });
  const transport = new StdioClientTransport({ command: process.execPath, args: [bin, 'mcp', '--db', data.path], stderr: 'pipe' });
  transport.stderr?.on('data', (chunk: Buffer) => (stdioStderr += chunk.toString()));
  await stdio.connect(transport);
});

afterAll(async () => {
  await stdio?.close();
  await http?.close();
  await server?.close();
  await core?.close();
  await folder?.remove();
  await outside?.remove();
  await data?.remove();
});

describe.each([
  ['stdio (sift mcp)', () => stdio],
  ['Streamable HTTP (/mcp)', () => http],
])('MCP over %s', (_name, client) => {
  it('lists the four tools, each with a description for the model', async () => {
    const { tools } = await client().listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['index_status', 'list_folders', 'read_document', 'search']);
    for (const tool of tools) expect(tool.description!.length).toBeGreaterThan(100);
    const search = tools.find((tool) => tool.name === 'search')!;
    expect(Object.keys(search.inputSchema.properties ?? {}).sort()).toEqual(['fileTypes', 'folder', 'limit', 'mode', 'modifiedAfter', 'query']);
  });

  it('search returns passages with path, line and relevance, best first', async () => {
    const result = await client().callTool({ name: 'search', arguments: { query: 'baking a loaf of bread', limit: 3 } });
    expect(result.isError).toBeFalsy();
    const { results } = result.structuredContent as { results: Array<{ path: string; line: number; relevance: number; passages: Array<{ line: number; text: string }> }> };
    expect(results).toHaveLength(3);
    expect(results[0]!.path).toBe(folder.path('kitchen/sourdough.txt'));
    expect(results[0]!.line).toBe(1);
    expect(results[0]!.relevance).toBeGreaterThanOrEqual(results[1]!.relevance);
    // The hit's own relevance field (src/api/relevance.ts), the same as the CLI's and /v1's.
    expect(results[0]!.relevance).toBeGreaterThanOrEqual(0.4);
    expect(text(result)).toMatch(/\(relevance (0\.\d\d|1\.00), (strong|good)\)/);
    expect(results[0]!.passages[0]!.text).toContain('Sourdough');
    expect(text(result)).toContain(`${folder.path('kitchen/sourdough.txt')}:1`);
  });

  it('search honours the folder, type and date filters', async () => {
    const md = await client().callTool({ name: 'search', arguments: { query: 'password', fileTypes: ['md'], mode: 'keyword' } });
    const paths = (md.structuredContent as { results: Array<{ path: string }> }).results.map((r) => r.path);
    expect(paths).toEqual([folder.path('account/password-reset.md')]);
    const sport = await client().callTool({ name: 'search', arguments: { query: 'bread', folder: folder.path('sport') } });
    expect((sport.structuredContent as { results: Array<{ path: string }> }).results.map((r) => r.path)).toEqual([folder.path('sport/marathon.txt')]);
    const future = await client().callTool({ name: 'search', arguments: { query: 'bread', modifiedAfter: '2999-01-01' } });
    expect((future.structuredContent as { results: unknown[] }).results).toEqual([]);
    const badDate = await client().callTool({ name: 'search', arguments: { query: 'bread', modifiedAfter: 'last tuesday' } });
    expect(badDate.isError).toBe(true);
    expect(text(badDate)).toMatch(/is not a date/);
  });

  it('read_document returns a line range with line numbers', async () => {
    const result = await client().callTool({ name: 'read_document', arguments: { path: folder.path('logbook.txt'), startLine: 100, endLine: 102 } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ startLine: 100, endLine: 102, totalLines: 3000 });
    expect(text(result)).toContain(`100\t${LONG_LINES[99]}`);
    expect(text(result)).toContain('For more, call read_document with startLine 103');
  });

  it('read_document returns a long document in pieces that fit one answer', async () => {
    const result = await client().callTool({ name: 'read_document', arguments: { path: folder.path('logbook.txt') } });
    const read = result.structuredContent as { startLine: number; endLine: number; text: string };
    expect(read.startLine).toBe(1);
    expect(read.endLine).toBeGreaterThan(100);
    expect(read.endLine).toBeLessThan(3000);
    expect(read.text.length).toBeLessThanOrEqual(40_000);
  });

  it.each([
    ['a file outside the folders', () => outside.path('secret.txt'), /not inside an added folder/],
    ['a climb out with ..', () => join(folder.root, '..', 'secret.txt'), /not inside an added folder/],
    ['a symlink leading out', () => folder.path('link-to-secret.txt'), /leads outside the added folders/],
    ['a relative path', () => 'kitchen/sourdough.txt', /absolute path/],
    ['a file too large', () => folder.path('huge.txt'), /too large to read here/],
    ['a missing file', () => folder.path('nope.txt'), /File not found/],
  ])('read_document refuses %s', async (_what, path, message) => {
    const result = await client().callTool({ name: 'read_document', arguments: { path: path() } });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(message);
    expect(text(result)).not.toContain('4711');
  });

  it('list_folders and index_status report the folder and its index', async () => {
    const folders = await client().callTool({ name: 'list_folders', arguments: {} });
    const list = (folders.structuredContent as { folders: Array<{ path: string; state: string; filesIndexed: number; chunks: number }> }).folders;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ path: folder.root, state: 'watching' });
    expect(list[0]!.filesIndexed).toBeGreaterThanOrEqual(6);
    expect(list[0]!.chunks).toBeGreaterThanOrEqual(6);
    const status = await client().callTool({ name: 'index_status', arguments: {} });
    expect(status.structuredContent).toMatchObject({ model: expect.stringMatching(/glove/i), folders: 1, foldersIndexing: [] });
    expect((status.structuredContent as { chunks: number }).chunks).toBe(list[0]!.chunks);
  });
});

describe('sift mcp next to a writer', () => {
  it('sees what the writer commits after it started', async () => {
    await folder.write('new/volcano.txt', 'Volcanic eruptions: magma rises through the crust and lava flows down the mountain.');
    await core.indexFolder(folder.root);
    await core.settleIndexes();
    const result = await stdio.callTool({ name: 'search', arguments: { query: 'lava magma volcano', limit: 1 } });
    expect((result.structuredContent as { results: Array<{ path: string }> }).results[0]!.path).toBe(folder.path('new/volcano.txt'));
  });

  it('wrote nothing but protocol to stdout (the client parsed every message) and reads without the writer lock', () => {
    expect(stdioStderr).not.toMatch(/in use by/);
  });
});

describe('MCP over HTTP without the token', () => {
  it.each([
    ['no token', undefined],
    ['a wrong token', 'wrong-token-0123456789'],
  ])('refuses %s with 401 before any tool runs', async (_what, token) => {
    await expect(connectHttp(token)).rejects.toThrow(/401|token/i);
  });

  it('refuses a request from a web page (Origin) and GET streams', async () => {
    const fromPage = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, origin: 'https://evil.example', 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(fromPage.status).toBe(403);
    const get = await fetch(`${server.url}/mcp`, { headers: { authorization: `Bearer ${TOKEN}`, accept: 'text/event-stream' } });
    expect(get.status).toBe(405);
  });

  it('is absent where the server was started without it', async () => {
    const bare = await startHttpServer({ service: core.service, port: 0, logger: quiet });
    try {
      const response = await fetch(`${bare.url}/mcp`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
      expect(response.status).toBe(404);
    } finally {
      await bare.close();
    }
  });
});
