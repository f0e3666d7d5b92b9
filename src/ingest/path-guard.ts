// Paths that someone outside the core asks Sift to open, reveal or read: the window's
// renderer (electron/main) and an assistant over MCP (src/server/mcp-tools.ts). Neither is
// trusted with the file system: a path must name an existing file inside one of the added
// folders, after symbolic links are resolved on both sides (a link inside a folder must
// not lead out of it). Opening a file that the OS would run as a program (a .bat, a .sh)
// is turned into showing it in its folder.
import { realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { SiftError } from '../api/errors.js';

/** Extensions that a double-click runs instead of showing, on some OS. */
const RUNNABLE = new Set(
  (
    'exe com bat cmd ps1 psm1 vbs vbe js jse wsf wsh msi msp scr pif cpl hta lnk reg inf jar ' +
    'app command sh bash zsh fish csh ksh run bin desktop appimage py pyw pl rb php'
  )
    .split(' ')
    .map((ext) => `.${ext}`),
);

export function opensAsProgram(path: string): boolean {
  return RUNNABLE.has(extname(path).toLowerCase());
}

/** `path` equals `folder` or lies below it (both absolute and normalised). */
export function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The real path of a file inside one of `folders`, or a SiftError saying why not. */
export async function checkedFile(raw: unknown, folders: readonly string[]): Promise<string> {
  if (typeof raw !== 'string' || raw.trim() === '' || !isAbsolute(raw)) {
    throw new SiftError('invalid_request', 'Expected the absolute path of a file.');
  }
  const path = resolve(raw);
  if (!folders.some((folder) => isInside(resolve(folder), path))) {
    throw new SiftError('invalid_request', `${path} is not inside an added folder.`, { detail: { key: 'fileNotInFolders', params: { path } } });
  }
  let real: string;
  try {
    real = await realpath(path);
  } catch (error) {
    throw new SiftError('not_found', `File not found: ${path}`, { cause: error, detail: { key: 'fileNotFound', params: { path } } });
  }
  const realFolders = await Promise.all(folders.map((folder) => realpath(folder).catch(() => resolve(folder))));
  if (!realFolders.some((folder) => isInside(folder, real))) {
    throw new SiftError('invalid_request', `${path} leads outside the added folders.`, { detail: { key: 'fileOutsideFolders', params: { path } } });
  }
  if (!(await stat(real)).isFile()) throw new SiftError('invalid_request', `Not a file: ${path}`, { detail: { key: 'notAFile', params: { path } } });
  return real;
}
