// A shared index on S3 with the real `sift` binary against a real S3-compatible server on
// loopback (src/test-support/s3-server.ts): one process indexes into s3://, another
// machine's view (its own data folder, a roots map) searches it read-only with `sift search`
// and `sift mcp`; one writer at a time through the lease object on S3; a store that ignores
// conditional writes is refused; and LanceDB's conditional-put commits keep two concurrent
// writers of one table from losing rows.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as lancedb from '@lancedb/lancedb';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../paths.js';
import { makeFixtureFolder, makeTempDir, type FixtureFolder } from '../test-support/fixture-folder.js';
import { startTestS3, type TestS3 } from '../test-support/s3-server.js';
import { s3Location, s3Request, s3SettingsFromEnv } from '../index/object-store.js';

const run = promisify(execFile);
/** Each test runs several `sift` processes (a model load each) and many S3 round trips; on a
 *  loaded 2-core machine that takes minutes. */
const SLOW = 300_000;
const bin = join(packageRoot(), 'bin', 'sift.js');

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function sift(env: Record<string, string>, ...args: string[]): Promise<Result> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { timeout: 120_000, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as Result;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function text(result: unknown): string {
  return ((result as CallToolResult).content as Array<{ type: string; text: string }>).map((part) => part.text).join('\n');
}

let s3: TestS3;
let folder: FixtureFolder;
let writerData: { path: string; remove(): Promise<void> };
let readerData: { path: string; remove(): Promise<void> };
/** Where the reader "mounts" the writer's folder. */
const MOUNT = '/Volumes/share';

beforeAll(async () => {
  if (!existsSync(join(packageRoot(), 'dist', 'cli', 'main.js'))) throw new Error('Build the CLI first: npm run build:cli');
  s3 = await startTestS3();
  folder = await makeFixtureFolder();
  writerData = await makeTempDir('sift-s3-writer-');
  readerData = await makeTempDir('sift-s3-reader-');
});

afterAll(async () => {
  await s3?.close();
  await folder?.remove();
  await writerData?.remove();
  await readerData?.remove();
});

describe('a shared index on S3', () => {
  it('one process indexes into s3://, another searches it read-only through a roots map', async () => {
    const db = s3.uri('team/index');
    const indexed = await sift(s3.env, 'index', folder.root, '--db', db, '--data-dir', writerData.path, '--json');
    expect(indexed.code, indexed.stderr).toBe(0);
    const report = JSON.parse(indexed.stdout) as { filesIndexed: number; chunksEmbedded: number };
    expect(report.filesIndexed).toBeGreaterThanOrEqual(4);
    // The tables are in the bucket, the writer's own state in its data folder, the lease gone.
    const settings = s3SettingsFromEnv(s3.env, db);
    const lock = await s3Request(settings, 'GET', s3Location(db)!, 'team/index/writer.lock');
    expect(lock.status).toBe(404);
    expect(s3.requests.some((r) => r.method === 'PUT' && /team\/index\/chunks_.*\.lance\/_versions\//.test(r.url) && r.ifNoneMatch === '*')).toBe(true);
    expect(existsSync(join(writerData.path, 'index'))).toBe(false);
    expect(existsSync(join(writerData.path, 'folders.json'))).toBe(true);

    const roots = `${folder.root}=${MOUNT}`;
    const found = await sift(s3.env, 'search', 'baking bread', '--db', db, '--data-dir', readerData.path, '--roots', roots, '--json');
    expect(found.code, found.stderr).toBe(0);
    const hits = JSON.parse(found.stdout) as Array<{ path: string; folder: string }>;
    expect(hits[0]).toMatchObject({ path: `${MOUNT}/kitchen/sourdough.txt`, folder: `${MOUNT}/kitchen` });
    // A folder filter in the reader's terms is mapped back to the stored root.
    const filtered = await sift(s3.env, 'search', 'running', '--db', db, '--data-dir', readerData.path, '--roots', roots, '--folder', `${MOUNT}/sport`, '--json');
    expect(filtered.code, filtered.stderr).toBe(0);
    const sport = JSON.parse(filtered.stdout) as Array<{ path: string }>;
    expect(sport.length).toBeGreaterThan(0);
    for (const hit of sport) expect(hit.path.startsWith(`${MOUNT}/sport/`)).toBe(true);
    // The reader wrote nothing to the index and keeps no index of its own.
    expect((await readdir(readerData.path)).filter((name) => name !== 'logs')).toEqual([]);

    // `sift mcp` on the reader: folders come from the index, shown at the reader's mount.
    const client = new Client({ name: 'sift-test', version: '1.0.0' });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bin, 'mcp', '--db', db, '--data-dir', readerData.path, '--roots', roots],
      env: { ...(process.env as Record<string, string>), ...s3.env },
      stderr: 'pipe',
    });
    await client.connect(transport);
    try {
      const folders = text(await client.callTool({ name: 'list_folders', arguments: {} }));
      expect(folders).toContain(MOUNT);
      expect(folders).not.toContain(folder.root);
      const search = text(await client.callTool({ name: 'search', arguments: { query: 'baking bread', limit: 3 } }));
      expect(search).toContain(`${MOUNT}/kitchen/sourdough.txt`);
    } finally {
      await client.close();
    }
  }, SLOW);

  it('one writer at a time: the lease on S3 refuses a second writer, a dead holder is taken over, another host is not', async () => {
    const db = s3.uri('team/locked');
    const location = s3Location(db)!;
    const settings = s3SettingsFromEnv(s3.env, db);
    const key = 'team/locked/writer.lock';
    const holder = { pid: 1, hostname: 'gpu-server', startedAt: '2026-12-02T08:00:00.000Z', command: 'sift index', token: 'feedface' };
    await s3Request(settings, 'PUT', location, key, { body: JSON.stringify(holder) });
    const refused = await sift(s3.env, 'index', folder.root, '--db', db, '--data-dir', writerData.path, '--wait', '0', '--json');
    expect(refused.code).toBe(1);
    const { error } = JSON.parse(refused.stderr.trim().split('\n').at(-1)!) as { error: { code: string; message: string } };
    expect(error.code).toBe('index_busy');
    expect(error.message).toContain(`The index at ${db} is in use by sift index (pid 1 on gpu-server`);
    expect(error.message).toContain(`If gpu-server no longer runs Sift, delete ${db}/writer.lock and try again.`);

    // A holder on this host whose process is gone: taken over, and released at the end.
    const dead = execFile(process.execPath, ['-e', '0']);
    await new Promise((resolve) => dead.once('exit', resolve));
    await s3Request(settings, 'PUT', location, key, { body: JSON.stringify({ ...holder, pid: dead.pid, hostname: hostname() }) });
    const taken = await sift(s3.env, 'index', folder.root, '--db', db, '--data-dir', writerData.path, '--wait', '0', '--json');
    expect(taken.code, taken.stderr).toBe(0);
    expect((await s3Request(settings, 'GET', location, key)).status).toBe(404);

    // Two writers at once: one waits for the other; every file once in the index.
    const [a, b] = await Promise.all([
      sift(s3.env, 'index', folder.root, '--db', db, '--data-dir', writerData.path, '--json'),
      sift(s3.env, 'index', folder.root, '--db', db, '--data-dir', readerData.path, '--json'),
    ]);
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    expect([a, b].some((r) => /is in use by sift index \(pid \d+\); waiting up to 60 s/.test(r.stderr))).toBe(true);
    const dbHandle = await lancedb.connect(db, { storageOptions: s3.storageOptions });
    try {
      const files = (await dbHandle.tableNames()).find((name) => name.startsWith('files_'))!;
      const rows = (await (await dbHandle.openTable(files)).query().select(['path']).toArray()) as Array<{ path: string }>;
      expect(rows.length).toBe(new Set(rows.map((row) => row.path)).size);
    } finally {
      dbHandle.close();
    }
  }, SLOW);

  it('a store that ignores conditional writes is refused before anything is written', async () => {
    const plain = await startTestS3({ conditionalWrites: false });
    try {
      const db = plain.uri('unsafe');
      const refused = await sift(plain.env, 'index', folder.root, '--db', db, '--data-dir', writerData.path, '--json');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('does not honour conditional writes (If-None-Match)');
      expect(plain.requests.filter((r) => r.method === 'PUT' && !r.url.endsWith('/writer.lock'))).toEqual([]);
    } finally {
      await plain.close();
    }
  }, SLOW);

  it("LanceDB's conditional-put commits: two connections appending at once lose no rows", async () => {
    const db = s3.uri('lance-race');
    const schemaRow = { id: 0, vector: [0, 0] };
    const setup = await lancedb.connect(db, { storageOptions: s3.storageOptions });
    await (await setup.createTable('t', [schemaRow])).delete('id = 0');
    setup.close();
    const writer = async (offset: number) => {
      const conn = await lancedb.connect(db, { storageOptions: s3.storageOptions });
      const table = await conn.openTable('t');
      for (let i = 0; i < 8; i++) await table.add([{ id: offset + i, vector: [offset, i] }]);
      table.close();
      conn.close();
    };
    await Promise.all([writer(100), writer(200)]);
    const check = await lancedb.connect(db, { storageOptions: s3.storageOptions });
    const rows = (await (await check.openTable('t')).query().select(['id']).toArray()) as Array<{ id: number }>;
    check.close();
    expect(rows.map((row) => Number(row.id)).sort((x, y) => x - y)).toEqual([...Array.from({ length: 8 }, (_, i) => 100 + i), ...Array.from({ length: 8 }, (_, i) => 200 + i)]);
    // Each version's manifest was created with If-None-Match: *; racing commits got 412 and were retried.
    const manifests = s3.requests.filter((r) => r.method === 'PUT' && /lance-race\/t\.lance\/_versions\//.test(r.url));
    expect(manifests.every((r) => r.ifNoneMatch === '*')).toBe(true);
    console.log(`lance-race: ${manifests.length} manifest PUTs, ${manifests.filter((r) => r.status === 412).length} refused with 412 and retried`);
  }, SLOW);
});
