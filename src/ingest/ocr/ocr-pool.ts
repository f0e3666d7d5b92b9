// The OCR worker thread, seen from the indexer's side: one thread (OCR is CPU-bound and
// shares the machine with the embedder), jobs one at a time, page progress passed on, a
// watchdog that replaces a thread silent for longer than a page may take (a render or
// recognition that never yields), a heap limit, and the thread ended after a minute idle
// so Tesseract's memory is not held between passes. Where the compiled worker script is
// absent (tests running the TypeScript sources), jobs run on the calling thread: Tesseract
// still runs in its own thread, and the page time limit still applies.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { notExtracted, type Extracted } from '../extract-result.js';
import type { PageProgress } from './ocr-document.js';
import { OcrJobRunner, type OcrJob, type OcrWorkerMessage } from './ocr-job.js';
import { ocrUnreadable } from './ocr-failure.js';

const IDLE_MS = 60_000;
/** Beyond a page's own time limit, how long the thread may stay silent before it is ended. */
const WATCHDOG_SLACK_MS = 30_000;
const HEAP_LIMIT_MB = 1024;

export function ocrWorkerScript(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  // dist/ingest/ocr/ (the CLI) keeps it beside this module; electron-vite puts it in out/main,
  // above the chunk this module may be bundled into.
  return [join(here, 'ocr-worker.js'), join(here, '..', 'ocr-worker.js')].find((path) => existsSync(path));
}

interface Pending {
  job: OcrJob;
  onPage?: PageProgress;
  resolve: (result: Extracted) => void;
}

export class OcrPool {
  private readonly queue: Pending[] = [];
  private worker: Worker | undefined;
  private current: Pending | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private idle: NodeJS.Timeout | undefined;
  private inProcess: OcrJobRunner | undefined;
  private nextId = 0;
  private closed = false;

  constructor(private readonly options: { script?: string | null; idleMs?: number } = {}) {}

  /** The script the thread runs, or undefined when jobs run on the calling thread. */
  get script(): string | undefined {
    return this.options.script === null ? undefined : (this.options.script ?? ocrWorkerScript());
  }

  run(job: Omit<OcrJob, 'id'>, onPage?: PageProgress): Promise<Extracted> {
    if (this.closed) return Promise.resolve(notExtracted({ code: 'cancelled' }));
    return new Promise((resolve) => {
      this.queue.push({ job: { ...job, id: this.nextId++ }, onPage, resolve });
      this.pump();
    });
  }

  private pump(): void {
    if (this.current || this.closed) return;
    const next = this.queue.shift();
    if (!next) {
      this.idle = setTimeout(() => void this.release(), this.options.idleMs ?? IDLE_MS);
      this.idle.unref();
      return;
    }
    clearTimeout(this.idle);
    this.current = next;
    if (!this.script) {
      this.inProcess ??= new OcrJobRunner();
      this.inProcess
        .run(next.job, next.onPage)
        .catch((error: unknown): Extracted => ocrUnreadable((error as Error).message))
        .then((result) => this.finish(next, result));
      return;
    }
    const worker = (this.worker ??= this.spawn(this.script));
    this.arm(next);
    // Transferred, not copied: the bytes were read for this job alone.
    const bytes = next.job.bytes;
    const transfer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? [bytes.buffer as ArrayBuffer] : [];
    worker.postMessage(next.job, transfer);
  }

  private spawn(script: string): Worker {
    const worker = new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB } });
    worker.on('message', (message: OcrWorkerMessage) => {
      const pending = this.current;
      if (!pending || message.id !== pending.job.id) return;
      if (message.type === 'page') {
        this.arm(pending);
        pending.onPage?.(message.done, message.total);
      } else {
        this.finish(pending, message.result);
      }
    });
    worker.on('error', (error) => this.lose(worker, ocrUnreadable(error.message)));
    worker.on('exit', () => this.lose(worker, ocrUnreadable('the OCR worker stopped')));
    worker.unref();
    return worker;
  }

  /** (Re)starts the watchdog for the job in flight. */
  private arm(pending: Pending): void {
    clearTimeout(this.watchdog);
    const limit = pending.job.limits.pageTimeoutMs + WATCHDOG_SLACK_MS;
    this.watchdog = setTimeout(() => {
      const worker = this.worker;
      if (worker) {
        const seconds = Math.round(pending.job.limits.pageTimeoutMs / 1000);
        this.lose(worker, notExtracted({ code: 'timeout', params: { seconds } }, `timed out (OCR of a page took over ${seconds} s)`));
      }
    }, limit);
  }

  /** A thread that crashed, stopped or hung: end it and answer its job. */
  private lose(worker: Worker, result: Extracted): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    void worker.terminate();
    const pending = this.current;
    if (pending) this.finish(pending, result);
  }

  private finish(pending: Pending, result: Extracted): void {
    if (this.current !== pending) return;
    clearTimeout(this.watchdog);
    this.current = undefined;
    pending.resolve(result);
    this.pump();
  }

  /** Ends the thread (and Tesseract's memory with it) while nothing is queued. */
  private async release(): Promise<void> {
    if (this.current || this.queue.length > 0) return;
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
    await this.inProcess?.dispose();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idle);
    clearTimeout(this.watchdog);
    for (const pending of this.queue.splice(0)) pending.resolve(notExtracted({ code: 'cancelled' }));
    if (this.current) this.finish(this.current, notExtracted({ code: 'cancelled' }));
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
    await this.inProcess?.dispose();
  }
}
