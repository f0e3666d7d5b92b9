// End to end: a folder with one real file of each document format (made by LibreOffice
// and pandoc, see src/ingest/fixtures/) is indexed by the real pipeline with the starter
// model, and each file is found by a query for its content. Damaged and encrypted files
// are listed with their reasons and cost the others nothing.
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core.js';
import { makeFixtureFolder, makeTempDir, type FixtureFolder } from '../test-support/fixture-folder.js';

const FIXTURES = fileURLToPath(new URL('../ingest/fixtures/', import.meta.url));
const FILES: Record<string, string> = {
  'notes/garden.odt': 'sample.odt',
  'notes/garden.rtf': 'sample.rtf',
  'notes/garden.docx': 'sample.docx',
  'money/budget.xlsx': 'sample.xlsx',
  'money/stock.ods': 'sample.ods',
  'work/review.pptx': 'sample.pptx',
  'work/review.odp': 'sample.odp',
  'books/lighthouse.epub': 'sample.epub',
  'notes/river.rtf': 'sample-gbk.rtf',
  'broken/cut.pptx': 'damaged.pptx',
  'broken/locked.odt': 'encrypted.odt',
};

let folder: FixtureFolder;
let data: Awaited<ReturnType<typeof makeTempDir>>;
let core: Core;

beforeAll(async () => {
  folder = await makeFixtureFolder({});
  for (const [target, source] of Object.entries(FILES)) {
    await mkdir(join(folder.root, target, '..'), { recursive: true });
    await copyFile(join(FIXTURES, source), folder.path(target));
  }
  data = await makeTempDir();
  core = await createCore({ dataDir: data.path, logger: { log: () => undefined } });
}, 60_000);

afterAll(async () => {
  await core?.close();
  await folder?.remove();
  await data?.remove();
});

describe('document formats, indexed', () => {
  it('indexes each format and lists the damaged and the encrypted file with their reasons', async () => {
    const report = await core.indexFolder(folder.root);
    expect(report).toMatchObject({ filesScanned: 11, filesIndexed: 9 });
    // A damaged file failed; an encrypted one is skipped (its reason stays until it changes).
    expect(report.filesFailed).toEqual([
      expect.objectContaining({ path: folder.path('broken/cut.pptx'), reason: 'corrupt PowerPoint file (truncated, or not a zip file)', code: 'parse-error' }),
    ]);
    expect(report.filesSkipped).toEqual([
      expect.objectContaining({ path: folder.path('broken/locked.odt'), reason: 'encrypted (password-protected)', code: 'encrypted' }),
    ]);
  }, 60_000);

  it.each([
    ['lighthouse keeper storm harbour', ['books/lighthouse.epub']],
    ['tomatoes water roses prune', ['notes/garden.odt', 'notes/garden.rtf', 'notes/garden.docx']],
    ['bicycle repair piano lessons', ['money/budget.xlsx', 'money/stock.ods']],
    ['warehouse revenue northern region', ['work/review.pptx', 'work/review.odp']],
    ['river project meeting council', ['notes/river.rtf']],
  ])('"%s" finds %j first', async (query, expected) => {
    const { hits } = await core.service.search({ query, limit: expected.length });
    expect(hits.map((hit) => hit.path).sort()).toEqual(expected.map((path) => folder.path(path)).sort());
  });

  it.each([
    ['守塔人', 'books/lighthouse.epub'],
    ['河流治理', 'notes/river.rtf'],
    ['仓库三号', 'money/budget.xlsx'],
  ])('the Chinese keyword %s finds %s', async (query, path) => {
    const { hits } = await core.service.search({ query, mode: 'keyword', limit: 5 });
    expect(hits.map((hit) => hit.path)).toContain(folder.path(path));
  });
});
