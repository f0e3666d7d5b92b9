#!/usr/bin/env node
// Makes the OCR test fixtures in src/test-support/ocr-fixtures with real tools, the way
// such files come to exist on a person's disk:
//   screenshot-en.png   a screenshot of a dialog with English text (Chromium)
//   photo-en.jpg        the same kind of page saved as JPEG (Chromium)
//   note-en.webp        a note encoded as WebP by Chromium's canvas
//   scan-en.pdf         a "scanned" English letter: a page image wrapped into an
//                       image-only PDF by img2pdf (no text layer), as scanners make them
//   scan-en.tif         that scan as TIFF (poppler's pdftoppm)
//   scan-zh.pdf         a scanned page of Simplified Chinese text (Noto Sans CJK SC), img2pdf
//   scan-3-pages.pdf    three short scanned pages (alpha, bravo, charlie), for page limits
// Needs /usr/bin/chromium, fonts-noto-cjk, img2pdf and poppler-utils (Debian packages).
// The files are committed; run this only to remake them: node scripts/make-ocr-fixtures.mjs
/* global document, Image -- the callbacks passed to tab.evaluate run in the page */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'test-support', 'ocr-fixtures');
mkdirSync(out, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'sift-ocr-fixtures-'));

const page = (body, style = '') => `<!doctype html><html><head><meta charset="utf-8"><style>
  html, body { margin: 0; background: #fff; color: #111; }
  body { padding: 36px 44px; font: 22px/1.5 'Liberation Serif', serif; width: 720px; }
  ${style}
</style></head><body>${body}</body></html>`;

const dialog = page(
  `<div class="box"><h1>Backup failed</h1>
   <p>The external drive named Archive is full. Delete old snapshots or connect a larger drive, then start the backup again.</p>
   <p class="small">Error code 0x80070070</p></div>`,
  `body { font: 18px/1.45 'Liberation Sans', sans-serif; width: 560px; padding: 24px; }
   .box { border: 1px solid #999; border-radius: 6px; padding: 12px 20px; background: #f4f4f4; }
   h1 { font-size: 22px; margin: 4px 0 8px; } .small { color: #555; font-size: 14px; }`,
);

const letterEn = page(
  `<p>Harbour Office, 14 March 1887</p>
   <p>Dear Sir,</p>
   <p>The lighthouse keeper recorded seventeen storms during the winter. The lamp was cleaned every
   morning and the fog bell rang for nine nights in February. We ask the board for a new supply of
   paraffin and two spare lenses before the autumn gales return.</p>
   <p>Yours faithfully, the harbour master</p>`,
);

const noteEn = page(
  `<p>Shopping list for the weekend: sourdough flour, mountain cheese, cherry tomatoes and a bottle of olive oil.</p>`,
  `body { font: 22px/1.5 'DejaVu Sans', sans-serif; width: 560px; }`,
);

const letterZh = page(
  `<p>量子计算机研究报告</p>
   <p>本报告介绍了量子计算机在药物设计和天气预报中的应用。研究人员使用超导芯片完成了新的实验，
   并计划在明年扩大团队规模。</p>`,
  `body { font: 26px/1.6 'Noto Sans CJK SC', sans-serif; width: 640px; }`,
);

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--font-render-hinting=none'] });
try {
  const context = await browser.newContext({ deviceScaleFactor: 1 });
  const tab = await context.newPage();
  const shoot = async (html, options) => {
    await tab.setContent(html);
    await tab.evaluate(() => document.fonts.ready);
    const box = await tab.locator('body').boundingBox();
    await tab.setViewportSize({ width: Math.ceil(box.width), height: Math.ceil(box.height) });
    return tab.screenshot({ fullPage: true, ...options });
  };

  writeFileSync(join(out, 'screenshot-en.png'), await shoot(dialog, { type: 'png' }));
  writeFileSync(join(out, 'photo-en.jpg'), await shoot(noteEn, { type: 'jpeg', quality: 85 }));

  // WebP: Chromium's own encoder, through a canvas holding the PNG screenshot.
  const notePng = await shoot(noteEn, { type: 'png' });
  await tab.setContent('<canvas></canvas>');
  const webp = await tab.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.querySelector('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    canvas.getContext('2d').drawImage(image, 0, 0);
    return canvas.toDataURL('image/webp', 0.9).split(',')[1];
  }, notePng.toString('base64'));
  writeFileSync(join(out, 'note-en.webp'), Buffer.from(webp, 'base64'));

  // Scans: rendered at 2x (about 150 dpi for the page width) in greyscale, then wrapped
  // as an image-only PDF the way a scanner's software does.
  await context.close();
  const scanner = await browser.newContext({ deviceScaleFactor: 2 });
  const scanTab = await scanner.newPage();
  for (const [name, html] of [['scan-en', letterEn], ['scan-zh', letterZh]]) {
    await scanTab.setContent(html);
    await scanTab.evaluate(() => document.fonts.ready);
    const box = await scanTab.locator('body').boundingBox();
    await scanTab.setViewportSize({ width: Math.ceil(box.width), height: Math.ceil(box.height) });
    const png = join(work, `${name}.png`);
    writeFileSync(png, await scanTab.screenshot({ fullPage: true, type: 'png' }));
    execFileSync('img2pdf', ['--imgsize', '150dpi', '-o', join(out, `${name}.pdf`), png]);
  }
  const pages = [];
  for (const word of ['alpha', 'bravo', 'charlie']) {
    await scanTab.setContent(page(`<p>This is page ${word} of the scanned report.</p>`, 'body { width: 520px; padding: 16px 24px; }'));
    const box = await scanTab.locator('body').boundingBox();
    await scanTab.setViewportSize({ width: Math.ceil(box.width), height: Math.ceil(box.height) });
    const png = join(work, `page-${word}.png`);
    writeFileSync(png, await scanTab.screenshot({ fullPage: true, type: 'png' }));
    pages.push(png);
  }
  execFileSync('img2pdf', ['--imgsize', '150dpi', '-o', join(out, 'scan-3-pages.pdf'), ...pages]);
  await scanner.close();
} finally {
  await browser.close();
}

// TIFF from the scanned PDF, as a scanner that saves TIFF would hand it over.
execFileSync('pdftoppm', ['-r', '150', '-gray', '-tiff', '-tiffcompression', 'lzw', '-singlefile', join(out, 'scan-en.pdf'), join(work, 'scan-en')]);
writeFileSync(join(out, 'scan-en.tif'), readFileSync(join(work, 'scan-en.tif')));
rmSync(work, { recursive: true, force: true });
for (const name of ['screenshot-en.png', 'photo-en.jpg', 'note-en.webp', 'scan-en.pdf', 'scan-en.tif', 'scan-zh.pdf', 'scan-3-pages.pdf']) {
  console.log(`${name}\t${readFileSync(join(out, name)).length} bytes`);
}
