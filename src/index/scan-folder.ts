// Lists the indexable files under a folder. Hidden entries, .git and node_modules are
// skipped; symbolic links to folders are not followed, so link loops cannot hang a scan.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isSupportedFile } from '../ingest/extract.js';

const SKIPPED_DIRS = new Set(['node_modules', '.git', '__pycache__']);

export function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || SKIPPED_DIRS.has(name);
}

export async function scanFolder(root: string, onUnreadable: (path: string, reason: string) => void): Promise<string[]> {
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
      if (isIgnoredName(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isFile() && isSupportedFile(path)) files.push(path);
    }
  }
  return files.sort();
}
