// Hybrid fusion that adapts to each query. Plain reciprocal rank fusion gives the keyword
// list the same say on every query, yet BM25's first hit is sometimes the answer (a rare
// name, an option, a number that appears in one passage) and often only a passage that
// shares one everyday word with a paraphrased question. What tells the two apart is how
// completely the keyword list's best passages contain the query's words, each word
// weighted by how rare it is among the candidates (coverage, in [0, 1]). That confidence
// c (the best coverage among the keyword list's first three passages, discounted by the
// share of candidates that match as well) sets the balance:
//
//   g = 1 / (1 + exp(-slope * (c - midpoint)))
//   score(d) = wv * (1 - g) / (k + rank_v(d)) + wk * g * coverage(d)^p / (k + rank_k(d))
//
// so a complete, rare match lets the keyword order lead and a partial one leaves the
// vector order in charge; items in both lists get both parts (agreement). With p = 0 and
// g fixed it is weighted RRF. The constants are chosen by leave-one-set-out cross-
// validation over resources/testsets (`sift eval --cross-validate`, which prefers, among
// constants that fall short nowhere, those that hand the ranking to the keyword list
// least often). Shipped with p = 0: coverage decides how far the keyword list leads, but
// BM25's own order stands within it (re-ordering the keyword list by coverage was what
// made held-out sets miss). When only one list has anything (the query embeds to the zero
// vector, or no word matches), its order stands. Pure: table-tested in
// adaptive-fusion.test.ts; the work is a lower-casing and a few indexOf calls per
// candidate and query word (well under a millisecond for 80 passages).
import { reciprocalRankFusion, type FusedItem } from './fusion.js';
import { keywordQuery } from './fulltext.js';

export interface FusionParams {
  /** RRF constant: larger flattens the difference between top and middle ranks. */
  rrfK: number;
  vectorWeight: number;
  keywordWeight: number;
  /** How sharply a keyword passage's own partial match is discounted (0: not at all). */
  coveragePower: number;
  /** Keyword confidence at which both lists count the same. */
  confidenceMidpoint: number;
  /** How fast the balance tips from vector to keyword around the midpoint. */
  confidenceSlope: number;
}

/** Chosen by `sift eval --cross-validate` on all shipped sets (bench/SEARCH-RESULTS.md);
 *  every leave-one-set-out fold chose midpoint 0.3, all but one k = 5 and slope 40. */
export const DEFAULT_FUSION: FusionParams = {
  rrfK: 5,
  vectorWeight: 1,
  keywordWeight: 1,
  coveragePower: 0,
  confidenceMidpoint: 0.3,
  confidenceSlope: 40,
};

/** Keyword passages whose coverage makes the query's keyword confidence. */
const CONFIDENCE_DEPTH = 3;

export interface FusionCandidate<K> {
  key: K;
  text: string;
}

const HAN = /\p{Script=Han}/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** The words a passage should contain to match the query completely: the keyword side's
 *  words (function words dropped) lower-cased, numbers kept whatever their length (the
 *  "3" of "version 3"), and Han runs as overlapping bigrams (Chinese has no spaces). */
export function coverageTerms(query: string): string[] {
  const terms = new Set<string>();
  for (const match of keywordQuery(query).toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = match[0];
    if (!HAN.test(word)) {
      terms.add(word);
      continue;
    }
    for (const run of word.match(/\p{Script=Han}+/gu) ?? []) {
      if (run.length === 1) terms.add(run);
      for (let i = 0; i + 1 < run.length; i++) terms.add(run.slice(i, i + 2));
    }
    for (const rest of word.split(/\p{Script=Han}+/u)) if (rest) terms.add(rest);
  }
  return [...terms];
}

/** Word endings forgiven when a passage's word starts with a query word's stem. */
const SUFFIXES = new Set(['', 's', 'es', 'ed', 'd', 'ing', 'er', 'ers', 'ion', 'ions', 'ly', 'e']);

/** A light English stemmer for matching, not for display: copies -> copy, counting ->
 *  count, lines -> lin (which matches line, lines, lined). Numbers stay whole. */
export function matchStem(term: string): string {
  if (!/^\p{L}+$/u.test(term)) return term;
  if (term.length > 4 && term.endsWith('ies')) return `${term.slice(0, -3)}y`;
  for (const suffix of ['ing', 'ed', 'es', 's', 'e']) {
    if (term.endsWith(suffix) && term.length - suffix.length >= 3 && !term.endsWith('ss')) return term.slice(0, -suffix.length);
  }
  return term;
}

