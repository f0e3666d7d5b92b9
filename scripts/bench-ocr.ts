/**
 * OCR speed on this machine: pages per second for full A4 pages of dense text, English and
 * Simplified Chinese, as screenshots (PNG, the image path) and as a scanned PDF (image-only,
 * rendered by pdfjs + @napi-rs/canvas, then read), through Sift's OCR pool and its worker
 * thread (dist/, after `npm run build:cli`; from sources the jobs run in-process). Pages
 * are rendered with Debian's Chromium from real text: the GPL-3 licence text every Debian
 * system has, and Chinese documents from resources/testsets/zh-semantic.json. Language data
 * from Debian's tesseract-ocr-eng / -chi-sim packages. Prints figures, never asserts.
 *
 * Usage (node 20 has no --experimental-strip-types; vite's module runner runs the .ts):
 *   node -e "import('vite').then((v) => v.runnerImport('./scripts/bench-ocr.ts'))" -- [--pages 4] [--dpi 200]
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import type { OcrLanguage } from '../src/api/settings-contract.js';
import { DEFAULT_OCR_LIMITS } from '../src/ingest/ocr/ocr-document.js';
import { OcrPool, ocrWorkerScript } from '../src/ingest/ocr/ocr-pool.js';
import { packageRoot } from '../src/paths.js';
import { debianTessdataDir } from '../src/test-support/ocr-data.js';

const { values } = parseArgs({
  // Under `node -e`, process.argv[1] is already the first argument after `--`.
  args: process.argv.slice(1).filter((arg) => arg !== '--'),
  options: { pages: { type: 'string', default: '4' }, dpi: { type: 'string', default: String(DEFAULT_OCR_LIMITS.dpi) } },
});
const pageCount = Number(values.pages);
const dpi = Number(values.dpi);

const english = readFileSync('/usr/share/common-licenses/GPL-3', 'utf8').replace(/\s+/g, ' ');
const chinese = (JSON.parse(readFileSync(join(packageRoot(), 'resources/testsets/zh-semantic.json'), 'utf8')) as { documents: Array<{ text: string }> }).documents
  .map((document) => document.text)
  .join(' ');

/** An A4 page (794 x 1123 CSS px) of text in 11 pt type, as a 2x screenshot (about 190 dpi). */
const A4 = (text: string, font: string) => `<!doctype html><html><head><meta charset="utf-8"><style>
  html, body { margin: 0; background: #fff; }
  body { width: 794px; height: 1123px; box-sizing: border-box; padding: 72px 76px; overflow: hidden;
         font: 14.7px/1.45 ${font}; color: #111; text-align: justify; }
</style></head><body>${text}</body></html>`;

const dist = join(packageRoot(), 'dist', 'ingest', 'ocr', 'ocr-worker.js');
const script = ocrWorkerScript() ?? (existsSync(dist) ? dist : undefined);

const cpuSeconds = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6;

