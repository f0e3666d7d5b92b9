// A lock file that says who holds it: created with O_EXCL (open 'wx'), so exactly one
// process can create it, holding {pid, hostname, startedAt, command, token}.
//
// Why not proper-lockfile (mkdir + an mtime refreshed every few seconds, stale after
// ~10 s without a refresh): its staleness is a guess from a timer, so a process that is
// merely busy (a long synchronous parse, a laptop waking from sleep) loses its lock to a
// second writer, which is the very race this lock exists to stop; and its lock names no
// holder, so the person cannot be told who is in the way. OS locks (flock/fcntl) vanish
// with their process, but Node has no binding for them without a native addon, and they
// are unreliable on network folders. Here a lock is stale only when its holder provably
// is gone: same hostname and the pid no longer exists. A lock from another host is never
// broken automatically; the message names the host and the file to delete.
// Known gap: a reused pid makes a stale lock look live; the message names the pid so the
// person can check.
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { mkdir, readFile, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';

export interface LockHolder {
  pid: number;
  hostname: string;
  /** When the holder took the lock (ISO time). */
  startedAt: string;
  /** What holds it, for messages: "sift index", "sift serve", "the Sift app". */
  command: string;
  /** Random: tells this holder's lock from a later one at the same path. */
  token: string;
}

export interface LockOptions {
  command: string;
  /** How long to wait for a live holder to let go; 0: refuse at once. */
  waitMs?: number;
  pollMs?: number;
  /** Called once, when the lock is found held and this process starts waiting. */
  onWait?: (holder: LockHolder) => void;
}

/** The lock is held by a live process (or one on another host) and did not come free in time. */
export class LockHeldError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: LockHolder,
  ) {
    super(`${lockFile} is held by ${holder.command} (pid ${holder.pid} on ${holder.hostname}, since ${holder.startedAt})`);
  }
}

/** A file whose creator has not written its content yet is given this long before it
 *  counts as abandoned (the creator died between open and write). */
const UNWRITTEN_GRACE_MS = 5_000;
/** A takeover guard is held for a few file operations; older than this, its holder died. */
const GUARD_STALE_MS = 10_000;

export class FileLock {
  private released = false;
  private readonly onExit = () => this.releaseSync();

  private constructor(
    readonly file: string,
    readonly holder: LockHolder,
  ) {
    // A normal exit without close() (process.exit in a CLI path) still lets go.
    process.once('exit', this.onExit);
  }

  static async acquire(file: string, options: LockOptions): Promise<FileLock> {
    await mkdir(dirname(file), { recursive: true });
    const holder = newLockHolder(options.command);
    const deadline = Date.now() + (options.waitMs ?? 0);
    let told = false;
    for (;;) {
      if (createExclusive(file, holder)) return new FileLock(file, holder);
      const current = await readHolder(file);
      if (current === 'gone') continue; // released between our create and our read
      if (current === 'unwritten-young') {
        await sleep(50);
        continue;
      }
      if (current === 'unwritten' || isStale(current)) {
        await takeOver(file, current);
        continue;
      }
      if (Date.now() >= deadline) throw new LockHeldError(file, current);
      if (!told) options.onWait?.(current);
      told = true;
      await sleep(Math.min(options.pollMs ?? 250, Math.max(deadline - Date.now(), 1)));
    }
  }

  /** Runs `work` holding the lock at `file`, released afterwards whatever happens. */
  static async with<T>(file: string, options: LockOptions, work: () => Promise<T>): Promise<T> {
    const lock = await FileLock.acquire(file, options);
    try {
      return await work();
    } finally {
      await lock.release();
    }
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    process.removeListener('exit', this.onExit);
    // Only our own lock: never delete one a later holder made after ours was broken.
    const current = await readHolder(this.file);
    if (typeof current === 'object' && current.token === this.holder.token) await unlink(this.file).catch(ignoreMissing);
  }

  releaseSync(): void {
    if (this.released) return;
    this.released = true;
    process.removeListener('exit', this.onExit);
    try {
      const current = JSON.parse(readFileSync(this.file, 'utf8')) as LockHolder;
      if (current.token === this.holder.token) unlinkSync(this.file);
    } catch {
      // Already gone or replaced: nothing of ours to remove.
      return;
    }
  }
}

function createExclusive(file: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, JSON.stringify(holder));
  } finally {
    closeSync(fd);
  }
  return true;
}

type ReadResult = LockHolder | 'gone' | 'unwritten' | 'unwritten-young';

async function readHolder(file: string): Promise<ReadResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    if (typeof parsed.pid === 'number' && typeof parsed.hostname === 'string' && typeof parsed.token === 'string') {
      return { startedAt: '?', command: 'another Sift process', ...parsed } as LockHolder;
    }
  } catch {
    // Empty or partly written: decided by its age below.
  }
  const age = await stat(file).then(
    (info) => Date.now() - info.mtimeMs,
    () => 0,
  );
  return age > UNWRITTEN_GRACE_MS ? 'unwritten' : 'unwritten-young';
}

/** True when the holder is provably gone: on this host, and its pid no longer exists. */
/** This process as a lock's holder; the token tells our lock from a later one at the same
 *  place (file or object lock). */
export function newLockHolder(command: string): LockHolder {
  return { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString(), command, token: randomBytes(8).toString('hex') };
}

export function isStale(holder: LockHolder): boolean {
  if (holder.hostname !== hostname()) return false;
  return !pidAlive(holder.pid);
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes a stale lock. Two processes may find the same stale lock at once: the removal
 *  happens under a guard file (itself O_EXCL) and only if the lock still is the one found
 *  stale, so one never deletes the fresh lock the other just made. */
async function takeOver(file: string, seen: LockHolder | 'unwritten'): Promise<void> {
  const guard = `${file}.takeover`;
  const guardHolder: LockHolder = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString(), command: 'takeover', token: '' };
  if (!createExclusive(guard, guardHolder)) {
    const info = await stat(guard).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > GUARD_STALE_MS) await unlink(guard).catch(ignoreMissing);
    else await sleep(20);
    return;
  }
  try {
    const current = await readHolder(file);
    const same = seen === 'unwritten' ? current === 'unwritten' : typeof current === 'object' && current.token === seen.token;
    if (same) await unlink(file).catch(ignoreMissing);
  } finally {
    await unlink(guard).catch(ignoreMissing);
  }
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
