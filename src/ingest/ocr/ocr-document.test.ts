// OCR of real files with the real engine: tesseract.js in its worker thread, Debian's
// tessdata_fast language data, fixture images and scans made by Chromium and img2pdf.
import { afterAll, describe, expect, it } from 'vitest';
import { debianTessdataDir, ocrFixture, pngHeader } from '../../test-support/ocr-data.js';
import { DEFAULT_OCR_LIMITS, ocrDocument, type PageRecognizer } from './ocr-document.js';
import { TesseractEngine } from './tesseract-engine.js';

const english = new TesseractEngine({ languages: ['eng'], dataDir: debianTessdataDir() });
const chinese = new TesseractEngine({ languages: ['chi_sim', 'eng'], dataDir: debianTessdataDir() });
afterAll(async () => {
  await english.dispose();
  await chinese.dispose();
});

/** Fails the test if anything reaches recognition: for inputs that must be refused first. */
const mustNotRecognize: PageRecognizer = {
  recognize: () => Promise.reject(new Error('the image reached the OCR engine')),
};

describe('ocrDocument (Tesseract, English)', () => {
  it.each([
    ['screenshot-en.png', 'image', ['Backup failed', 'external drive named Archive is full']],
    ['photo-en.jpg', 'image', ['sourdough flour', 'olive oil']],
    ['note-en.webp', 'image', ['mountain cheese', 'cherry tomatoes']],
    ['scan-en.tif', 'image', ['lighthouse keeper recorded seventeen storms']],
    ['scan-en.pdf', 'pdf', ['lighthouse keeper recorded seventeen storms', 'harbour master']],
  ] as const)('%s: finds %j', async (name, kind, phrases) => {
    const pages: Array<[number, number]> = [];
    const result = await ocrDocument(kind, await ocrFixture(name), english, DEFAULT_OCR_LIMITS, (done, total) => pages.push([done, total]));
    if (!result.ok) throw new Error(result.reason);
    for (const phrase of phrases) expect(result.text.replace(/\s+/g, ' ')).toContain(phrase);
    expect(result.encoding).toBe(kind === 'pdf' ? 'pdf+ocr' : 'ocr');
    expect(pages).toEqual([
      [0, 1],
      [1, 1],
    ]);
  });

  it('reads at most maxPages scanned pages of a file, reporting each', async () => {
    const pages: Array<[number, number]> = [];
    const result = await ocrDocument('pdf', await ocrFixture('scan-3-pages.pdf'), english, { ...DEFAULT_OCR_LIMITS, maxPages: 2 }, (done, total) =>
      pages.push([done, total]),
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.text).toContain('page alpha');
    expect(result.text).toContain('page bravo');
    expect(result.text).not.toContain('charlie');
    expect(pages).toEqual([
      [0, 2],
      [1, 2],
      [2, 2],
    ]);
  });

  it('refuses an image above the pixel limit by its header, before decoding it', async () => {
    const result = await ocrDocument('image', pngHeader(20_000, 20_000), mustNotRecognize);
    expect(result).toMatchObject({ ok: false, reason: 'image too large for OCR (20000 × 20000 px, 400 MP; limit 40 MP)', issue: { code: 'parse-error' } });
  });

  it.each([
    ['a file that is no image', Buffer.from('GIF? no, plain text pretending to be an image')],
    ['a PNG cut inside its header', pngHeader(10, 10).subarray(0, 16)],
  ])('%s: a reason, not a crash', async (_name, bytes) => {
    expect(await ocrDocument('image', bytes, mustNotRecognize)).toEqual({
      ok: false,
      reason: 'not a readable image (unknown format or damaged header)',
      issue: { code: 'parse-error', params: { format: 'image', detail: 'unknown format or damaged header', detailKey: 'imageHeader' } },
    });
  });

  it('a damaged PNG (valid header, cut data) fails with a reason, and the engine reads the next file', async () => {
    const cut = (await ocrFixture('screenshot-en.png')).subarray(0, 600);
    const result = await ocrDocument('image', cut, english);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/^(not a readable image|no text found)/);
    const next = await ocrDocument('image', await ocrFixture('photo-en.jpg'), english);
    expect(next.ok).toBe(true);
  });

  it('a page over its time limit is "timed out", and a fresh engine reads the next one', async () => {
    const result = await ocrDocument('image', await ocrFixture('scan-en.tif'), english, { ...DEFAULT_OCR_LIMITS, pageTimeoutMs: 5 });
    expect(result).toEqual({ ok: false, reason: 'timed out (OCR of a page took over 0 s)', issue: { code: 'timeout', params: { seconds: 0 } } });
    const next = await ocrDocument('image', await ocrFixture('screenshot-en.png'), english);
    expect(next.ok && next.text).toContain('Backup failed');
  });

  it('a corrupt PDF is reported as such', async () => {
    expect(await ocrDocument('pdf', Buffer.from('%PDF-1.4\nnot really a pdf'), mustNotRecognize)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^corrupt PDF/),
    });
  });
});

describe('ocrDocument (Tesseract, Simplified Chinese)', () => {
  it('reads a scanned page of Chinese text without spaces between the characters', async () => {
    const result = await ocrDocument('pdf', await ocrFixture('scan-zh.pdf'), chinese);
    if (!result.ok) throw new Error(result.reason);
    expect(result.text).toContain('量子计算机研究报告');
    expect(result.text).toContain('天气预报');
  });
});
