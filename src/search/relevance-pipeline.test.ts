// The relevance scale and the query syntax end to end with real parts: files on disk, the
// core's indexing pipeline, the bundled GloVe starter model through node-llama-cpp and
// LanceDB in a temp folder.
import { describe, expect, it } from 'vitest';
import { RELEVANCE_CUTOFF } from '../api/relevance.js';
import { startHttpServer, type RunningServer } from '../server/http-server.js';
import { TOPIC_DOCUMENTS } from '../test-support/fixture-folder.js';
import { useIndexedCore } from '../test-support/indexed-core.js';

const quiet = { log: () => undefined };

const FILES: Record<string, string> = {
  ...TOPIC_DOCUMENTS,
  'legal/license.txt': 'Permission is hereby granted, free of charge, under the MIT license. The license notice shall be included in all copies of the software.',
  'notes/travel.txt': 'Trip to Lisbon in May: book the train to Porto, pack light clothes and a rain jacket, and try the custard tarts near the river.',
  'notes/groceries.txt': 'Shopping list for the weekend: apples, oat milk, rice, tomatoes, a bag of coffee beans and dish soap.',
  'notes/sticky.txt': 'The password I had forgotten was written on a sticky note under the keyboard.',
  'zh/神经网络.txt': '深度学习中的神经网络通过反向传播算法训练，逐层调整连接权重。',
  'zh/网络安全.txt': '网络安全需要防火墙和加密通信；神经科学研究大脑。',
  // A folder whose every file holds the same words: BM25 finds them common there.
  ...Object.fromEntries(
    Array.from({ length: 40 }, (_, i) => [
      `stock/stock-${i}.txt`,
      `Warehouse stock report ${i}: shelf ${i} holds ${i * 7} boxes. Reorder when the inventory count falls under ${i % 9} boxes.`,
    ]),
  ),
};

