// Kill the indexer (SIGKILL, no chance to clean up) at several moments, start it again,
// and compare with a clean run: exactly the same chunks and file states, no duplicates,
// nothing missing.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../paths.js';
import { makeFixtureFolder, makeTempDir, type FixtureFolder } from '../test-support/fixture-folder.js';

const bin = join(packageRoot(), 'bin', 'sift.js');
const WORDS = 'river mountain bread garden password travel music science history ocean winter summer market doctor library'.split(' ');

/** 160 files of a few paragraphs each, deterministic. */
function corpus(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < 160; i++) {
    const paragraphs = Array.from({ length: 3 + (i % 4) }, (_, p) =>
      Array.from({ length: 40 }, (_, w) => WORDS[(i * 7 + p * 3 + w * 5) % WORDS.length]).join(' ') + '.',
    );
    files[`set${i % 8}/note-${String(i).padStart(3, '0')}.${i % 3 === 0 ? 'md' : 'txt'}`] = paragraphs.join('\n\n');
  }
  return files;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function index(folder: string, db: string, killAfterMs?: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [bin, 'index', folder, '--db', db, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

async function dump(db: string) {
  const connection = await lancedb.connect(join(db, 'index'));
  const names = await connection.tableNames();
  const read = async (prefix: string) => {
    const name = names.find((n) => n.startsWith(prefix));
    return name ? (await connection.openTable(name)).query().toArray() : [];
  };
  const chunks = (await read('chunks_')).map((r) => `${r.id}|${r.char_start}|${r.char_end}|${r.line_no}|${r.chunk_hash}`).sort();
  const files = (await read('files_')).map((r) => `${r.path}|${r.status}|${r.chunks}|${r.hash}`).sort();
  connection.close();
  return { chunks, files };
}

let folder: FixtureFolder;
let dirs: Array<Awaited<ReturnType<typeof makeTempDir>>> = [];

beforeAll(async () => {
  if (!existsSync(join(packageRoot(), 'dist', 'cli', 'main.js'))) throw new Error('Build the CLI first: npm run build:cli');
  folder = await makeFixtureFolder(corpus());
});

afterAll(async () => {
  await folder.remove();
  await Promise.all(dirs.map((dir) => dir.remove()));
});

describe('crash safety', () => {
  it('a run killed at several points, then finished, equals a clean run', async () => {
    const clean = await makeTempDir('sift-crash-clean-');
    dirs = [clean];
    const reference = await index(folder.root, clean.path);
    expect(reference.code).toBe(0);
    const expected = await dump(clean.path);
    expect(expected.files).toHaveLength(160);

    // Kill points spread over the clean run's duration (start-up, scanning, embedding,
    // writing). Each point gets its own index, killed once and then finished, so a point
    // late in the run is still reached however fast the earlier crashes left the rest;
    // one more index is killed twice in a row before it is finished.
    let killedMidway = 0;
    const killAndFinish = async (fractions: number[]) => {
      const dir = await makeTempDir('sift-crash-killed-');
      dirs.push(dir);
      for (const fraction of fractions) {
        const run = await index(folder.root, dir.path, Math.round(reference.ms * fraction));
        if (run.signal === 'SIGKILL') killedMidway++;
      }
      const final = await index(folder.root, dir.path);
      // A failed finish says why (its stderr), not just its exit code.
      expect(final.code, final.stderr).toBe(0);
      const actual = await dump(dir.path);
      expect(new Set(actual.chunks).size).toBe(actual.chunks.length);
      expect(actual.files).toEqual(expected.files);
      expect(actual.chunks).toEqual(expected.chunks);
      return dir;
    };
    for (const fraction of [0.45, 0.85]) await killAndFinish([fraction]);
    const crashed = await killAndFinish([0.3, 0.6]);
    // Most kills land mid-run; a run can finish early on a loaded machine, which is not a failure of the index.
    expect(killedMidway).toBeGreaterThanOrEqual(3);
    // And a run after that embeds nothing.
    expect(JSON.parse((await index(folder.root, crashed.path)).stdout)).toMatchObject({ filesUnchanged: 160, chunksEmbedded: 0 });
    // Ten indexing processes in a row: on a loaded 2-core machine that takes minutes.
  }, 360_000);
});
