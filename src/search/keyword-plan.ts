// The keyword side's query, built from the parsed query (query-syntax.ts): plain words
// as an OR match (BM25), +words and "phrases" as required clauses, -words as exclusions,
// and typo tolerance for the words the index does not hold at all.
//
// Why typo tolerance only for unknown words: LanceDB's fuzzy match (MatchQuery with
// fuzziness) also matches the word itself, so fuzzing every word would count a correct
// word twice (and make its neighbours, "horse" for "house", score like it). A word the
// index holds is not a typo worth correcting; one it lacks ("pasword") is matched within
// one edit (two for 8+ letters) at FUZZY_BOOST of a real match. Note: LanceDB matches
// fuzzy terms unstemmed against its stemmed dictionary, so a typo that also breaks a
// long suffix ("configuraton" vs the stem "configur") is not found.
//
// Phrases: the index is built without positions (smaller, and LanceDB's PhraseQuery needs
// them), so a phrase is an AND of its words here and the service keeps the passages that
// hold the words next to each other (query-syntax.ts: satisfies). Pure but for
// toFullTextQuery; table-tested in keyword-plan.test.ts.
import { BooleanQuery, MatchQuery, Occur, Operator, type FullTextQuery } from '@lancedb/lancedb';
import { keywordQuery } from './fulltext.js';
import type { ParsedQuery } from './query-syntax.js';

/** Words this long or longer may be typos worth correcting (shorter ones have too many
 *  neighbours within one edit: "form", "from", "farm"). */
export const FUZZY_MIN_CHARS = 5;
/** A typo match counts this much of a real match (its BM25 is multiplied by it). */
export const FUZZY_BOOST = 0.8;

export interface KeywordPlan {
  /** Plain words, function words removed ('' when none). */
  match: string;
  /** Words the index lacks, matched within `distance` edits. */
  fuzzy: Array<{ word: string; distance: 1 | 2 }>;
  /** Required words and phrases: every one of their words must be in the passage. */
  must: string[];
  /** Excluded words: a passage holding one is left out. */
  mustNot: string[];
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
  const match = keywordQuery(parsed.words);
  const must = parsed.required.map((c) => c.text);
  if (!match && must.length === 0) return undefined;
  return {
    match,
    fuzzy: [],
    must,
    // An excluded phrase is left to the service's adjacency check: as an AND here it
    // would also leave out passages holding its words apart.
    mustNot: parsed.excluded.filter((c) => !c.phrase).map((c) => c.text),
    terms: countTerms([match, ...must].join(' ')),
  };
}

/** Plain words that could be typos: letters only (Latin script), FUZZY_MIN_CHARS or more. */
export function fuzzyCandidates(plan: KeywordPlan): string[] {
  const words = plan.match.toLowerCase().match(/[\p{L}\p{M}]+/gu) ?? [];
  return [...new Set(words.filter((w) => w.length >= FUZZY_MIN_CHARS && /^\p{Script=Latin}+$/u.test(w)))];
}

/** The plan with typo tolerance for `missing` (candidates the index does not hold). */
export function withFuzzy(plan: KeywordPlan, missing: readonly string[]): KeywordPlan {
  if (missing.length === 0) return plan;
  return { ...plan, fuzzy: missing.map((word) => ({ word, distance: word.length >= 8 ? 2 : 1 })) };
}

/** LanceDB's query for the plan: a plain string when it is only words (as before the
 *  syntax existed), else a BooleanQuery. */
export function toFullTextQuery(plan: KeywordPlan, column = 'text'): string | FullTextQuery {
  if (plan.fuzzy.length === 0 && plan.must.length === 0 && plan.mustNot.length === 0) return plan.match;
  const clauses: Array<[Occur, FullTextQuery]> = [];
  if (plan.match) clauses.push([Occur.Should, new MatchQuery(plan.match, column)]);
  for (const { word, distance } of plan.fuzzy) {
    // prefixLength 1: typos rarely hit the first letter, and it cuts the dictionary scan.
    // Only after an ASCII letter: LanceDB 0.31 cuts the prefix by bytes and panics inside
    // a multi-byte letter ('école').
    const prefixLength = /^[a-z]/.test(word) ? 1 : 0;
    clauses.push([Occur.Should, new MatchQuery(word, column, { fuzziness: distance, prefixLength, maxExpansions: 20, boost: FUZZY_BOOST })]);
  }
  for (const text of plan.must) clauses.push([Occur.Must, new MatchQuery(text, column, { operator: Operator.And })]);
  for (const text of plan.mustNot) clauses.push([Occur.MustNot, new MatchQuery(text, column, { operator: Operator.And })]);
  return new BooleanQuery(clauses);
}
