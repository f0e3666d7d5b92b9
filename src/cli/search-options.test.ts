import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { searchLimit, searchOptions, typesUnknownByName } from './search-options.js';

describe('searchOptions', () => {
  it.each([
    [{}, {}],
    [{ mode: 'keyword' }, { mode: 'keyword' }],
    [{ offset: '20' }, { offset: 20 }],
    [{ folder: 'notes' }, { folder: resolve('notes') }],
    [{ type: 'md, pdf,' }, { fileTypes: ['md', 'pdf'] }],
    [{ 'modified-after': '2024-01-31' }, { modifiedAfter: Date.UTC(2024, 0, 31) }],
    [{ 'modified-after': '1700000000000' }, { modifiedAfter: 1_700_000_000_000 }],
    [{ rerank: true }, { rerank: true }],
  ])('%j', (flags, expected) => {
    expect(searchOptions(flags)).toEqual(expected);
  });

  it.each([
    [{ mode: 'fuzzy' }, /--mode/],
    [{ offset: '-1' }, /--offset/],
    [{ offset: '1.5' }, /--offset/],
    [{ 'modified-after': 'yesterday' }, /--modified-after/],
  ])('rejects %j', (flags, message) => {
    expect(() => searchOptions(flags)).toThrow(message);
  });
});

describe('searchOptions: values a person mistypes are refused with the reason', () => {
  it.each([
    [{ type: 'x y' }, /--type takes file extensions such as md, txt, pdf, docx, html \(got "x y"\)/],
    [{ type: 'md,a-very-long-extension' }, /"a-very-long-extension"/],
    [{ type: ',' }, /--type needs file extensions/],
    [{ mode: 'foo' }, /--mode must be one of hybrid, vector, keyword \(got "foo"\)/],
  ])('%j', (flags, message) => {
    expect(() => searchOptions(flags)).toThrow(message);
  });

  it('accepts extensions in any case and with a dot, also ones Sift reads only by content', () => {
    expect(searchOptions({ type: 'PDF,.docx,txt,png,xyz' })).toEqual({ fileTypes: ['PDF', '.docx', 'txt', 'png', 'xyz'] });
    expect(typesUnknownByName(['PDF', '.docx', 'xyz', '*.nfo2'])).toEqual(['xyz', '*.nfo2']);
  });

  it.each(['-3', '0', '201', '2.5', 'ten', ''])('--limit %j is refused', (text) => {
    expect(() => searchLimit(text)).toThrow(/--limit must be a whole number from 1 to 200/);
  });

  it.each([
    [undefined, undefined],
    ['1', 1],
    ['200', 200],
  ])('--limit %j -> %j', (text, limit) => {
    expect(searchLimit(text)).toBe(limit);
  });
});