/** Whether lower-cased `text` contains `term`: Han bigrams anywhere; a Latin or number
 *  term as a word whose stem matches (the rest of the word one of a few English endings,
 *  so 'l' does not match 'line' and 'use' matches 'used'; the index stems too). */
export function containsTerm(text: string, term: string): boolean {
  if (HAN.test(term)) return text.includes(term);
  const stem = matchStem(term);
  for (let at = text.indexOf(stem); at !== -1; at = text.indexOf(stem, at + 1)) {
    if (at > 0 && WORD_CHAR.test(text[at - 1]!)) continue;
    let end = at + stem.length;
    while (end < text.length && WORD_CHAR.test(text[end]!)) end++;
    if (SUFFIXES.has(text.slice(at + stem.length, end))) return true;
  }
  return false;
}

// Rows of the edit-distance table, reused: the typo scan compares one query word with a
// few thousand candidate words per query, and allocating per comparison dominated it.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/** Damerau-Levenshtein distance (optimal string alignment) of a and b if it is at most
 *  `max`, else max + 1 (stops early): a typed query word against a candidate's word. */
export function editDistanceWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (b.length + 1 > rowA.length) {
    rowA = new Int32Array(b.length + 1);
    rowB = new Int32Array(b.length + 1);
    rowC = new Int32Array(b.length + 1);
  }
  let before = rowA;
  let previous = rowB;
  let current = rowC;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowBest = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, before[j - 2]! + 1);
      current[j] = d;
      if (d < rowBest) rowBest = d;
    }
    if (rowBest > max) return max + 1;
    const spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  return previous[b.length]!;
}

/** Edits forgiven when a query word that no candidate contains is taken for a typo. */
function typoBudget(term: string): number {
  return term.length < 4 || !/^\p{L}+$/u.test(term) ? 0 : term.length < 8 ? 1 : 2;
}

/** For each candidate, the share of the query's words it contains, each word weighted by
 *  its rarity among the candidates, sqrt(ln(1 + n / df)): the square root keeps one rare
 *  word from standing for a whole question (cross-validation preferred it to plain IDF
 *  and to equal weights). A word that no candidate contains is looked for once more as a
 *  typo: a candidate word with the same first letter one edit away, two for words of 8
 *  letters or more ('compres' finds 'compress', 'wegt' finds 'wget'); a word still unmatched weighs as much as the
 *  rarest possible, so such a query is never complete, and the vector list leads. */
export function coverages(terms: readonly string[], texts: readonly string[]): number[] {
  if (terms.length === 0) return texts.map(() => 0);
  const lower = texts.map((text) => text.toLowerCase());
  const has = terms.map((term) => {
    const row = lower.map((text) => containsTerm(text, term));
    const budget = typoBudget(term);
    if (row.some(Boolean) || budget === 0) return row;
    return lower.map((text) => hasNearWord(text, term, budget));
  });
  const n = texts.length;
  const weights = has.map((row) => Math.sqrt(Math.log(1 + n / Math.max(0.5, row.filter(Boolean).length))));
  const total = weights.reduce((sum, w) => sum + w, 0);
  return lower.map((_, i) => has.reduce((sum, row, t) => sum + (row[i] ? weights[t]! : 0), 0) / total);
}

const LETTER = /\p{L}/u;

/** Length in UTF-16 units of the letter at `at` (0 if none): ASCII by code, the rest by
 *  the Unicode letter class, a surrogate pair as one character. */
function letterAt(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) ? 1 : 0;
  if (Number.isNaN(code)) return 0;
  const width = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
  return LETTER.test(text.slice(at, at + width)) ? width : 0;
}

/** Whether lower-cased `text` has a word (a run of letters, 3 or more) that starts with
 *  the same letter as `term` and is at most `budget` edits from it: the typo look-up,
 *  a scan from each occurrence of the first letter, so nothing is built per candidate
 *  (splitting every candidate into words cost ~0.4 ms of a query's fusion). */
function hasNearWord(text: string, term: string, budget: number): boolean {
  const first = term[0]!;
  const shortest = Math.max(3, term.length - budget);
  const longest = term.length + budget;
  for (let at = text.indexOf(first); at !== -1; at = text.indexOf(first, at + 1)) {
    if (at > 0 && (letterAt(text, at - 1) > 0 || (at > 1 && letterAt(text, at - 2) === 2))) continue;
    let end = at;
    for (let width = letterAt(text, end); width > 0; width = letterAt(text, end)) end += width;
    const length = end - at;
    if (length >= shortest && length <= longest && editDistanceWithin(term, text.slice(at, end), budget) <= budget) return true;
    at = Math.max(at, end - 1);
  }
  return false;
}

