import { describe, expect, it } from 'vitest';
import { groupByFile, toPassage, type RankedPassage } from './group-hits.js';

function passage(path: string, chunk: number, score: number, text = `passage ${chunk} of ${path}`, line = 1 + chunk * 10): RankedPassage {
  return {
    row: { id: `${path}#${chunk}`, path, folder: '/d', chunk, char_start: 0, char_end: text.length, line_no: line, text, chunk_hash: `${path}${chunk}` },
    score,
  };
}

const ranked = [
  passage('/d/a.md', 0, 0.9),
  passage('/d/b.md', 0, 0.8),
  passage('/d/a.md', 3, 0.7),
  passage('/d/a.md', 1, 0.6),
  passage('/d/a.md', 2, 0.5),
  passage('/d/c.md', 0, 0.4),
  passage('/d/b.md', 1, 0.3),
];

describe('groupByFile', () => {
  it.each([
    { name: 'first page', page: { offset: 0, limit: 2 }, files: ['/d/a.md', '/d/b.md'], hasMore: true },
    { name: 'second page', page: { offset: 2, limit: 2 }, files: ['/d/c.md'], hasMore: false },
    { name: 'everything', page: { offset: 0, limit: 10 }, files: ['/d/a.md', '/d/b.md', '/d/c.md'], hasMore: false },
    { name: 'past the end', page: { offset: 5, limit: 10 }, files: [], hasMore: false },
  ])('$name', ({ page, files, hasMore }) => {
    const result = groupByFile(ranked, [], page);
    expect(result.hits.map((hit) => hit.path)).toEqual(files);
    expect(result.hasMore).toBe(hasMore);
  });

  it('keeps up to three passages per file, best first, and the best one on the hit', () => {
    const [a, b] = groupByFile(ranked, [], { offset: 0, limit: 2 }).hits;
    expect(a!.passages.map((p) => p.score)).toEqual([0.9, 0.7, 0.6]);
    expect(a!.passages.map((p) => p.line)).toEqual([1, 31, 11]);
    expect(a).toMatchObject({ fileName: 'a.md', folder: '/d', score: 0.9, line: 1, snippet: a!.passages[0]!.snippet });
    expect(b!.passages.map((p) => p.score)).toEqual([0.8, 0.3]);
  });

  it('lists a passage once even if it was ranked twice', () => {
    const twice = [passage('/d/a.md', 0, 0.9), passage('/d/a.md', 0, 0.5), passage('/d/a.md', 1, 0.4)];
    expect(groupByFile(twice, [], { offset: 0, limit: 1 }).hits[0]!.passages.map((p) => p.score)).toEqual([0.9, 0.4]);
  });

  it('can be limited to one passage per file', () => {
    expect(groupByFile(ranked, [], { offset: 0, limit: 1, maxPassages: 1 }).hits[0]!.passages).toHaveLength(1);
  });
});

describe('toPassage', () => {
  it('counts the line where the snippet starts, not where the chunk starts', () => {
    const text = `${'intro line\n'.repeat(30)}the password is reset here\n${'outro line\n'.repeat(30)}`;
    const result = toPassage(passage('/d/x.md', 0, 1, text, 5).row, 1, ['password']);
    const first = result.snippet.replace(/^…/, '').trimStart().split(' ')[0];
    expect(result.snippet).toContain('password');
    expect(result.highlights.map(([s, e]) => result.snippet.slice(s, e))).toEqual(['password']);
    // The chunk starts at line 5; the snippet starts a few lines before line 5 + 30.
    expect(result.line).toBeGreaterThan(5 + 20);
    expect(result.line).toBeLessThanOrEqual(5 + 30);
    expect(['intro', 'line', 'the']).toContain(first);
  });

  it('highlights Chinese bigrams', () => {
    const result = toPassage(passage('/d/z.txt', 0, 1, '我们学习神经网络的原理').row, 1, ['神经', '经网', '网络']);
    expect(result.highlights.map(([s, e]) => result.snippet.slice(s, e))).toEqual(['神经网络']);
  });
});
