// Picks the part of a passage to show for a query and marks the query's words in it.
// Pure functions: table-tested in snippet.test.ts.

export const SNIPPET_CHARS = 240;

const STOP_WORDS = new Set(
  'a an and are as at be by do does for from how i in is it me my of on or so the to was what when where which who why with you your'.split(' '),
);

const HAN = /\p{Script=Han}/u;

/** The words of a query worth highlighting: Latin-script words (2+ letters, no stop
 *  words) and, since Chinese has no spaces, every Han bigram (or a lone Han character). */
export function queryTerms(query: string): string[] {
  const terms = new Set<string>();
  for (const match of query.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = match[0];
    if (HAN.test(word)) {
      for (const run of word.match(/\p{Script=Han}+/gu) ?? []) {
        if (run.length === 1) terms.add(run);
        for (let i = 0; i + 1 < run.length; i++) terms.add(run.slice(i, i + 2));
      }
      for (const rest of word.split(/\p{Script=Han}+/u)) if (rest.length >= 2 && !STOP_WORDS.has(rest)) terms.add(rest);
    } else if (word.length >= 2 && !STOP_WORDS.has(word)) {
      terms.add(word);
    }
  }
  return [...terms];
}

export type Range = [number, number];

/** Non-overlapping, sorted ranges of `text` that match any term (case-insensitive).
 *  Latin terms match at word starts, so "pass" marks "password" but not "bypass". */
export function findMatches(text: string, terms: string[]): Range[] {
  const lower = text.toLowerCase();
  const ranges: Range[] = [];
  for (const term of terms) {
    const latin = !HAN.test(term);
    for (let at = lower.indexOf(term); at !== -1; at = lower.indexOf(term, at + 1)) {
      if (latin && at > 0 && /[\p{L}\p{N}]/u.test(lower[at - 1]!)) continue;
      let end = at + term.length;
      // Extend a Latin match to the end of its word (password -> password).
      if (latin) while (end < lower.length && /[\p{L}\p{N}]/u.test(lower[end]!)) end++;
      ranges.push([at, end]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Range[] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

export interface Snippet {
  text: string;
  highlights: Range[];
  /** Offset of the snippet's first original character within the passage. */
  offset: number;
}

/** The window of about `width` characters with the most matches, cut at whitespace. */
export function makeSnippet(passage: string, terms: string[], width = SNIPPET_CHARS): Snippet {
  const matches = findMatches(passage, terms);
  let start = 0;
  if (passage.length > width && matches.length > 0) {
    let best = 0;
    for (let i = 0; i < matches.length; i++) {
      let count = 0;
      for (let j = i; j < matches.length && matches[j]![1] <= matches[i]![0] + width; j++) count++;
      if (count > best) {
        best = count;
        start = Math.max(0, matches[i]![0] - Math.floor(width / 5));
      }
    }
  }
  let end = Math.min(passage.length, start + width);
  if (end - start < width) start = Math.max(0, end - width);
  if (start > 0) {
    const space = passage.slice(start, start + 20).search(/\s/);
    if (space >= 0) start += space + 1;
  }
  if (end < passage.length) {
    const tail = passage.slice(Math.max(start, end - 20), end);
    const space = tail.search(/\s\S*$/);
    if (space >= 0) end = Math.max(start, end - 20) + space;
  }
  const prefix = start > 0 ? '…' : '';
  const suffix = end < passage.length ? '…' : '';
  // Runs of whitespace (line breaks, indentation) collapse to one space; `at` maps each
  // passage offset to its place in the collapsed text so highlights stay aligned.
  let body = '';
  const at = new Array<number>(end - start + 1);
  for (let i = start; i < end; i++) {
    at[i - start] = body.length;
    const char = passage[i]!;
    if (!/\s/.test(char)) body += char;
    else if (!body.endsWith(' ')) body += ' ';
  }
  at[end - start] = body.length;
  const highlights: Range[] = [];
  for (const [a, b] of matches) {
    if (b <= start || a >= end) continue;
    highlights.push([at[Math.max(a, start) - start]! + prefix.length, at[Math.min(b, end) - start]! + prefix.length]);
  }
  return { text: prefix + body + suffix, highlights, offset: start };
}
