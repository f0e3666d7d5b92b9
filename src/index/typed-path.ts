// A folder path as a person types it into the add-folder field: `~` and `~/notes` mean
// the home folder of the process that serves the core (the desktop app or `sift serve`:
// the same machine and user whose files are indexed). A relative path is refused: the
// core's working folder (the install folder, for the app) is no place anyone means, and
// "Folder not found: /opt/Sift/notes" would only puzzle them. Pure; table-tested.
import { isAbsolute, join, normalize } from 'node:path';
import { SiftError } from '../api/errors.js';

export function typedFolderPath(raw: string, home: string, absolute: (path: string) => boolean = isAbsolute): string {
  const text = raw.trim();
  if (text === '~') return home;
  const tilde = /^~[\\/]/.exec(text);
  if (tilde) return normalize(join(home, text.slice(2)));
  if (!absolute(text)) {
    throw new SiftError('not_a_folder', `Type the full path, e.g. ${join(home, 'notes')} (got "${text}").`, {
      detail: { key: 'folderRelative', params: { path: text, example: join(home, 'notes') } },
    });
  }
  return text;
}
