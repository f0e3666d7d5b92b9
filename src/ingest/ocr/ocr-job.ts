// One OCR job as the OCR worker thread (or, without a compiled worker, the calling thread)
// runs it: the engine for the job's languages, then ocrDocument.
import type { OcrLanguage } from '../../api/settings-contract.js';
import type { Extracted } from '../extract-result.js';
import { ocrDocument, type OcrKind, type OcrLimits, type PageProgress } from './ocr-document.js';
import { TesseractEngine } from './tesseract-engine.js';

export interface OcrJob {
  id: number;
  kind: OcrKind;
  bytes: Uint8Array;
  languages: OcrLanguage[];
  /** Folder with the languages' .traineddata files. */
  dataDir: string;
  limits: OcrLimits;
}

export type OcrWorkerMessage =
  | { id: number; type: 'page'; done: number; total: number }
  | { id: number; type: 'result'; result: Extracted };

/** Runs jobs one after another with one engine, replaced when the languages change. */
export class OcrJobRunner {
  private engine: { key: string; engine: TesseractEngine } | undefined;

  async run(job: OcrJob, onPage?: PageProgress): Promise<Extracted> {
    const key = `${job.dataDir}\n${job.languages.join('+')}`;
    if (this.engine?.key !== key) {
      await this.engine?.engine.dispose();
      this.engine = { key, engine: new TesseractEngine({ languages: job.languages, dataDir: job.dataDir }) };
    }
    return ocrDocument(job.kind, job.bytes, this.engine.engine, job.limits, onPage);
  }

  /** Ends the engine's thread and frees its memory; the next job starts a new one. */
  async dispose(): Promise<void> {
    const current = this.engine;
    this.engine = undefined;
    await current?.engine.dispose();
  }
}
