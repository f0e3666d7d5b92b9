// Lists the indexable files under a folder, skipping what the ignore rules say (hidden
// entries, .git, node_modules, .gitignore). Symbolic links are not followed, so link
// loops cannot hang a scan.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isSupportedFile } from '../ingest/extract.js';
import { IgnoreRules } from './ignore-rules.js';

export { isIgnoredName } from './ignore-rules.js';

export async function scanFolder(
  root: string,
  onUnreadable: (path: string, reason: string) => void,
  rules = new IgnoreRules(root),
): Promise<string[]> {
  const files: string[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      onUnreadable(dir, `unreadable folder (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      continue;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const isDir = entry.isDirectory();
      if (rules.ignores(path, isDir)) continue;
      if (isDir) pending.push(path);
      else if (entry.isFile() && isSupportedFile(path)) files.push(path);
    }
  }
  return files.sort();
}
