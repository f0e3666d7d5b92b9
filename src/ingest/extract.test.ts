// Extraction of every supported kind from real bytes, and the failure reasons a person sees.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDocx, makePdf } from '../test-support/make-documents.js';
import { makeTempDir } from '../test-support/fixture-folder.js';
import { packageRoot } from '../paths.js';
import { readAndExtract } from './extract.js';
import { htmlToText } from './extract-html.js';
import { ExtractorPool } from './extractor-pool.js';

let dir: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  dir = await makeTempDir('sift-extract-');
});
afterAll(() => dir.remove());

async function file(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir.path, name);
  await writeFile(path, content);
  return path;
}

describe('readAndExtract', () => {
  it('reads a PDF text layer, page by page', async () => {
    const path = await file('report.pdf', makePdf([['Quarterly report', 'Revenue grew by ten percent.'], ['Second page text']]));
    const { extracted, hash } = await readAndExtract(path);
    expect(extracted).toEqual({ ok: true, text: 'Quarterly report\nRevenue grew by ten percent.\n\nSecond page text', encoding: 'pdf' });
    expect(hash).toMatch(/^[0-9a-f]{32}$/);
  });

  it.each([
    { name: 'a scanned PDF', file: 'scan.pdf', bytes: () => makePdf([[], []]), reason: 'no text (scanned?): 2 page(s) without a text layer' },
    { name: 'a corrupt PDF', file: 'broken.pdf', bytes: () => Buffer.from('%PDF-1.4 garbage'), reason: /^corrupt PDF/ },
    { name: 'a corrupt Word file', file: 'broken.docx', bytes: () => Buffer.from('not a zip'), reason: /^corrupt Word document/ },
    { name: 'an audio file, by its bytes', file: 'song.mp3', bytes: () => Buffer.from([0x49, 0x44, 0x33, 3, 0, 0]), reason: 'binary file (MP3 audio)' },
    { name: 'an image with OCR off', file: 'photo.jpg', bytes: () => Buffer.from([0xff, 0xd8, 0xff, 0xe0]), reason: 'image (OCR is off in Settings)' },
    { name: 'an empty file', file: 'empty.md', bytes: () => Buffer.from('\n  \n'), reason: 'no text (empty file)' },
  ])('explains $name', async ({ file: name, bytes, reason }) => {
    const { extracted } = await readAndExtract(await file(name, bytes()));
    expect(extracted.ok).toBe(false);
    expect(extracted.ok ? '' : extracted.reason).toMatch(reason);
  });

  it('reads a Word document', async () => {
    const path = await file('letter.docx', await makeDocx(['Dear team,', '会议改到星期五。']));
    const { extracted } = await readAndExtract(path);
    expect(extracted).toMatchObject({ ok: true, encoding: 'docx' });
    expect(extracted.ok && extracted.text.trim().split(/\n+/)).toEqual(['Dear team,', '会议改到星期五。']);
  });

  it('reads HTML as text, decoding its bytes first', async () => {
    const path = await file('page.html', '<html><head><title>Notes</title><style>p{}</style></head><body><p>One &amp; two</p><script>x()</script><div>三</div></body></html>');
    expect((await readAndExtract(path)).extracted).toEqual({ ok: true, text: 'Notes\n\nOne & two\n\n三', encoding: 'utf-8' });
  });

  it('lists a file over the size limit as too large without reading it', async () => {
    const path = await file('big.txt', 'x'.repeat(3 * 1024 * 1024));
    const { extracted } = await readAndExtract(path, { maxBytes: 1024 * 1024 });
    expect(extracted).toEqual({ ok: false, reason: 'too large (3.0 MB; limit 1.0 MB)', issue: { code: 'too-large', params: { sizeMB: '3.0', limitMB: '1.0' } } });
  });

  it('reports a file that vanished', async () => {
    expect((await readAndExtract(join(dir.path, 'gone.txt'))).extracted).toEqual({
      ok: false,
      reason: 'unreadable (file vanished)',
      issue: { code: 'unreadable', params: { error: 'file vanished' } },
    });
  });
});

describe('htmlToText', () => {
  it.each([
    ['<p>a</p><p>b</p>', 'a\n\nb'],
    ['x&nbsp;&lt;y&gt; &#20013;&#x6587;', 'x <y> 中文'],
    ['<!-- hidden --><b>bold</b> text', 'bold text'],
  ])('%s', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });
});

describe('ExtractorPool (worker threads, from the built dist/)', () => {
  const script = join(packageRoot(), 'dist', 'ingest', 'extract-worker.js');

  it('parses in a worker and answers "timed out" when a file runs over its limit, then keeps working', async () => {
    if (!existsSync(script)) throw new Error('Build first (npm run build:cli): the worker runs from dist/.');
    const pool = new ExtractorPool({ script, timeoutMs: 20 });
    expect(pool.usesWorkers).toBe(true);
    const slow = await pool.extract('pdf', makePdf(Array.from({ length: 400 }, (_, i) => [`page ${i}`])));
    expect(slow).toEqual({ ok: false, reason: 'timed out (parsing took over 0 s)', issue: { code: 'timeout', params: { seconds: 0 } } });
    await pool.close();
    const patient = new ExtractorPool({ script, timeoutMs: 30_000 });
    expect(await patient.extract('pdf', makePdf([['Hello from a worker']]))).toEqual({ ok: true, text: 'Hello from a worker', encoding: 'pdf' });
    await patient.close();
  });
});
