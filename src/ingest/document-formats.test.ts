// Every document format Sift reads, on real files made by LibreOffice, pandoc and Office's
// encryption (fixtures/, see fixtures/README.md): the text comes out in reading order, and
// a damaged, encrypted or malformed file ends with a reason, never a hang or a crash.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/fixture-folder.js';
import { packageRoot } from '../paths.js';
import { extractFromBytes, readAndExtract } from './extract.js';
import { ExtractorPool } from './extractor-pool.js';
import { fileKind } from './file-types.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const fixture = (name: string) => readFileSync(join(FIXTURES, name));

async function extract(name: string, bytes: Uint8Array = fixture(name)) {
  return extractFromBytes(fileKind(name)!, bytes);
}

/** Asserts that each of `words` occurs in `text`, each after the one before. */
function expectInOrder(text: string, words: string[]): void {
  let from = 0;
  for (const word of words) {
    const at = text.indexOf(word, from);
    expect(at, `"${word}" after position ${from} in:\n${text}`).toBeGreaterThanOrEqual(0);
    from = at + word.length;
  }
}

const GARDEN = ['Garden notes', 'tomatoes need water every morning', 'Prune the roses', '番茄需要每天早上浇水', 'Lavender', 'Summer', 'Tulip', 'Compost the fallen leaves'];
const SHEETS = ['Budget', 'Item\tCost', 'Bicycle repair\t120', 'Piano lessons\t85.5', '库存', '苹果\t仓库三号\t42', 'Pears shipped to Lyon'];
const SLIDES = [
  'Quarterly review',
  'Sales rose in the northern region',
  'Revenue grew by twelve percent',
  'Thank the logistics team', // the first slide's notes, before the next slide
  'Next steps',
  'Hire two engineers for the 数据平台 team',
  'Ask finance about the hiring budget.',
];

