// The decision behind Enter / Shift+Enter in the desktop app, on real files: what may be
// opened or revealed, and which of the shell's two calls it becomes. The shell itself (the
// OS's file handler) is the boundary here: a recorder stands in for it.
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixtureFolder, type FixtureFolder } from '../../src/test-support/fixture-folder.js';
import { openInsideFolders, revealInsideFolders, type FileShell } from './open-file.js';

function recordingShell(failure = '') {
  const calls: string[] = [];
  const shell: FileShell = {
    openPath: async (path) => {
      calls.push(`open ${path}`);
      return failure;
    },
    showItemInFolder: (path) => void calls.push(`reveal ${path}`),
  };
  return { shell, calls };
}

describe('open / reveal a hit: only files inside the added folders', () => {
  let folder: FixtureFolder;
  let outside: FixtureFolder;

  beforeAll(async () => {
    folder = await makeFixtureFolder({ 'notes/a.md': '# a', 'tools/run.sh': 'echo hi', 'tools/RUN.BAT': 'echo hi' });
    outside = await makeFixtureFolder({ 'secret.txt': 'secret' });
    await symlink(outside.path('secret.txt'), folder.path('notes/link-out.txt'));
  });

  afterAll(async () => {
    await folder.remove();
    await outside.remove();
  });

  it('opens a document inside a folder with its default app', async () => {
    const { shell, calls } = recordingShell();
    expect(await openInsideFolders(shell, folder.path('notes/a.md'), [folder.root])).toBe('opened');
    expect(calls).toEqual([`open ${folder.path('notes/a.md')}`]);
  });

  it.each(['tools/run.sh', 'tools/RUN.BAT'])('shows %s in its folder instead of running it', async (name) => {
    const { shell, calls } = recordingShell();
    expect(await openInsideFolders(shell, folder.path(name), [folder.root])).toBe('revealed');
    expect(calls).toEqual([`reveal ${folder.path(name)}`]);
  });

  it('reveals a file inside a folder', async () => {
    const { shell, calls } = recordingShell();
    await revealInsideFolders(shell, folder.path('notes/a.md'), [folder.root]);
    expect(calls).toEqual([`reveal ${folder.path('notes/a.md')}`]);
  });

  it.each([
    ['a file outside the folders', () => outside.path('secret.txt'), 'invalid_request', /not inside an added folder/],
    ['a climb out with ..', () => join(folder.root, '..', 'x', 'secret.txt'), 'invalid_request', /not inside an added folder/],
    ['a link inside that leads out', () => folder.path('notes/link-out.txt'), 'invalid_request', /leads outside the added folders/],
    ['a relative path', () => 'notes/a.md', 'invalid_request', /absolute path/],
    ['a folder', () => folder.path('notes'), 'invalid_request', /Not a file/],
    ['a missing file', () => folder.path('notes/gone.md'), 'not_found', /File not found/],
  ])('refuses %s, and the shell is never called', async (_what, path, code, message) => {
    const { shell, calls } = recordingShell();
    await expect(openInsideFolders(shell, path(), [folder.root])).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
    await expect(revealInsideFolders(shell, path(), [folder.root])).rejects.toMatchObject({ code });
    expect(calls).toEqual([]);
  });

  it('refuses everything when no folder is added', async () => {
    const { shell, calls } = recordingShell();
    await expect(openInsideFolders(shell, folder.path('notes/a.md'), [])).rejects.toMatchObject({ code: 'invalid_request' });
    expect(calls).toEqual([]);
  });

  it("says why when the OS cannot open the file", async () => {
    const { shell } = recordingShell('No application knows how to open this file');
    await expect(openInsideFolders(shell, folder.path('notes/a.md'), [folder.root])).rejects.toMatchObject({
      code: 'unreadable',
      message: expect.stringMatching(/No application knows how to open this file/),
    });
  });
});
