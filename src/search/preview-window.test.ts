// Table tests of the preview window: where the passage lands, how much context comes with
// it, and that cuts fall on line ends where one is near.
import { describe, expect, it } from 'vitest';
import { passageAt, previewWindow } from './preview-window.js';

const lines = (count: number, width = 20) => Array.from({ length: count }, (_, i) => `line ${String(i + 1).padStart(3, '0')} `.padEnd(width, 'x')).join('\n');

describe('passageAt', () => {
  const text = 'alpha one\nbeta two\ngamma three\ndelta four\n';
  it.each([
    ['no chunks: the line itself', 2, [], [], [10, 18]],
    ['past the end: the last (empty) line', 99, [], [], [42, 42]],
    ['the chunk that overlaps the line', 3, [{ start: 0, end: 18, line: 1 }, { start: 19, end: 40, line: 3 }], [], [19, 40]],
    [
      'of overlapping chunks, the one with most query words',
      2,
      [{ start: 0, end: 18, line: 1 }, { start: 10, end: 30, line: 2 }],
      ['alpha'],
      [0, 18],
    ],
    ['ties go to the chunk starting nearest the line', 2, [{ start: 0, end: 18, line: 1 }, { start: 10, end: 30, line: 2 }], [], [10, 30]],
    ['a chunk beyond the text (a stale index) is ignored', 2, [{ start: 10, end: 500, line: 2 }], [], [10, 18]],
  ] as const)('%s', (_what, line, chunks, terms, expected) => {
    expect(passageAt(text, line, chunks, terms)).toEqual(expected);
  });
});

describe('previewWindow', () => {
  it('centres a middle passage, cut at line ends, within the budget', () => {
    const text = lines(200);
    const start = text.indexOf('line 100');
    const w = previewWindow(text, [start, start + 20], [], 400);
    expect(w.text.length).toBeLessThanOrEqual(400);
    expect(w.text.startsWith('line ')).toBe(true);
    expect(w.text.endsWith('x')).toBe(true);
    expect(w.text.slice(w.passage[0], w.passage[1])).toBe(text.slice(start, start + 20));
    expect(w.startLine).toBeLessThan(100);
    expect(w.endLine).toBeGreaterThan(100);
    expect(w.moreBefore && w.moreAfter).toBe(true);
    expect(w.totalLines).toBe(200);
  });

  it('at the start of the file gives the unused context to the end', () => {
    const text = lines(200);
    const w = previewWindow(text, [0, 20], [], 400);
    expect(w.startLine).toBe(1);
    expect(w.moreBefore).toBe(false);
    expect(w.text.length).toBeGreaterThan(350);
  });

  it('at the end of the file gives it to the start', () => {
    const text = lines(200);
    const w = previewWindow(text, [text.length - 20, text.length], [], 400);
    expect(w.endLine).toBe(200);
    expect(w.moreAfter).toBe(false);
    expect(w.text.length).toBeGreaterThan(350);
  });

  it('a passage longer than the budget is cut, and one line of 1 MB stays bounded', () => {
    const text = 'x'.repeat(1_000_000);
    const w = previewWindow(text, [500_000, 900_000], [], 1000);
    expect(w.text.length).toBeLessThanOrEqual(1000);
    expect(w.passage[1] - w.passage[0]).toBe(600);
    expect(w.startLine).toBe(1);
  });

  it('marks the query words in the window, not outside it', () => {
    const text = `${'filler words here\n'.repeat(50)}the brass lamp shone\n${'filler words here\n'.repeat(50)}`;
    const at = text.indexOf('the brass');
    const w = previewWindow(text, [at, at + 20], ['brass', 'lamp'], 200);
    expect(w.highlights.map(([s, e]) => w.text.slice(s, e))).toEqual(['brass', 'lamp']);
  });

  it('a whole short file fits', () => {
    const w = previewWindow('one\ntwo\n', [4, 7], [], 6000);
    expect(w).toMatchObject({ text: 'one\ntwo\n', startLine: 1, passage: [4, 7], moreBefore: false, moreAfter: false });
  });
});
