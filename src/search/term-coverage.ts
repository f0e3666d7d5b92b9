// How much of the query's words a passage holds, read from the passage's own text: the
// part of keyword relevance that needs no index statistics (relevance.ts). It tells a
// passage that holds every word of the query (a strong match on words, even where every
// passage of a folder holds them and BM25 finds them common) from one that holds one word
// of four. Pure: table-tested in term-coverage.test.ts.
import { keywordQuery } from './fulltext.js';
import { foldText } from './query-syntax.js';

export interface CoverageTerm {
  /** Folded (lower case, NFKC) and, for Latin words, with a common English suffix cut. */
  needle: string;
  /** Han text: matched anywhere (no word boundaries to rely on). */
  han: boolean;
}

const HAN = /\p{Script=Han}/u;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
// Longest first. What is left must keep 4+ letters, so "sing" stays "sing".
const SUFFIXES = ['ations', 'ation', 'ments', 'ment', 'ings', 'ing', 'ies', 'ers', 'er', 'ed', 'es', 'ly', 's', 'e'];

/** A light stand-in for the index's stemmer: the word's stem-like prefix, so that
 *  "configuring" finds "configure" and "passwords" finds "password" at word starts. */
export function stemPrefix(word: string): string {
  for (const suffix of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4) return word.slice(0, -suffix.length);
  }
  return word;
}

/** The query's words as the index sees them (ICU words, function words left out). */
export function coverageTerms(text: string): CoverageTerm[] {
  const seen = new Map<string, CoverageTerm>();
  for (const part of segmenter.segment(text.normalize('NFKC').toLowerCase())) {
    if (!part.isWordLike || keywordQuery(part.segment) === '') continue;
    const han = HAN.test(part.segment);
    const needle = han || !/^\p{L}+$/u.test(part.segment) ? part.segment : stemPrefix(part.segment);
    seen.set(needle, { needle, han });
  }
  return [...seen.values()];
}

/** Share of `terms` the passage holds, 0..1 (0 for no terms). */
export function termCoverage(text: string, terms: readonly CoverageTerm[]): number {
  if (terms.length === 0) return 0;
  const folded = foldText(text);
  let held = 0;
  for (const term of terms) if (term.han ? folded.includes(term.needle) : folded.includes(` ${term.needle}`)) held++;
  return held / terms.length;
}
