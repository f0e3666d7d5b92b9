import { describe, expect, it } from 'vitest';
import type { IndexProgress } from '../api/contract.js';
import { progressText, shortenPath } from './progress-line.js';

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
