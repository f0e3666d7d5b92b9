// OCR through the real indexing pipeline: createCore with the starter model and LanceDB in
// a temp folder, a folder of real files (plain notes, a screenshot, scanned PDFs in English
// and Chinese), and the OCR language data "downloaded" from a loopback host serving
// Debian's traineddata files. Found by their words through search; read after the plain
// files of the pass; Settings turn OCR off and on.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FilePreview, IndexProgress } from '../api/contract.js';
import { dispatch } from '../api/dispatch.js';
import { createCore, type Core } from '../core.js';
import { makeFixtureFolder, makeTempDir, type FixtureFolder } from '../test-support/fixture-folder.js';
import { startFileHost, type FileHost } from '../test-support/model-server.js';
import { debianTessdataDir, ocrFixture } from '../test-support/ocr-data.js';

const quiet = { log: () => undefined };
const PLAIN = {
  'notes/bread.txt': 'Sourdough bread needs a lively starter, flour, water and salt.',
  'notes/running.md': 'Marathon training: run slowly on most days and rest before the race.',
  'notes/taxes.txt': 'Filing your income tax return before the deadline.',
};

describe('OCR in the indexing pass', () => {
  let folder: FixtureFolder;
  let data: Awaited<ReturnType<typeof makeTempDir>>;
  let host: FileHost;
  let core: Core;
  const progress: IndexProgress[] = [];
  const downloads: string[] = [];

  beforeAll(async () => {
    host = await startFileHost();
    for (const language of ['eng', 'chi_sim']) host.serve(`${language}.traineddata`, await readFile(join(debianTessdataDir(), `${language}.traineddata`)));
    folder = await makeFixtureFolder(PLAIN);
    await folder.write('screens/backup-error.png', await ocrFixture('screenshot-en.png'));
    await folder.write('scans/harbour-letter.pdf', await ocrFixture('scan-en.pdf'));
    await folder.write('scans/量子报告.pdf', await ocrFixture('scan-zh.pdf'));
    data = await makeTempDir();
    core = await createCore({ dataDir: data.path, logger: quiet, ocrDataMirror: `${host.url}/cdn` });
    core.service.onEvent((event) => {
      if (event.type === 'progress') progress.push(event.progress);
      if (event.type === 'download' && event.download.phase === 'done') downloads.push(event.download.id);
    });
    await core.service.updateSettings({ ocr: true, ocrLanguages: ['chi_sim', 'eng'] });
  });

  afterAll(async () => {
    await core.close();
    await host.close();
    await folder.remove();
    await data.remove();
  });

  it('downloads the language data on first need and reads the images and scans after the plain files', async () => {
    const report = await core.indexFolder(folder.root);
    expect(report.filesFailed).toEqual([]);
    expect(report).toMatchObject({ filesScanned: 6, filesIndexed: 6 });
    expect(downloads.sort()).toEqual(['ocr-chi_sim', 'ocr-eng']);
    expect((await readFile(join(data.path, 'ocr', 'tessdata', 'eng.traineddata'))).length).toBe(4_113_088);
    // While OCR read pages, the plain files were already committed (searchable).
    const during = progress.filter((event) => event.ocrPages);
    expect(during.length).toBeGreaterThan(0);
    for (const event of during) {
      expect(event.filesDone).toBeGreaterThanOrEqual(Object.keys(PLAIN).length);
      expect(event.currentFile).toMatch(/\.(png|pdf)$/);
    }
  });

  it.each([
    ['lighthouse keeper seventeen storms', 'scans/harbour-letter.pdf'],
    ['external drive full backup', 'screens/backup-error.png'],
  ])('"%s" finds %s (English OCR, hybrid search)', async (query, expected) => {
    const { hits } = await core.service.search({ query, limit: 3 });
    expect(hits[0]?.path).toBe(folder.path(expected));
  });

  it('a Chinese keyword finds the scanned Chinese page', async () => {
    await core.settleIndexes();
    const { hits } = await core.service.search({ query: '量子计算机', mode: 'keyword', limit: 3 });
    expect(hits.map((hit) => hit.path)).toEqual([folder.path('scans/量子报告.pdf')]);
    expect(hits[0]!.snippet).toContain('量子计算机');
  });

  it('previews a scan with the text OCR read, from the index, the hit\'s words marked', async () => {
    const { hits } = await core.service.search({ query: 'lighthouse keeper', mode: 'keyword', limit: 1 });
    const preview = (await dispatch(core.service, 'previewFile', { path: hits[0]!.path, line: hits[0]!.line, query: 'lighthouse keeper' })) as FilePreview;
    expect(preview).toMatchObject({ state: 'ok', fromIndex: true, changed: false, indexed: true });
    expect(preview.text.toLowerCase()).toContain('lighthouse keeper');
    expect(preview.highlights.map(([s, e]) => preview.text.slice(s, e).toLowerCase())).toEqual(expect.arrayContaining(['lighthouse', 'keeper']));
    expect(preview.passage).toBeDefined();
  });

  it('a second pass reads nothing again', async () => {
    const report = await core.indexFolder(folder.root);
    expect(report).toMatchObject({ filesIndexed: 0, filesUnchanged: 6, chunksEmbedded: 0 });
  });

  it('with OCR off, images and scans are listed with their reason; on again, they are read', async () => {
    await core.service.updateSettings({ ocr: false });
    await core.service.reindexFolder({ path: folder.root });
    await core.whenIdle();
    const [info] = await core.service.listFolders({});
    expect(info!.errors).toEqual([]);
    expect(info!.skipped!.sort((a, b) => a.path.localeCompare(b.path)).map(({ path, reason, code }) => ({ path, reason, code }))).toEqual([
      { path: folder.path('scans/harbour-letter.pdf'), reason: 'no text (scanned?): 1 page(s) without a text layer', code: 'no-text' },
      { path: folder.path('scans/量子报告.pdf'), reason: 'no text (scanned?): 1 page(s) without a text layer', code: 'no-text' },
      { path: folder.path('screens/backup-error.png'), reason: 'image (OCR is off in Settings)', code: 'ocr-off' },
    ]);
    await core.service.updateSettings({ ocr: true });
    const report = await core.indexFolder(folder.root);
    expect(report.filesFailed).toEqual([]);
    expect(report.filesIndexed).toBe(3);
    const { hits } = await core.service.search({ query: 'lighthouse keeper', limit: 1 });
    expect(hits[0]?.path).toBe(folder.path('scans/harbour-letter.pdf'));
  });
});
