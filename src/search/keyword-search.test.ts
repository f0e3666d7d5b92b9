// The full-text side on a real LanceDB table: Chinese by ICU word segmentation, English
// stemming, rows written after the index was built, and the upkeep that folds them in.
import * as lancedb from '@lancedb/lancedb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChunkStore, type ChunkRow, type FileRow } from '../index/chunk-store.js';
import { makeTempDir } from '../test-support/fixture-folder.js';

const DIMS = 8;

function file(path: string, texts: string[]): { file: FileRow; rows: ChunkRow[] } {
  const rows = texts.map((text, chunk) => {
    const vector = new Float32Array(DIMS);
    vector[(path.length + chunk) % DIMS] = 1;
    return {
      id: `${path}#${chunk}`,
      path,
      folder: '/docs',
      chunk,
      char_start: 0,
      char_end: text.length,
      line_no: 1 + chunk,
      text,
      chunk_hash: `${path}#${chunk}:${text.length}`,
      vector,
    };
  });
  return {
    file: { path, folder: '/docs', size: 100, mtime_ms: 1, hash: path, chunks: rows.length, status: 'done', error: '' },
    rows,
  };
}

const CHINESE = [
  file('/docs/dl.txt', ['深度学习中的神经网络通过反向传播算法训练，逐层调整权重。']),
  file('/docs/bio.txt', ['神经系统由大脑、脊髓和神经纤维组成，负责传递信号。']),
  file('/docs/net.txt', ['网络安全需要防火墙、入侵检测和加密通信。']),
  file('/docs/bank.txt', ['他在河岸边散步，看见对岸银行的大楼倒映在水里。']),
];
const ENGLISH = [
  file('/docs/password.md', ['To reset a forgotten password, choose "Forgot password" on the sign-in page.']),
  file('/docs/bread.md', ['Sourdough bread needs a lively starter and a long, slow rise.']),
  file('/docs/gpl-2.txt', ['GNU GENERAL PUBLIC LICENSE Version 2, June 1991']),
  file('/docs/gpl-3.txt', ['GNU GENERAL PUBLIC LICENSE Version 3, 29 June 2007']),
];