describe('relevance and query syntax through the core', () => {
  const indexed = useIndexedCore(FILES, { limit: 20 });
  const { search, rel } = indexed;
  const files = async (query: string, more: Parameters<typeof search>[1] = {}) => (await search(query, more)).hits.map((h) => rel(h.path));

  it('gives every hit and passage a relevance in 0..1', async () => {
    for (const mode of ['hybrid', 'vector', 'keyword']) {
      const { hits } = await search('forgotten password', { mode });
      expect(hits.length).toBeGreaterThan(0);
      for (const hit of hits) {
        expect(hit.relevance).toBeGreaterThanOrEqual(0);
        expect(hit.relevance).toBeLessThanOrEqual(1);
        expect(hit.relevance).toBe(Math.max(...hit.passages.map((p) => p.relevance)));
      }
    }
  });

  it.each(['forgotten password', 'sourdough bread', 'marathon training', 'license', '神经网络'])('a good query "%s" has a good match', async (query) => {
    const { hits } = await search(query);
    expect(hits[0]!.relevance).toBeGreaterThanOrEqual(RELEVANCE_CUTOFF);
  });

  it.each(['quantum chromodynamics lattice', 'medieval castle architecture', 'jazz saxophone improvisation'])('an unrelated query "%s" has no good match', async (query) => {
    const { hits } = await search(query);
    for (const hit of hits) expect(hit.relevance).toBeLessThan(RELEVANCE_CUTOFF);
  });

  it('keeps a hit\'s relevance when filters remove the other hits ("license" in a notes folder)', async () => {
    const all = await search('license');
    const notes = await search('license', { folder: indexed.folder.path('notes') });
    expect(notes.hits.length).toBeGreaterThan(0);
    // The best of the notes is not about licences, and says so instead of showing 1.00.
    for (const hit of notes.hits) expect(hit.relevance).toBeLessThan(RELEVANCE_CUTOFF);
    const before = new Map(all.hits.map((h) => [h.path, h.relevance]));
    for (const hit of notes.hits) if (before.has(hit.path)) expect(hit.relevance).toBe(before.get(hit.path));
    const legal = await search('license', { folder: indexed.folder.path('legal') });
    expect(legal.hits[0]!.relevance).toBe(before.get(indexed.folder.path('legal/license.txt')));
  });

  it.each(['keyword', 'hybrid'] as const)('passages holding every word are good matches even where every file holds them (%s)', async (mode) => {
    const { hits } = await search('warehouse inventory reorder', { mode, folder: indexed.folder.path('stock') });
    expect(hits).toHaveLength(20);
    for (const hit of hits) expect(hit.relevance).toBeGreaterThanOrEqual(RELEVANCE_CUTOFF);
    // Half the words of a longer query is not enough on words alone.
    const partial = await search('warehouse inventory lighthouse foghorn', { mode: 'keyword', folder: indexed.folder.path('stock') });
    for (const hit of partial.hits) expect(hit.relevance).toBeLessThan(RELEVANCE_CUTOFF);
  });

  it.each([
    ['keyword', 'sourdugh', 'kitchen/sourdough.txt'],
    ['hybrid', 'sourdugh bread', 'kitchen/sourdough.txt'],
    ['keyword', 'pasword', 'account/password-reset.md'],
    ['keyword', 'marathn', 'sport/marathon.txt'],
    // Two edits from the word, or from its stem ("licenze" -> "licens", which LanceDB's
    // fuzzy match compares with), in a 6- or 7-letter word: one edit found nothing.
    ['keyword', 'licenze', 'legal/license.txt'],
    ['keyword', 'custrad', 'notes/travel.txt'],
    ['hybrid', 'licenze', 'legal/license.txt'],
  ] as const)('forgives a typo: %s "%s" finds %s', async (mode, query, expected) => {
    const found = await files(query, { mode });
    expect(found).toContain(expected);
  });

  it('forgives typos in words with a non-ASCII first letter without breaking search', async () => {
    // LanceDB 0.31 panics on a fuzzy prefix that ends inside a multi-byte letter.
    for (const mode of ['keyword', 'hybrid'] as const) await expect(search('écolle 数据库', { mode })).resolves.toBeDefined();
  });

  it('a typo match counts less than the word itself', async () => {
    const [typo] = (await search('pasword', { mode: 'keyword' })).hits;
    const [exact] = (await search('password', { mode: 'keyword' })).hits;
    expect(typo!.relevance).toBeLessThan(exact!.relevance);
    expect(typo!.relevance).toBeGreaterThan(0);
  });

  it.each(['keyword', 'hybrid', 'vector'] as const)('a quoted phrase requires its words next to each other (%s)', async (mode) => {
    // Both files hold "forgotten" and "password"; only one holds them side by side.
    expect(await files('forgotten password', { mode: 'keyword' })).toEqual(expect.arrayContaining(['account/password-reset.md', 'notes/sticky.txt']));
    const found = await files('"forgotten password"', { mode });
    expect(found).toContain('account/password-reset.md');
    expect(found).not.toContain('notes/sticky.txt');
    expect(await files('"password forgotten"', { mode })).toEqual([]);
  });

  it('a Chinese phrase requires adjacency too', async () => {
    // Both hold 神经 and 网络; only one holds 神经网络.
    expect(await files('神经 网络', { mode: 'keyword' })).toEqual(expect.arrayContaining(['zh/神经网络.txt', 'zh/网络安全.txt']));
    expect(await files('"神经网络"', { mode: 'keyword' })).toEqual(['zh/神经网络.txt']);
    expect(await files('“神经网络”')).toEqual(['zh/神经网络.txt']);
  });

  it.each(['keyword', 'hybrid', 'vector'] as const)('-word excludes and +word requires (%s)', async (mode) => {
    const plain = await files('password', { mode });
    expect(plain).toEqual(expect.arrayContaining(['account/password-reset.md', 'notes/sticky.txt']));
    const without = await files('password -sticky', { mode });
    expect(without).toContain('account/password-reset.md');
    expect(without).not.toContain('notes/sticky.txt');
    const required = await files('password +keyboard', { mode });
    expect(required).toEqual(['notes/sticky.txt']);
    expect(await files('神经网络 -防火墙', { mode: 'keyword' })).toEqual(['zh/神经网络.txt']);
  });

  it('POST /v1/search carries the same relevance on every hit and passage', async () => {
    const token = 'relevance-token-0123456789';
    const server: RunningServer = await startHttpServer({
      service: indexed.core.service,
      port: 0,
      logger: quiet,
      openai: { embedder: indexed.core.embedder, token, search: (request) => indexed.core.service.search(request) },
    });
    try {
      const post = async (query: string) => {
        const response = await fetch(`${server.url}/v1/search`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ query, limit: 5 }),
        });
        expect(response.status).toBe(200);
        return ((await response.json()) as { hits: Array<{ path: string; relevance: number; passages: Array<{ relevance: number }> }> }).hits;
      };
      const good = await post('sourdough bread');
      expect(rel(good[0]!.path)).toBe('kitchen/sourdough.txt');
      expect(good[0]!.relevance).toBe((await search('sourdough bread', { limit: 5 })).hits[0]!.relevance);
      expect(good[0]!.relevance).toBeGreaterThanOrEqual(RELEVANCE_CUTOFF);
      for (const hit of good) for (const p of hit.passages) expect(p.relevance).toBeLessThanOrEqual(hit.relevance);
      const unrelated = await post('quantum chromodynamics lattice');
      expect(unrelated.every((hit) => hit.relevance < RELEVANCE_CUTOFF)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('odd syntax falls back to words, never an error', async () => {
    for (const query of ['"unclosed password', '-', '+ -', '-password', '""', '+the', '「']) {
      await expect(search(query)).resolves.toBeDefined();
    }
    expect(await files('"unclosed password', { mode: 'keyword' })).toContain('account/password-reset.md');
  });
});
