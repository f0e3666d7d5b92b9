// `node scripts/extract-timings.mjs FILE...` (after `npm run build:cli`): how long the
// built extractors take on each file, in this process, without the worker pool: size,
// characters of text (or the reason), mean of 5 warm runs. Peak RSS of the whole run is
// the figure `/usr/bin/time -f %M` prints around it; run one file per process for that.
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'ingest');
const { extractFromBytes } = await import(join(dist, 'extract.js'));
const { fileKind } = await import(join(dist, 'file-types.js'));

const RUNS = 5;
for (const file of process.argv.slice(2)) {
  const kind = fileKind(file);
  if (!kind) {
    console.log(`${basename(file)}\tnot a supported file`);
    continue;
  }
  const bytes = readFileSync(file);
  const started = performance.now();
  const result = await extractFromBytes(kind, bytes);
  const firstMs = performance.now() - started;
  let ms = firstMs;
  if (firstMs < 5000) {
    const warm = performance.now();
    for (let i = 0; i < RUNS; i++) await extractFromBytes(kind, bytes);
    ms = (performance.now() - warm) / RUNS;
  }
  const outcome = result.ok ? `${result.text.length} chars` : result.reason;
  console.log(`${basename(file)}\t${(bytes.length / 1024).toFixed(0)} KB\t${outcome}\t${ms.toFixed(1)} ms`);
}
