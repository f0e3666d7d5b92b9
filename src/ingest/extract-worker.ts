// Worker-thread entry: parses PDF, Word and HTML files off the main thread. Parsers'
// console output goes to stderr, never to the CLI's stdout.
import { parentPort } from 'node:worker_threads';
import { extractFromBytes } from './extract.js';
import { notExtracted } from './extract-result.js';
import type { FileKind } from './file-types.js';

console.log = console.info = console.warn = (...args: unknown[]) => process.stderr.write(`${args.join(' ')}\n`);

interface Job {
  id: number;
  kind: FileKind;
  bytes: Uint8Array;
}

parentPort?.on('message', (job: Job) => {
  extractFromBytes(job.kind, job.bytes)
    .then((result) => parentPort?.postMessage({ id: job.id, result }))
    .catch((error: unknown) =>
      parentPort?.postMessage({ id: job.id, result: notExtracted({ code: 'parse-error', params: { detail: (error as Error).message } }) }),
    );
});