/** Fuses the vector and keyword lists (best first) for `query`. */
export function adaptiveFusion<K>(
  query: string,
  byVector: ReadonlyArray<FusionCandidate<K>>,
  byKeyword: ReadonlyArray<FusionCandidate<K>>,
  params: FusionParams = DEFAULT_FUSION,
): Array<FusedItem<K>> {
  if (byVector.length === 0 || byKeyword.length === 0) return fuseWithCoverage(byVector.map((c) => c.key), byKeyword.map((c) => c.key), new Map(), params);
  const union = new Map<K, string>();
  for (const c of [...byVector, ...byKeyword]) if (!union.has(c.key)) union.set(c.key, c.text);
  const cover = coverages(coverageTerms(query), [...union.values()]);
  const keys = [...union.keys()];
  return fuseWithCoverage(byVector.map((c) => c.key), byKeyword.map((c) => c.key), new Map(keys.map((key, i) => [key, cover[i]!])), params);
}

/** The fusion itself, with each keyword candidate's coverage given (cross-validation
 *  computes coverages once per query and tries many constants on them). */
export function fuseWithCoverage<K>(
  byVector: readonly K[],
  byKeyword: readonly K[],
  coverageOf: ReadonlyMap<K, number>,
  params: FusionParams,
): Array<FusedItem<K>> {
  const { rrfK: k, vectorWeight, keywordWeight, coveragePower } = params;
  if (byVector.length === 0 || byKeyword.length === 0) {
    // One list answered: its order stands (scored as RRF of that list alone).
    const only = byVector.length > 0 ? { keys: byVector, weight: vectorWeight } : { keys: byKeyword, weight: keywordWeight };
    return reciprocalRankFusion([only], k);
  }
  const g = keywordShare(keywordConfidence(byKeyword, coverageOf), params);
  const items = new Map<K, FusedItem<K>>();
  const add = (list: readonly K[], index: 0 | 1, weight: (key: K) => number) => {
    list.forEach((key, position) => {
      let item = items.get(key);
      if (!item) items.set(key, (item = { key, score: 0, ranks: [undefined, undefined] }));
      if (item.ranks[index] !== undefined) return;
      item.ranks[index] = position + 1;
      item.score += weight(key) / (k + position + 1);
    });
  };
  add(byVector, 0, () => vectorWeight * (1 - g));
  add(byKeyword, 1, (key) => keywordWeight * g * (coverageOf.get(key) ?? 0) ** coveragePower);
  // Ties go to the better vector rank, then the better keyword rank: stable and explainable.
  return [...items.values()].sort(
    (a, b) =>
      b.score - a.score ||
      (a.ranks[0] ?? Infinity) - (b.ranks[0] ?? Infinity) ||
      (a.ranks[1] ?? Infinity) - (b.ranks[1] ?? Infinity),
  );
}

/** How much the query's keyword matches can be trusted: the best coverage c among the
 *  keyword list's first passages, times the share of candidates that do not match as well
 *  (a match that many passages make equally, e.g. a short query of common words, cannot
 *  tell them apart, and BM25's order among them is no better than the vector's). */
export function keywordConfidence<K>(byKeyword: readonly K[], coverageOf: ReadonlyMap<K, number>): number {
  let best = 0;
  for (const key of byKeyword.slice(0, CONFIDENCE_DEPTH)) best = Math.max(best, coverageOf.get(key) ?? 0);
  if (coverageOf.size === 0) return best;
  let asGood = 0;
  for (const value of coverageOf.values()) if (value >= best - 1e-9) asGood++;
  return best * (1 - asGood / coverageOf.size);
}

/** The keyword list's share g of the fusion for a confidence (logistic around the midpoint). */
export function keywordShare(confidence: number, params: Pick<FusionParams, 'confidenceMidpoint' | 'confidenceSlope'>): number {
  return 1 / (1 + Math.exp(-params.confidenceSlope * (confidence - params.confidenceMidpoint)));
}

/** An upper bound of adaptiveFusion's scores (rank 1 in the lists that answered, complete
 *  coverage): dividing by it maps scores into (0, 1] for display. */
export function maxAdaptiveScore(params: FusionParams, lists: { vector: boolean; keyword: boolean }): number {
  const { rrfK: k, vectorWeight, keywordWeight } = params;
  return Math.max(lists.vector ? vectorWeight : 0, lists.keyword ? keywordWeight : 0) / (k + 1);
}
