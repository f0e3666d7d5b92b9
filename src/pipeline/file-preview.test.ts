// The preview call end to end with real parts: the starter model, LanceDB in a temp folder,
// real files (a long text, a GB18030 note, a PDF and a Word file made byte by byte), each
// searched and then previewed through the contract's own dispatch, as every transport does.
import { rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FilePreview, SearchHit } from '../api/contract.js';
import { dispatch } from '../api/dispatch.js';
import { createCore, type Core } from '../core.js';
import { makeDocx, makePdf } from '../test-support/make-documents.js';
import { makeFixtureFolder, makeTempDir, type FixtureFolder } from '../test-support/fixture-folder.js';

const quiet = { log: () => undefined };

/** 400 numbered lines about weather, one line about a lighthouse near the middle. */
function longLog(): string {
  const lines: string[] = [];
  for (let n = 1; n <= 400; n++) {
    lines.push(n === 211 ? 'Day 211: the lighthouse keeper polished the brass lamp until it shone.' : `Day ${n}: wind from the west, light rain, calm sea, nothing to report.`);
  }
  return lines.join('\n') + '\n';
}

const CHINESE = '会议记录\n\n项目进度良好。\n\n下周我们讨论灯塔修缮的预算和时间表。\n\n其他事项：无。\n';

