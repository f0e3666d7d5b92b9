// Folders handed to Sift on its command line: dropped on the app's icon (Windows, Linux
// pass them as arguments), `sift-app ~/notes`, or a second launch forwarding its argv to
// the running instance (the 'second-instance' event). Pure: the file system check comes in.
import { isAbsolute, resolve } from 'node:path';

/**
 * The folders among `argv` (process.argv shape: the executable first). Flags (`--x`,
 * Chromium's switches) are skipped, relative paths resolve against `cwd` (the launching
 * shell's folder), `appPath` (the app's own folder, passed by `electron .` in
 * development) is not a folder to index, anything that is not a folder is dropped, and
 * each folder comes once.
 */
export function foldersFromArgv(argv: readonly string[], cwd: string, isFolder: (path: string) => boolean, appPath?: string): string[] {
  const own = appPath ? resolve(appPath) : undefined;
  const folders: string[] = [];
  for (const arg of argv.slice(1)) {
    if (arg === '' || arg.startsWith('-')) continue;
    const path = isAbsolute(arg) ? resolve(arg) : resolve(cwd, arg);
    if (path === own || folders.includes(path)) continue;
    if (isFolder(path)) folders.push(path);
  }
  return folders;
}
