// What a folder entry is before anything opens it: a regular file (read it), a folder
// (descend), or something to skip with its true reason: a named pipe, socket or device
// (never opened: a pipe would block the pass), a symbolic link (loop, broken, leaving the
// folder, or pointing at a file the folder already holds; links are not followed, so each
// file is indexed once under its own path), or an entry excluded by the ignore rules.
import { lstat, readlink, realpath } from 'node:fs/promises';
import { relative, isAbsolute, resolve, dirname } from 'node:path';
import { fileIssue, type FileIssue } from '../api/file-issues.js';
import { specialType } from '../ingest/extract.js';
import type { IgnoreRules } from './ignore-rules.js';

export type EntryVerdict = { type: 'file' } | { type: 'dir' } | { type: 'skip'; issue: FileIssue };

interface EntryType {
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}

/** A verdict from a directory entry's type (the scan) or an lstat (the watcher). */
export async function checkEntry(root: string, path: string, type: EntryType, rules?: IgnoreRules): Promise<EntryVerdict> {
  const isDir = type.isDirectory();
  const excluded = rules?.why(path, isDir);
  if (excluded) return { type: 'skip', issue: fileIssue(path, { code: 'excluded', params: { rule: excluded } }) };
  if (isDir) return { type: 'dir' };
  if (type.isFile()) return { type: 'file' };
  if (type.isSymbolicLink()) return { type: 'skip', issue: await linkIssue(root, path) };
  return { type: 'skip', issue: fileIssue(path, { code: 'special-file', params: { type: specialType(type) } }) };
}

/** The same check from a path alone (watcher events): lstat, never open. */
export async function checkPath(root: string, path: string, rules?: IgnoreRules): Promise<EntryVerdict | FileIssue> {
  try {
    return await checkEntry(root, path, await lstat(path), rules);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file vanished' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? (error as Error).message);
    return fileIssue(path, { code: 'unreadable', params: { error: why } });
  }
}

async function linkIssue(root: string, path: string): Promise<FileIssue> {
  let target = '';
  try {
    target = await readlink(path);
  } catch {
    // Unreadable link text: the verdict below still says what the link does.
  }
  const shown = target || '?';
  let real: string;
  try {
    real = await realpath(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return fileIssue(path, { code: 'link-loop' });
    return fileIssue(path, { code: 'link-broken', params: { target: shown } });
  }
  // Links are few: one realpath of the root per link keeps this free of caches.
  const rootReal = await realpath(root).catch(() => root);
  const rel = relative(rootReal, real);
  const inside = rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  if (!inside) return fileIssue(path, { code: 'link-outside', params: { target: isAbsolute(target) ? target : resolve(dirname(path), target) } });
  return fileIssue(path, { code: 'link-inside', params: { target: rel } });
}
