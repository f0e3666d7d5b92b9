import { describe, expect, it } from 'vitest';
import type { FolderReport } from './indexer.js';
import { passNotice } from './pass-notice.js';

const report: FolderReport = {
  folder: '/home/ana/notes',
  filesScanned: 12,
  filesIndexed: 9,
  filesUnchanged: 2,
  filesSkipped: [],
  filesFailed: [{ path: '/home/ana/notes/broken.pdf', reason: 'damaged PDF' }],
  filesRemoved: 0,
  chunksEmbedded: 40,
  chunksReused: 0,
  seconds: 3.24,
};

describe('passNotice', () => {
  it('says what the pass did, a warning when files failed', () => {
    expect(passNotice(report)).toEqual({
      level: 'warning',
      message: 'Finished notes: 9 files indexed, 2 unchanged, 0 skipped, 1 failed (40 passages in 3.2 s).',
      detail: { key: 'passEnded', params: { folder: 'notes', indexed: 9, unchanged: 2, skipped: 0, failed: 1, chunks: 40, seconds: 3.2 } },
    });
  });

  it('is information when nothing failed, and counts the skipped files', () => {
    const skipped = [
      { path: '/home/ana/notes/a.bin', reason: 'binary file (not text)' },
      { path: '/home/ana/notes/b.bin', reason: 'binary file (not text)' },
    ];
    const notice = passNotice({ ...report, filesFailed: [], filesSkipped: skipped });
    expect(notice.level).toBe('info');
    expect(notice.detail.params).toMatchObject({ skipped: 2, failed: 0 });
  });
});
