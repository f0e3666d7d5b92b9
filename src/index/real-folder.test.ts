// A folder shaped like a person's, written to disk here with the odd things real folders
// hold: text with no extension or an unusual one, GB18030 and BOM-less UTF-16, gzip text,
// binaries (one named .txt), a gzip bomb, an encrypted Word file, a named pipe, symbolic
// links (a loop, a broken one, one leaving the folder, one inside), a file name that is
// not UTF-8, hidden and dependency folders. Indexed by the real core (starter model,
// LanceDB in a temp folder): each text file is found by its content, each other entry is
// reported once with its reason, and a named pipe added to the watched folder blocks
// nothing.
import { execFileSync } from 'node:child_process';
import { stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core.js';
import { eventually, makeFixtureFolder, makeTempDir, type FixtureFolder } from '../test-support/fixture-folder.js';

const quiet = { log: () => undefined };

const TEXT_FILES: Record<string, { content: string | Uint8Array; query: string }> = {
  README: { content: 'Weather station setup: mount the anemometer on the roof and connect the rain gauge cable.\n', query: 'anemometer rain gauge weather station' },
  'projects/Makefile': { content: '# Build the telescope firmware\nfirmware: telescope.c\n\tcc -o telescope telescope.c\n', query: 'telescope firmware' },
  'notes/CHANGELOG': { content: 'Version 2 adds knitting patterns for wool scarves and sweaters.\n', query: 'knitting wool scarves' },
  'notes/journal.org': { content: '* Trip to the mountains\nWe hiked up the glacier and camped beside a frozen lake.\n', query: 'hiking on a glacier' },
  'notes/thesis.tex': { content: '\\section{Volcanoes}\nLava and magma erupt from volcanic craters.\n', query: 'volcano lava magma' },
  'data/birds.csv': { content: 'species,count\nrobin,12\nsparrow,30\nwoodpecker,4\n', query: 'robin sparrow woodpecker' },
  'config/chess.yaml': { content: 'chess:\n  opening: sicilian defence\n  endgame: rook and pawn\n', query: 'chess opening endgame' },
  'config/aquarium.conf': { content: '[aquarium]\nwater_temperature = 25\nfish = goldfish, guppies\n', query: 'aquarium goldfish' },
  'subs/movie.srt': { content: '1\n00:00:01,000 --> 00:00:04,000\nThe pirates buried their treasure on the island.\n', query: 'pirates buried treasure' },
  'export/dentist': { content: Buffer.from('Dentist appointment on Tuesday: bring the insurance card.\r\n', 'utf16le'), query: 'dentist appointment' },
  'logs/changelog.Debian.gz': { content: gzipSync('Fixed the bicycle tyre pressure calculation.\n'), query: 'bicycle tyre pressure' },
  '笔记': { content: iconv.encode('今天我们学习了神经网络和机器学习的基本原理。', 'gb18030'), query: '神经网络' },
};

const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(500)]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.alloc(64)]);
const OLE = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
const BAD_NAME = Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from('.txt')]); // Latin-1 "café.txt"

/** Every entry that is not indexed, with the code it must be reported with. */
const NOT_TEXT: Record<string, string> = {
  'bin/tool.txt': 'binary',
  'photos/cat.png': 'ocr-off',
  'downloads/archive.zip': 'binary',
  'logs/huge.log': 'too-large',
  'logs/bomb.log.gz': 'too-large-inflated',
  'empty.txt': 'empty',
  'secret.docx': 'encrypted',
  'pipe.txt': 'special-file',
  loop: 'link-loop',
  'broken-link': 'link-broken',
  'outside-link': 'link-outside',
  'readme-link': 'link-inside',
  'caf\uFFFD.txt': 'bad-name',
  '.cache': 'excluded',
  node_modules: 'excluded',
};

let folder: FixtureFolder;
let data: Awaited<ReturnType<typeof makeTempDir>>;
let core: Core;

beforeAll(async () => {
  folder = await makeFixtureFolder(Object.fromEntries(Object.entries(TEXT_FILES).map(([path, { content }]) => [path, content])));
  await folder.write('bin/tool.txt', ELF);
  await folder.write('photos/cat.png', PNG);
  await folder.write('downloads/archive.zip', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(60)]));
  await folder.write('logs/huge.log', 'a line of a very long log\n'.repeat(60_000)); // 1.5 MB, over the 1 MB limit
  await folder.write('logs/bomb.log.gz', gzipSync(Buffer.alloc(32 * 1024 * 1024, 'ha'), { level: 9 }));
  await folder.write('empty.txt', '');
  await folder.write('secret.docx', OLE);
  await folder.write('.cache/thumb.txt', 'cached');
  await folder.write('node_modules/pkg/readme.md', 'a dependency');
  execFileSync('mkfifo', [folder.path('pipe.txt')]);
  await symlink('loop', folder.path('loop'));
  await symlink('nowhere.txt', folder.path('broken-link'));
  await symlink('/etc/hostname', folder.path('outside-link'));
  await symlink('README', folder.path('readme-link'));
  await writeFile(Buffer.concat([Buffer.from(folder.root + '/'), BAD_NAME]), 'a note with a Latin-1 name');
  data = await makeTempDir();
  core = await createCore({ dataDir: data.path, logger: quiet, watch: true });
  // OCR has its own tests (ocr-pass.test.ts); here an image is one more file not read.
  await core.service.updateSettings({ maxFileMB: 1, ocr: false });
});

