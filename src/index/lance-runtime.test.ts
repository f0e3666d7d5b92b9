// The full-text index deadlock of LanceDB 0.31 with a one-thread compute pool, in a child
// process (the pool is process-wide and sized once): the same build hangs with LanceDB's
// own sizing and completes with the environment configureLanceRuntime() sets.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../paths.js';
import { makeTempDir } from '../test-support/fixture-folder.js';
import { configureLanceRuntime, lanceCpuThreads } from './lance-runtime.js';

// A table whose posting lists span many output batches (30,000 rows of 100 words from
// 30,000 distinct ones): on a one-thread pool the producer blocks on its second batch
// while the writer waits for the thread. Plain lancedb, as ChunkStore calls it.
const BUILD_FTS = `
import * as lancedb from '@lancedb/lancedb';
let seed = 12345;
const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
const rows = [];
for (let id = 0; id < 30000; id++) {
  const words = [];
  for (let w = 0; w < 100; w++) words.push('w' + Math.floor(random() * 30000).toString(36));
  rows.push({ id, text: words.join(' ') });
}
const db = await lancedb.connect(process.argv[1]);
const table = await db.createTable('t', rows);
await table.createIndex('text', { config: lancedb.Index.fts({ withPosition: false }) });
process.stdout.write('fts index built\\n');
`;

/** Runs the build in a child with `env`; 'done' or 'timed out' (the child killed). */
async function buildInChild(env: NodeJS.ProcessEnv, timeoutMs: number): Promise<'done' | 'timed out'> {
  const dir = await makeTempDir();
  try {
    const child = spawn(process.execPath, ['--input-type=module', '-e', BUILD_FTS, dir.path], { cwd: packageRoot(), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (data: Buffer) => (out += data.toString()));
    child.stderr.on('data', (data: Buffer) => (out += data.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
    clearTimeout(timer);
    if (code === 0 && out.includes('fts index built')) return 'done';
    if (code === null) return 'timed out';
    throw new Error(`the child failed (exit ${code}): ${out}`);
  } finally {
    await dir.remove();
  }
}

/** The environment of a machine whose pool LanceDB sizes at one thread, on any machine:
 *  cpus - reservation <= 1 (a reservation of 1024 stands in for a 2-CPU laptop). */
function smallMachineEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LANCE_IO_CORE_RESERVATION: '1024' };
  delete env.LANCE_CPU_THREADS;
  return env;
}

describe('configureLanceRuntime', () => {
  it('keeps two compute threads or more, and whatever the user set above that', () => {
    expect(lanceCpuThreads({}, 2)).toBe('2');
    expect(lanceCpuThreads({}, 3)).toBe('2');
    expect(lanceCpuThreads({}, 1)).toBe('2');
    expect(lanceCpuThreads({}, 16)).toBe('14');
    expect(lanceCpuThreads({ LANCE_IO_CORE_RESERVATION: '4' }, 16)).toBe('12');
    expect(lanceCpuThreads({ LANCE_CPU_THREADS: '1' }, 16)).toBe('2');
    expect(lanceCpuThreads({ LANCE_CPU_THREADS: '6' }, 2)).toBeUndefined();
  });

  it('lets a full-text index build finish where LanceDB would size its pool at one thread', async () => {
    const env = smallMachineEnv();
    configureLanceRuntime(env, 2);
    expect(env.LANCE_CPU_THREADS).toBe('2');
    expect(await buildInChild(env, 90_000)).toBe('done');
  });

  // The control: the same build with LanceDB's own sizing never returns. If this starts
  // failing, the LanceDB in use has fixed the deadlock (lance-format/lance#7423) and
  // configureLanceRuntime can go.
  it('(control) the same build hangs with LanceDB 0.31 sizing its pool itself', async () => {
    expect(await buildInChild(smallMachineEnv(), 20_000)).toBe('timed out');
  });
});
