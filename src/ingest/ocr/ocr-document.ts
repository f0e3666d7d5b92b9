// One file through OCR, within bounds: an image is refused by its header when it has more
// pixels than the limit (before anything decodes it); a PDF's pages keep their text layer
// where they have one, and the pages without one (scans) are rendered and read, at most
// maxPages of them, each under a time limit. Runs in the OCR worker thread (ocr-worker.ts).
import { notExtracted, type Extracted } from '../extract-result.js';
import { ocrUnreadable } from './ocr-failure.js';
import { readImageHeader } from './image-header.js';
import { renderPdfPage, type PdfDocument } from './render-pdf-page.js';
import { OcrTimeoutError } from './tesseract-engine.js';

export interface OcrLimits {
  /** Images (and embedded PDF images) with more pixels than this are not decoded. */
  maxPixels: number;
  /** Scanned pages read per file; the rest of a longer file keeps only its text layer. */
  maxPages: number;
  /** Time for one page (render + recognition). */
  pageTimeoutMs: number;
  /** Resolution scanned PDF pages are rendered at. */
  dpi: number;
}

export const DEFAULT_OCR_LIMITS: OcrLimits = {
  maxPixels: 40_000_000,
  maxPages: 50,
  // A dense A4 page in Chinese + English takes 20-60 s on a busy 2-core machine
  // (bench/OCR-RESULTS.md); the limit is for pages that never end, not slow ones.
  pageTimeoutMs: 180_000,
  dpi: 200,
};

export type OcrKind = 'image' | 'pdf';

/** Reads the text of one encoded image. */
export interface PageRecognizer {
  recognize(image: Uint8Array, timeoutMs: number): Promise<string>;
}

/** Called as pages finish: `done` of `total` pages that need OCR in this file. */
export type PageProgress = (done: number, total: number) => void;

const megapixels = (pixels: number) => `${Math.round(pixels / 100_000) / 10} MP`;

export async function ocrDocument(
  kind: OcrKind,
  bytes: Uint8Array,
  engine: PageRecognizer,
  limits: OcrLimits = DEFAULT_OCR_LIMITS,
  onPage?: PageProgress,
): Promise<Extracted> {
  return kind === 'image' ? ocrImage(bytes, engine, limits, onPage) : ocrPdf(bytes, engine, limits, onPage);
}

async function ocrImage(bytes: Uint8Array, engine: PageRecognizer, limits: OcrLimits, onPage?: PageProgress): Promise<Extracted> {
  const header = readImageHeader(bytes);
  if (!header) {
    return notExtracted({ code: 'parse-error', params: { format: 'image', detail: 'unknown format or damaged header', detailKey: 'imageHeader' } }, 'not a readable image (unknown format or damaged header)');
  }
  const pixels = header.width * header.height;
  if (pixels > limits.maxPixels) {
    const detail = `image too large for OCR (${header.width} × ${header.height} px, ${megapixels(pixels)}; limit ${megapixels(limits.maxPixels)})`;
    return notExtracted({ code: 'parse-error', params: { format: 'image', detail } }, detail);
  }
  onPage?.(0, 1);
  let text: string;
  try {
    text = await engine.recognize(bytes, limits.pageTimeoutMs);
  } catch (error) {
    return ocrFailure(error);
  }
  onPage?.(1, 1);
  return text ? { ok: true, text, encoding: 'ocr' } : notExtracted({ code: 'no-text', params: { detail: 'OCR read the image', detailKey: 'ocrReadImage' } });
}

async function ocrPdf(bytes: Uint8Array, engine: PageRecognizer, limits: OcrLimits, onPage?: PageProgress): Promise<Extracted> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let pdf: PdfDocument;
  try {
    pdf = await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      verbosity: 0,
      isEvalSupported: false,
      // Embedded images larger than this are left out of the rendering, not decoded.
      maxImageSize: limits.maxPixels,
    }).promise;
  } catch (error) {
    if ((error as Error).name === 'PasswordException') return notExtracted({ code: 'encrypted', params: { format: 'PDF' } }, 'password-protected PDF');
    return notExtracted({ code: 'parse-error', params: { format: 'PDF', detail: (error as Error).message } }, `corrupt PDF (${(error as Error).message})`);
  }
  try {
    // First the text layers (cheap), to know how many pages need OCR.
    const texts: string[] = [];
    const scanned: number[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
      texts.push(text.trim());
      if (!text.trim()) scanned.push(number);
      page.cleanup();
    }
    const toRead = scanned.slice(0, limits.maxPages);
    const failures: Array<Extracted & { ok: false }> = [];
    onPage?.(0, toRead.length);
    for (const [index, number] of toRead.entries()) {
      try {
        const image = await renderPdfPage(pdf, number, limits);
        if (image) texts[number - 1] = await engine.recognize(image, limits.pageTimeoutMs);
      } catch (error) {
        failures.push(ocrFailure(error));
      }
      onPage?.(index + 1, toRead.length);
    }
    const text = texts.filter(Boolean).join('\n\n');
    if (text) return { ok: true, text, encoding: toRead.length > 0 ? 'pdf+ocr' : 'pdf' };
    if (failures.length > 0) return failures[0]!;
    return notExtracted({ code: 'no-text', params: { detail: `OCR read ${toRead.length} scanned page(s)`, detailKey: 'ocrReadPages', count: toRead.length } });
  } finally {
    await pdf.destroy();
  }
}

function ocrFailure(error: unknown): Extracted & { ok: false } {
  if (error instanceof OcrTimeoutError) return notExtracted({ code: 'timeout', params: { seconds: error.seconds } }, `timed out (${error.message})`);
  const message = error instanceof Error ? error.message : String(error);
  if (/read image|pixReadMem|image file/i.test(message)) {
    return notExtracted({ code: 'parse-error', params: { format: 'image', detail: 'the decoder refused it', detailKey: 'imageDecoder' } }, 'not a readable image (the decoder refused it)');
  }
  return ocrUnreadable(message);
}
