// PDF -> text with pdfjs-dist's legacy build (the one that runs on Node 20). A PDF whose
// pages carry no text layer is reported as probably scanned, never indexed as empty, and
// says how many such pages it has: OCR (src/ingest/ocr) reads them in a second phase.
import { notExtracted, type Extracted } from './extract-result.js';

export async function extractPdf(bytes: Uint8Array): Promise<Extracted> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let pdf;
  try {
    // verbosity 0: pdfjs would otherwise print warnings on stdout.
    // pdfjs takes a plain Uint8Array (not a Buffer) and may detach it: give it a copy.
    pdf = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'PasswordException') return notExtracted({ code: 'encrypted', params: { format: 'PDF' } }, 'password-protected PDF');
    return notExtracted({ code: 'parse-error', params: { format: 'PDF', detail: (error as Error).message } }, `corrupt PDF (${(error as Error).message})`);
  }
  try {
    const pages: string[] = [];
    let pagesWithoutText = 0;
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      pages.push(text.trim());
      if (!text.trim()) pagesWithoutText++;
      page.cleanup();
    }
    const text = pages.join('\n\n');
    const scans = pagesWithoutText > 0 ? { pagesWithoutText } : {};
    if (text.trim().length === 0) {
      const detail = `${pdf.numPages} page(s) without a text layer`;
      const params = { detail, detailKey: 'pagesWithoutText', count: pdf.numPages };
      return { ...notExtracted({ code: 'no-text', params }, `no text (scanned?): ${detail}`), ...scans };
    }
    return { ok: true, text, encoding: 'pdf', ...scans };
  } finally {
    await pdf.destroy();
  }
}