async function main(): Promise<void> {
  console.log(`OCR benchmark: ${cpus().length} CPU(s) (${cpus()[0]?.model}), node ${process.version}, load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
  console.log(`OCR worker thread: ${script ?? 'none (in-process)'}; tessdata_fast from ${debianTessdataDir()}; ${pageCount} page(s) per set; PDF pages rendered at ${dpi} dpi\n`);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  const sets: Array<{ name: string; languages: OcrLanguage[]; pngs: Buffer[]; pdf: Buffer }> = [];
  try {
    const context = await browser.newContext({ viewport: { width: 794, height: 1123 }, deviceScaleFactor: 2 });
    const tab = await context.newPage();
    for (const [name, text, font, languages, perPage] of [
      ['English A4 (GPL-3 text)', english, "'Liberation Serif', serif", ['eng'], 3600],
      ['Chinese A4 (zh-semantic documents)', chinese, "'Noto Serif CJK SC', serif", ['chi_sim', 'eng'], 1100],
    ] as const) {
      const pngs: Buffer[] = [];
      for (let i = 0; i < pageCount; i++) {
        // Cycled where the source is shorter than the pages (the Chinese documents are).
        const source = text.repeat(Math.ceil((perPage * pageCount) / text.length) + 1);
        await tab.setContent(A4(source.slice(i * perPage, (i + 1) * perPage), font));
        await tab.evaluate(() => document.fonts.ready);
        pngs.push(await tab.screenshot({ type: 'png' }));
      }
      // The "scan": an image-only PDF of those pages, printed by Chromium (no text layer).
      const images = pngs.map((png) => `<img src="data:image/png;base64,${png.toString('base64')}">`).join('');
      await tab.setContent(`<!doctype html><style>@page{size:A4;margin:0} body{margin:0} img{display:block;width:210mm;height:297mm;break-after:page}</style>${images}`);
      const pdf = await tab.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      sets.push({ name, languages: [...languages], pngs, pdf });
    }
  } finally {
    await browser.close();
  }

  const pool = new OcrPool({ script: script ?? null });
  const limits = { ...DEFAULT_OCR_LIMITS, dpi };
  const rows: Array<Record<string, string | number>> = [];
  try {
    for (const set of sets) {
      const dataDir = debianTessdataDir();
      // Warm-up: the engine's first start (WebAssembly compile, language data load) is timed apart.
      let started = performance.now();
      await pool.run({ kind: 'image', bytes: new Uint8Array(set.pngs[0]!), languages: set.languages, dataDir, limits });
      const warmUp = (performance.now() - started) / 1000;
      started = performance.now();
      // CPU time of the whole process, the OCR threads included: a figure other work on the
      // machine does not inflate the way it does wall time.
      let cpu = process.cpuUsage();
      let chars = 0;
      const failures: string[] = [];
      for (const png of set.pngs) {
        const result = await pool.run({ kind: 'image', bytes: new Uint8Array(png), languages: set.languages, dataDir, limits });
        if (result.ok) chars += result.text.length;
        else failures.push(result.reason);
      }
      const imageSeconds = (performance.now() - started) / 1000;
      const imageCpu = cpuSeconds(process.cpuUsage(cpu));
      started = performance.now();
      cpu = process.cpuUsage();
      const pdf = await pool.run({ kind: 'pdf', bytes: new Uint8Array(set.pdf), languages: set.languages, dataDir, limits });
      if (!pdf.ok) failures.push(`PDF: ${pdf.reason}`);
      const pdfSeconds = (performance.now() - started) / 1000;
      const pdfCpu = cpuSeconds(process.cpuUsage(cpu));
      rows.push({
        set: set.name,
        languages: set.languages.join('+'),
        'first start s': warmUp.toFixed(1),
        'PNG pages/s': (set.pngs.length / imageSeconds).toFixed(2),
        's/page (PNG)': (imageSeconds / set.pngs.length).toFixed(2),
        'CPU s/page (PNG)': (imageCpu / set.pngs.length).toFixed(2),
        'chars/page': Math.round(chars / set.pngs.length),
        failed: failures.length ? failures.join('; ') : 'none',
        'scanned PDF pages/s': (set.pngs.length / pdfSeconds).toFixed(2),
        's/page (PDF)': (pdfSeconds / set.pngs.length).toFixed(2),
        'CPU s/page (PDF)': (pdfCpu / set.pngs.length).toFixed(2),
      });
    }
  } finally {
    await pool.close();
  }
  const headers = Object.keys(rows[0]!);
  console.log(`| ${headers.join(' | ')} |\n| ${headers.map(() => '---').join(' | ')} |`);
  for (const row of rows) console.log(`| ${headers.map((key) => row[key]).join(' | ')} |`);
  console.log(`\nload average after: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
  console.log(JSON.stringify({ pages: pageCount, dpi, rows }));
}

await main();
