// `npm start`: opens the Sift window with Electron; where Electron's binary cannot be had,
// says so in one line and serves the same UI in the browser instead.
// Only Node's standard library until ensureInstalled() has run (a fresh clone has no
// node_modules); electron-binary.mjs resolves the electron package only when called.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary, electronPackageDir } from './electron-binary.mjs';
import { ensureInstalled } from './ensure-install.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DOWNLOAD_TIMEOUT_MS = 120_000;

function fetchElectron() {
  // Electron's own installer; quiet, bounded, and allowed to fail.
  const result = spawnSync(process.execPath, [join(electronPackageDir(), 'install.js')], {
    stdio: 'pipe',
    timeout: DOWNLOAD_TIMEOUT_MS,
    encoding: 'utf8',
  });
  if (result.status === 0) return { binary: electronBinary() };
  // The installer prints a stack; the line worth showing is its error message.
  const lines = (result.stderr || result.stdout || result.error?.message || '').split('\n').map((line) => line.trim());
  const message = lines.find((line) => /error|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|timed? ?out/i.test(line) && !line.startsWith('at '));
  const why = result.error?.code === 'ETIMEDOUT' ? 'the download timed out' : message ? `download failed: ${message.slice(0, 160)}` : 'download failed';
  return { binary: null, why };
}

function forward(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

ensureInstalled({ who: 'npm start' });
let binary = electronBinary();
let why = 'not downloaded';
if (!binary && process.env.SIFT_BROWSER !== '1') ({ binary, why } = fetchElectron());
if (binary && process.env.SIFT_BROWSER !== '1') {
  forward(spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' }));
} else {
  const reason = process.env.SIFT_BROWSER === '1' ? 'SIFT_BROWSER=1 is set' : `Electron's binary is unavailable (${why})`;
  console.log(`${reason}; serving the Sift UI in browser mode instead.`);
  const port = process.env.PORT ?? '4173';
  forward(spawn(process.execPath, [join(root, 'bin', 'sift.js'), 'serve', '--port', port, ...process.argv.slice(2)], { stdio: 'inherit' }));
}