describe('previewFile: the text around a hit, through the indexer\'s extractors', () => {
  let folder: FixtureFolder;
  let outside: FixtureFolder;
  let data: Awaited<ReturnType<typeof makeTempDir>>;
  let core: Core;
  const preview = (request: unknown) => dispatch(core.service, 'previewFile', request) as Promise<FilePreview>;
  const hitFor = async (query: string, name: string): Promise<SearchHit> => {
    const { hits } = await core.service.search({ query, mode: 'keyword', limit: 10 });
    const hit = hits.find((candidate) => candidate.fileName === name);
    if (!hit) throw new Error(`no hit in ${name} for "${query}": ${hits.map((h) => h.fileName).join(', ')}`);
    return hit;
  };
  /** The passage's text and the marked words of a preview. */
  const passageOf = (p: FilePreview) => p.text.slice(p.passage![0], p.passage![1]);
  const marked = (p: FilePreview) => p.highlights.map(([s, e]) => p.text.slice(s, e).toLowerCase());

  beforeAll(async () => {
    folder = await makeFixtureFolder({
      'log.txt': longLog(),
      'notes/会议.txt': iconv.encode(CHINESE, 'gb18030'),
      'docs/report.pdf': makePdf([['Annual report', 'The harbour crane moved nine hundred containers.', 'Next year: a second crane.']]),
      'docs/letter.docx': await makeDocx(['Dear neighbour,', 'the orchard ladder is back in the barn.', 'Best wishes']),
      'gone.txt': 'This note about a vanished kayak will be deleted.',
      'edited.txt': 'First line.\nThe violin case sits under the stairs.\nLast line.\n',
    });
    outside = await makeFixtureFolder({ 'secret.txt': 'a lighthouse secret outside the folders' });
    data = await makeTempDir();
    core = await createCore({ dataDir: data.path, logger: quiet });
    await core.indexFolder(folder.root);
    await core.settleIndexes();
  }, 120_000);

  afterAll(async () => {
    await core.close();
    await folder.remove();
    await outside.remove();
    await data.remove();
  });

  it('a long text file: a bounded window around the hit in the middle, the passage and the words marked', async () => {
    const hit = await hitFor('lighthouse keeper', 'log.txt');
    const p = await preview({ path: hit.path, line: hit.line, query: 'lighthouse keeper', chars: 3000 });
    expect(p.state).toBe('ok');
    expect(p.changed).toBe(false);
    expect(p.indexed).toBe(true);
    expect(p.text.length).toBeLessThanOrEqual(3000);
    expect(p.text.length).toBeGreaterThan(2000);
    expect(p.moreBefore && p.moreAfter).toBe(true);
    expect(p.totalLines).toBe(401);
    expect(p.startLine).toBeGreaterThan(150);
    expect(p.endLine).toBeLessThan(260);
    // Whole lines: the window starts at a line's beginning and ends at one's end.
    expect(p.text.startsWith(`Day ${p.startLine}:`)).toBe(true);
    expect(p.text.endsWith('nothing to report.')).toBe(true);
    expect(passageOf(p)).toContain('Day 211: the lighthouse keeper polished the brass lamp');
    expect(marked(p)).toEqual(['lighthouse', 'keeper']);
    for (const [s] of p.highlights) expect(s).toBeGreaterThanOrEqual(p.passage![0]);
    // The line numbers agree with the text.
    const lineOfMark = p.startLine + p.text.slice(0, p.highlights[0]![0]).split('\n').length - 1;
    expect(lineOfMark).toBe(211);
  });

  it('a GB18030 Chinese file reads as Chinese, its words marked', async () => {
    const hit = await hitFor('灯塔', '会议.txt');
    const p = await preview({ path: hit.path, line: hit.line, query: '灯塔' });
    expect(p.state).toBe('ok');
    expect(p.text).toBe(CHINESE);
    expect(marked(p)).toEqual(['灯塔']);
    expect(passageOf(p)).toContain('下周我们讨论灯塔修缮的预算和时间表。');
    expect(p.moreBefore || p.moreAfter).toBe(false);
  });

  it.each([
    ['report.pdf', 'harbour crane', 'The harbour crane moved nine hundred containers.'],
    ['letter.docx', 'orchard ladder', 'the orchard ladder is back in the barn.'],
  ])('%s: previewed through its extracted text', async (name, query, line) => {
    const hit = await hitFor(query, name);
    const p = await preview({ path: hit.path, line: hit.line, query });
    expect(p.state).toBe('ok');
    expect(p.text).toContain(line);
    expect(passageOf(p)).toContain(line);
    expect(new Set(marked(p))).toEqual(new Set(query.split(' ')));
  });

  it('refuses a file outside the added folders, and a climb out with ..', async () => {
    await expect(preview({ path: outside.path('secret.txt') })).rejects.toMatchObject({ code: 'invalid_request', message: expect.stringMatching(/not inside an added folder/) });
    await expect(preview({ path: join(folder.root, '..', 'secret.txt') })).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(preview({ path: 'log.txt' })).rejects.toMatchObject({ code: 'invalid_request', message: 'Expected the absolute path of a file.' });
    await expect(preview({ path: folder.path('log.txt'), line: 0 })).rejects.toMatchObject({ code: 'invalid_request' });
  });

  it('a file deleted since indexing gives the "missing" state, not an error', async () => {
    const hit = await hitFor('kayak', 'gone.txt');
    await rm(hit.path);
    const p = await preview({ path: hit.path, line: hit.line, query: 'kayak' });
    expect(p).toMatchObject({ state: 'missing', indexed: true, text: '', highlights: [] });
  });

  it('a file edited since indexing is shown as it is now, flagged, its passage found again', async () => {
    const hit = await hitFor('violin', 'edited.txt');
    await writeFile(hit.path, 'A new first paragraph.\n\nAnother one.\n\nFirst line.\nThe violin case sits under the stairs.\nLast line.\n');
    const p = await preview({ path: hit.path, line: hit.line, query: 'violin' });
    expect(p.state).toBe('ok');
    expect(p.changed).toBe(true);
    expect(p.text).toContain('A new first paragraph.');
    expect(passageOf(p)).toContain('The violin case sits under the stairs.');
    expect(marked(p)).toEqual(['violin']);
  });

  it('a file grown past the size limit is not read: "unreadable", too large, at once', async () => {
    const hit = await hitFor('lighthouse', 'log.txt');
    const big = folder.path('big.txt');
    await writeFile(big, 'a line of plain text\n'.repeat(8000));
    // Sparse: 60 MB on paper, no disk used; the limit is the indexing one (50 MB).
    await truncate(big, 60 * 1024 * 1024);
    const started = performance.now();
    const p = await preview({ path: big, line: hit.line });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(p).toMatchObject({ state: 'unreadable', indexed: false, issue: { code: 'too-large', params: { sizeMB: '60', limitMB: '50' } } });
  });

  it('a document that no longer parses gives the "unreadable" state with its reason', async () => {
    const hit = await hitFor('orchard', 'letter.docx');
    await writeFile(hit.path, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64, 7)]));
    const p = await preview({ path: hit.path, line: hit.line, query: 'orchard' });
    expect(p.state).toBe('unreadable');
    expect(p.issue?.code).toBe('parse-error');
    expect(p.issue?.reason).toMatch(/corrupt Word document/);
    expect(p.text).toBe('');
  });
});
