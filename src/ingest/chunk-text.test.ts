import { describe, expect, it } from 'vitest';
import { chunkText, lineAt, lineStartOffsets } from './chunk-text.js';

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const chars = (text: string) => text.length;

describe('chunkText', () => {
  it.each([
    { name: 'small text stays whole', text: 'one two three', max: 10, expected: ['one two three'] },
    { name: 'splits at paragraph breaks first', text: 'a b c\n\nd e f\n\ng h i', max: 6, expected: ['a b c\n\nd e f', 'g h i'] },
    { name: 'splits long paragraphs at sentence ends', text: 'One two three. Four five six. Seven eight.', max: 3, expected: ['One two three.', 'Four five six.', 'Seven eight.'] },
    { name: 'drops whitespace-only pieces', text: '\n\n  alpha  \n\n\n', max: 5, expected: ['alpha'] },
  ])('$name', ({ text, max, expected }) => {
    expect(chunkText(text, { maxUnits: max, measure: words }).map((c) => c.text)).toEqual(expected);
  });

  it('keeps offsets that slice back to the chunk text and 1-based lines', () => {
    const text = 'title\n\nfirst paragraph here\n\nsecond paragraph\nwith two lines';
    const chunks = chunkText(text, { maxUnits: 4, measure: words });
    for (const chunk of chunks) expect(text.slice(chunk.start, chunk.end)).toBe(chunk.text);
    expect(chunks.map((c) => c.line)).toEqual([1, 5, 6]);
  });

  it('hard-splits text without any spaces (Chinese) so every chunk fits', () => {
    const text = '我们今天学习神经网络和深度学习的基本原理'.repeat(20);
    const chunks = chunkText(text, { maxUnits: 50, measure: chars });
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.text.length).toBeLessThanOrEqual(50);
    expect(chunks.map((c) => c.text).join('')).toBe(text);
  });

  it('never splits a surrogate pair', () => {
    const text = '😀'.repeat(30);
    for (const chunk of chunkText(text, { maxUnits: 7, measure: chars })) {
      expect(chunk.text).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    }
  });
});

describe('lineAt', () => {
  it.each([
    [0, 1],
    [3, 1],
    [4, 2],
    [8, 3],
  ])('offset %i is on line %i', (offset, line) => {
    expect(lineAt(lineStartOffsets('abc\ndef\nghi'), offset)).toBe(line);
  });
});

describe('chunkText structure and overlap', () => {
  it('splits markdown before headings first', () => {
    const text = '# One\nalpha beta\n# Two\ngamma delta';
    const chunks = chunkText(text, { maxUnits: 4, measure: words, markdown: true });
    expect(chunks.map((c) => c.text)).toEqual(['# One\nalpha beta', '# Two\ngamma delta']);
    expect(chunks.map((c) => c.line)).toEqual([1, 3]);
  });

  it('keeps a code block whole when it fits, splitting between blocks', () => {
    const text = 'function a() {\n  return 1;\n}\n\nfunction b() {\n  return 2;\n}';
    const chunks = chunkText(text, { maxUnits: 6, measure: words });
    expect(chunks.map((c) => c.text)).toEqual(['function a() {\n  return 1;\n}', 'function b() {\n  return 2;\n}']);
  });

  it('repeats the end of the previous chunk when overlap is set, within the limit', () => {
    const text = 'one two three four. five six seven eight.';
    const chunks = chunkText(text, { maxUnits: 6, measure: words, overlapUnits: 2 });
    expect(chunks.map((c) => c.text)).toEqual(['one two three four.', 'three four. five six seven eight.']);
    for (const chunk of chunks) expect(words(chunk.text)).toBeLessThanOrEqual(6);
  });
});
