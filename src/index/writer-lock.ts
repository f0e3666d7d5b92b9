// One writer per index. Two processes writing one LanceDB folder at once (two `sift
// index`, or `sift serve` and the app) each believe they own it and leave duplicate chunk,
// file and cache rows that no later run repairs. So every process that writes an index
// holds <index>/writer.lock (file-lock.ts) for as long as it may write; a second writer
// waits up to a bound, then is refused with who is in the way. Readers (`sift search`)
// take no lock: LanceDB readers see the last committed version. An index on S3 is locked
// the same way with an object created by a conditional PUT (object-lock.ts).
import { hostname } from 'node:os';
import { join } from 'node:path';
import { SiftError } from '../api/errors.js';
import { FileLock, LockHeldError, type LockHolder } from './file-lock.js';
import { ObjectLock } from './object-lock.js';
import { s3Location, type S3Settings } from './object-store.js';

/** What a writer holds until it closes. */
export interface WriterLock {
  release(): Promise<void>;
}

export const WRITER_LOCK_FILE = 'writer.lock';

/** The index is being written by another process. `holder` says which. */
export class IndexBusyError extends SiftError {
  constructor(
    readonly indexDir: string,
    readonly holder: LockHolder,
    readonly lockFile: string,
  ) {
    super('index_busy', indexBusyMessage(indexDir, holder, lockFile));
  }
}

export function indexBusyMessage(indexDir: string, holder: LockHolder, lockFile: string): string {
  const elsewhere = holder.hostname !== hostname();
  const who = `${holder.command} (pid ${holder.pid}${elsewhere ? ` on ${holder.hostname}` : ''}, since ${holder.startedAt})`;
  const advice = elsewhere
    ? `If ${holder.hostname} no longer runs Sift, delete ${lockFile} and try again.`
    : 'Wait for it to finish or close it, then try again.';
  return `The index at ${indexDir} is in use by ${who}. ${advice}`;
}

/** True when `uri` is a folder on this machine (not s3://, gs://, ...), so it can be locked. */
export function isLocalIndex(uri: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:\/\//i.test(uri);
}

export interface WriterLockOptions {
  /** Named in the message a second writer gets: "sift index", "sift serve", "the Sift app". */
  command: string;
  waitMs?: number;
  onWait?: (holder: LockHolder) => void;
  /** For an s3:// index: where and how to reach it (object-store.ts). */
  s3?: S3Settings;
}

/** Takes the index's writer lock, waiting up to `waitMs` for a live holder. */
export async function acquireWriterLock(indexDir: string, options: WriterLockOptions): Promise<WriterLock> {
  const location = s3Location(indexDir);
  if (location && options.s3) {
    try {
      return await ObjectLock.acquire(options.s3, location, WRITER_LOCK_FILE, options);
    } catch (error) {
      if (error instanceof LockHeldError) throw new IndexBusyError(indexDir, error.holder, error.lockFile);
      throw error;
    }
  }
  if (!isLocalIndex(indexDir)) throw new SiftError('invalid_request', `Sift cannot lock the index at ${indexDir}: only local folders and s3:// are supported.`, {
      detail: { key: 'indexLocationUnsupported', params: { location: indexDir } },
    });
  const file = join(indexDir, WRITER_LOCK_FILE);
  try {
    return await FileLock.acquire(file, options);
  } catch (error) {
    if (error instanceof LockHeldError) throw new IndexBusyError(indexDir, error.holder, file);
    throw error;
  }
}
