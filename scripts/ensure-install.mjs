// Makes `npm start` and `npm test` work on a fresh clone by themselves: before they touch
// anything from node_modules they call ensureInstalled(), which installs when the install
// is missing or older than package-lock.json, and otherwise returns after a few stat calls.
// Only Node's standard library here: this file runs before node_modules exists.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Files the build writes; without them the app cannot start even with node_modules. */
export const BUILD_OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'dist/cli/main.js'];

function mtimeMs(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * Why an install is needed, or null when the one in `dir` is current. npm writes
 * node_modules/.package-lock.json at the end of every install, so its date says when the
 * tree last matched the lock file; a lock file changed since (a pull, a branch switch)
 * is newer than it.
 */
export function installNeeded(dir = root) {
  const hidden = mtimeMs(join(dir, 'node_modules', '.package-lock.json'));
  if (hidden === null) return 'node_modules is missing';
  const lock = mtimeMs(join(dir, 'package-lock.json'));
  if (lock !== null && lock > hidden) return 'package-lock.json is newer than node_modules';
  const missing = BUILD_OUTPUTS.find((file) => !existsSync(join(dir, file)));
  if (missing) return `the build is missing (${missing})`;
  return null;
}

/** Debian packages the tests need, each known by one file it installs (scripts/setup.sh
 *  installs them; keep the two lists in step). */
export const TEST_SYSTEM_FILES = [
  { file: '/usr/bin/chromium', what: "Debian's chromium" },
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', what: 'CJK fonts' },
  // The OCR tests serve these real language data files as the "downloaded" ones.
  { file: '/usr/share/tesseract-ocr/5/tessdata/eng.traineddata', what: 'tesseract-ocr-eng' },
  { file: '/usr/share/tesseract-ocr/5/tessdata/chi_sim.traineddata', what: 'tesseract-ocr-chi-sim' },
];

/** What the tests need from Debian that is not installed, or null. */
export function systemPackagesMissing() {
  const missing = TEST_SYSTEM_FILES.filter(({ file }) => !existsSync(file)).map(({ what }) => what);
  return missing.length ? `${missing.join(', ')} missing` : null;
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal}); see the output above.`);
    process.exit(result.status ?? 1);
  }
}

/**
 * Installs what is missing. `browser`: also the browser-test dependencies (Debian's
 * chromium and CJK fonts, through scripts/setup.sh), which only `npm test` needs.
 */
export function ensureInstalled({ browser = false, who = 'sift' } = {}) {
  const npmWhy = installNeeded();
  const browserWhy = browser && process.platform === 'linux' ? systemPackagesMissing() : null;
  if (!npmWhy && !browserWhy) return;
  const why = [npmWhy, browserWhy].filter(Boolean).join('; ');
  console.log(`${who}: installing first (${why}) ...`);
  if (browserWhy) {
    // setup.sh installs chromium and fonts, then runs npm ci (which also builds).
    run('bash', [join('scripts', 'setup.sh')]);
  } else if (npmWhy.startsWith('the build')) {
    run('npm', ['run', 'build']);
  } else {
    run('npm', ['ci', '--no-audit', '--no-fund']);
  }
}
