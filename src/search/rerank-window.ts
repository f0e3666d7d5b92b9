// The part of a candidate the reranker reads: a window of about `maxTokens` tokens where the
// query's terms are densest. A cross-encoder's cost is its tokens (query + prompt template +
// document, for each candidate), and a Sift chunk is ~250 tokens, so reading 128 of them
// halves a query's rerank work (bench/RESULTS.md sections 7 and 8 have the latency per window).
// The window is found in characters and tokenized once: tokenizing is slow enough (~5 us a
// token on the H200 machine's CPU) that counting tokens while searching cost more host time
// per query than the GPU's decodes.

const STOPWORDS = new Set([
  'the', 'and', 'for', 'with', 'how', 'what', 'which', 'who', 'why', 'when', 'where', 'does', 'are', 'was', 'were',
  'can', 'from', 'that', 'this', 'into', 'about', 'you', 'your', 'our', 'its', 'not', 'but', 'all', 'any', 'has', 'have',
]);

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_ALL = new RegExp(CJK.source, 'gu');

/** Lower-cased search terms of a query: words of 3+ letters (no stopwords), and the character
 *  bigrams of CJK runs (no spaces to split on there). */
export function queryTerms(query: string): string[] {
  const terms = new Set<string>();
  for (const part of query.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!part) continue;
    if (CJK.test(part)) {
      const chars = [...part];
      if (chars.length === 1) terms.add(part);
      for (let i = 0; i + 1 < chars.length; i++) terms.add(chars[i]! + chars[i + 1]!);
    } else if (part.length >= 3 && !STOPWORDS.has(part)) terms.add(part);
  }
  return [...terms];
}

interface Hit {
  at: number;
  term: number;
}

function hitsOf(text: string, terms: string[]): Hit[] {
  const lower = text.toLowerCase();
  const hits: Hit[] = [];
  terms.forEach((term, index) => {
    for (let at = lower.indexOf(term); at >= 0; at = lower.indexOf(term, at + term.length)) hits.push({ at, term: index });
  });
  return hits.sort((a, b) => a.at - b.at);
}

/** Back to the start of the word `at` is in (or a few characters after a separator). */
function wordStart(text: string, at: number): number {
  let i = Math.max(0, Math.min(at, text.length));
  for (let n = 0; i > 0 && n < 24 && !/\s/.test(text[i - 1]!); n++) i--;
  return i;
}

/** Characters that hold about `tokens` tokens of `text`, erring long (the window is trimmed
 *  in tokens afterwards): a Qwen-style BPE vocabulary spends a token on ~4 characters of
 *  English or code and on ~1.5 of Chinese. No tokenizer: on the GPU machines tokenizing was
 *  most of a reranked query's host time (bench/RESULTS.md section 8). */
export function charsForTokens(text: string, tokens: number): number {
  const sample = text.slice(0, 2000);
  const cjkShare = sample.length > 0 ? (sample.match(CJK_ALL)?.length ?? 0) / sample.length : 0;
  const charsPerToken = cjkShare * 1.6 + (1 - cjkShare) * 4.5;
  return Math.ceil(tokens * charsPerToken * 1.2);
}

interface Span {
  from: number;
  to: number;
  /** Where the query-term hits centre (a character offset of the text); undefined: none. */
  centre?: number;
}

/** The `width`-character stretch of `text` with the most query-term hits (distinct terms
 *  count double; the earliest on a tie), centred on them (the start when nothing matches),
 *  cut at word starts. */
function hitWindow(query: string, text: string, width: number): Span {
  const terms = queryTerms(query);
  const hits = hitsOf(text, terms);
  let span: { from: number; to: number } | undefined;
  let bestScore = 0;
  for (const first of hits) {
    const inside = hits.filter((h) => h.at >= first.at && h.at + terms[h.term]!.length <= first.at + width);
    const score = inside.length + new Set(inside.map((h) => h.term)).size;
    if (score > bestScore) {
      bestScore = score;
      const last = inside[inside.length - 1]!;
      span = { from: first.at, to: last.at + terms[last.term]!.length };
    }
  }
  const centre = span ? (span.from + span.to) / 2 : width / 2;
  if (text.length <= width) return { from: 0, to: text.length, centre: span ? centre : undefined };
  const from = wordStart(text, Math.max(0, Math.min(Math.round(centre - width / 2), text.length - width)));
  let to = Math.min(text.length, from + width);
  if (to < text.length) to = Math.max(from + 1, wordStart(text, to));
  return { from, to, centre: span ? centre : undefined };
}

/** The part of `text` to rank as text (rankAll's path, which tokenizes it itself): about
 *  `maxTokens` tokens where the query's terms are densest, by the character estimate. */
export function documentWindowText(query: string, text: string, maxTokens: number): string {
  const { from, to } = hitWindow(query, text, charsForTokens(text, maxTokens));
  return text.slice(from, to).trim();
}

/**
 * The part of `text` to rank, as at most `maxTokens` tokens: the hit-dense stretch of about
 * that many tokens (by the character estimate, erring long), tokenized once and trimmed to
 * `maxTokens` around the hits' centre (the start when nothing matches).
 * Where the estimate fell short (a vocabulary thriftier than assumed) it widens once.
 */
export function documentWindowTokens<T>(query: string, text: string, maxTokens: number, tokenize: (text: string) => T[]): T[] {
  let width = charsForTokens(text, maxTokens);
  let span = hitWindow(query, text, width);
  let tokens = tokenize(text.slice(span.from, span.to));
  const short = span.to - span.from < text.length && tokens.length < maxTokens * 0.9;
  if (short) {
    width = Math.ceil((width * maxTokens * 1.2) / Math.max(1, tokens.length));
    span = hitWindow(query, text, width);
    tokens = tokenize(text.slice(span.from, span.to));
  }
  if (tokens.length <= maxTokens) return tokens;
  // The hits' centre in tokens, by its share of the span's characters.
  const share = span.centre === undefined ? 0 : (span.centre - span.from) / Math.max(1, span.to - span.from);
  const centre = Math.round(share * tokens.length);
  const head = span.centre === undefined ? 0 : Math.max(0, Math.min(tokens.length - maxTokens, centre - Math.floor(maxTokens / 2)));
  return tokens.slice(head, head + maxTokens);
}
