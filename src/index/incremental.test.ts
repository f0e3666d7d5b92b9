// Incremental indexing with real parts: renames cost no embedding, a touched file costs
// nothing, a changed file re-embeds only its changed passages, pause and resume keep
// what was committed, and PDF / Word / GB18030 files come out as text.
import { rename, rm, utimes, writeFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core.js';
import { makeDocx, makePdf } from '../test-support/make-documents.js';
import { eventually, makeFixtureFolder, makeTempDir, TOPIC_DOCUMENTS, type FixtureFolder } from '../test-support/fixture-folder.js';

const quiet = { log: () => undefined };
let folder: FixtureFolder;
let data: Awaited<ReturnType<typeof makeTempDir>>;
let core: Core;

beforeAll(async () => {
  folder = await makeFixtureFolder(TOPIC_DOCUMENTS);
  await folder.write('docs/manual.pdf', makePdf([['Printer manual', 'Replace the toner cartridge when prints fade.']]));
  await folder.write('docs/scan.pdf', makePdf([[]]));
  await folder.write('docs/minutes.docx', await makeDocx(['Meeting minutes', 'The budget for the garden project was approved.']));
  await folder.write('docs/中文.txt', iconv.encode('中文笔记：今天学习了神经网络。', 'gb18030'));
  data = await makeTempDir();
  core = await createCore({ dataDir: data.path, logger: quiet });
  // The scanned PDF is explained, not read: OCR (tested in ocr-pass.test.ts) would first
  // fetch its language data from the network.
  await core.service.updateSettings({ ocr: false });
});

afterAll(async () => {
  await core.close();
  await folder.remove();
  await data.remove();
});

describe('incremental indexing', () => {
  it('indexes PDF, Word and GB18030 text, and explains the scanned PDF', async () => {
    const report = await core.indexFolder(folder.root);
    expect(report).toMatchObject({ filesScanned: 9, filesIndexed: 8 });
    expect(report.filesSkipped).toEqual([
      {
        path: folder.path('docs/scan.pdf'),
        reason: 'no text (scanned?): 1 page(s) without a text layer',
        code: 'no-text',
        params: { detail: '1 page(s) without a text layer', detailKey: 'pagesWithoutText', count: 1 },
      },
    ]);
    expect(report.filesFailed).toEqual([]);
    const toner = await core.service.search({ query: 'printer toner cartridge', limit: 1 });
    expect(toner.hits[0]?.path).toBe(folder.path('docs/manual.pdf'));
    const budget = await core.service.search({ query: 'meeting budget approved', limit: 1 });
    expect(budget.hits[0]?.path).toBe(folder.path('docs/minutes.docx'));
  });

  it('costs no embedding for a renamed file or a touched one', async () => {
    await rename(folder.path('kitchen/sourdough.txt'), folder.path('kitchen/bread-recipe.txt'));
    const later = new Date(Date.now() + 5000);
    await utimes(folder.path('garden/houseplants.md'), later, later);
    const report = await core.indexFolder(folder.root);
    expect(report).toMatchObject({ filesIndexed: 1, filesRemoved: 1, chunksEmbedded: 0, chunksReused: 1 });
    const { hits } = await core.service.search({ query: 'baking a loaf of bread', limit: 1 });
    expect(hits[0]?.path).toBe(folder.path('kitchen/bread-recipe.txt'));
  });

  it('re-embeds only the changed passages of a changed file', async () => {
    const paragraphs = Array.from({ length: 6 }, (_, i) => `Paragraph ${i} about ${['rivers', 'mountains', 'music', 'history', 'oceans', 'winter'][i]} ` + 'and more words here '.repeat(40));
    await folder.write('long/essay.txt', paragraphs.join('\n\n'));
    const first = await core.indexFolder(folder.root);
    expect(first.chunksEmbedded).toBeGreaterThanOrEqual(3);
    paragraphs[5] = 'Paragraph 5 rewritten about summer holidays ' + 'and other words here '.repeat(40);
    await writeFile(folder.path('long/essay.txt'), paragraphs.join('\n\n'));
    const second = await core.indexFolder(folder.root);
    expect(second.filesIndexed).toBe(1);
    expect(second.chunksEmbedded).toBeGreaterThanOrEqual(1);
    expect(second.chunksEmbedded).toBeLessThan(first.chunksEmbedded);
    expect(second.chunksReused).toBeGreaterThanOrEqual(1);
  });

  it('re-index re-reads every file but takes vectors from the cache', async () => {
    await core.indexFolder(folder.root);
    const progress: number[] = [];
    const stop = core.service.onEvent((event) => {
      if (event.type === 'progress') progress.push(event.progress.chunksEmbedded);
    });
    await core.service.reindexFolder({ path: folder.root });
    await core.whenIdle();
    stop();
    const [info] = await core.service.listFolders({});
    expect(info).toMatchObject({ state: 'watching', filesDone: info!.filesTotal });
    expect(info!.skipped!.map((e) => e.path)).toEqual([folder.path('docs/scan.pdf')]);
    expect(info).toMatchObject({ filesSkipped: 1, filesFailed: 0, errors: [] });
    expect(progress.at(-1)).toBe(0);
  });

  it('pauses mid-pass and resumes without losing committed work', async () => {
    const filler = 'rivers and mountains and music and history '.repeat(25);
    for (let i = 0; i < 400; i++) await folder.write(`bulk/file-${i}.txt`, `Bulk note number ${i}. ${filler}`);
    const scan = core.indexFolder(folder.root).catch((error: unknown) => error);
    // Poll tightly: the pass takes seconds, the pause must land inside it.
    for (let i = 0; i < 2000 && (await core.service.listFolders({}))[0]?.state !== 'indexing'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const paused = await core.service.pauseFolder({ path: folder.root });
    expect(paused.state).toBe('paused');
    expect(await scan).toMatchObject({ message: 'indexing paused' });
    expect((await core.service.listFolders({}))[0]).toMatchObject({ state: 'paused' });
    await core.service.resumeFolder({ path: folder.root });
    await eventually(async () => (await core.service.listFolders({}))[0]?.state === 'watching', 60_000);
    await core.whenIdle();
    const final = await core.indexFolder(folder.root);
    expect(final).toMatchObject({ filesIndexed: 0, chunksEmbedded: 0, filesUnchanged: final.filesScanned - 1 });
    await rm(folder.path('bulk'), { recursive: true });
  });

  it('stays paused when the pause lands as the pass commits its last files', async () => {
    for (let i = 0; i < 20; i++) await folder.write(`late/file-${i}.txt`, `Late note number ${i} about winter markets.`);
    let pausedAt: Promise<unknown> | undefined;
    const stop = core.service.onEvent((event) => {
      const { filesDone, filesTotal } = event.type === 'progress' ? event.progress : { filesDone: 0, filesTotal: 1 };
      if (!pausedAt && filesDone === filesTotal) pausedAt = core.service.pauseFolder({ path: folder.root });
    });
    try {
      await core.indexFolder(folder.root).catch(() => undefined);
    } finally {
      stop();
    }
    expect(pausedAt).toBeDefined();
    await pausedAt;
    expect((await core.service.listFolders({}))[0]).toMatchObject({ state: 'paused' });
    await core.service.resumeFolder({ path: folder.root });
    await eventually(async () => (await core.service.listFolders({}))[0]?.state === 'watching', 60_000);
    await core.whenIdle();
    await rm(folder.path('late'), { recursive: true });
  });
});

describe('ignore patterns from settings', () => {
  it('drops files that a new pattern excludes, and brings them back when it goes', async () => {
    const notes = await makeFixtureFolder({ 'keep.md': 'Baking bread at home.', 'drafts/skip.md': 'A draft about marathon running.' });
    const dir = await makeTempDir();
    const app = await createCore({ dataDir: dir.path, logger: quiet });
    try {
      await app.indexFolder(notes.root);
      const paths = async () => (await app.service.search({ query: 'marathon running draft', limit: 5 })).hits.map((h) => h.fileName);
      expect(await paths()).toContain('skip.md');
      await app.service.updateSettings({ ignorePatterns: ['drafts/'] });
      await eventually(async () => !(await paths()).includes('skip.md') && (await app.whenIdle(), true));
      await app.service.updateSettings({ ignorePatterns: [] });
      await eventually(async () => (await paths()).includes('skip.md'));
    } finally {
      await app.close();
      await notes.remove();
      await dir.remove();
    }
  });
});
