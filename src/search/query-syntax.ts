// The search box's small query language, parsed once per query:
//   "exact phrase"   the words next to each other, in this order (required)
//   +word            the passage must hold the word (exactly: no typo tolerance)
//   -word  -"a b"    passages holding the word (or phrase) are left out
//   anything else    plain words: scored, not required, forgiving of typos
// Chinese works the same; “…”, 「…」 and 『…』 are quotes too, and full-width ＋／－
// are read as + and - (NFKC). Nothing here can fail: an unmatched quote is read as a
// plain character, a lone + or - is ignored, "-5" stays a number, and a query with
// nothing left to look for (only exclusions) falls back to its plain words.
// Pure: table-tested in query-syntax.test.ts.
import { keywordQuery } from './fulltext.js';

export interface QueryClause {
  /** The word, or the phrase's words as typed (inner spaces collapsed). */
  text: string;
  /** Several words that must stand next to each other, in order. */
  phrase: boolean;
}

export interface ParsedQuery {
  /** Plain words, space-joined: scored by both sides, none required. */
  words: string;
  /** +words and "phrases": a passage must hold every one. */
  required: QueryClause[];
  /** -words and -"phrases": a passage holding any one is left out. */
  excluded: QueryClause[];
  /** What the query asks for, without operators and excluded parts: the text that is
   *  embedded and whose words are highlighted. */
  meaning: string;
}

const CLOSING: Record<string, string[]> = {
  '"': ['"', '”'],
  '“': ['”', '"'],
  '「': ['」'],
  '『': ['』'],
};
const QUOTES = /["“”「」『』]/g;

function clause(text: string): QueryClause | undefined {
  const words = text.replace(QUOTES, ' ').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  // A quoted Chinese run ("神经网络") is a phrase too: the index splits it into words.
  const phrase = words.length > 1 || /\p{Script=Han}.*\p{Script=Han}/u.test(words[0]!);
  return { text: words.join(' '), phrase };
}

/** A word the full-text index drops ("the", "how"): requiring it would match nothing,
 *  and excluding it would leave out every English passage. */
function isStopWord(text: string): boolean {
  return keywordQuery(text) === '';
}

export function parseQuery(input: string): ParsedQuery {
  const text = input.normalize('NFKC');
  const words: string[] = [];
  const required: QueryClause[] = [];
  const excluded: QueryClause[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    let sign: '+' | '-' | '' = '';
    if ((text[i] === '+' || text[i] === '-') && i + 1 < text.length && !/\s/.test(text[i + 1]!)) {
      // '-5' and '-0.5' are numbers, not exclusions; '-l', '-la' and '--long' read as the
      // command-line options people look up ("passwd -l 锁定", "man -t bash"), not as
      // "without l": excluding a one- or two-letter word is almost never what was meant.
      if (!(text[i] === '-' && (/\d/.test(text[i + 1]!) || looksLikeOption(text, i)))) sign = text[i] as '+' | '-';
    }
    const start = sign ? i + 1 : i;
    const open = text[start]!;
    const closers = CLOSING[open];
    if (closers) {
      let end = -1;
      for (let j = start + 1; j < text.length && end < 0; j++) if (closers.includes(text[j]!)) end = j;
      if (end > start) {
        const quoted = clause(text.slice(start + 1, end));
        if (quoted) (sign === '-' ? excluded : required).push(quoted);
        i = end + 1;
        continue;
      }
      // An unmatched quote: read on as if it were not there.
    }
    let end = start;
    while (end < text.length && !/\s/.test(text[end]!)) end++;
    const token = text.slice(start, end);
    i = end;
    const word = token.replace(QUOTES, '');
    if (!/[\p{L}\p{N}]/u.test(word)) continue; // a lone '+', '-', '-"' or other punctuation
    if (sign === '-') {
      if (!isStopWord(word)) excluded.push({ text: word, phrase: false });
    } else if (sign === '+' && !isStopWord(word)) required.push({ text: word, phrase: false });
    else words.push(word);
  }
  if (words.length === 0 && required.length === 0) {
    // Nothing to look for but exclusions ("-draft"): search the words themselves.
    const plain = excluded.map((c) => c.text).join(' ');
    return { words: plain, required: [], excluded: [], meaning: plain };
  }
  const meaning = [...words, ...required.map((c) => c.text)].join(' ');
  return { words: words.join(' '), required, excluded, meaning };
}

/** The query uses the syntax (quotes, + or -): results must be checked against it. */
export function hasConstraints(parsed: ParsedQuery): boolean {
  return parsed.required.length > 0 || parsed.excluded.length > 0;
}

const HAN = /\p{Script=Han}/u;

/** Text folded for matching: NFKC, lower case, every run of non-word characters one
 *  space, and no spaces between Han characters (Chinese has none to rely on). */
export function foldText(text: string): string {
  return ` ${text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .replace(/(\p{Script=Han}) (?=\p{Script=Han})/gu, '$1')
    .trim()} `;
}

/** Does the (folded) text hold the clause? Latin words match at word starts, so that
 *  +password holds "passwords" (the index stems too); a phrase's words must be adjacent
 *  and in order; Han text matches anywhere (no word boundaries). */
export function holdsClause(folded: string, clause: QueryClause): boolean {
  const needle = foldText(clause.text).trim();
  if (!needle) return true;
  if (HAN.test(needle)) return folded.includes(needle);
  return folded.includes(` ${needle}`);
}

/** The passage satisfies the query's +, - and "…" parts. */
export function satisfies(text: string, parsed: ParsedQuery): boolean {
  if (!hasConstraints(parsed)) return true;
  const folded = foldText(text);
  return parsed.required.every((c) => holdsClause(folded, c)) && !parsed.excluded.some((c) => holdsClause(folded, c));
}

/** A command-line option at `at` ('-l', '-rf', '--help'): kept as a word, not an exclusion. */
function looksLikeOption(text: string, at: number): boolean {
  const token = /^\S*/.exec(text.slice(at))![0];
  return /^--[\p{L}\p{N}]/u.test(token) || /^-[A-Za-z]{1,2}$/.test(token);
}
