// Search end to end with real parts: files on disk, the core's indexing pipeline, the
// bundled starter model through node-llama-cpp, LanceDB in a temp folder.
import { readFile, utimes } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { TOPIC_DOCUMENTS } from '../test-support/fixture-folder.js';
import { useIndexedCore } from '../test-support/indexed-core.js';

// A long file whose sections are separate chunks; three of them are about passwords.
const HANDBOOK = [
  '# Team handbook',
  '',
  ...['Passwords', 'Holidays', 'Password managers', 'Expenses', 'Password rotation', 'Parking'].flatMap((title, i) => [
    `## ${title}`,
    '',
    ...Array.from({ length: 14 }, (_, j) =>
      title.toLowerCase().startsWith('password')
        ? `Rule ${i}.${j}: a strong password is long; never reuse a password, store every password in the manager, and reset it after a leak.`
        : `Note ${i}.${j}: ${title.toLowerCase()} are planned with the office manager one month ahead, with the calendar shared by the team.`,
    ),
    '',
  ]),
].join('\n');

const FILES: Record<string, string> = {
  ...TOPIC_DOCUMENTS,
  'handbook/team-handbook.md': HANDBOOK,
  'zh/神经网络.txt': '深度学习中的神经网络通过反向传播算法训练，逐层调整连接权重。',
  'zh/河岸.txt': '傍晚我们沿着河岸散步，看见对岸银行的大楼倒映在水里。',
  'old/ledger-2019.txt': 'The 2019 ledger: quarterly income tax payments and receipts, archived.',
};

