import { describe, expect, it } from 'vitest';
import { RELEVANCE_CUTOFF, relevanceLevel, splitByCutoff } from '../api/relevance.js';
import { calibrationFor, combineRelevance, keywordRelevance, referenceIdf, roundRelevance, vectorRelevance } from './relevance.js';

describe('vector relevance', () => {
  it.each([
    // model name, architecture, cosine, relevance
    ['Sift starter (GloVe 6B 100d)', 'bert', 0.3, 0],
    ['Sift starter (GloVe 6B 100d)', 'bert', 0.5, 0.5],
    ['Sift starter (GloVe 6B 100d)', 'bert', 0.8, 1],
    ['Qwen3-Embedding-0.6B', 'qwen3', 0.14, 0], // the model card's unrelated pair
    ['Qwen3-Embedding-0.6B', 'qwen3', 0.6, 0.89], // its weakest right pair
    ['bge-m3', 'xlm-roberta', 0.35, 0], // BGE-M3's model card: unrelated 0.35
    ['bge-m3', 'xlm-roberta', 0.63, 0.66],
    ['some-model', 'llama', 0.25, 0],
    ['Sift starter (GloVe 6B 100d)', 'bert', Number.NaN, 0],
  ] as const)('%s (%s) cosine %d -> %d', (name, architecture, cosine, expected) => {
    expect(vectorRelevance(cosine, calibrationFor({ name, architecture }))).toBeCloseTo(expected, 2);
  });

  it('picks the GloVe anchors by the file name too', () => {
    expect(calibrationFor({ name: 'x', architecture: 'bert', path: '/m/sift-starter-glove-100d.gguf' }).id).toBe('glove-starter');
  });
});

describe('keyword relevance', () => {
  it('the reference idf is that of a word in 1% of the passages', () => {
    expect(referenceIdf(100_000)).toBeCloseTo(Math.log(1 + 99_000.5 / 1000.5), 6);
    expect(referenceIdf(30)).toBeCloseTo(Math.log(1 + 29.5 / 1.5), 6);
  });

  it.each([
    // bm25, terms, rows, relevance
    [4.6, 1, 100_000, 1], // one word, as rare as 1 in 100: full
    [2.3, 1, 100_000, 0.5], // a word in ~10% of the passages
    [4.6, 2, 100_000, 0.5], // one of two rare words
    [0.7, 1, 100_000, 0.15], // a word in half the passages
    [20, 1, 100_000, 1], // clamped
    [1, 0, 100, 0],
    [1, 1, 0, 0],
  ])('bm25 %d over %d terms in %d rows -> %d', (bm25, terms, rows, expected) => {
    expect(keywordRelevance(bm25, terms, rows)).toBeCloseTo(expected, 1);
  });
});

describe('combined relevance', () => {
  it.each([
    [{}, 0],
    [{ vector: 0.5 }, 0.5],
    [{ keyword: 0.5 }, 0.5],
    [{ vector: 0.5, keyword: 0.5 }, 0.75],
    [{ vector: 1, keyword: 0 }, 1],
    [{ vector: 0.9, keyword: 0.9, rerank: 0.1 }, 0.1], // the reranker judges
    [{ rerank: 2 }, 1],
    [{ coverage: 1 }, 1], // every word of the query, however common
    [{ coverage: 0.5 }, 0.25], // half the words: weak on words alone
    [{ keyword: 0.3, coverage: 0.5 }, 0.3],
    [{ vector: 0.5, coverage: 0.5 }, 0.625],
  ])('%o -> %d', (signals, expected) => {
    expect(combineRelevance(signals)).toBeCloseTo(expected, 6);
  });

  it('levels and the cut-off', () => {
    expect([0, 0.39, 0.4, 0.69, 0.7, 1].map(relevanceLevel)).toEqual(['weak', 'weak', 'good', 'good', 'strong', 'strong']);
    expect(roundRelevance(0.4049)).toBe(0.4);
    const hits = [{ relevance: 0.9 }, { relevance: 0.1 }, { relevance: RELEVANCE_CUTOFF }, {}];
    expect(splitByCutoff(hits)).toEqual({ good: [hits[0], hits[2], hits[3]], weak: [hits[1]] });
  });
});
