// The update channel: an installed (packaged) Sift asks the release feed (electron-updater,
// GitHub Releases as electron-builder.yml's `publish` names it) whether a newer version
// exists, downloads it in the background and installs it on quit, with the system's
// notification. Off in development and under tests (nothing to update; no network), and
// off when SIFT_NO_UPDATE_CHECK=1. Any failure (offline, no feed, a bad signature) is
// logged and nothing else: an update check must never take the app down.
import type { Logger } from '../../src/log.js';

export interface UpdateCheckOptions {
  isPackaged: boolean;
  env: NodeJS.ProcessEnv;
  logger?: Logger;
  /** For tests: the updater to use instead of electron-updater's. */
  load?: () => Promise<Updater>;
}

export interface Updater {
  logger: unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  checkForUpdatesAndNotify(): Promise<unknown>;
}

/** Why no check runs, or undefined when one should. */
export function updateCheckSkipped(isPackaged: boolean, env: NodeJS.ProcessEnv): string | undefined {
  if (!isPackaged) return 'development build';
  if (env.SIFT_NO_UPDATE_CHECK === '1') return 'SIFT_NO_UPDATE_CHECK=1';
  if (env.CI) return 'test run';
  return undefined;
}

async function electronUpdater(): Promise<Updater> {
  // CommonJS package: its named export sits on the default export under ESM.
  const mod = (await import('electron-updater')) as unknown as { autoUpdater?: Updater; default?: { autoUpdater: Updater } };
  const updater = mod.autoUpdater ?? mod.default?.autoUpdater;
  if (!updater) throw new Error('electron-updater has no autoUpdater');
  return updater;
}

/** Starts one check; resolves to 'checked', 'skipped: <why>' or 'failed: <message>', never rejects. */
export async function checkForUpdates(options: UpdateCheckOptions): Promise<string> {
  const skipped = updateCheckSkipped(options.isPackaged, options.env);
  if (skipped) return `skipped: ${skipped}`;
  const log = options.logger;
  try {
    const updater = await (options.load ?? electronUpdater)();
    updater.logger = null;
    // Errors also arrive as events (a download failing later): logged, never thrown.
    updater.on('error', (error) => log?.log('warn', `update check: ${error?.message ?? String(error)}`));
    await updater.checkForUpdatesAndNotify();
    return 'checked';
  } catch (error) {
    const message = (error as Error)?.message ?? String(error);
    log?.log('warn', `update check failed: ${message}`);
    return `failed: ${message}`;
  }
}
