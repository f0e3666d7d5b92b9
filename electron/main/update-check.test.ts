import { describe, expect, it } from 'vitest';
import type { Logger } from '../../src/log.js';
import { checkForUpdates, updateCheckSkipped, type Updater } from './update-check.js';

function fakeUpdater(check: () => Promise<unknown>): Updater & { listeners: ((e: Error) => void)[] } {
  const listeners: ((e: Error) => void)[] = [];
  return { logger: undefined, listeners, on: (_event, listener) => listeners.push(listener), checkForUpdatesAndNotify: check };
}

describe('update check', () => {
  it('is off in development, in tests and when switched off', () => {
    expect(updateCheckSkipped(false, {})).toBe('development build');
    expect(updateCheckSkipped(true, { SIFT_NO_UPDATE_CHECK: '1' })).toBe('SIFT_NO_UPDATE_CHECK=1');
    expect(updateCheckSkipped(true, { CI: 'true' })).toBe('test run');
    expect(updateCheckSkipped(true, {})).toBeUndefined();
  });

  it('does not even load electron-updater in development', async () => {
    let loaded = false;
    const result = await checkForUpdates({ isPackaged: false, env: {}, load: async () => ((loaded = true), fakeUpdater(async () => null)) });
    expect(result).toBe('skipped: development build');
    expect(loaded).toBe(false);
  });

  it('checks in a packaged app', async () => {
    let checks = 0;
    expect(await checkForUpdates({ isPackaged: true, env: {}, load: async () => fakeUpdater(async () => ++checks) })).toBe('checked');
    expect(checks).toBe(1);
  });

  it('turns a failing feed, a failing load and later error events into log lines, never a throw', async () => {
    const lines: string[] = [];
    const logger: Logger = { log: (_level, message) => void lines.push(message) };
    const updater = fakeUpdater(async () => {
      throw new Error('net::ERR_INTERNET_DISCONNECTED');
    });
    expect(await checkForUpdates({ isPackaged: true, env: {}, logger, load: async () => updater })).toBe('failed: net::ERR_INTERNET_DISCONNECTED');
    updater.listeners.forEach((listener) => listener(new Error('sha512 checksum mismatch')));
    expect(await checkForUpdates({ isPackaged: true, env: {}, logger, load: () => Promise.reject(new Error('no app-update.yml')) })).toBe('failed: no app-update.yml');
    expect(lines).toEqual(['update check failed: net::ERR_INTERNET_DISCONNECTED', 'update check: sha512 checksum mismatch', 'update check failed: no app-update.yml']);
  });

  it('finds the real electron-updater package (its updater needs Electron, so not created here)', async () => {
    const mod = (await import('electron-updater')) as unknown as Record<string, unknown>;
    expect(Object.keys(mod)).toEqual(expect.arrayContaining(['autoUpdater']));
  });
});
