import { describe, expect, it } from 'vitest';
import type { IndexProgress } from '../api/contract.js';
import { ProgressLog, progressText, shortenPath } from './progress-line.js';

describe('shortenPath', () => {
  it('leaves a path that fits alone', () => {
    expect(shortenPath('notes/broken.pdf', 40)).toBe('notes/broken.pdf');
  });

  it.each([10, 16, 20, 28, 40, 60])('keeps the extension and both ends at width %i', (max) => {
    const path = 'projects/customer-acme/deliverables/2024/final-report-with-appendix-and-figures.pdf';
    const short = shortenPath(path, max);
    expect(short.length).toBeLessThanOrEqual(max);
    expect(short.endsWith('.pdf')).toBe(true);
    expect(short).toContain('…');
  });

  it('gives way in the folder part first, keeping the whole file name', () => {
    expect(shortenPath('archive/2024/reports/q3/broken.pdf', 24)).toBe('archive…ts/q3/broken.pdf');
  });

  it('shortens the middle of a long file name, not its end', () => {
    expect(shortenPath('a-very-long-file-name-indeed.docx', 16)).toBe('a-ver…ndeed.docx');
  });
});

describe('progressText', () => {
  const base: IndexProgress = { folder: '/home/me/notes', filesTotal: 154, filesDone: 1, chunksEmbedded: 3 };

  it('says "estimating" until the indexer gives an estimate, then the time left', () => {
    expect(progressText(base, 200)).toContain(', estimating');
    expect(progressText({ ...base, etaSeconds: 12.2 }, 200)).toContain(', 13 s left');
    expect(progressText({ ...base, filesDone: 154 }, 200)).not.toMatch(/estimating|left/);
  });

  it('shows the passages of a large file while they embed, and not once they are done', () => {
    expect(progressText({ ...base, passages: { done: 512, total: 1780 } }, 200)).toContain(', estimating (512/1780 passages)');
    expect(progressText({ ...base, passages: { done: 1780, total: 1780 } }, 200)).not.toContain('passages');
  });

  it('shows the file relative to the folder and never cuts its extension', () => {
    const progress = { ...base, currentFile: '/home/me/notes/projects/customer-acme/deliverables/2024/broken.pdf' };
    for (const width of [80, 100, 120]) {
      const line = progressText(progress, width);
      expect(line.length).toBeLessThanOrEqual(width);
      expect(line).toMatch(/broken\.pdf$/);
      expect(line).not.toContain('/home/me/notes');
    }
  });
});

describe('ProgressLog (stderr that is not a terminal)', () => {
  it('writes plain lines at most once per interval, and a last one at the end', () => {
    const lines: string[] = [];
    const out = { write: (text: string) => lines.push(text) } as unknown as NodeJS.WritableStream;
    const log = new ProgressLog(out, 60_000);
    const progress = (done: number): IndexProgress => ({ folder: '/srv/share', filesTotal: 400, filesDone: done, chunksEmbedded: done * 5, currentFile: '/srv/share/a.txt' });
    log.update(progress(1));
    log.update(progress(2));
    log.update(progress(3));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z \/srv\/share: 1\/400 files, 5 chunks, estimating\n$/);
    log.done();
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/ \/srv\/share: 400\/400 files, 15 chunks\n$/);
    expect(lines.join('')).not.toContain('\r');
  });
});
