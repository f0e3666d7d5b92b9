// A small pool of worker threads for heavy parsing, each job under a time limit and each
// worker under a memory limit (V8 heap). A job that runs over is reported as "timed out",
// one whose worker runs out of memory or dies as such, and the worker is replaced, so one
// pathological or hostile file (a zip bomb, 139 MB of XML) costs at most the limit and
// fails alone; the rest of the pass goes on. Where the compiled worker script is absent
// (running from TypeScript sources in tests), jobs run in-process: the same limit applies
// but cannot pre-empt a parser that never yields to the event loop.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { extractFromBytes, type HeavyExtractor } from './extract.js';
import type { Extracted } from './extract-result.js';
import type { FileKind } from './file-types.js';

export const DEFAULT_EXTRACT_TIMEOUT_MS = 60_000;
/** Heap of one parser worker. Parsing a 50 MB document (the default file limit) fits;
 *  a document that inflates to gigabytes does not, and fails instead of taking the
 *  machine's memory. Buffers outside the V8 heap are bounded by the file limit. */
export const DEFAULT_WORKER_HEAP_MB = 512;

interface Job {
  id: number;
  kind: FileKind;
  bytes: Uint8Array;
  resolve: (result: Extracted) => void;
}

interface Slot {
  worker: Worker;
  job?: Job;
  timer?: NodeJS.Timeout;
}

export function workerScript(): string | undefined {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'extract-worker.js');
  return existsSync(script) ? script : undefined;
}

export class ExtractorPool implements HeavyExtractor {
  private readonly slots: Slot[] = [];
  private readonly waiting: Job[] = [];
  private nextId = 0;
  private closed = false;

  constructor(
    private readonly options: { size?: number; timeoutMs?: number; script?: string | undefined; heapMB?: number } = {},
  ) {}

  get usesWorkers(): boolean {
    return (this.options.script ?? workerScript()) !== undefined;
  }

  extract(kind: FileKind, bytes: Uint8Array): Promise<Extracted> {
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_EXTRACT_TIMEOUT_MS;
    if (!this.usesWorkers) return withTimeout(extractFromBytes(kind, bytes), timeoutMs);
    return new Promise((resolve) => {
      this.waiting.push({ id: this.nextId++, kind, bytes, resolve });
      this.pump();
    });
  }

  private pump(): void {
    while (this.waiting.length > 0 && !this.closed) {
      const slot = this.slots.find((candidate) => !candidate.job) ?? this.spawn();
      if (!slot) return;
      const job = this.waiting.shift()!;
      slot.job = job;
      slot.timer = setTimeout(() => this.timeOut(slot), this.options.timeoutMs ?? DEFAULT_EXTRACT_TIMEOUT_MS);
      slot.worker.postMessage({ id: job.id, kind: job.kind, bytes: job.bytes });
    }
  }

  private spawn(): Slot | undefined {
    if (this.slots.length >= (this.options.size ?? 1)) return undefined;
    const heapMB = this.options.heapMB ?? DEFAULT_WORKER_HEAP_MB;
    const worker = new Worker(this.options.script ?? workerScript()!, {
      resourceLimits: { maxOldGenerationSizeMb: heapMB, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, heapMB / 8)) },
    });
    const slot: Slot = { worker };
    worker.on('message', (message: { id: number; result: Extracted }) => {
      if (slot.job?.id !== message.id) return;
      this.finish(slot, message.result);
    });
    worker.on('error', (error) => {
      if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        this.replace(slot, { ok: false, reason: `the parser ran out of memory (limit ${heapMB} MB)`, issue: { code: 'out-of-memory', params: { limitMB: heapMB } } });
      } else {
        const detail = error.message.split('\n')[0] ?? 'unknown error';
        this.replace(slot, { ok: false, reason: `the parser crashed (${detail})`, issue: { code: 'crashed', params: { detail } } });
      }
    });
    worker.on('exit', (code) => {
      const detail = `worker exited with code ${code}`;
      const params = { detail, detailKey: 'workerExit', exitCode: code };
      if (slot.job) this.replace(slot, { ok: false, reason: `the parser crashed (${detail})`, issue: { code: 'crashed', params } });
    });
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  private finish(slot: Slot, result: Extracted): void {
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    job?.resolve(result);
    this.pump();
  }

  private timeOut(slot: Slot): void {
    const seconds = Math.round((this.options.timeoutMs ?? DEFAULT_EXTRACT_TIMEOUT_MS) / 1000);
    this.replace(slot, { ok: false, reason: `timed out (parsing took over ${seconds} s)`, issue: { code: 'timeout', params: { seconds } } });
  }

  /** Ends a slot's worker (it may be stuck) and answers its job. */
  private replace(slot: Slot, result: Extracted): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    void slot.worker.terminate();
    job?.resolve(result);
    this.pump();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) job.resolve({ ok: false, reason: 'cancelled', issue: { code: 'cancelled' } });
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()));
  }
}

function withTimeout(work: Promise<Extracted>, timeoutMs: number): Promise<Extracted> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Extracted>((resolve) => {
    const seconds = Math.round(timeoutMs / 1000);
    timer = setTimeout(() => resolve({ ok: false, reason: `timed out (parsing took over ${seconds} s)`, issue: { code: 'timeout', params: { seconds } } }), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
