// The pool's limits with a real worker thread: a parser that eats memory dies at the
// worker's heap limit (not the machine's), its file fails with the reason, the worker is
// replaced and the next file is parsed. The worker script is written here: it stands in
// for a parser fed a hostile file (a zip bomb), so the test needs no such file.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/fixture-folder.js';
import { ExtractorPool } from './extractor-pool.js';

let dir: Awaited<ReturnType<typeof makeTempDir>>;
let script: string;
beforeAll(async () => {
  dir = await makeTempDir('sift-pool-');
  script = join(dir.path, 'greedy-worker.mjs');
  await writeFile(
    script,
    `import { parentPort } from 'node:worker_threads';
     parentPort.on('message', (job) => {
       if (job.kind === 'docx') { const hoard = []; for (;;) hoard.push(new Array(1e6).fill(job.id)); }
       if (job.kind === 'pdf') process.exit(3);
       parentPort.postMessage({ id: job.id, result: { ok: true, text: 'parsed ' + job.bytes.length, encoding: 'test' } });
     });`,
  );
});
afterAll(() => dir.remove());

describe('ExtractorPool limits', () => {
  it('fails a file whose parser runs out of its heap, replaces the worker and goes on', async () => {
    const pool = new ExtractorPool({ script, heapMB: 64, timeoutMs: 60_000 });
    const rssBefore = process.memoryUsage().rss;
    const bomb = await pool.extract('docx', new Uint8Array(10));
    expect(bomb).toEqual({ ok: false, reason: 'the parser ran out of memory (limit 64 MB)', issue: { code: 'out-of-memory', params: { limitMB: 64 } } });
    // The hoard lived in the worker's heap, capped: the process did not grow by gigabytes.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(512 * 1024 * 1024);
    expect(await pool.extract('html', new Uint8Array(5))).toEqual({ ok: true, text: 'parsed 5', encoding: 'test' });
    await pool.close();
  });

  it('fails a file whose worker dies, and parses the next one', async () => {
    const pool = new ExtractorPool({ script });
    expect(await pool.extract('pdf', new Uint8Array(1))).toMatchObject({ ok: false, issue: { code: 'crashed', params: { detail: 'worker exited with code 3' } } });
    expect(await pool.extract('html', new Uint8Array(2))).toEqual({ ok: true, text: 'parsed 2', encoding: 'test' });
    await pool.close();
  });
});