describe('SearchService through the core', () => {
  const indexed = useIndexedCore(FILES, {
    beforeIndex: async (folder) => {
      const old = new Date('2019-06-01T00:00:00Z');
      await utimes(folder.path('old/ledger-2019.txt'), old, old);
    },
  });
  const { search, rel } = indexed;

  it.each([
    ['hybrid', 'forgotten password', 'account/password-reset.md'],
    ['vector', 'how can I recover access to my account', 'account/password-reset.md'],
    ['keyword', 'sourdough', 'kitchen/sourdough.txt'],
    ['hybrid', 'marathon', 'sport/marathon.txt'],
    ['keyword', '神经网络', 'zh/神经网络.txt'],
    // The starter model knows no Chinese (the query embeds to zero): hybrid falls back to words.
    ['hybrid', '神经网络', 'zh/神经网络.txt'],
    ['hybrid', '河岸', 'zh/河岸.txt'],
  ] as const)('%s "%s" finds %s first', async (mode, query, expected) => {
    const result = await search(query, { mode });
    expect(result.mode).toBe(mode);
    expect(rel(result.hits[0]!.path)).toBe(expected);
    for (const hit of result.hits) expect(Number.isFinite(hit.score)).toBe(true);
  });

  it('scores by mode: cosine for vector, BM25 for keyword, fused (0, 1] for hybrid', async () => {
    const vector = await search('password reset', { mode: 'vector' });
    const keyword = await search('password reset', { mode: 'keyword' });
    const hybrid = await search('password reset', { mode: 'hybrid' });
    expect(vector.hits[0]!.score).toBeLessThanOrEqual(1);
    expect(keyword.hits[0]!.score).toBeGreaterThan(0);
    expect(hybrid.hits[0]!.score).toBeGreaterThan(0);
    expect(hybrid.hits[0]!.score).toBeLessThanOrEqual(1);
    for (const { hits } of [vector, keyword, hybrid]) {
      for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
    }
  });

  it('groups passages by file: up to three, best first, with the right line numbers', async () => {
    const { hits } = await search('password', { mode: 'keyword' });
    const handbook = hits.find((hit) => hit.fileName === 'team-handbook.md')!;
    expect(hits.filter((hit) => hit.fileName === 'team-handbook.md')).toHaveLength(1);
    expect(handbook.passages.length).toBe(3);
    expect(handbook.passages[0]).toMatchObject({ snippet: handbook.snippet, line: handbook.line, score: handbook.score });
    const lines = (await readFile(handbook.path, 'utf8')).split('\n');
    for (const passage of handbook.passages) {
      expect(passage.highlights.length).toBeGreaterThan(0);
      for (const [start, end] of passage.highlights) expect(passage.snippet.slice(start, end).toLowerCase()).toMatch(/^password/);
      // The snippet's first whole word is on the line the passage names.
      const firstWord = passage.snippet.replace(/^…/, '').trim().split(/\s+/)[0]!;
      expect(lines[passage.line - 1]).toContain(firstWord);
    }
  });

  it('pages with offset, without repeating files, and says when there is more', async () => {
    const query = 'planning a weekend';
    const first = await search(query, { mode: 'vector', limit: 3 });
    const second = await search(query, { mode: 'vector', limit: 3, offset: 3 });
    const all = await search(query, { mode: 'vector', limit: 6 });
    expect(first.hasMore).toBe(true);
    expect([...first.hits, ...second.hits].map((h) => h.path)).toEqual(all.hits.map((h) => h.path));
    const last = await search(query, { mode: 'vector', limit: 5, offset: 100 });
    expect(last).toMatchObject({ hits: [], hasMore: false });
  });

  // The starter model gives Chinese text zero vectors: vector search never returns those
  // chunks, so in vector mode the expected set leaves them out.
  const ALL = Object.keys(FILES);
  const noZh = (paths: string[]) => paths.filter((path) => !path.startsWith('zh/'));
  it.each([
    [{ folder: 'zh' }, ['zh/神经网络.txt', 'zh/河岸.txt']],
    [{ fileTypes: ['md'] }, ['account/password-reset.md', 'garden/houseplants.md', 'handbook/team-handbook.md']],
    [{ fileTypes: ['.TXT'], folder: 'old' }, ['old/ledger-2019.txt']],
    [{ modifiedAfter: Date.parse('2020-01-01') }, ALL.filter((path) => path !== 'old/ledger-2019.txt')],
    [{ modifiedAfter: Date.now() + 86_400_000 }, []],
  ] as const)('filters %j', async (filters, expected) => {
    const request = { ...filters, ...('folder' in filters ? { folder: indexed.folder.path(filters.folder) } : {}) };
    for (const mode of ['hybrid', 'vector', 'keyword'] as const) {
      const query = mode === 'keyword' ? 'tax password 神经网络 河岸 soil ledger' : 'tax records';
      const { hits } = await search(query, { ...request, mode, limit: 20 });
      const paths = hits.map((hit) => rel(hit.path)).sort();
      // Vector search ranks every chunk that has a direction: exactly the filtered files.
      if (mode === 'vector') expect(paths).toEqual(noZh([...expected]).sort());
      else for (const path of paths) expect(expected).toContain(path);
    }
  });

  it('finds a file written after the last index upkeep at once, in every mode', async () => {
    await indexed.folder.write('new/kayak.txt', 'Kayak paddling technique: rotate the torso, keep the blade close to the hull.');
    await indexed.core.indexFolder(indexed.folder.root);
    // No settleIndexes(): the new chunk is not in the full-text index yet.
    for (const mode of ['hybrid', 'vector', 'keyword'] as const) {
      const { hits } = await search('kayak paddling', { mode });
      expect(rel(hits[0]!.path)).toBe('new/kayak.txt');
    }
  });

  it('keeps working when the query has no searchable words', async () => {
    for (const mode of ['hybrid', 'vector', 'keyword'] as const) {
      await expect(search('the of and', { mode })).resolves.toMatchObject({ hits: [] });
    }
  });

  it('rejects a bad mode or paging at the contract', async () => {
    await expect(indexed.core.service.search({ query: 'x', mode: 'fuzzy' as 'hybrid' })).rejects.toThrow();
    await expect(indexed.core.service.search({ query: 'x', offset: -1 })).rejects.toThrow();
  });
});
