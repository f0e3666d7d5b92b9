// A query that is a file's name finds that file first: the rules as a table, then end to
// end through the core (real files, the starter model, LanceDB in a temp folder), where a
// changelog that repeats the names in its text outranked the named files before.
import { describe, expect, it } from 'vitest';
import { useIndexedCore } from '../test-support/indexed-core.js';
import { isNamed, nameQuery } from './name-match.js';
import { parseQuery } from './query-syntax.js';

describe('nameQuery', () => {
  it.each([
    ['GPL-3', 'gpl-3'],
    ['git-subtree', 'git-subtree'],
    ['"git-subtree"', 'git-subtree'],
    ['菜谱', '菜谱'],
    ['会议记录.md', '会议记录.md'],
    ['meeting notes.md', 'meeting notes.md'],
    ['how do I undo the last commit', undefined],
    ['license -GPL', undefined],
    ['ab', undefined],
    ['docs/readme', undefined],
  ])('%s -> %s', (query, expected) => {
    expect(nameQuery(parseQuery(query))).toBe(expected);
  });
});

describe('isNamed', () => {
  it.each([
    ['/usr/share/common-licenses/GPL-3', 'gpl-3', true],
    ['/a/git-subtree.txt', 'git-subtree', true],
    ['/a/git-subtree', 'git-subtree', true],
    ['C:\\notes\\菜谱.txt', '菜谱', true],
    ['/a/GPL-3.0.txt', 'gpl-3', false],
    ['/a/legit-subtree.txt', 'git-subtree', false],
    ['/git-subtree/readme.md', 'git-subtree', false],
  ])('%s is named %s: %s', (path, name, expected) => {
    expect(isNamed(path, name)).toBe(expected);
  });
});

// Every name below is repeated, many times, in the changelog's text; the named files
// hardly say their own names.
const CHANGELOG = Array.from(
  { length: 40 },
  (_, i) => `Release ${i}: updated GPL-3 notices, git-subtree fixes, the 菜谱 page and the notes about license text and recipes.`,
).join('\n');

const FILES: Record<string, string> = {
  'doc/changelog.txt': CHANGELOG,
  'licenses/GPL-3': 'GNU General Public License, version 3. Everyone is permitted to copy and distribute verbatim copies.',
  'tools/git-subtree.txt': 'Merge subtrees together and split a repository into subtrees.',
  'zh/菜谱.txt': '红烧肉的做法：五花肉切块，焯水，炒糖色，小火炖一个小时。',
  'zh/旅行.txt': '杭州三日游：西湖、灵隐寺、龙井村。菜谱见另一个文件。',
};

describe('a query that is a file name, through the core', () => {
  const indexed = useIndexedCore(FILES);
  const { search, rel } = indexed;

  it.each([
    ['hybrid', 'GPL-3', 'licenses/GPL-3'],
    ['keyword', 'GPL-3', 'licenses/GPL-3'],
    ['hybrid', 'git-subtree', 'tools/git-subtree.txt'],
    ['hybrid', '"git-subtree"', 'tools/git-subtree.txt'],
    ['hybrid', 'git-subtree.txt', 'tools/git-subtree.txt'],
    ['hybrid', '菜谱', 'zh/菜谱.txt'],
    ['keyword', '菜谱.txt', 'zh/菜谱.txt'],
  ] as const)('%s "%s" finds %s first, as a strong match', async (mode, query, expected) => {
    const { hits } = await search(query, { mode });
    expect(rel(hits[0]!.path)).toBe(expected);
    expect(hits[0]!.relevance).toBeGreaterThanOrEqual(0.7);
    // Once: the named file is not listed again further down.
    expect(hits.filter((hit) => hit.path === hits[0]!.path)).toHaveLength(1);
  });

  it('leaves the filters and sentences alone', async () => {
    const otherFolder = await search('GPL-3', { folder: indexed.folder.path('doc') });
    expect(otherFolder.hits.map((hit) => rel(hit.path))).not.toContain('licenses/GPL-3');
    const txtOnly = await search('GPL-3', { fileTypes: ['txt'] });
    expect(txtOnly.hits.map((hit) => rel(hit.path))).not.toContain('licenses/GPL-3');
    const sentence = await search('GPL-3 notices');
    expect(rel(sentence.hits[0]!.path)).toBe('doc/changelog.txt');
  });
});
