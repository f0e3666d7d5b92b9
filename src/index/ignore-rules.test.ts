import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/fixture-folder.js';
import { IgnoreRules, isSystemFolder, parseGitignoreLine } from './ignore-rules.js';
import { scanFolder } from './scan-folder.js';

describe('parseGitignoreLine', () => {
  it.each([
    ['*.log', 'a/b/debug.log', true],
    ['*.log', 'debug.log.txt', false],
    ['/build', 'build', true],
    ['/build', 'src/build', false],
    ['build', 'src/build', true],
    ['docs/*.md', 'docs/a.md', true],
    ['docs/*.md', 'docs/x/a.md', false],
    ['**/secret', 'a/b/secret', true],
    ['a/**/z.txt', 'a/z.txt', true],
    ['a/**/z.txt', 'a/b/c/z.txt', true],
    ['file?.txt', 'file1.txt', true],
    ['[ab].txt', 'b.txt', true],
    ['[!ab].txt', 'b.txt', false],
  ])('%s matches %s: %s', (pattern, path, expected) => {
    expect(parseGitignoreLine(pattern)!.regex.test(path)).toBe(expected);
  });

  it.each(['', '   ', '# comment'])('skips %j', (line) => {
    expect(parseGitignoreLine(line)).toBeUndefined();
  });
});

describe('IgnoreRules with real .gitignore files', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    dir = await makeTempDir('sift-ignore-');
    const files: Record<string, string> = {
      '.gitignore': '*.log\nbuild/\n!keep.log\n/drafts\n',
      'notes/a.md': 'a',
      'notes/debug.log': 'x',
      'notes/keep.log': 'x',
      'notes/.gitignore': 'private.txt\n',
      'notes/private.txt': 'x',
      'other/private.txt': 'x',
      'build/out.txt': 'x',
      'drafts/d.txt': 'x',
      'notes/drafts/d.txt': 'x',
      'node_modules/pkg/readme.md': 'x',
      '.hidden/h.txt': 'x',
    };
    for (const [rel, text] of Object.entries(files)) {
      await mkdir(join(dir.path, rel, '..'), { recursive: true });
      await writeFile(join(dir.path, rel), text);
    }
  });
  afterAll(() => dir.remove());

  it('scans only what git would keep, and lists each excluded entry with its rule', async () => {
    const { files, skipped, failed } = await scanFolder(dir.path);
    const rel = (path: string) => path.slice(dir.path.length + 1);
    expect(files.map(rel)).toEqual(['notes/a.md', 'notes/drafts/d.txt', 'notes/keep.log', 'other/private.txt']);
    expect(skipped.map((issue) => [rel(issue.path), issue.code, issue.params?.rule])).toEqual([
      ['.gitignore', 'excluded', 'hidden'],
      ['.hidden', 'excluded', 'hidden'],
      ['build', 'excluded', 'pattern'],
      ['drafts', 'excluded', 'pattern'],
      ['node_modules', 'excluded', 'folder-name'],
      ['notes/.gitignore', 'excluded', 'hidden'],
      ['notes/debug.log', 'excluded', 'pattern'],
      ['notes/private.txt', 'excluded', 'pattern'],
    ]);
    expect(failed).toEqual([]);
  });

  it('skips the system folders under an added / (Linux), whatever the rules', () => {
    const rules = new IgnoreRules('/');
    expect(['/proc', '/proc/1/mem', '/sys/kernel', '/dev/zero', '/run/user'].map((path) => rules.why(path, true))).toEqual(Array(5).fill(isSystemFolder('/proc') ? 'folder-name' : undefined));
    expect(rules.why('/usr/share/doc', true)).toBeUndefined();
    expect(rules.why('/procedures', true)).toBeUndefined();
    expect(isSystemFolder('/proc', 'darwin')).toBe(false);
    expect(isSystemFolder('/proc', 'linux')).toBe(true);
  });

  it('answers single paths the same way (the watcher asks one at a time)', () => {
    const rules = new IgnoreRules(dir.path);
    expect(rules.ignores(join(dir.path, 'build'), true)).toBe(true);
    expect(rules.ignores(join(dir.path, 'build', 'new.txt'), false)).toBe(true);
    expect(rules.ignores(join(dir.path, 'notes', 'new.md'), false)).toBe(false);
    expect(rules.ignores(join(dir.path, 'notes', 'private.txt'), false)).toBe(true);
  });
});
