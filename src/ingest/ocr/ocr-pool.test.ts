// The OCR pool with its real worker thread, from the built dist/ (npm run build:cli), as
// the CLI and the app run it: page progress crosses the thread, a page over its limit is
// "timed out" and the next job still works, and closing answers what is queued.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../paths.js';
import { debianTessdataDir, ocrFixture } from '../../test-support/ocr-data.js';
import { DEFAULT_OCR_LIMITS } from './ocr-document.js';
import { OcrPool } from './ocr-pool.js';

const script = join(packageRoot(), 'dist', 'ingest', 'ocr', 'ocr-worker.js');

describe('OcrPool (worker thread, from the built dist/)', () => {
  it('reads in the worker, reports pages, survives a page over its limit, and cancels on close', async () => {
    if (!existsSync(script)) throw new Error('Build first (npm run build:cli): the OCR worker runs from dist/.');
    const pool = new OcrPool({ script });
    expect(pool.script).toBe(script);
    const job = async (name: string, kind: 'image' | 'pdf', pageTimeoutMs = DEFAULT_OCR_LIMITS.pageTimeoutMs) => ({
      kind,
      bytes: new Uint8Array(await ocrFixture(name)),
      languages: ['eng' as const],
      dataDir: debianTessdataDir(),
      limits: { ...DEFAULT_OCR_LIMITS, pageTimeoutMs },
    });
    try {
      const pages: Array<[number, number]> = [];
      const scan = await pool.run(await job('scan-3-pages.pdf', 'pdf'), (done, total) => pages.push([done, total]));
      expect(scan.ok && scan.text).toContain('page charlie');
      expect(pages).toEqual([
        [0, 3],
        [1, 3],
        [2, 3],
        [3, 3],
      ]);
      expect(await pool.run(await job('scan-en.tif', 'image', 5))).toEqual({ ok: false, reason: 'timed out (OCR of a page took over 0 s)', issue: { code: 'timeout', params: { seconds: 0 } } });
      const next = await pool.run(await job('screenshot-en.png', 'image'));
      expect(next.ok && next.text).toContain('Backup failed');
      const queued = [pool.run(await job('scan-en.pdf', 'pdf')), pool.run(await job('photo-en.jpg', 'image'))];
      await pool.close();
      expect(await Promise.all(queued)).toEqual([
        { ok: false, reason: 'cancelled', issue: { code: 'cancelled' } },
        { ok: false, reason: 'cancelled', issue: { code: 'cancelled' } },
      ]);
    } finally {
      await pool.close();
    }
  });
});
