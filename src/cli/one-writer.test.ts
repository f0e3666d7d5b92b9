// One writer per index, with the real `sift` binary: two `sift index` of one folder into
// one --db at once leave no duplicate rows (before the writer lock they left thousands),
// a second writer next to `sift serve` is refused with who holds the index, `sift search`
// reads next to it, and a lock left by a killed process does not block the next run.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as lancedb from '@lancedb/lancedb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../paths.js';
import { makeFixtureFolder, makeTempDir, TOPIC_DOCUMENTS, type FixtureFolder } from '../test-support/fixture-folder.js';

const run = promisify(execFile);
const bin = join(packageRoot(), 'bin', 'sift.js');

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function sift(...args: string[]): Promise<Result> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { timeout: 90_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as Result;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Rows per table and how many of them repeat a key that must be unique. */
async function duplicates(indexDir: string): Promise<Record<string, { rows: number; duplicates: number }>> {
  const db = await lancedb.connect(indexDir);
  const out: Record<string, { rows: number; duplicates: number }> = {};
  try {
    for (const name of await db.tableNames()) {
      const key = name.startsWith('chunks_') ? 'id' : name.startsWith('files_') ? 'path' : 'chunk_hash';
      const table = await db.openTable(name);
      const rows = (await table.query().select([key]).toArray()) as Array<Record<string, string>>;
      out[name] = { rows: rows.length, duplicates: rows.length - new Set(rows.map((row) => row[key])).size };
      table.close();
    }
  } finally {
    db.close();
  }
  return out;
}

let folder: FixtureFolder;

beforeAll(async () => {
  if (!existsSync(join(packageRoot(), 'dist', 'cli', 'main.js'))) throw new Error('Build the CLI first: npm run build:cli');
  // Enough files that both runs are still scanning and writing when the other starts.
  const files: Record<string, string> = {};
  const texts = Object.values(TOPIC_DOCUMENTS);
  for (let i = 0; i < 120; i++) files[`notes/n${i}.txt`] = `${texts[i % texts.length]} Note number ${i}, kept ${i * 7} days.`;
  folder = await makeFixtureFolder(files);
});

afterAll(async () => {
  await folder.remove();
});

describe('one writer per index', () => {
  it('two `sift index` of one folder into one --db at once: one waits, no duplicate rows', async () => {
    const db = await makeTempDir('sift-two-writers-');
    try {
      const [a, b] = await Promise.all([
        sift('index', folder.root, '--db', db.path, '--json'),
        sift('index', folder.root, '--db', db.path, '--json'),
      ]);
      expect([a.code, b.code]).toEqual([0, 0]);
      const reports = [a, b].map((r) => JSON.parse(r.stdout) as { filesIndexed: number; filesUnchanged: number });
      // One indexed everything; the other waited for it and found every file unchanged.
      expect(reports.map((r) => r.filesIndexed).sort((x, y) => x - y)).toEqual([0, 120]);
      const waited = [a, b].find((r) => /waiting up to 60 s/.test(r.stderr));
      expect(waited?.stderr).toMatch(/the index at .* is in use by sift index \(pid \d+\)/);
      const tables = await duplicates(join(db.path, 'index'));
      expect(Object.keys(tables)).toHaveLength(3);
      for (const [name, counts] of Object.entries(tables)) {
        expect(counts.duplicates, name).toBe(0);
        expect(counts.rows, name).toBeGreaterThanOrEqual(name.startsWith('files_') ? 120 : 1);
      }
      expect(existsSync(join(db.path, 'index', 'writer.lock'))).toBe(false);
    } finally {
      await db.remove();
    }
  });

  it('next to `sift serve`: `sift index --wait 0` is refused with who holds the index; `sift search` reads', async () => {
    const db = await makeTempDir('sift-serve-writer-');
    const small = await makeFixtureFolder();
    let server: ChildProcess | undefined;
    try {
      expect((await sift('index', small.root, '--db', db.path)).code).toBe(0);
      server = spawn(process.execPath, [bin, 'serve', '--db', db.path, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
      await new Promise<void>((resolve, reject) => {
        server!.stdout!.on('data', (data: Buffer) => (/serving at/.test(String(data)) ? resolve() : undefined));
        server!.once('exit', (code) => reject(new Error(`sift serve exited with ${code}`)));
      });
      const refused = await sift('index', small.root, '--db', db.path, '--wait', '0', '--json');
      expect(refused.code).toBe(1);
      expect(refused.stdout).toBe('');
      const { error } = JSON.parse(refused.stderr.trim().split('\n').at(-1)!) as { error: { code: string; message: string } };
      expect(error.code).toBe('index_busy');
      expect(error.message).toContain(`The index at ${join(db.path, 'index')} is in use by sift serve (pid ${server.pid}`);
      expect(error.message).toMatch(/Wait for it to finish or close it, then try again\.$/);
      const found = await sift('search', 'baking bread', '--db', db.path, '--json');
      expect(found.code).toBe(0);
      expect((JSON.parse(found.stdout) as Array<{ path: string }>)[0]!.path).toBe(small.path('kitchen/sourdough.txt'));
    } finally {
      if (server && server.exitCode === null) {
        const exited = new Promise((resolve) => server!.once('exit', resolve));
        server.kill('SIGTERM');
        await exited;
      }
      await small.remove();
      await db.remove();
    }
  });

  it('a lock left by a process that died does not block the next writer', async () => {
    const db = await makeTempDir('sift-stale-lock-');
    const small = await makeFixtureFolder();
    try {
      const dead = spawn(process.execPath, ['-e', '0']);
      await new Promise((resolve) => dead.once('exit', resolve));
      const lockFile = join(db.path, 'index', 'writer.lock');
      await run('mkdir', ['-p', join(db.path, 'index')]);
      const stale = { pid: dead.pid, hostname: hostname(), startedAt: new Date().toISOString(), command: 'sift index', token: 'deadbeef' };
      await writeFile(lockFile, JSON.stringify(stale));
      const result = await sift('index', small.root, '--db', db.path, '--wait', '0');
      expect(result.code).toBe(0);
      expect(existsSync(lockFile)).toBe(false);
      // A lock from another computer is never broken: the message says which file to delete.
      await writeFile(lockFile, JSON.stringify({ ...stale, hostname: 'other-host', pid: 1 }));
      const foreign = await sift('index', small.root, '--db', db.path, '--wait', '0');
      expect(foreign.code).toBe(1);
      expect(foreign.stderr).toContain(`in use by sift index (pid 1 on other-host`);
      expect(foreign.stderr).toContain(`If other-host no longer runs Sift, delete ${lockFile} and try again.`);
      expect(JSON.parse(await readFile(lockFile, 'utf8'))).toMatchObject({ hostname: 'other-host' });
    } finally {
      await small.remove();
      await db.remove();
    }
  });
});
