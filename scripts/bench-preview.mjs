// The preview's latency on a large file: a text file of N lines (default 200,000, ~16 MB)
// in a folder added and paused (nothing embedded: the preview reads the file itself), then
// previewFile at the middle line, cold (read, decode, line index) and warm (the cache).
// Prints one line per call. Runs the built core in dist/ (npm run build:cli first).
//
// Usage: node scripts/bench-preview.mjs [lines]
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const count = Number(process.argv[2] ?? 200_000);
const { createCore } = await import(new URL('../dist/core.js', import.meta.url).href);
const dir = mkdtempSync(join(tmpdir(), 'sift-bench-preview-'));
const data = mkdtempSync(join(tmpdir(), 'sift-bench-preview-data-'));
const middle = Math.ceil(count / 2);
const lines = [];
for (let n = 1; n <= count; n++) {
  lines.push(n === middle ? `Line ${n}: the lighthouse keeper polished the brass lamp.` : `Line ${n}: wind from the west, light rain, calm sea, nothing to report today.`);
}
const file = join(dir, 'big.txt');
writeFileSync(file, lines.join('\n'));
const core = await createCore({ dataDir: data, logger: { log() {} } });
try {
  await core.service.addFolder({ path: dir });
  await core.service.pauseFolder({ path: dir });
  await core.whenIdle();
  const mb = (statSync(file).size / 1e6).toFixed(1);
  for (const run of ['cold', 'warm', 'warm', 'warm']) {
    const started = performance.now();
    const preview = await core.service.previewFile({ path: file, line: middle, query: 'lighthouse keeper' });
    const ms = (performance.now() - started).toFixed(1);
    console.log(`previewFile ${mb} MB text, ${run}: ${ms} ms (window ${preview.text.length} chars, lines ${preview.startLine}-${preview.endLine} of ${preview.totalLines})`);
  }
} finally {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(data, { recursive: true, force: true });
}
