// The capped zip reader against hostile archives written byte by byte: bombs with true
// declared sizes are refused from the central directory, bombs that lie are stopped while
// inflating, and neither costs more than a few megabytes or a few seconds.
import { describe, expect, it } from 'vitest';
import { docxEntries, makeZip, repeatedDocumentXml } from '../test-support/make-zip.js';
import { extractDocx } from './extract-docx.js';
import { extractXlsx } from './extract-xlsx.js';
import { ArchiveError, resolvePart, ZipArchive, type ZipLimits } from './zip-archive.js';

const MB = 1048576;
const small: ZipLimits = { maxEntries: 50, maxEntryBytes: 1 * MB, maxTotalBytes: 3 * MB };

async function failure(work: Promise<unknown>): Promise<ArchiveError> {
  const error = await work.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ArchiveError)) throw new Error(`expected an ArchiveError, got ${String(error)}`);
  return error;
}

describe('ZipArchive', () => {
  it('lists entries and reads them', async () => {
    const zip = await ZipArchive.open(await makeZip([{ name: 'a/b.xml', data: '<x>一</x>' }, { name: 'c.txt', data: 'hello' }]));
    expect(zip.names()).toEqual(['a/b.xml', 'c.txt']);
    expect(await zip.readText('a/b.xml')).toBe('<x>一</x>');
    expect(await zip.read('missing')).toBeUndefined();
    zip.close();
  });

  it('refuses an entry whose declared size is over the cap before inflating a byte', async () => {
    const bomb = await makeZip([{ name: 'big.xml', data: { repeat: '<p/>', bytes: 64 * MB } }]);
    expect(bomb.length).toBeLessThan(200_000);
    const zip = await ZipArchive.open(bomb, small);
    const started = performance.now();
    const error = await failure(zip.read('big.xml'));
    expect(performance.now() - started).toBeLessThan(100);
    expect(error).toMatchObject({ problem: 'too-large', message: 'too large when unpacked (64 MB; limit 1.0 MB)' });
  });

  it('stops an entry that inflates past the size its directory declares', async () => {
    // 64 MB of XML that claims to be 1 KB: yauzl's size check ends the stream.
    const liar = await makeZip([{ name: 'big.xml', data: { repeat: '<p/>', bytes: 64 * MB }, declaredSize: 1024 }]);
    const zip = await ZipArchive.open(liar, small);
    const before = process.memoryUsage().rss;
    const error = await failure(zip.read('big.xml'));
    expect(error.problem).toBe('corrupt');
    expect(error.message).toMatch(/^big\.xml: too many bytes in the stream/);
    expect(process.memoryUsage().rss - before).toBeLessThan(32 * MB);
  });

  it('caps the inflated bytes of all entries read together', async () => {
    const parts = Array.from({ length: 4 }, (_, i) => ({ name: `part${i}.xml`, data: { repeat: 'x', bytes: 900_000 } }));
    const zip = await ZipArchive.open(await makeZip(parts), small);
    for (const name of ['part0.xml', 'part1.xml', 'part2.xml']) expect((await zip.read(name))?.length).toBe(900_000);
    expect(await failure(zip.read('part3.xml'))).toMatchObject({ problem: 'too-large', message: 'too large when unpacked (3.4 MB; limit 3.0 MB)' });
  });

  it('refuses an archive of too many entries from its directory', async () => {
    const many = await makeZip(Array.from({ length: 51 }, (_, i) => ({ name: `f${i}`, data: '' })));
    expect(await failure(ZipArchive.open(many, small))).toMatchObject({ problem: 'too-large', message: 'too large when unpacked (51 entries; limit 50)' });
  });

  it('reports an encrypted entry, an encrypted Office package and a file that is no zip', async () => {
    const zip = await ZipArchive.open(await makeZip([{ name: 'content.xml', data: 'x', encrypted: true }]));
    expect(await failure(zip.read('content.xml'))).toMatchObject({ problem: 'encrypted', message: 'encrypted (password-protected)' });
    const cfbHeader = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const encryptedOoxml = Buffer.concat([cfbHeader, Buffer.alloc(500), Buffer.from('EncryptedPackage', 'utf16le')]);
    expect(await failure(ZipArchive.open(encryptedOoxml))).toMatchObject({ problem: 'encrypted' });
    expect(await failure(ZipArchive.open(Buffer.concat([cfbHeader, Buffer.alloc(500)])))).toMatchObject({ problem: 'corrupt' });
    expect(await failure(ZipArchive.open(Buffer.from('plain text, not a zip')))).toMatchObject({
      problem: 'corrupt',
      message: 'truncated, or not a zip file',
    });
  });
});