describe('document formats from real files', () => {
  it.each([
    { file: 'sample.odt', encoding: 'odf', words: GARDEN },
    { file: 'sample.docx', encoding: 'docx', words: GARDEN },
    { file: 'sample.rtf', encoding: 'rtf', words: GARDEN },
    { file: 'sample.ods', encoding: 'odf', words: SHEETS },
    { file: 'sample.xlsx', encoding: 'xlsx', words: SHEETS },
    { file: 'sample.odp', encoding: 'odf', words: SLIDES },
    { file: 'sample.pptx', encoding: 'pptx', words: SLIDES },
    {
      file: 'sample.epub',
      encoding: 'epub',
      words: ['The Lighthouse Keeper', 'The storm', 'spiral stairs', 'fishing boats', '灯塔', '守塔人点亮了灯', 'The morning after', 'gulls returned'],
    },
    { file: 'sample-gbk.rtf', encoding: 'rtf', words: ['Meeting notes for the river project', '会议记录：河流治理项目下周开始。', 'Budget approved by the council.'] },
  ])('$file: text in reading order', async ({ file, encoding, words }) => {
    const result = await extract(file);
    expect(result).toMatchObject({ ok: true, encoding });
    expectInOrder(result.ok ? result.text : '', words);
  });

  it('leaves out what is not the text: slide-number and date fields, the EPUB table of contents, RTF pictures', async () => {
    const odp = await extract('sample.odp');
    expect(odp.ok && odp.text).not.toMatch(/<number>/);
    const epub = await extract('sample.epub');
    expect(epub.ok && epub.text.match(/The storm/g)?.length).toBe(1);
    const rtf = await extract('sample-gbk.rtf');
    expect(rtf.ok && rtf.text).not.toMatch(/89504e47|宋体|Calibri/);
  });

  // The extractor itself says what happened as a code (the UI words it in each language);
  // nothing parses the English sentence afterwards.
  it.each([
    ['damaged.docx', /^corrupt Word document \(truncated, or not a zip file\)$/, 'parse-error', { format: 'Word document' }],
    ['damaged.odt', /^corrupt OpenDocument file \(truncated, or not a zip file\)$/, 'parse-error', { format: 'OpenDocument file' }],
    ['damaged.ods', /^corrupt OpenDocument file \(truncated, or not a zip file\)$/, 'parse-error', {}],
    ['damaged.odp', /^corrupt OpenDocument file \(truncated, or not a zip file\)$/, 'parse-error', {}],
    ['damaged.pptx', /^corrupt PowerPoint file \(truncated, or not a zip file\)$/, 'parse-error', { format: 'PowerPoint file' }],
    ['damaged.xlsx', /^corrupt Excel workbook \(truncated, or not a zip file\)$/, 'parse-error', {}],
    ['damaged.epub', /^corrupt EPUB book \(truncated, or not a zip file\)$/, 'parse-error', {}],
    ['damaged.rtf', /^corrupt RTF \(truncated: \d+ group\(s\) not closed\)$/, 'parse-error', { format: 'RTF' }],
    ['encrypted.docx', /^encrypted \(password-protected\)$/, 'encrypted', { format: 'Word document' }],
    ['encrypted.odt', /^encrypted \(password-protected\)$/, 'encrypted', { format: 'OpenDocument file' }],
    ['encrypted.epub', /^encrypted \(DRM-protected\)$/, 'encrypted', { format: 'EPUB book' }],
  ])('%s ends with a reason and its code', async (file, reason, code, params) => {
    const result = await extract(file);
    expect(result.ok ? 'read as text' : result.reason).toMatch(reason);
    expect(result.ok ? undefined : result.issue).toMatchObject({ code, params });
  });

  it.each([
    ['sample.odt', 'content.xml', 'corrupt OpenDocument file (malformed XML in content.xml'],
    ['sample.xlsx', 'xl/worksheets/sheet1.xml', 'corrupt Excel workbook (malformed XML in xl/worksheets/sheet1.xml'],
    ['sample.pptx', 'ppt/slides/slide2.xml', 'corrupt PowerPoint file (malformed XML in ppt/slides/slide2.xml'],
    ['sample.epub', 'EPUB/content.opf', 'corrupt EPUB book (malformed XML in EPUB/content.opf'],
  ])('%s with a malformed %s ends with a reason', async (file, part, reason) => {
    const zip = await JSZip.loadAsync(fixture(file));
    const xml = await zip.file(part)!.async('string');
    zip.file(part, xml.slice(0, Math.floor(xml.length * 0.6)) + '<unclosed attr="x>');
    const result = await extract(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    expect(result.ok ? 'read as text' : result.reason.startsWith(reason)).toBe(true);
  });

  it('an XML part that declares its own entities ("billion laughs") is an error, not an expansion', async () => {
    const zip = await JSZip.loadAsync(fixture('sample.odt'));
    const laughs = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
    zip.file('content.xml', `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY l0 "ha">${laughs}]><office:document-content><text:p>&l9;</text:p></office:document-content>`);
    const result = await extract('sample.odt', await zip.generateAsync({ type: 'nodebuffer' }));
    expect(result.ok ? 'read as text' : result.reason).toMatch(/^corrupt OpenDocument file \(malformed XML in content\.xml: .*undefined entity/i);
  });
});

describe('through readAndExtract and the worker pool', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    dir = await makeTempDir('sift-formats-');
  });
  afterAll(() => dir.remove());

  it('reads each format from disk by its extension', async () => {
    for (const name of ['sample.epub', 'sample.odt', 'sample.ods', 'sample.odp', 'sample.pptx', 'sample.xlsx', 'sample.rtf']) {
      await copyFile(join(FIXTURES, name), join(dir.path, name));
      const { extracted, hash } = await readAndExtract(join(dir.path, name));
      expect(extracted.ok, name).toBe(true);
      expect(hash).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('parses the new formats in a worker thread (from the built dist/)', async () => {
    const script = join(packageRoot(), 'dist', 'ingest', 'extract-worker.js');
    const pool = new ExtractorPool({ script, timeoutMs: 30_000 });
    expect(pool.usesWorkers).toBe(true);
    try {
      const results = await Promise.all(['sample.epub', 'sample.xlsx', 'sample.pptx', 'sample-gbk.rtf', 'damaged.odt'].map((name) => pool.extract(fileKind(name)!, fixture(name))));
      expect(results.map((result) => result.ok)).toEqual([true, true, true, true, false]);
      expectInOrder(results[3]!.ok ? results[3]!.text : '', ['river project', '河流治理']);
    } finally {
      await pool.close();
    }
  });
});
