// Worker-thread entry for OCR: renders scanned PDF pages and drives Tesseract (whose own
// thread runs under this one), so neither the rendering nor the PDF parsing blocks the
// process that serves the window. Keeps one engine between jobs while the languages stay
// the same. Parsers' console output goes to stderr, never to the CLI's stdout.
import { parentPort } from 'node:worker_threads';
import { OcrJobRunner, type OcrJob, type OcrWorkerMessage } from './ocr-job.js';
import { ocrUnreadable } from './ocr-failure.js';

console.log = console.info = console.warn = (...args: unknown[]) => process.stderr.write(`${args.join(' ')}\n`);

const runner = new OcrJobRunner();
const post = (message: OcrWorkerMessage) => parentPort?.postMessage(message);

parentPort?.on('message', (job: OcrJob) => {
  runner
    .run(job, (done, total) => post({ id: job.id, type: 'page', done, total }))
    .then((result) => post({ id: job.id, type: 'result', result }))
    .catch((error: unknown) =>
      post({ id: job.id, type: 'result', result: ocrUnreadable((error as Error).message) }),
    );
});
