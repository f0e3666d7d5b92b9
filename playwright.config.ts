// End-to-end tests. The `chromium` project drives the real UI in Debian's Chromium against
// the real core, served by `sift serve` (browser transport). The `electron` project runs
// e2e/electron.spec.ts, which launches the app itself and needs no browser.
//
// Browser mode lets in only a browser that signed in with the one-time link `sift serve`
// prints. The server here gets its first link's secret from SIFT_SESSION_SECRET (set below,
// fresh per run); the `sign-in` project opens that link once, as a person would, and saves
// the session cookie in <root>/signed-in.json for every browser spec.
//
// Before running: `npm run build` (the CLI in dist/ and the UI in out/renderer).
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.SIFT_E2E_PORT ?? 41731);

// One fresh folder per run, holding the server's data dir and the spec's fixture notes.
// Workers load this file again; they inherit the runner's environment, so they reuse it.
process.env.SIFT_E2E_ROOT ??= mkdtempSync(join(realpathSync(tmpdir()), 'sift-e2e-'));
const root = process.env.SIFT_E2E_ROOT;
const dataDir = join(root, 'data');
mkdirSync(dataDir, { recursive: true });
// The sign-in link's secret; the web server below inherits it. Workers inherit it too.
process.env.SIFT_SESSION_SECRET ??= randomBytes(24).toString('base64url');
const SIGNED_IN_STATE = join(root, 'signed-in.json');

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // One server and one index for the whole run: tests share it, so run them in order.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // The first indexing loads the embedding model.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['./e2e/closing-line-reporter.ts']],
  globalSetup: './e2e/support/global-setup.ts',
  webServer: {
    command: `node bin/sift.js serve --port ${PORT} --data-dir "${dataDir}" --no-open`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'sign-in',
      testMatch: /sign-in\.setup\.ts$/,
      use: { browserName: 'chromium', launchOptions: chromiumLaunch() },
    },
    {
      name: 'chromium',
      testMatch: /browser.*\.spec\.ts$/,
      dependencies: ['sign-in'],
      use: {
        storageState: SIGNED_IN_STATE,
        browserName: 'chromium',
        viewport: { width: 1280, height: 800 },
        locale: 'en-US',
        colorScheme: 'light',
        launchOptions: chromiumLaunch(),
      },
    },
    {
      name: 'electron',
      testMatch: /electron\.spec\.ts$/,
    },
  ],
});

function chromiumLaunch() {
  return {
    executablePath: process.env.SIFT_E2E_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  };
}
