// The real `sift` binary (bin/sift.js -> dist/), as a person runs it from a terminal.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../paths.js';
import { makeFixtureFolder, makeTempDir, type FixtureFolder } from '../test-support/fixture-folder.js';

const run = promisify(execFile);
const bin = join(packageRoot(), 'bin', 'sift.js');

async function sift(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let folder: FixtureFolder;
let db: Awaited<ReturnType<typeof makeTempDir>>;

beforeAll(async () => {
  if (!existsSync(join(packageRoot(), 'dist', 'cli', 'main.js'))) throw new Error('Build the CLI first: npm run build:cli');
  folder = await makeFixtureFolder();
  await folder.write('notes/binary.txt', new Uint8Array([0, 1, 2, 3]));
  db = await makeTempDir('sift-cli-db-');
});

afterAll(async () => {
  await folder.remove();
  await db.remove();
});

describe('sift CLI', () => {
  it('index --json prints one JSON report; a second run embeds 0 chunks', async () => {
    const first = await sift('index', folder.root, '--db', db.path, '--json');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ filesScanned: 6, filesIndexed: 5, filesUnchanged: 0, chunksEmbedded: 5 });
    expect(report.filesSkipped).toEqual([{ path: folder.path('notes/binary.txt'), reason: 'binary file (not text)', code: 'binary', params: {} }]);
    expect(report.filesFailed).toEqual([]);
    expect(typeof report.seconds).toBe('number');
    const second = JSON.parse((await sift('index', folder.root, '--db', db.path, '--json')).stdout) as Record<string, unknown>;
    expect(second).toMatchObject({ filesIndexed: 0, filesUnchanged: 5, chunksEmbedded: 0 });
  });

  it('search --json prints exactly one JSON array of hits, best first', async () => {
    const result = await sift('search', 'baking a loaf of bread', '--db', db.path, '--limit', '3', '--json');
    expect(result.code).toBe(0);
    const hits = JSON.parse(result.stdout) as Array<{ path: string; score: number; snippet: string }>;
    expect(hits).toHaveLength(3);
    expect(hits[0]!.path).toBe(folder.path('kitchen/sourdough.txt'));
    expect(hits[0]!.score).toBeGreaterThanOrEqual(hits[1]!.score);
    expect(hits[0]!.snippet).toContain('Sourdough');
  });

  it.each([
    { name: 'an empty query', args: ['search', ''], message: /Type something to search for/ },
    { name: 'a 10,000-character query', args: ['search', 'x'.repeat(10_000)], message: /at most 2000 characters/ },
    { name: 'a missing folder', args: ['index', '/no/such/folder'], message: /Folder not found: \/no\/such\/folder/ },
    { name: 'an unknown command', args: ['explode'], message: /Unknown command "explode"/ },
  ])('exits non-zero with a clear message for $name', async ({ args, message }) => {
    const result = await sift(...args, '--db', db.path);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('refuses a model file that is not a GGUF and keeps the index', async () => {
    const notModel = join(db.path, 'notes.gguf');
    await writeFile(notModel, 'plain text');
    const result = await sift('search', 'bread', '--db', db.path, '--model', notModel);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/"notes.gguf" is not a GGUF model file/);
    const again = await sift('search', 'bread', '--db', db.path, '--json');
    expect((JSON.parse(again.stdout) as unknown[]).length).toBeGreaterThan(0);
  });
});
