// The part of a candidate the reranker reads: a window of about `maxTokens` tokens where the
// query's terms are densest. A cross-encoder's cost is its tokens (query + prompt template +
// document, for each candidate), and a Sift chunk is ~250 tokens, so reading 128 of them
// halves a query's rerank work (bench/RESULTS.md section 7 has the latency per window).

const STOPWORDS = new Set([
  'the', 'and', 'for', 'with', 'how', 'what', 'which', 'who', 'why', 'when', 'where', 'does', 'are', 'was', 'were',
  'can', 'from', 'that', 'this', 'into', 'about', 'you', 'your', 'our', 'its', 'not', 'but', 'all', 'any', 'has', 'have',
]);

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

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

/**
 * `text` itself when it has at most `maxTokens` tokens; otherwise its window of about
 * `maxTokens` tokens with the most query-term hits (distinct terms count double; the earliest
 * on a tie), centred on them (the document's start when nothing matches). Cut at word starts,
 * and narrowed until it counts at most `maxTokens` tokens (after 8 tries it may count more).
 */
export function documentWindow(query: string, text: string, maxTokens: number, countTokens: (text: string) => number): string {
  const total = countTokens(text);
  if (total <= maxTokens) return text;
  const charsPerToken = text.length / Math.max(1, total);
  let width = Math.max(1, Math.floor(maxTokens * charsPerToken));
  const terms = queryTerms(query);
  const hits = hitsOf(text, terms);
  // The window of `width` characters holding the most hits (from each hit's start) ...
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
  // ... centred on those hits (the start of the text when nothing matches), and narrowed
  // until it counts at most maxTokens tokens.
  for (let attempt = 0; ; attempt++) {
    const centre = span ? (span.from + span.to) / 2 : width / 2;
    const from = wordStart(text, Math.max(0, Math.min(Math.round(centre - width / 2), text.length - width)));
    let end = Math.min(text.length, from + width);
    if (end < text.length) end = Math.max(from + 1, wordStart(text, end));
    const window = text.slice(from, end).trim();
    if (attempt >= 8 || countTokens(window) <= maxTokens) return window;
    width = Math.floor(width * 0.9);
  }
}