describe('keyword search on a real LanceDB table', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let store: ChunkStore;
  const paths = async (query: string, limit = 10) => (await store.keywordSearch(query, limit)).map((m) => m.row.path);

  beforeAll(async () => {
    dir = await makeTempDir();
    store = await ChunkStore.open(dir.path, 'kw_d8', DIMS);
    await store.replaceFiles([...CHINESE, ...ENGLISH]);
    expect(await store.keywordSearch('神经网络', 5)).toEqual([]); // no index yet: nothing, no error
    await store.ensureTextIndex();
  });

  afterAll(async () => {
    store.close();
    await dir.remove();
  });

  it.each([
    ['神经网络', '/docs/dl.txt'],
    ['反向传播', '/docs/dl.txt'],
    ['神经系统', '/docs/bio.txt'],
    ['防火墙', '/docs/net.txt'],
    ['银行', '/docs/bank.txt'],
    ['河岸', '/docs/bank.txt'],
    ['reset password', '/docs/password.md'],
    ['passwords', '/docs/password.md'], // stemmed
    ['SOURDOUGH', '/docs/bread.md'], // lower-cased
    // Numbers are words too: LanceDB's English stop list would drop "3" and "2".
    ['GNU general public license version 3', '/docs/gpl-3.txt'],
    ['GNU general public license version 2', '/docs/gpl-2.txt'],
    ['2007', '/docs/gpl-3.txt'],
  ])('"%s" finds %s first', async (query, expected) => {
    expect((await paths(query))[0]).toBe(expected);
  });

  it('ranks the neural-network passage above passages that share only 神经 or 网络', async () => {
    const matches = await store.keywordSearch('神经网络', 10);
    expect(matches[0]!.row.path).toBe('/docs/dl.txt');
    expect(matches.map((m) => m.row.path)).toContain('/docs/bio.txt');
    for (let i = 1; i < matches.length; i++) expect(matches[i - 1]!.score).toBeGreaterThanOrEqual(matches[i]!.score);
  });

  it('finds nothing for words no chunk has, and survives query syntax characters', async () => {
    expect(await paths('量子纠缠')).toEqual([]);
    for (const query of ['"unbalanced', 'a AND (b OR', 'c++ -x +y', 'title:foo', '*', '\\']) {
      await expect(store.keywordSearch(query, 5)).resolves.toBeInstanceOf(Array);
    }
  });

  it('applies a filter before ranking', async () => {
    const matches = await store.keywordSearch('神经', 10, "path = '/docs/bio.txt'");
    expect(matches.map((m) => m.row.path)).toEqual(['/docs/bio.txt']);
  });

  it('finds rows written after the index was built, ranked by score, before any upkeep', async () => {
    // More matching rows than the limit, the best one written last: ranked with the rest.
    const filler = Array.from({ length: 30 }, (_, i) => file(`/docs/new/filler-${i}.txt`, [`第${i}号会议纪要：讨论预算和神经科学讲座的安排。`]));
    const best = file('/docs/new/zz-best.txt', ['卷积神经网络和循环神经网络都是神经网络：神经网络的训练需要大量数据。']);
    await store.replaceFiles([...filler, best]);
    const state = await store.indexState();
    expect(state.text?.unindexed).toBe(31);
    const top = await store.keywordSearch('神经网络', 3);
    expect(top[0]!.row.path).toBe('/docs/new/zz-best.txt');
    expect(top.map((m) => m.row.path)).toContain('/docs/dl.txt');
  });

  it('asks the index alone whether it holds a word: one only new rows hold reads as missing until optimised', async () => {
    expect(await store.holdsTerm('反向传播')).toBe(true);
    // 卷积 is only in zz-best.txt, written after the index was built (not yet folded in).
    expect(await store.holdsTerm('卷积')).toBe(false);
    expect((await store.keywordSearch('卷积', 5))[0]?.row.path).toBe('/docs/new/zz-best.txt');
  });

  it('skips unindexed rows beyond maxUnindexed, and finds them again once optimised', async () => {
    expect(await store.holdsTerm('卷积')).toBe(false);
    expect((await store.keywordSearch('卷积', 5, undefined, 10)).length).toBe(0);
    await store.optimizeChunkIndexes();
    const state = await store.indexState();
    expect(state.text).toMatchObject({ unindexed: 0 });
    expect((await store.keywordSearch('卷积', 5, undefined, 10))[0]?.row.path).toBe('/docs/new/zz-best.txt');
    expect(await store.holdsTerm('卷积')).toBe(true);
  });

  it('forgets replaced and removed files', async () => {
    await store.replaceFiles([file('/docs/new/zz-best.txt', ['这份文件现在只讲烹饪。'])]);
    expect(await paths('卷积')).toEqual([]);
    expect((await paths('烹饪'))[0]).toBe('/docs/new/zz-best.txt');
    await store.removeFile('/docs/new/zz-best.txt');
    expect(await paths('烹饪')).toEqual([]);
  });
});

describe('LanceDB 0.31: a full-text index built over no rows', () => {
  // Why ChunkStore.ensureTextIndex waits for the first rows. If the raw check starts
  // failing after a LanceDB upgrade, the guard can go.
  it('misses words in rows added after it; the store does not build one on an empty table', async () => {
    const dir = await makeTempDir();
    const store = await ChunkStore.open(dir.path, 'empty_d8', DIMS);
    const rows = [file('/e/a.txt', ['神经网络，神经网络，卷积神经网络。'])];
    try {
      const db = await lancedb.connect(dir.path);
      const raw = await db.createTable('raw', [{ id: 0, text: 'x' }]);
      await raw.delete('true');
      await raw.createIndex('text', { config: lancedb.Index.fts({ baseTokenizer: 'icu' as 'simple', stem: true, removeStopWords: true }) });
      await raw.add([{ id: 1, text: rows[0]!.rows[0]!.text }]);
      expect(await raw.query().fullTextSearch('神经网络').limit(5).toArray()).toEqual([]);
      raw.close();
      db.close();

      expect(await store.ensureTextIndex()).toBe(false);
      expect((await store.indexState()).text).toBeUndefined();
      await store.replaceFiles(rows);
      expect(await store.ensureTextIndex()).toBe(true);
      expect((await store.keywordSearch('神经网络', 5))[0]?.row.path).toBe('/e/a.txt');
    } finally {
      store.close();
      await dir.remove();
    }
  });
});
