// Renders one PDF page for OCR: pdfjs-dist draws it onto an @napi-rs/canvas (Skia, prebuilt
// binaries from npm; the same canvas package pdfjs itself uses on Node), at the OCR
// resolution but within the pixel limit, and the page goes to Tesseract as 8-bit grey PGM:
// no PNG encoding to pay for, a quarter of the RGBA bytes, and Tesseract reads grey anyway.
import { createCanvas } from '@napi-rs/canvas';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { OcrLimits } from './ocr-document.js';
import { OcrTimeoutError } from './tesseract-engine.js';

export type PdfDocument = PDFDocumentProxy;

/** pdfjs operators that paint an image or a shape (text turned into outlines): a page
 *  without any of them is blank and has nothing to read. */
const INKING_OPS = [
  'paintImageXObject',
  'paintInlineImageXObject',
  'paintInlineImageXObjectGroup',
  'paintImageXObjectRepeat',
  'paintImageMaskXObject',
  'paintImageMaskXObjectGroup',
  'paintImageMaskXObjectRepeat',
  'paintSolidColorImageMask',
  'constructPath',
] as const;

/** The page as a PGM image, or undefined when it paints nothing (a blank page). */
export async function renderPdfPage(pdf: PdfDocument, number: number, limits: OcrLimits): Promise<Uint8Array | undefined> {
  const { OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const inking = new Set<number>(INKING_OPS.map((name) => OPS[name]));
  const page = await pdf.getPage(number);
  try {
    const operators = await page.getOperatorList();
    if (!operators.fnArray.some((op) => inking.has(op))) return undefined;
    const base = page.getViewport({ scale: 1 });
    let scale = limits.dpi / 72;
    const pixels = base.width * base.height * scale * scale;
    if (pixels > limits.maxPixels) scale *= Math.sqrt(limits.maxPixels / pixels);
    const viewport = page.getViewport({ scale });
    const canvas = createCanvas(Math.max(1, Math.floor(viewport.width)), Math.max(1, Math.floor(viewport.height)));
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    const task = page.render({ canvas: canvas as never, canvasContext: context as never, viewport });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        task.cancel();
        reject(new OcrTimeoutError(Math.round(limits.pageTimeoutMs / 1000)));
      }, limits.pageTimeoutMs);
    });
    try {
      await Promise.race([task.promise, timeout]);
    } finally {
      clearTimeout(timer);
    }
    return toPgm(context.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
  } finally {
    page.cleanup();
  }
}

/** RGBA -> binary PGM (P5) with ITU-R BT.601 luma. */
export function toPgm(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Uint8Array {
  const header = Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1');
  const out = Buffer.allocUnsafe(header.length + width * height);
  header.copy(out);
  for (let i = 0, o = header.length, n = width * height; i < n; i++, o++) {
    const k = i * 4;
    out[o] = (rgba[k]! * 77 + rgba[k + 1]! * 150 + rgba[k + 2]! * 29) >> 8;
  }
  return out;
}
