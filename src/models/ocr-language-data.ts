// Tesseract's language data (<lang>.traineddata), which Sift does not ship: fetched on
// first need with the model downloader (download.ts: resume, proxy, checked size, header
// and SHA-256) into <dataDir>/ocr/tessdata. The files are tessdata_fast 4.1.0, the fast
// integer LSTM models (the ones Debian ships as tesseract-ocr-eng / -chi-sim, byte for
// byte), pinned to the commit of that tag. Sources in order: jsDelivr's GitHub CDN (often
// reachable where GitHub is not), then GitHub itself; SIFT_TESSDATA_MIRROR (or the
// `mirror` option) replaces both with <mirror>/<file>.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SiftError, toWireError } from '../api/errors.js';
import type { OcrLanguage } from '../api/settings-contract.js';
import type { Logger } from '../log.js';
import { downloadFile, formatBytes, type DownloadOptions } from './download.js';
import type { DownloadState } from '../api/models-contract.js';
import { normalizeMirror } from './download-source.js';

export const TESSDATA_FAST_COMMIT = '87416418657359cb625c412a48b6e1d6d41c29bd'; // tag 4.1.0

export interface OcrLanguageEntry {
  language: OcrLanguage;
  name: { en: string; 'zh-CN': string };
  fileName: string;
  bytes: number;
  sha256: string;
  license: string;
}

export const OCR_LANGUAGE_CATALOG: Record<OcrLanguage, OcrLanguageEntry> = {
  eng: {
    language: 'eng',
    name: { en: 'English', 'zh-CN': '英文' },
    fileName: 'eng.traineddata',
    bytes: 4_113_088,
    sha256: '7d4322bd2a7749724879683fc3912cb542f19906c83bcc1a52132556427170b2',
    license: 'Apache-2.0',
  },
  chi_sim: {
    language: 'chi_sim',
    name: { en: 'Simplified Chinese', 'zh-CN': '简体中文' },
    fileName: 'chi_sim.traineddata',
    bytes: 2_469_156,
    sha256: 'a5fcb6f0db1e1d6d8522f39db4e848f05984669172e584e8d76b6b3141e1f730',
    license: 'Apache-2.0',
  },
};

/** The public URLs a language's file is fetched from, in order. */
export function ocrLanguageSources(entry: OcrLanguageEntry, mirror?: string): string[] {
  if (mirror) return [`${normalizeMirror(mirror)}/${entry.fileName}`];
  return [
    `https://cdn.jsdelivr.net/gh/tesseract-ocr/tessdata_fast@${TESSDATA_FAST_COMMIT}/${entry.fileName}`,
    `https://raw.githubusercontent.com/tesseract-ocr/tessdata_fast/${TESSDATA_FAST_COMMIT}/${entry.fileName}`,
  ];
}

/** A traineddata file starts with its entry count and a table of offsets (-1: absent). */
export function traineddataHeaderProblem(head: Buffer, size: number): string | undefined {
  const bad = 'is not Tesseract language data (the server or mirror sent something else, perhaps an error page)';
  if (head.length < 12) return bad;
  const entries = head.readInt32LE(0);
  const tableEnd = 4 + 8 * entries;
  if (entries < 1 || entries > 64 || tableEnd > head.length || tableEnd > size) return bad;
  for (let i = 0; i < entries; i++) {
    const offset = Number(head.readBigInt64LE(4 + 8 * i));
    if (offset !== -1 && (offset < tableEnd || offset >= size)) return bad;
  }
  return undefined;
}

export interface OcrLanguageDataOptions {
  /** Where the .traineddata files live (<dataDir>/ocr/tessdata). */
  dir: string;
  /** Base URL serving <lang>.traineddata; default SIFT_TESSDATA_MIRROR, else the public sources. */
  mirror?: string;
  /** Proxy variables are read from here (default process.env). */
  env?: NodeJS.ProcessEnv;
  onDownload?: (state: DownloadState) => void;
  logger?: Logger;
  /** After a failed download, how long to answer with that failure before trying again (default 5 min). */
  retryAfterFailureMs?: number;
  downloadOptions?: Pick<DownloadOptions, 'retryDelayMs' | 'retries' | 'reserveBytes' | 'ca' | 'idleTimeoutMs' | 'progressIntervalMs'>;
}

/** After a failed download, how long later needs get the same answer at once: offline, a
 *  folder of a thousand screenshots must not wait out the retries a thousand times. */
