import { describe, expect, it } from 'vitest';
import { splitHighlights } from './highlight.js';

const show = (text: string, ranges: Array<[number, number]>) =>
  splitHighlights(text, ranges)
    .map((p) => (p.mark ? `[${p.text}]` : p.text))
    .join('');

describe('splitHighlights', () => {
  it.each<[string, string, Array<[number, number]>, string]>([
    ['no ranges', 'reset password', [], 'reset password'],
    ['one range', 'reset password', [[6, 14]], 'reset [password]'],
    ['two ranges', 'reset my password', [[0, 5], [9, 17]], '[reset] my [password]'],
    ['unsorted', 'reset my password', [[9, 17], [0, 5]], '[reset] my [password]'],
    ['overlapping merge', 'abcdef', [[0, 3], [2, 5]], '[abcde]f'],
    ['adjacent merge', 'abcdef', [[0, 2], [2, 4]], '[abcd]ef'],
    ['contained', 'abcdef', [[0, 5], [1, 2]], '[abcde]f'],
    ['out of bounds', 'abc', [[-4, 1], [2, 99]], '[a]b[c]'],
    ['empty and inverted', 'abc', [[1, 1], [2, 1]], 'abc'],
    ['whole text', 'abc', [[0, 3]], '[abc]'],
  ])('%s', (_name, text, ranges, expected) => {
    expect(show(text, ranges)).toBe(expected);
  });

  it('keeps every character exactly once', () => {
    const text = '中文笔记 and more';
    const parts = splitHighlights(text, [[0, 2], [1, 4], [9, 13]]);
    expect(parts.map((p) => p.text).join('')).toBe(text);
  });
});
