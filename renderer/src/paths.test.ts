import { describe, expect, it } from 'vitest';
import { baseName, dirName, hitLocation, relativeTo } from './paths.js';

describe('paths', () => {
  it.each([
    ['/home/me/Notes', 'Notes'],
    ['/home/me/Notes/', 'Notes'],
    ['C:\\Users\\me\\Notes', 'Notes'],
    ['/', '/'],
    ['Notes', 'Notes'],
  ])('baseName(%s) = %s', (path, expected) => {
    expect(baseName(path)).toBe(expected);
  });

  it.each([
    ['/a/b', '/a/b/c/d.txt', 'c/d.txt'],
    ['/a/b/', '/a/b/c.txt', 'c.txt'],
    ['/a/b', '/a/bc/d.txt', '/a/bc/d.txt'],
    ['C:\\a', 'C:\\a\\x\\y.md', 'x\\y.md'],
  ])('relativeTo(%s, %s) = %s', (root, path, expected) => {
    expect(relativeTo(root, path)).toBe(expected);
  });

  it.each([
    ['a/b/c.txt', 'a/b'],
    ['c.txt', ''],
    ['/c.txt', ''],
  ])('dirName(%s) = %s', (path, expected) => {
    expect(dirName(path)).toBe(expected);
  });

  it.each([
    ['/home/me/Notes', '/home/me/Notes/a.md', 'Notes'],
    ['/home/me/Notes', '/home/me/Notes/work/2024/a.md', 'Notes/work/2024'],
    ['C:\\Notes', 'C:\\Notes\\work\\a.md', 'Notes/work'],
  ])('hitLocation(%s, %s) = %s', (folder, path, expected) => {
    expect(hitLocation(folder, path)).toBe(expected);
  });
});