const RETRY_AFTER_FAILURE_MS = 5 * 60_000;

export class OcrLanguageData {
  private readonly running = new Map<OcrLanguage, Promise<string>>();
  private readonly failed = new Map<OcrLanguage, { at: number; error: unknown }>();
  private readonly controller = new AbortController();

  constructor(private readonly options: OcrLanguageDataOptions) {}

  get dir(): string {
    return this.options.dir;
  }

  pathOf(language: OcrLanguage): string {
    return join(this.options.dir, OCR_LANGUAGE_CATALOG[language].fileName);
  }

  installed(language: OcrLanguage): boolean {
    return existsSync(this.pathOf(language));
  }

  /** Makes sure every language's file is on disk, downloading the missing ones (each at
   *  most once at a time); resolves with the folder holding them. */
  async ensure(languages: readonly OcrLanguage[]): Promise<string> {
    await Promise.all(languages.map((language) => this.ensureOne(language)));
    return this.options.dir;
  }

  /** Stops running downloads; their partial files stay for a resume. */
  close(): void {
    this.controller.abort(new SiftError('cancelled', 'Sift is shutting down; the download resumes on the next start.', { detail: { key: 'downloadShutdown' } }));
  }

  private ensureOne(language: OcrLanguage): Promise<string> {
    if (this.installed(language)) return Promise.resolve(this.pathOf(language));
    const failure = this.failed.get(language);
    if (failure && Date.now() - failure.at < (this.options.retryAfterFailureMs ?? RETRY_AFTER_FAILURE_MS)) return Promise.reject(failure.error);
    let job = this.running.get(language);
    if (!job) {
      job = this.download(language)
        .then(
          (path) => {
            this.failed.delete(language);
            return path;
          },
          (error: unknown) => {
            this.failed.set(language, { at: Date.now(), error });
            throw error;
          },
        )
        .finally(() => this.running.delete(language));
      this.running.set(language, job);
    }
    return job;
  }

  private async download(language: OcrLanguage): Promise<string> {
    const entry = OCR_LANGUAGE_CATALOG[language];
    const destination = this.pathOf(language);
    const env = this.options.env ?? process.env;
    const sources = ocrLanguageSources(entry, this.options.mirror ?? (env.SIFT_TESSDATA_MIRROR?.trim() || undefined));
    const id = `ocr-${language}`;
    const state: DownloadState = { id, phase: 'queued', receivedBytes: 0, totalBytes: entry.bytes, bytesPerSecond: 0 };
    const update = (next: Partial<DownloadState>) => {
      Object.assign(state, next);
      this.options.onDownload?.({ ...state });
    };
    let lastError: unknown;
    for (const url of sources) {
      this.options.logger?.log('info', `downloading OCR language data ${entry.fileName} from ${url}`);
      try {
        const result = await downloadFile({
          ...this.options.downloadOptions,
          url,
          destination,
          expectedBytes: entry.bytes,
          sha256: entry.sha256,
          env,
          signal: this.controller.signal,
          checkHeader: traineddataHeaderProblem,
          blockedHint: 'If GitHub and jsDelivr are blocked where you are, set SIFT_TESSDATA_MIRROR to a server holding the file, or a proxy in HTTPS_PROXY.',
          onProgress: (p) => update({ phase: p.phase, receivedBytes: p.receivedBytes, totalBytes: p.totalBytes || entry.bytes, bytesPerSecond: p.bytesPerSecond }),
        });
        update({ phase: 'done', receivedBytes: result.bytes, bytesPerSecond: 0 });
        this.options.logger?.log('info', `downloaded ${entry.fileName} (${result.bytes} bytes)`);
        return destination;
      } catch (error) {
        lastError = error;
        if (this.controller.signal.aborted) break;
        this.options.logger?.log('warn', `OCR language data from ${url} failed: ${(error as Error).message}`);
      }
    }
    const { message, detail } = toWireError(lastError);
    update({ phase: this.controller.signal.aborted ? 'cancelled' : 'failed', bytesPerSecond: 0, message, ...(detail ? { detail } : {}) });
    throw new SiftError(
      'download_failed',
      `The OCR language data for ${entry.name.en} (${entry.fileName}, ${formatBytes(entry.bytes)}) could not be downloaded: ${message}`,
      {
        cause: lastError,
        detail: { key: 'ocrDataFailed', params: { language: entry.name.en, file: entry.fileName, size: formatBytes(entry.bytes), reason: message } },
      },
    );
  }
}
