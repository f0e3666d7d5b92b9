// The check a folder passes before it is added or indexed (addFolder, `sift index`): what
// a person typed or picked, made a real folder path that does not overlap an added one.
// Apart from core.ts so the refusals, each with its own message key, read in one place.
import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { resolve, sep } from 'node:path';
import { SiftError } from '../api/errors.js';
import { typedFolderPath } from './typed-path.js';
import { isSystemFolder } from './ignore-rules.js';

/** `raw` as typed or picked: `~` expanded, relative refused (typed-path.ts), then it
 *  must be a folder that neither lies inside nor contains an added one. Each refusal
 *  carries a detail the UI words in the person's language. `folders`: the added ones, read
 *  once the path is known to be a folder. */
export async function checkedFolder(raw: string, folders: { list(): ReadonlyArray<{ path: string }> }): Promise<string> {
  const path = resolve(typedFolderPath(raw, homedir()));
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw code === 'ENOENT'
      ? new SiftError('not_a_folder', `Folder not found: ${path}`, { cause: error, detail: { key: 'folderNotFound', params: { path } } })
      : new SiftError('not_a_folder', `Cannot open folder ${path} (${code ?? (error as Error).message})`, {
          cause: error,
          detail: { key: 'folderUnreadable', params: { path, reason: code ?? (error as Error).message } },
        });
  }
  if (!info.isDirectory()) throw new SiftError('not_a_folder', `Not a folder: ${path}`, { detail: { key: 'notAFolder', params: { path } } });
  if (isSystemFolder(path)) {
    throw new SiftError('not_a_folder', `${path} is a system folder (processes, devices, kernel state), not documents; Sift does not index it.`, {
      detail: { key: 'folderSystem', params: { path } },
    });
  }
  for (const entry of folders.list()) {
    if (entry.path === path) continue;
    if (isInside(path, entry.path)) {
      throw new SiftError('not_a_folder', `${path} is already inside the added folder ${entry.path}.`, {
        detail: { key: 'folderInsideAdded', params: { path, folder: entry.path } },
      });
    }
    if (isInside(entry.path, path)) {
      throw new SiftError('not_a_folder', `${path} contains the added folder ${entry.path}; remove that one first.`, {
        detail: { key: 'folderContainsAdded', params: { path, folder: entry.path } },
      });
    }
  }
  return path;
}

/** Whether `path` lies inside the folder `folder` (both resolved). The root ('/', 'C:\\')
 *  already ends in the separator: '/' + '/' matched nothing, so '/' was accepted beside
 *  every added folder. */
export function isInside(path: string, folder: string): boolean {
  return path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}
