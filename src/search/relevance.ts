// How well one passage answers a query, on one 0..1 scale for every mode and model
// (src/api/relevance.ts holds the levels and the cut-off). Built only from signals of
// the passage itself, never from the other hits or their ranks, so a hit keeps its
// relevance when filters remove the others, and the fused order (fusion.ts) can change
// without changing what the number means.
//
//  vector   v = (cosine - unrelated) / (clear - unrelated), clamped to 0..1, with the two
//           anchors per model family: `unrelated` is the cosine an off-topic passage
//           reaches, `clear` the cosine of a passage plainly about the query. Models differ
//           a lot: the GloVe starter's right answers sit at 0.35-0.75 and unrelated text at
//           0.15-0.45 (measured on resources/testsets: en-paraphrase, en-exact), while
//           Qwen3-Embedding's model card shows 0.60-0.76 for answers and 0.13-0.14 for
//           unrelated text, BGE-M3's 0.63-0.68 against 0.35.
//  keyword  k = max(BM25 / (terms x idf1%), coverage^2), each clamped to 0..1.
//           The first: the passage's BM25 score against what a passage holding each of
//           the query's words once would score if every word were as rare as one in 1% of
//           the passages; it grows with how much of the query the passage covers and how
//           rare the covered words are (a word in half the passages, idf ~0.7, adds little;
//           a match that needed a typo forgiven counts at most FUZZY_BOOST). Known for the passages the
//           keyword side returned.
//           The second: the share of the query's words the passage's text holds
//           (term-coverage.ts), squared so that half the words is weak (0.25) on words
//           alone. Known for every passage, and it keeps a passage that holds all the
//           words strong where the whole folder shares them (BM25 calls them common).
//  both     r = 1 - (1 - v)(1 - k): either signal alone can make a strong match, and two
//           middling ones agree into a good one.
//  reranker r = the cross-encoder's probability that the passage answers the query, when
//           one ran over the passage: it reads both texts together and is the best judge.
import type { EmbedderInfo } from '../embedder/embedder.js';

export interface VectorCalibration {
  /** Which anchors (for logs and tests). */
  id: 'glove-starter' | 'qwen3-embedding' | 'bge' | 'generic';
  /** Cosine at or below which a passage counts as unrelated (v = 0). */
  unrelated: number;
  /** Cosine at or above which a passage is plainly about the query (v = 1). */
  clear: number;
}

const CALIBRATIONS: Record<VectorCalibration['id'], VectorCalibration> = {
  // Measured with the bundled model: the cut-off (0.4) falls at cosine 0.46, above most
  // off-topic best hits and below two thirds of the test sets' answers.
  'glove-starter': { id: 'glove-starter', unrelated: 0.3, clear: 0.7 },
  'qwen3-embedding': { id: 'qwen3-embedding', unrelated: 0.2, clear: 0.65 },
  bge: { id: 'bge', unrelated: 0.4, clear: 0.75 },
  generic: { id: 'generic', unrelated: 0.25, clear: 0.7 },
};

export function calibrationFor(model: Pick<EmbedderInfo, 'name' | 'architecture'> & { family?: string; path?: string }): VectorCalibration {
  const label = `${model.name} ${model.path ?? ''}`.toLowerCase();
  if (label.includes('glove')) return CALIBRATIONS['glove-starter'];
  if (model.family === 'qwen3-embedding' || model.architecture === 'qwen3') return CALIBRATIONS['qwen3-embedding'];
  if (/\bbge|bge-/.test(label)) return CALIBRATIONS.bge;
  return CALIBRATIONS.generic;
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

export function vectorRelevance(cosine: number, calibration: VectorCalibration): number {
  return clamp01((cosine - calibration.unrelated) / (calibration.clear - calibration.unrelated));
}

/** BM25's idf of a word found in 1% of `rows` passages (at least one): the rarity at which
 *  a word counts fully. LanceDB's BM25: idf = ln(1 + (N - n + 0.5) / (n + 0.5)). */
export function referenceIdf(rows: number): number {
  const n = Math.max(1, rows / 100);
  return Math.log(1 + Math.max(0, rows - n + 0.5) / (n + 0.5));
}

export function keywordRelevance(bm25: number, terms: number, rows: number): number {
  if (terms <= 0 || rows <= 0) return 0;
  return clamp01(bm25 / (terms * referenceIdf(rows)));
}

export interface RelevanceSignals {
  /** Calibrated vector relevance, where the passage's cosine is known. */
  vector?: number;
  /** Keyword relevance from BM25, where the keyword side returned the passage. */
  keyword?: number;
  /** Share of the query's words the passage holds (term-coverage.ts). */
  coverage?: number;
  /** The reranker's probability, where it scored the passage. */
  rerank?: number;
}

export function combineRelevance(signals: RelevanceSignals): number {
  if (signals.rerank !== undefined) return clamp01(signals.rerank);
  const v = clamp01(signals.vector ?? 0);
  const k = Math.max(clamp01(signals.keyword ?? 0), clamp01(signals.coverage ?? 0) ** 2);
  return 1 - (1 - v) * (1 - k);
}

/** Two decimals are all the scale can tell. */
export function roundRelevance(relevance: number): number {
  return Math.round(clamp01(relevance) * 100) / 100;
}