describe('Word documents through the capped reader', () => {
  it('ends a .docx zip bomb with a reason at the default caps, in little memory', async () => {
    // 512 MB of paragraphs in 1.8 MB: the shape of the probe's 1.9 MB bomb (4.08 GB RSS before).
    const bomb = await makeZip(docxEntries(repeatedDocumentXml(512 * MB)));
    expect(bomb.length).toBeLessThan(2 * MB);
    const before = process.memoryUsage().rss;
    expect(await extractDocx(bomb)).toEqual({
      ok: false,
      reason: 'too large when unpacked (512 MB; limit 8.0 MB)',
      issue: { code: 'too-large-inflated', params: { limitMB: '8.0' } },
    });
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * MB);
  }, 60_000);

  it('ends a .docx whose document.xml lies about its size as corrupt', async () => {
    const liar = await makeZip(docxEntries(repeatedDocumentXml(64 * MB), 4096));
    const result = await extractDocx(liar);
    expect(result).toMatchObject({ ok: false });
    expect(result.ok ? '' : result.reason).toMatch(/^corrupt Word document \(word\/document\.xml: too many bytes in the stream/);
  });

  it('still reads an ordinary Word document through the same reader', async () => {
    const result = await extractDocx(await makeZip(docxEntries(repeatedDocumentXml(200_000, 'Kestrels hover over the meadow.'))));
    expect(result.ok && result.text.split('\n\n').length).toBeGreaterThan(1000);
    expect(result.ok && result.text.startsWith('Kestrels hover over the meadow.')).toBe(true);
  });
});

describe('large parts are parsed as they inflate', () => {
  it('reads a 48 MB worksheet without holding its XML: memory follows the text, not the XML', async () => {
    const rel = (id: string, type: string, target: string) =>
      `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
    const workbook = await makeZip([
      { name: '_rels/.rels', data: `<Relationships>${rel('r1', 'officeDocument', 'xl/workbook.xml')}</Relationships>` },
      { name: 'xl/workbook.xml', data: '<workbook><sheets><sheet name="Log" r:id="r1"/></sheets></workbook>' },
      { name: 'xl/_rels/workbook.xml.rels', data: `<Relationships>${rel('r1', 'worksheet', 'worksheets/sheet1.xml')}</Relationships>` },
      {
        name: 'xl/worksheets/sheet1.xml',
        data: { prefix: '<worksheet><sheetData>', repeat: '<row spans="1:4" s="3" customFormat="1"><c s="3"/><c s="3"/><c s="3"/></row>', bytes: 48 * MB, suffix: '<row><c t="inlineStr"><is><t>last row</t></is></c></row></sheetData></worksheet>' },
      },
    ]);
    const before = process.memoryUsage().rss;
    const result = await extractXlsx(workbook);
    // Formatted but empty cells, as sheets padded by formatting have, then one row of text.
    expect(result).toEqual({ ok: true, text: 'Log\nlast row', encoding: 'xlsx' });
    // Held whole, the XML would be 48 MB as bytes and 48 MB again as a string.
    expect(process.memoryUsage().rss - before).toBeLessThan(40 * MB);
  }, 60_000);
});

describe('resolvePart', () => {
  it.each([
    ['ppt/slides', '../notesSlides/notesSlide1.xml', 'ppt/notesSlides/notesSlide1.xml'],
    ['xl', 'worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml'],
    ['xl', '/xl/worksheets/sheet2.xml', 'xl/worksheets/sheet2.xml'],
    ['EPUB', 'text/ch%20one.xhtml#part2', 'EPUB/text/ch one.xhtml'],
    ['', './content.opf', 'content.opf'],
    ['OEBPS', 'bad%zzname.xhtml', 'OEBPS/bad%zzname.xhtml'],
  ])('%s + %s', (base, href, expected) => {
    expect(resolvePart(base, href)).toBe(expected);
  });
});
