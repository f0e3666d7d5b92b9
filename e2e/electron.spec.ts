// The Electron window itself. Runs where Electron's binary has been fetched; elsewhere
// (offline machines, this project's CI) it is reported as skipped, with the reason.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import { CALL_NAMES } from '../src/api/call-names.js';
import { electronBinary } from '../scripts/electron-binary.mjs';
import { NOTES, writeFixtureNotes } from './support/fixture-notes.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const binary = electronBinary();

test.skip(!binary, "Electron's binary is not installed here (it cannot be downloaded on this machine); run `npx install-electron` where it can.");

test('the window opens with a sandboxed bridge and searches an added folder', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sift-electron-data-'));
  const notes = mkdtempSync(join(tmpdir(), 'sift-electron-notes-'));
  writeFixtureNotes(notes);
  const app = await electron.launch({
    executablePath: binary!,
    args: [root],
    env: { ...process.env, SIFT_DATA_DIR: dataDir },
  });
  try {
    const window = await app.firstWindow();
    await expect(window).toHaveTitle(/Sift/);
    // Sandbox and context isolation: no Node in the page, only the contract on window.sift.
    const surface = await window.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: Object.keys((globalThis as unknown as { sift: object }).sift).sort(),
    }));
    expect(surface).toEqual({
      require: 'undefined',
      process: 'undefined',
      // Exactly the contract's calls plus the desktop helpers, nothing else (no ipcRenderer).
      bridge: [...CALL_NAMES, 'localApiToken', 'onEvent', 'openPath', 'pathForFile', 'pickFolder', 'revealPath'].sort(),
    });
    // Add the folder through the bridge (the native dialog cannot be driven), then search in the UI.
    await window.evaluate((path) => (globalThis as unknown as { sift: { addFolder(r: { path: string }): Promise<unknown> } }).sift.addFolder({ path }), notes);
    await expect(window.getByTestId('folder-state').first()).toHaveAttribute('data-state', 'watching', { timeout: 60_000 });
    await window.getByTestId('search-input').fill('I forgot my login and cannot get into my account');
    await expect(window.getByTestId('result').first()).toHaveAttribute('data-path', join(notes, Object.keys(NOTES)[0]!));
    await window.screenshot({ path: 'test-results/electron-window.png' });

    // The preview stands beside the results, at the hit's passage.
    await expect(window.getByTestId('preview-pane')).toHaveAttribute('data-state', 'ok');
    await expect(window.getByTestId('preview-passage')).toContainText('Forgot password');
    // Enter opens the file with its default app and Shift+Enter shows it in its folder, both
    // decided in the main process (open-file.ts). The OS's handlers are swapped for recorders
    // there, so the test sees the calls without an app opening.
    await app.evaluate(({ shell }) => {
      const calls: string[] = [];
      (globalThis as unknown as { siftShellCalls: string[] }).siftShellCalls = calls;
      shell.openPath = async (path: string) => {
        calls.push(`open ${path}`);
        return '';
      };
      shell.showItemInFolder = (path: string) => void calls.push(`reveal ${path}`);
    });
    const expected = join(notes, Object.keys(NOTES)[0]!);
    await window.getByTestId('search-input').press('Enter');
    await window.getByTestId('search-input').press('Shift+Enter');
    await expect
      .poll(() => app.evaluate(() => (globalThis as unknown as { siftShellCalls: string[] }).siftShellCalls))
      .toEqual([`open ${expected}`, `reveal ${expected}`]);
    // A path outside the added folders is refused by the main process, whatever the page asks.
    const refused = await window.evaluate(() =>
      (globalThis as unknown as { sift: { openPath(p: string): Promise<unknown> } }).sift.openPath('/etc/passwd').then(
        () => 'opened',
        (error: { code?: string }) => error.code,
      ),
    );
    expect(refused).toBe('invalid_request');
  } finally {
    await app.close();
  }
});
