import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/fixture-folder.js';
import { FileLock, LockHeldError, type LockHolder } from './file-lock.js';

let dir: Awaited<ReturnType<typeof makeTempDir>>;
let file: string;

beforeEach(async () => {
  dir = await makeTempDir('sift-lock-');
  file = join(dir.path, 'writer.lock');
});
afterEach(async () => {
  await dir.remove();
});

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

describe('FileLock', () => {
  it('names its holder in the file and removes it on release', async () => {
    const lock = await FileLock.acquire(file, { command: 'sift index' });
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ pid: process.pid, hostname: hostname(), command: 'sift index' });
    await lock.release();
    expect(existsSync(file)).toBe(false);
  });

  it('a second taker waits for the holder, then gets the lock', async () => {
    const first = await FileLock.acquire(file, { command: 'first' });
    const seen: LockHolder[] = [];
    const second = FileLock.acquire(file, { command: 'second', waitMs: 5_000, pollMs: 20, onWait: (holder) => seen.push(holder) });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen.map((holder) => holder.command)).toEqual(['first']);
    await first.release();
    const lock = await second;
    expect(lock.holder.command).toBe('second');
    await lock.release();
  });

  it('refuses after the wait with the holder named', async () => {
    const first = await FileLock.acquire(file, { command: 'sift serve' });
    const started = Date.now();
    const error = await FileLock.acquire(file, { command: 'x', waitMs: 150, pollMs: 20 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockHeldError);
    expect((error as LockHeldError).holder).toMatchObject({ command: 'sift serve', pid: process.pid });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await first.release();
  });

  it('takes over the lock of a process that is gone, one taker at a time', async () => {
    const pid = await deadPid();
    await writeFile(file, JSON.stringify({ pid, hostname: hostname(), startedAt: 'then', command: 'crashed', token: 'old' }));
    let inside = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        FileLock.with(file, { command: `taker ${n}`, waitMs: 10_000, pollMs: 5 }, async () => {
          most = Math.max(most, ++inside);
          await new Promise((resolve) => setTimeout(resolve, 20));
          order.push(n);
          inside--;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(order.sort()).toEqual([1, 2, 3, 4, 5]);
    expect(existsSync(file)).toBe(false);
  });

  it('takes over an empty lock file left by a creator that died before writing it', async () => {
    await writeFile(file, '');
    const old = new Date(Date.now() - 60_000);
    await utimes(file, old, old);
    const lock = await FileLock.acquire(file, { command: 'next' });
    expect(lock.holder.command).toBe('next');
    await lock.release();
  });

  it('release leaves a lock that is not its own', async () => {
    const lock = await FileLock.acquire(file, { command: 'mine' });
    const other = { pid: process.pid, hostname: hostname(), startedAt: 'now', command: 'theirs', token: 'other' };
    await writeFile(file, JSON.stringify(other));
    await lock.release();
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ command: 'theirs' });
  });
});
