import { posix, win32 } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SiftError } from '../api/errors.js';
import { typedFolderPath } from './typed-path.js';

const home = '/home/ana';

describe('typedFolderPath', () => {
  it.each([
    ['~', '/home/ana'],
    ['~/', '/home/ana'],
    ['~/notes', '/home/ana/notes'],
    ['  ~/notes/2024 ', '/home/ana/notes/2024'],
    ['~/notes/../work', '/home/ana/work'],
    ['/srv/docs', '/srv/docs'],
    ['/home/ana/~/odd', '/home/ana/~/odd'],
  ])('%j -> %j', (raw, expected) => {
    expect(typedFolderPath(raw, home, posix.isAbsolute)).toBe(expected);
  });

  it.each(['notes', './notes', '../notes', '~bob/notes', 'notes/~'])('refuses the relative path %j with a hint', (raw) => {
    let error: unknown;
    try {
      typedFolderPath(raw, home, posix.isAbsolute);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SiftError);
    expect((error as SiftError).message).toBe(`Type the full path, e.g. /home/ana/notes (got "${raw}").`);
    expect((error as SiftError).detail).toEqual({ key: 'folderRelative', params: { path: raw, example: '/home/ana/notes' } });
  });

  it('takes a drive path as absolute on Windows', () => {
    expect(typedFolderPath('C:\\Users\\ana\\notes', 'C:\\Users\\ana', win32.isAbsolute)).toBe('C:\\Users\\ana\\notes');
  });
});
