// Files as real folders hold them, written to disk here: text without an extension or
// under an unknown one, legacy and BOM-less encodings, binaries under text names, gzip
// (text, a bomb, a tarball, a truncated one), a man page, an encrypted Word file and a
// named pipe. Each is read by its bytes, or skipped/failed with its reason.
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/fixture-folder.js';
import { makePdf } from '../test-support/make-documents.js';
import { readAndExtract } from './extract.js';

let dir: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  dir = await makeTempDir('sift-content-');
});
afterAll(() => dir.remove());

async function file(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir.path, name);
  await writeFile(path, content);
  return path;
}

const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(200)]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.alloc(64)]);

describe('text by content, not by name', () => {
  it.each([
    ['README', 'Sift\n\nLocal semantic search over your own folders.\n'],
    ['LICENSE', 'Permission is hereby granted, free of charge, to any person obtaining a copy\n'],
    ['Makefile', 'all:\n\tcc -o hello hello.c\n'],
    ['Dockerfile', 'FROM debian:bookworm\nRUN apt-get update\n'],
    ['copyright', 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: sift\n'],
    ['notes.rst', 'Title\n=====\n\nSome reStructuredText.\n'],
    ['guide.adoc', '= Guide\n\nAsciiDoc text.\n'],
    ['config.properties', 'greeting=hello world\n'],
    ['film.srt', '1\n00:00:01,000 --> 00:00:02,000\nHello there\n'],
    ['settings.weird-extension', 'key = value\nanother = thing\n'],
  ])('reads %s', async (name, text) => {
    const { extracted } = await readAndExtract(await file(name, text));
    expect(extracted).toEqual({ ok: true, text, encoding: 'utf-8' });
  });

  it('reads a GB18030 Chinese note with no extension', async () => {
    const text = '今天我们学习了神经网络和机器学习的基本原理，这是一个很重要的课程。';
    const { extracted } = await readAndExtract(await file('笔记', iconv.encode(text, 'gb18030')));
    expect(extracted).toEqual({ ok: true, text, encoding: 'gb18030' });
  });

  it('reads UTF-16LE without a byte-order mark (was refused as binary)', async () => {
    const text = 'Quarterly notes\r\nThe budget was approved.\r\n';
    const { extracted } = await readAndExtract(await file('export.txt', Buffer.from(text, 'utf16le')));
    expect(extracted).toEqual({ ok: true, text, encoding: 'utf-16le' });
  });

  it.each([
    ['program.txt', ELF, 'binary file (ELF executable)'],
    ['picture.dat', PNG, 'binary file (PNG image)'],
    ['NOTES', Buffer.from([0x01, 0x02, 0x00, 0x03, 0x04, 0x05]), 'binary file (not text)'],
    ['archive.bin', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(30)]), 'binary file (zip archive)'],
  ])('skips %s as binary with its kind, even under a text name', async (name, bytes, reason) => {
    const { extracted } = await readAndExtract(await file(name, bytes));
    expect(extracted).toMatchObject({ ok: false, reason, issue: { code: 'binary' } });
  });

  it('reports a Word document wrapped in an OLE container as encrypted', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    const { extracted } = await readAndExtract(await file('secret.docx', ole));
    expect(extracted).toMatchObject({ ok: false, issue: { code: 'encrypted', params: { format: 'DOCX' } } });
  });

  it('reports an empty file as empty', async () => {
    expect((await readAndExtract(await file('EMPTY', ''))).extracted).toMatchObject({ ok: false, issue: { code: 'empty' } });
  });
});

describe('gzip-compressed files', () => {
  it('reads gzip-compressed text through (changelog.Debian.gz)', async () => {
    const text = 'sift (1.0-1) unstable; urgency=medium\n\n  * Initial release. Closes: #12345\n';
    const { extracted, hash } = await readAndExtract(await file('changelog.Debian.gz', gzipSync(text)));
    expect(extracted).toEqual({ ok: true, text, encoding: 'utf-8' });
    expect(hash).toMatch(/^[0-9a-f]{32}$/);
  });

  it('reads a compressed man page as text, without the troff markup', async () => {
    const page = '.\\" generated\n.TH GREP 1 "2023" "GNU grep"\n.SH NAME\ngrep \\- print lines that match patterns\n.SH DESCRIPTION\n\\fBgrep\\fR searches for \\fIPATTERNS\\fP in each \\fIFILE\\fR.\n.PP\nA second paragraph.\n';
    const { extracted } = await readAndExtract(await file('grep.1.gz', gzipSync(page)));
    expect(extracted.ok).toBe(true);
    const text = extracted.ok ? extracted.text : '';
    expect(text).toContain('grep - print lines that match patterns');
    expect(text).toContain('grep searches for PATTERNS in each FILE.');
    expect(text).not.toMatch(/\\f|\.TH|\.SH|generated/);
  });

  it('stops a gzip that inflates past the limit and skips it with the reason', async () => {
    // 64 MB of text in about 64 KB: inflation must stop at the 1 MB cap, not at the end.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 'all work and no play\n'), { level: 9 });
    expect(bomb.length).toBeLessThan(200 * 1024);
    const started = performance.now();
    const { extracted } = await readAndExtract(await file('bomb.log.gz', bomb), { maxBytes: 1024 * 1024 });
    expect(extracted).toEqual({ ok: false, reason: 'too large when decompressed (over 1.0 MB)', issue: { code: 'too-large-inflated', params: { limitMB: '1.0' } } });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('skips a compressed binary after its first bytes, naming what it holds', async () => {
    const tar = Buffer.alloc(1024);
    tar.write('notes.txt', 0);
    tar.write('ustar', 257);
    const { extracted } = await readAndExtract(await file('backup.tgz', gzipSync(tar)));
    expect(extracted).toMatchObject({ ok: false, reason: 'binary file (tar archive, gzip-compressed)', issue: { code: 'binary' } });
  });

  it('fails a truncated gzip with the reason', async () => {
    const whole = gzipSync('some text that will be cut short '.repeat(200));
    const { extracted } = await readAndExtract(await file('cut.txt.gz', whole.subarray(0, whole.length / 2)));
    expect(extracted).toMatchObject({ ok: false, issue: { code: 'parse-error', params: { format: 'gzip' } } });
  });
});

describe('only regular files are opened', () => {
  it('answers a named pipe at once as a special file (the watcher path used to hang on it)', async () => {
    const fifo = join(dir.path, 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    const started = performance.now();
    const { extracted } = await readAndExtract(fifo);
    expect(extracted).toEqual({ ok: false, reason: 'special file (named pipe), not read', issue: { code: 'special-file', params: { type: 'named pipe' } } });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('gzip-compressed PDF', () => {
  it('reads a PDF manual shipped as .pdf.gz through the PDF reader', async () => {
    const pdf = makePdf([['Nettle manual', 'A low-level cryptographic library.']]);
    const { extracted } = await readAndExtract(await file('nettle.pdf.gz', gzipSync(pdf)));
    expect(extracted).toEqual({ ok: true, text: 'Nettle manual\nA low-level cryptographic library.', encoding: 'pdf' });
  });
});
