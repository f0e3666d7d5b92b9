// Tesseract (tesseract.js: Tesseract 5 compiled to WebAssembly, from the npm packages
// tesseract.js and tesseract.js-core; nothing is fetched at run time) behind one small
// interface: recognize an encoded image within a time limit. tesseract.js runs the engine
// in a worker thread of its own; a recognition that runs over its limit cannot be
// interrupted, so its thread is ended and the next call starts a fresh one.
import { createWorker, type Worker as TesseractWorker } from 'tesseract.js';
import type { OcrLanguage } from '../../api/settings-contract.js';
import { cleanOcrText } from './ocr-text.js';

/** Tesseract's LSTM engine only: the tessdata_fast files carry no legacy model. */
const OEM_LSTM_ONLY = 1;

export class OcrTimeoutError extends Error {
  constructor(readonly seconds: number) {
    super(`OCR of a page took over ${seconds} s`);
    this.name = 'OcrTimeoutError';
  }
}

export interface TesseractEngineOptions {
  languages: readonly OcrLanguage[];
  /** Folder holding <language>.traineddata for every language. */
  dataDir: string;
}

interface Running {
  worker: TesseractWorker;
  /** Rejects when the engine's thread dies (a WebAssembly abort, out of memory). */
  died: Promise<never>;
}

export class TesseractEngine {
  private running: Promise<Running> | undefined;

  constructor(private readonly options: TesseractEngineOptions) {}

  /** The text of one encoded image (PNG, JPEG, WebP, TIFF, BMP, PNM), cleaned up. */
  async recognize(image: Uint8Array, timeoutMs: number): Promise<string> {
    const { worker, died } = await this.start();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new OcrTimeoutError(Math.round(timeoutMs / 1000))), timeoutMs);
    });
    try {
      // A Buffer view, not a copy: tesseract.js hands it to its thread as it is.
      const buffer = Buffer.from(image.buffer, image.byteOffset, image.byteLength);
      const result = await Promise.race([worker.recognize(buffer), timeout, died]);
      return cleanOcrText(result.data.text);
    } catch (error) {
      // The thread may be stuck in a page (timeout) or gone: start afresh next time.
      if (error instanceof OcrTimeoutError || !(await this.alive())) await this.dispose();
      throw typeof error === 'string' ? new Error(error) : error;
    } finally {
      clearTimeout(timer);
    }
  }

  async dispose(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    const started = await running?.catch(() => undefined);
    await started?.worker.terminate().catch(() => undefined);
  }

  private async alive(): Promise<boolean> {
    const running = await this.running?.catch(() => undefined);
    return running !== undefined;
  }

  private start(): Promise<Running> {
    if (this.running) return this.running;
    const running = (async () => {
      const worker = await createWorker([...this.options.languages], OEM_LSTM_ONLY, {
        langPath: this.options.dataDir,
        // Read <lang>.traineddata from dataDir as it is; never write a cache copy (the
        // default writes into the working directory).
        gzip: false,
        cacheMethod: 'none',
        // Without a handler tesseract.js rethrows a failed job (an unreadable image) from
        // its message listener, which would end the process; the job's promise rejects anyway.
        errorHandler: () => undefined,
      });
      // tesseract.js sets `onerror` on a Node Worker, which Node never calls: without these
      // listeners a crash of the engine's thread would be an uncaught 'error' event.
      const thread = (worker as unknown as { worker: import('node:worker_threads').Worker }).worker;
      const died = new Promise<never>((_, reject) => {
        thread.on('error', (error) => {
          this.running = undefined;
          reject(new Error(`the OCR engine crashed (${error.message})`));
        });
        thread.on('exit', () => {
          if (this.running === running) this.running = undefined;
          reject(new Error('the OCR engine stopped'));
        });
      });
      died.catch(() => undefined);
      // Chinese text comes out with a space between every character otherwise.
      await worker.setParameters({ preserve_interword_spaces: '1' });
      return { worker, died };
    })();
    this.running = running;
    running.catch(() => {
      if (this.running === running) this.running = undefined;
    });
    return running;
  }
}
