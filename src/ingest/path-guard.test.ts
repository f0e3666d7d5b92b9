import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkedFile, isInside, opensAsProgram } from './path-guard.js';

describe('isInside', () => {
  it.each([
    ['/a/b', '/a/b/c.txt', true],
    ['/a/b', '/a/b', true],
    ['/a/b', '/a/bc/d.txt', false],
    ['/a/b', '/a/b/../c.txt', false],
    ['/a/b', '/x/y', false],
  ])('%s contains %s: %s', (folder, path, expected) => {
    expect(isInside(folder, join(path))).toBe(expected);
  });
});

describe('opensAsProgram', () => {
  it.each([
    ['notes.md', false],
    ['report.PDF', false],
    ['run.bat', true],
    ['script.SH', true],
    ['tool.js', true],
    ['Makefile', false],
  ])('%s: %s', (path, expected) => {
    expect(opensAsProgram(path)).toBe(expected);
  });
});

describe('checkedFile', () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'sift-guard-')));
  const folder = join(root, 'notes');
  const outside = join(root, 'secret.txt');
  mkdirSync(join(folder, 'sub'), { recursive: true });
  writeFileSync(join(folder, 'sub', 'a.md'), 'a');
  writeFileSync(outside, 'secret');
  symlinkSync(outside, join(folder, 'link.txt'));

  it('accepts a file inside an added folder', async () => {
    await expect(checkedFile(join(folder, 'sub', 'a.md'), [folder])).resolves.toBe(join(folder, 'sub', 'a.md'));
  });

  it.each([
    ['a file outside', outside, /not inside an added folder/],
    ['a climb out with ..', join(folder, '..', 'secret.txt'), /not inside an added folder/],
    ['a link leading out', join(folder, 'link.txt'), /leads outside/],
    ['a folder', join(folder, 'sub'), /Not a file/],
    ['a missing file', join(folder, 'nope.md'), /File not found/],
    ['a relative path', 'notes/sub/a.md', /absolute path/],
    ['not a string', 42, /absolute path/],
  ])('refuses %s', async (_name, path, message) => {
    await expect(checkedFile(path, [folder])).rejects.toThrow(message);
  });
});
