#!/usr/bin/env node
// `npx sift`: runs the compiled CLI (built by `npm run build:cli`, which the install's
// prepare step runs).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Embedding decodes run on libuv's thread pool (4 threads by default), which caps how many
// embedding contexts can work at once; set before any asynchronous I/O starts.
process.env.UV_THREADPOOL_SIZE ??= '16';

const entry = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli', 'main.js');
if (!existsSync(entry)) {
  console.error('Sift is not built yet: run `npm run build` (the install command does it).');
  process.exit(1);
}
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2));