afterAll(async () => {
  await core.close();
  await folder.remove();
  await data.remove();
});

describe('a folder shaped like a person’s', () => {
  it('puts every entry in exactly one state, and every skipped or failed one has its reason', async () => {
    const report = await core.indexFolder(folder.root);
    expect(report.filesIndexed).toBe(Object.keys(TEXT_FILES).length);
    expect(report.filesFailed).toEqual([]);
    const skipped = Object.fromEntries(report.filesSkipped.map((issue) => [issue.path.slice(folder.root.length + 1), issue.code]));
    expect(skipped).toEqual(NOT_TEXT);
    for (const issue of report.filesSkipped) expect(issue.reason.length).toBeGreaterThan(5);
    expect(report.filesScanned).toBe(report.filesIndexed + report.filesUnchanged + report.filesSkipped.length + report.filesFailed.length);
    const [info] = await core.service.listFolders({});
    expect(info).toMatchObject({ filesIndexed: Object.keys(TEXT_FILES).length, filesSkipped: Object.keys(NOT_TEXT).length, filesFailed: 0 });
  });

  it.each(Object.entries(TEXT_FILES))('finds %s by its content', async (path, { query }) => {
    const { hits } = await core.service.search({ query, limit: 3 });
    expect(hits[0]?.path).toBe(folder.path(path));
  });

  it('reports the same states on the next pass without reading the skipped files again', async () => {
    const report = await core.indexFolder(folder.root);
    expect(report).toMatchObject({ filesIndexed: 0, filesUnchanged: Object.keys(TEXT_FILES).length, chunksEmbedded: 0, filesFailed: [] });
    expect(report.filesSkipped.map((issue) => issue.code).sort()).toEqual(Object.values(NOT_TEXT).sort());
  });

  it('a named pipe added to the watched folder blocks nothing: later files are indexed, the pipe is listed', async () => {
    await eventually(async () => (await core.service.listFolders({}))[0]?.state === 'watching');
    execFileSync('mkfifo', [folder.path('notes/another-pipe.txt')]);
    await folder.write('notes/later.txt', 'Beekeeping notes: the hive swarmed and the honey harvest was small.');
    await eventually(async () => (await core.service.search({ query: 'beekeeping honey hive', limit: 1 })).hits[0]?.path === folder.path('notes/later.txt'));
    const info = await eventually(async () => {
      const [current] = await core.service.listFolders({});
      return current?.skipped?.some((issue) => issue.path === folder.path('notes/another-pipe.txt')) && current;
    });
    expect(info.skipped!.find((issue) => issue.path === folder.path('notes/another-pipe.txt'))).toMatchObject({ code: 'special-file', params: { type: 'named pipe' } });
  });
});

describe('skipped and failed files are not read again until they change', () => {
  it('keeps their states from pass to pass without reading them, and reads them again once size or mtime change', async () => {
    const cut = gzipSync('words '.repeat(500));
    const dir = await makeFixtureFolder({ 'cut.txt.gz': cut.subarray(0, cut.length >> 1), 'tool.bin': ELF });
    const store = await makeTempDir();
    const local = await createCore({ dataDir: store.path, logger: quiet });
    // Whole seconds: a time set again later must equal the first to the nanosecond.
    const then = new Date(1_700_000_000_000);
    for (const name of ['cut.txt.gz', 'tool.bin']) await utimes(dir.path(name), then, then);
    try {
      const first = await local.indexFolder(dir.root);
      expect(first.filesFailed).toMatchObject([{ path: dir.path('cut.txt.gz'), code: 'parse-error' }]);
      expect(first.filesSkipped).toMatchObject([{ path: dir.path('tool.bin'), code: 'binary' }]);
      // New bytes of the same size under the old mtime: a pass that re-read them would
      // index them; one that trusts the stored state reports the old reasons.
      await writeFile(dir.path('cut.txt.gz'), 'lemon cake '.repeat(100).slice(0, cut.length >> 1));
      await writeFile(dir.path('tool.bin'), 'apple pie '.repeat(100).slice(0, ELF.length));
      for (const name of ['cut.txt.gz', 'tool.bin']) await utimes(dir.path(name), then, then);
      expect((await stat(dir.path('tool.bin'))).size).toBe(ELF.length);
      const second = await local.indexFolder(dir.root);
      expect(second).toMatchObject({ filesIndexed: 0, filesFailed: first.filesFailed, filesSkipped: first.filesSkipped });
      const later = new Date(Date.now() + 5000);
      await utimes(dir.path('cut.txt.gz'), later, later);
      await utimes(dir.path('tool.bin'), later, later);
      const third = await local.indexFolder(dir.root);
      expect(third).toMatchObject({ filesIndexed: 2, filesFailed: [], filesSkipped: [] });
    } finally {
      await local.close();
      await dir.remove();
      await store.remove();
    }
  });
});
