// What the indexing pass sees of OCR: whether it is on (the Settings switch, read at each
// pass), and a read of one image or scanned PDF that brings the language data (downloaded
// on first need), the OCR worker and the limits together, and answers like any other
// read: the file's size, date, hash and text, or the reason it has none.
import type { OcrLanguage } from '../../api/settings-contract.js';
import { readAndExtract, type ReadFileResult } from '../extract.js';
import { notExtracted, type Extracted } from '../extract-result.js';
import type { FileKind } from '../file-types.js';
import { DEFAULT_OCR_LIMITS, type OcrLimits, type PageProgress } from './ocr-document.js';
import type { OcrPool } from './ocr-pool.js';

/** The OCR phase of a pass, as IndexRun uses it. */
export interface OcrPhase {
  readonly enabled: boolean;
  read(path: string, options: { maxBytes?: number; onPage?: PageProgress }): Promise<ReadFileResult>;
}

export interface OcrChoice {
  enabled: boolean;
  languages: readonly OcrLanguage[];
}

export interface OcrReaderDeps {
  /** The Settings' choice, read at each use. */
  choice: () => OcrChoice;
  /** Makes sure the languages' data is on disk (downloading it if needed); resolves with its folder. */
  languageData: (languages: readonly OcrLanguage[]) => Promise<string>;
  pool: OcrPool;
  limits?: Partial<OcrLimits>;
}

export class OcrReader implements OcrPhase {
  private readonly limits: OcrLimits;

  constructor(private readonly deps: OcrReaderDeps) {
    this.limits = { ...DEFAULT_OCR_LIMITS, ...deps.limits };
  }

  get enabled(): boolean {
    return this.deps.choice().enabled;
  }

  read(path: string, options: { maxBytes?: number; onPage?: PageProgress } = {}): Promise<ReadFileResult> {
    return readAndExtract(path, { maxBytes: options.maxBytes, extractor: (kind, bytes) => this.extract(kind, bytes, options.onPage) });
  }

  private async extract(kind: FileKind, bytes: Uint8Array, onPage?: PageProgress): Promise<Extracted> {
    if (kind !== 'image' && kind !== 'pdf') return notExtracted({ code: 'unsupported', params: { format: kind } }, `not an image or PDF (${kind})`);
    const languages = [...this.deps.choice().languages];
    let dataDir: string;
    try {
      dataDir = await this.deps.languageData(languages);
    } catch (error) {
      const detail = (error as Error).message;
      // A download that failed names its file: the UI says that much in the reader's
      // language and keeps the (English, often long) reason for a tooltip.
      const failed = (error as { detail?: { key?: string; params?: Record<string, unknown> } }).detail;
      const file = failed?.key === 'ocrDataFailed' && typeof failed.params?.file === 'string' ? failed.params.file : undefined;
      return notExtracted({ code: 'ocr-unavailable', params: { detail, ...(file ? { file } : {}) } }, `OCR language data missing (${detail})`);
    }
    return this.deps.pool.run({ kind, bytes, languages, dataDir, limits: this.limits }, onPage);
  }
}
