// Lists every entry under a folder: the regular files to read, and each other entry with
// its reason (excluded by a rule, a special file, a symbolic link, a name that is not
// valid UTF-8, a folder that cannot be read). Nothing is opened here, and links are not
// followed, so pipes and link loops cannot hang a scan. The extension does not decide:
// the reader looks at every regular file's bytes.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileIssue, type FileIssue } from '../api/file-issues.js';
import { checkEntry } from './entry-check.js';
import { IgnoreRules } from './ignore-rules.js';

export { isIgnoredName } from './ignore-rules.js';

export interface ScanResult {
  /** Regular files, sorted. */
  files: string[];
  /** Entries not read, each with its reason (excluded, special, links, bad names). */
  skipped: FileIssue[];
  /** Folders that could not be listed. */
  failed: FileIssue[];
}

export async function scanFolder(root: string, rules = new IgnoreRules(root)): Promise<ScanResult> {
  const result: ScanResult = { files: [], skipped: [], failed: [] };
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : ((error as NodeJS.ErrnoException).code ?? (error as Error).message);
      result.failed.push(fileIssue(dir, { code: 'unreadable', params: { error: `folder: ${why}` } }));
      continue;
    }
    const badNames = entries.some((entry) => entry.name.includes('\uFFFD')) ? await invalidNames(dir) : new Set<string>();
    for (const entry of entries) {
      const path = join(dir, entry.name);
      // Node turns a name that is not UTF-8 into one with U+FFFD: that path names no file.
      if (badNames.has(entry.name)) {
        result.skipped.push(fileIssue(path, { code: 'bad-name' }));
        continue;
      }
      const verdict = await checkEntry(root, path, entry, rules);
      if (verdict.type === 'dir') pending.push(path);
      else if (verdict.type === 'file') result.files.push(path);
      else result.skipped.push(verdict.issue);
    }
  }
  result.files.sort();
  result.skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return result;
}

/** The decoded (lossy) forms of the names in `dir` whose bytes are not valid UTF-8. */
async function invalidNames(dir: string): Promise<Set<string>> {
  const names = new Set<string>();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const raw of await readdir(dir, { encoding: 'buffer' })) {
    try {
      decoder.decode(raw);
    } catch {
      names.add(raw.toString('utf8'));
    }
  }
  return names;
}
