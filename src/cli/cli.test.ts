// The real `sift` binary (bin/sift.js -> dist/), as a person runs it from a terminal.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../paths.js';
import { makeFixtureFolder, makeTempDir, type FixtureFolder } from '../test-support/fixture-folder.js';

const run = promisify(execFile);
const bin = join(packageRoot(), 'bin', 'sift.js');

async function sift(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let folder: FixtureFolder;
let db: Awaited<ReturnType<typeof makeTempDir>>;

let version: string;

beforeAll(async () => {
  version = (JSON.parse(await readFile(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  if (!existsSync(join(packageRoot(), 'dist', 'cli', 'main.js'))) throw new Error('Build the CLI first: npm run build:cli');
  folder = await makeFixtureFolder();
  await folder.write('notes/binary.txt', new Uint8Array([0, 1, 2, 3]));
  db = await makeTempDir('sift-cli-db-');
});

afterAll(async () => {
  await folder.remove();
  await db.remove();
});

describe('sift CLI', () => {
  it('index --json prints one JSON report; a second run embeds 0 chunks', async () => {
    const first = await sift('index', folder.root, '--db', db.path, '--json');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ filesScanned: 6, filesIndexed: 5, filesUnchanged: 0, chunksEmbedded: 5 });
    expect(report.filesSkipped).toEqual([{ path: folder.path('notes/binary.txt'), reason: 'binary file (not text)', code: 'binary', params: {} }]);
    expect(report.filesFailed).toEqual([]);
    expect(typeof report.seconds).toBe('number');
    const second = JSON.parse((await sift('index', folder.root, '--db', db.path, '--json')).stdout) as Record<string, unknown>;
    expect(second).toMatchObject({ filesIndexed: 0, filesUnchanged: 5, chunksEmbedded: 0 });
  });

  it('search --json prints exactly one JSON array of hits, best first', async () => {
    const result = await sift('search', 'baking a loaf of bread', '--db', db.path, '--limit', '3', '--json');
    expect(result.code).toBe(0);
    const hits = JSON.parse(result.stdout) as Array<{ path: string; score: number; snippet: string; relevance: number }>;
    expect(hits).toHaveLength(3);
    expect(hits[0]!.path).toBe(folder.path('kitchen/sourdough.txt'));
    expect(hits[0]!.score).toBeGreaterThanOrEqual(hits[1]!.score);
    expect(hits[0]!.snippet).toContain('Sourdough');
    // One relevance scale (src/api/relevance.ts): the answer is a good match, and every hit has one.
    expect(hits[0]!.relevance).toBeGreaterThanOrEqual(0.4);
    for (const hit of hits) expect(hit.relevance).toBeGreaterThanOrEqual(0);
  });

  it('search says when nothing is a good match, and prints each hit\'s relevance', async () => {
    const result = await sift('search', 'quantum chromodynamics lattice', '--db', db.path, '--limit', '3');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^No good match for "quantum chromodynamics lattice"; weaker matches:\n1\. /);
    expect(result.stdout).toMatch(/\(relevance 0\.\d\d weak\)/);
    const good = await sift('search', 'baking a loaf of bread', '--db', db.path, '--limit', '1');
    expect(good.stdout).toMatch(/^1\. .*sourdough\.txt:1 {2}\(relevance (0\.\d\d|1\.00) (strong|good)\)/);
  });

  it.each([
    { name: 'an empty query', args: ['search', ''], message: /Type something to search for/ },
    { name: 'a 10,000-character query', args: ['search', 'x'.repeat(10_000)], message: /at most 2000 characters/ },
    { name: 'a missing folder', args: ['index', '/no/such/folder'], message: /Folder not found: \/no\/such\/folder/ },
    { name: 'an unknown command', args: ['explode'], message: /Unknown command "explode"/ },
  ])('exits non-zero with a clear message for $name', async ({ args, message }) => {
    const result = await sift(...args, '--db', db.path);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('refuses a model file that is not a GGUF and keeps the index', async () => {
    const notModel = join(db.path, 'notes.gguf');
    await writeFile(notModel, 'plain text');
    const result = await sift('search', 'bread', '--db', db.path, '--model', notModel);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/"notes.gguf" is not a GGUF model file/);
    const again = await sift('search', 'bread', '--db', db.path, '--json');
    expect((JSON.parse(again.stdout) as unknown[]).length).toBeGreaterThan(0);
  });

  it('--help lists the commands with what they do and examples; each command has its own', async () => {
    const help = await sift('--help');
    expect(help.code).toBe(0);
    for (const command of ['index', 'search', 'serve', 'eval', 'bench']) expect(help.stdout).toMatch(new RegExp(`^  ${command}\\s+\\w`, 'm'));
    expect(help.stdout).toContain('Examples:');
    const search = await sift('search', '--help');
    expect(search.code).toBe(0);
    expect(search.stdout).toMatch(/--mode <mode>\s+hybrid/);
    expect(search.stdout).toMatch(/^\s+keyword\s+words only/m);
    expect(search.stdout).toContain('--type <ext,ext>');
    expect(search.stdout).toContain('sift search "invoice 2024" --mode keyword --type pdf');
    expect((await sift('index', '-h')).stdout).toContain('sift index ~/notes');
  });

  it('--version prints the version', async () => {
    const result = await sift('--version');
    expect(result).toMatchObject({ code: 0, stdout: `sift ${version}\n` });
  });

  it.each([
    { args: ['--type', 'xyz'], reason: 'sift: --type: no indexed file ends in .xyz; Sift reads md, txt, pdf, docx, html and other text files.' },
    { args: ['--type', 'x y'], reason: 'sift: --type takes file extensions such as md, txt, pdf, docx, html (got "x y").' },
    { args: ['--limit', '-3'], reason: 'sift: --limit must be a whole number from 1 to 200 (got "-3").' },
    { args: ['--mode', 'foo'], reason: 'sift: --mode must be one of hybrid, vector, keyword (got "foo").' },
  ])('search $args is refused with exit 2 and one line of reason', async ({ args, reason }) => {
    const result = await sift('search', 'bread', ...args, '--db', db.path);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`${reason}\nRun "sift search --help" for its options.\n`);
  });

  it.each([
    { args: ['search', 'bread', '--bogus'], reason: 'sift: Unknown option "--bogus".\nRun "sift search --help" for its options.\n' },
    {
      args: ['search', '-sourdough'],
      reason: 'sift: Unknown option "-sourdough". A query that starts with "-" goes last, after --: sift search -- "-sourdough"\nRun "sift search --help" for its options.\n',
    },
    { args: ['index', '.', '--recursive'], reason: 'sift: Unknown option "--recursive".\nRun "sift index --help" for its options.\n' },
    { args: ['search', 'bread', '--limit'], reason: 'sift: --limit needs a value.\nRun "sift search --help" for its options.\n' },
  ])('$args: node\'s parser refusal reads as one plain line', async ({ args, reason }) => {
    const result = await sift(...args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(reason);
  });

  it('eval and bench word an unknown option plainly too', async () => {
    for (const command of ['eval', 'bench']) {
      const result = await sift(command, '--bogus');
      expect(result.code).toBe(2);
      expect(result.stderr.split('\n')[0]).toBe(`sift ${command}: Unknown option "--bogus".`);
      expect(result.stderr).not.toContain('To specify a positional argument');
    }
  });

  it('a query that starts with a -word and holds a space is searched, the word left out', async () => {
    const result = await sift('search', '-sourdough baking bread flour', '--db', db.path, '--json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const hits = JSON.parse(result.stdout) as Array<{ path: string }>;
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.map((hit) => hit.path)).not.toContain(folder.path('kitchen/sourdough.txt'));
  });

  it('search on a data folder with nothing indexed says so and creates nothing', async () => {
    const fresh = await makeTempDir('sift-cli-fresh-');
    try {
      const dataDir = join(fresh.path, 'sift-data');
      const result = await sift('search', 'bread', '--db', dataDir);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^sift: nothing indexed yet in .*sift-data.index\. Add a folder first: sift index <folder>\n$/);
      expect(readdirSync(fresh.path)).toEqual([]);
      // An index that exists but holds nothing (an empty folder was indexed) says the same.
      const empty = join(fresh.path, 'empty');
      await mkdir(empty);
      expect((await sift('index', empty, '--db', dataDir)).code).toBe(0);
      const again = await sift('search', 'bread', '--db', dataDir);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/nothing indexed yet/);
    } finally {
      await fresh.remove();
    }
  });
});
