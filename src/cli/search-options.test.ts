import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { searchOptions } from './search-options.js';

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
