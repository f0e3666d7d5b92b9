// The keyword side's queries, built from the parsed query (query-syntax.ts): plain words
// and +words as an OR match (BM25), typo tolerance for the words the index does not hold
// at all, and, where the query requires words or phrases, a second AND query for them.
//
// Why the syntax is not handed to LanceDB as a BooleanQuery (Must / MustNot): at 100,000
// chunks any Boolean with a Must or MustNot clause took 140-420 ms per query against
// 13 ms for the plain match (bench/RELEVANCE-RESULTS.md). So the index is asked plain OR
// and AND matches only, and the service keeps the passages that satisfy the +, - and
// "..." parts by their text (query-syntax.ts: satisfies), fetching more candidates.
// Phrases could not be asked anyway: the index is built without positions (smaller),
// and LanceDB's PhraseQuery refuses such an index.
//
// Why typo tolerance only for unknown words: LanceDB's fuzzy match (MatchQuery with
// fuzziness) also matches the word itself, so fuzzing every word would count a correct
// word twice (and make its neighbours, "horse" for "house", score like it). A word the
// index holds is not a typo worth correcting; one it lacks ("pasword") is matched within
// one edit (two from 6 letters: LanceDB counts two swapped letters as two edits and
// compares with the stem, so 'rebsae' is two edits from 'rebas'; `sift eval en-typos`
// top-1 66.7 % -> 73.3 %, the other sets unchanged) at FUZZY_BOOST of a real match. Note: LanceDB matches
// fuzzy terms unstemmed against its stemmed dictionary, so a typo that also breaks a
// long suffix ("configuraton" vs the stem "configur") is not found. A Boolean of Should
// clauses only (the fuzzy case) costs no more than the plain match (measured).
// Pure but for the two to*Query functions; table-tested in keyword-plan.test.ts.
import { BooleanQuery, MatchQuery, Occur, Operator, type FullTextQuery } from '@lancedb/lancedb';
import { keywordQuery } from './fulltext.js';
import type { ParsedQuery } from './query-syntax.js';

/** Words this long or longer may be typos worth correcting (shorter ones have too many
 *  neighbours within one edit: "form", "from", "farm"). */
export const FUZZY_MIN_CHARS = 5;
/** A typo match counts this much of a real match (its BM25 is multiplied by it). */
export const FUZZY_BOOST = 0.8;

export interface KeywordPlan {
  /** Plain and required words, function words removed: the OR match ('' when none). */
  match: string;
  /** Words the index lacks, matched within `distance` edits. */
  fuzzy: Array<{ word: string; distance: 1 | 2 }>;
  /** Required words and phrases: asked again as one AND match, so that passages holding
   *  them are found even where the plain words' matches crowd them out. */
  must: string[];
  /** Index terms the query scores with (plain and required words): what a full match
   *  adds up to, the denominator of keyword relevance (relevance.ts). */
  terms: number;
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** How many index terms a text has: words as ICU splits them (the index's tokenizer is
 *  ICU too: Chinese by dictionary), function words left out. */
export function countTerms(text: string): number {
  const seen = new Set<string>();
  for (const part of segmenter.segment(text.normalize('NFKC').toLowerCase())) {
    if (part.isWordLike && keywordQuery(part.segment) !== '') seen.add(part.segment);
  }
  return seen.size;
}

export function keywordPlan(parsed: ParsedQuery): KeywordPlan | undefined {
  const must = parsed.required.map((c) => c.text);
  const match = keywordQuery([parsed.words, ...must].join(' '));
  if (!match) return undefined;
  return { match, fuzzy: [], must, terms: countTerms(match) };
}

/** Plain words that could be typos: letters only (Latin script), FUZZY_MIN_CHARS or more. */
export function fuzzyCandidates(plan: KeywordPlan): string[] {
  // Required words are meant exactly: no typo tolerance for them.
  const required = new Set(plan.must.flatMap((text) => text.toLowerCase().split(/\s+/)));
  const words = (plan.match.toLowerCase().match(/[\p{L}\p{M}]+/gu) ?? []).filter((w) => !required.has(w));
  return [...new Set(words.filter((w) => w.length >= FUZZY_MIN_CHARS && /^\p{Script=Latin}+$/u.test(w)))];
}

/** The plan with typo tolerance for `missing` (candidates the index does not hold). */
export function withFuzzy(plan: KeywordPlan, missing: readonly string[]): KeywordPlan {
  if (missing.length === 0) return plan;
  return { ...plan, fuzzy: missing.map((word) => ({ word, distance: word.length >= 6 ? 2 : 1 })) };
}

/** LanceDB's query for the plan: the plain string (as before the syntax existed), or
 *  with typo tolerance a Boolean of Should clauses. */
export function toFullTextQuery(plan: KeywordPlan, column = 'text'): string | FullTextQuery {
  if (plan.fuzzy.length === 0) return plan.match;
  const clauses: Array<[Occur, FullTextQuery]> = [[Occur.Should, new MatchQuery(plan.match, column)]];
  for (const { word, distance } of plan.fuzzy) {
    // prefixLength 1: typos rarely hit the first letter, and it cuts the dictionary scan.
    // Only after an ASCII letter: LanceDB 0.31 cuts the prefix by bytes and panics inside
    // a multi-byte letter ('école').
    const prefixLength = /^[a-z]/.test(word) ? 1 : 0;
    clauses.push([Occur.Should, new MatchQuery(word, column, { fuzziness: distance, prefixLength, maxExpansions: 20, boost: FUZZY_BOOST })]);
  }
  return new BooleanQuery(clauses);
}

/** The AND match of the required words and phrases' words, or undefined without any. */
export function toRequiredQuery(plan: KeywordPlan, column = 'text'): FullTextQuery | undefined {
  const required = keywordQuery(plan.must.join(' '));
  return required ? new MatchQuery(required, column, { operator: Operator.And }) : undefined;
}
