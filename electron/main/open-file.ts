// Opening and revealing a search hit from the window (Enter, Shift+Enter): the main process
// decides, never the renderer. The path must name a file inside an added folder, links
// resolved (path-guard.ts, the check MCP's read_document and the preview use too); a file
// that the OS would run as a program is shown in its folder instead of opened. The shell is
// passed in (Electron's `shell`), so this decision is tested without Electron's binary.
import type { OpenPathResult } from '../../src/api/bridge.js';
import { SiftError } from '../../src/api/errors.js';
import { checkedFile, opensAsProgram } from '../../src/ingest/path-guard.js';

/** The two calls of Electron's `shell` this needs. */
export interface FileShell {
  /** Resolves with '' on success, else the OS's reason. */
  openPath(path: string): Promise<string>;
  showItemInFolder(path: string): void;
}

/** Opens `raw` with its default app, or shows it in its folder when it would run as a
 *  program. Throws a SiftError (nothing opened) for a path outside `folders`. */
export async function openInsideFolders(shell: FileShell, raw: string, folders: readonly string[]): Promise<OpenPathResult> {
  const path = await checkedFile(raw, folders);
  if (opensAsProgram(path)) {
    shell.showItemInFolder(path);
    return 'revealed';
  }
  const failure = await shell.openPath(path);
  if (failure) throw new SiftError('unreadable', `Could not open ${path}: ${failure}`);
  return 'opened';
}

/** Shows `raw` in the file manager. Throws a SiftError for a path outside `folders`. */
export async function revealInsideFolders(shell: FileShell, raw: string, folders: readonly string[]): Promise<void> {
  shell.showItemInFolder(await checkedFile(raw, folders));
}
