import { describe, expect, it } from 'vitest';
import { andPredicates, filterPredicate, normalizeExtension, pathPredicate } from './search-filters.js';

describe('filterPredicate', () => {
  it.each([
    { filters: {}, sep: '/', expected: undefined },
    { filters: { folder: '/home/ann/notes' }, sep: '/', expected: "starts_with(path, '/home/ann/notes/')" },
    { filters: { folder: '/home/ann/notes/' }, sep: '/', expected: "starts_with(path, '/home/ann/notes/')" },
    { filters: { folder: "/home/o'neil" }, sep: '/', expected: "starts_with(path, '/home/o''neil/')" },
    { filters: { folder: 'C:\\Users\\ann\\' }, sep: '\\', expected: "starts_with(path, 'C:\\Users\\ann\\')" },
    { filters: { fileTypes: ['md'] }, sep: '/', expected: "(lower(path) LIKE '%.md')" },
    { filters: { fileTypes: ['.MD', 'md', '*.txt'] }, sep: '/', expected: "(lower(path) LIKE '%.md' OR lower(path) LIKE '%.txt')" },
    { filters: { fileTypes: ["x' OR 1=1 --"] }, sep: '/', expected: 'false' },
    { filters: { fileTypes: [] }, sep: '/', expected: undefined },
    {
      filters: { folder: '/d', fileTypes: ['pdf'] },
      sep: '/',
      expected: "starts_with(path, '/d/') AND (lower(path) LIKE '%.pdf')",
    },
  ])('$filters', ({ filters, sep, expected }) => {
    expect(filterPredicate(filters, sep)).toBe(expected);
  });
});

describe('helpers', () => {
  it.each([
    ['md', 'md'],
    ['.Md', 'md'],
    ['*.TXT', 'txt'],
    [' docx ', 'docx'],
  ])('normalizeExtension(%s) = %s', (input, expected) => {
    expect(normalizeExtension(input)).toBe(expected);
  });

  it.each([
    [[], 'false'],
    [['/a/x.md'], "path IN ('/a/x.md')"],
    [['/a', "/b'c"], "path IN ('/a', '/b''c')"],
  ])('pathPredicate(%j)', (paths, expected) => {
    expect(pathPredicate(paths)).toBe(expected);
  });

  it.each([
    [[undefined, undefined], undefined],
    [['a = 1', undefined], 'a = 1'],
    [['a = 1', 'b = 2'], '(a = 1) AND (b = 2)'],
  ])('andPredicates(%j)', (parts, expected) => {
    expect(andPredicates(...parts)).toBe(expected);
  });
});
