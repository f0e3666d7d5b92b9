import { describe, expect, it } from 'vitest';
import { foldersFromArgv } from './launch-folders.js';

const existing = new Set(['/home/ann/notes', '/home/ann/work/papers', '/opt/sift-app', '/home/ann/Photos 2024']);
const isFolder = (path: string) => existing.has(path);

describe('foldersFromArgv', () => {
  it.each([
    ['a packaged app with a dropped folder', ['/opt/sift-app/sift', '/home/ann/notes'], '/', ['/home/ann/notes']],
    ['a relative path from the launching shell', ['/opt/sift-app/sift', 'papers'], '/home/ann/work', ['/home/ann/work/papers']],
    ['dev mode: `electron .` names the app folder', ['/usr/bin/electron', '.', 'notes'], '/opt/sift-app', []],
    [
      "Chromium's switches and flags are skipped",
      ['/opt/sift-app/sift', '--no-sandbox', '--allow-file-access-from-files', '/home/ann/notes', '-v'],
      '/',
      ['/home/ann/notes'],
    ],
    ['files and missing paths are dropped', ['/opt/sift-app/sift', '/home/ann/notes/todo.txt', '/nope'], '/', []],
    ['each folder once, trailing slashes and dots folded', ['/opt/sift-app/sift', '/home/ann/notes/', '/home/ann/./notes'], '/', ['/home/ann/notes']],
    ['spaces in a name survive', ['/opt/sift-app/sift', '/home/ann/Photos 2024'], '/', ['/home/ann/Photos 2024']],
    ['the executable itself is never a folder', ['/home/ann/notes'], '/', []],
  ])('%s', (_name, argv, cwd, expected) => {
    expect(foldersFromArgv(argv, cwd, isFolder, '/opt/sift-app')).toEqual(expected);
  });
});
