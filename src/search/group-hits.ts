// Ranked passages -> hits, one per file: the file ranks by its best passage, and carries
// up to MAX_PASSAGES of its passages (in rank order), each with a snippet around the
// query's words, the highlighted ranges and the line where the snippet starts.
import { basename, dirname } from 'node:path';
import type { SearchHit, SearchPassage } from '../api/contract.js';
import type { ChunkRow } from '../index/chunk-store.js';
import { roundRelevance } from './relevance.js';
import { makeSnippet } from './snippet.js';

export const MAX_PASSAGES = 3;

export interface RankedPassage {
  row: Omit<ChunkRow, 'vector'>;
  score: number;
  /** How well the passage answers the query, 0..1 (relevance.ts); 0 when not judged. */
  relevance?: number;
}

export interface GroupedPage {
  hits: SearchHit[];
  /** More files matched than this page holds. */
  hasMore: boolean;
}

export function toPassage(row: Omit<ChunkRow, 'vector'>, score: number, terms: string[], relevance = 0): SearchPassage {
  const snippet = makeSnippet(row.text, terms);
  const linesBefore = row.text.slice(0, snippet.offset).split('\n').length - 1;
  return { snippet: snippet.text, highlights: snippet.highlights, line: row.line_no + linesBefore, score, relevance: roundRelevance(relevance) };
}

/** The passages a page shows: files offset .. offset+limit-1 by their best passage, each
 *  with up to maxPassages of its passages in rank order. */
export function pageGroups(
  ranked: readonly RankedPassage[],
  page: { offset: number; limit: number; maxPassages?: number },
): { groups: RankedPassage[][]; hasMore: boolean } {
  const maxPassages = page.maxPassages ?? MAX_PASSAGES;
  const files = new Map<string, RankedPassage[]>();
  for (const passage of ranked) {
    const list = files.get(passage.row.path);
    if (!list) files.set(passage.row.path, [passage]);
    else if (list.length < maxPassages && !list.some((p) => p.row.id === passage.row.id)) list.push(passage);
  }
  const all = [...files.values()];
  return { groups: all.slice(page.offset, page.offset + page.limit), hasMore: all.length > page.offset + page.limit };
}

/** One hit per group, with snippets around `terms` and each passage's relevance. */
export function toHits(
  groups: readonly RankedPassage[][],
  terms: string[],
  /** The relevance of a passage shown (called for those only; default: its `relevance`). */
  judge: (passage: RankedPassage) => number = (passage) => passage.relevance ?? 0,
): SearchHit[] {
  return groups.map((passages) => {
    const shown = passages.map((passage) => toPassage(passage.row, passage.score, terms, judge(passage)));
    const best = shown[0]!;
    const path = passages[0]!.row.path;
    return {
      path,
      fileName: basename(path),
      folder: dirname(path),
      score: best.score,
      // The file is as relevant as its most relevant passage shown (not always the
      // first: the ranking fuses lists, the relevance judges each passage alone).
      relevance: Math.max(...shown.map((p) => p.relevance)),
      snippet: best.snippet,
      highlights: best.highlights,
      line: best.line,
      passages: shown,
    };
  });
}

/** Groups passages (best first) by file and returns files offset .. offset+limit-1. */
export function groupByFile(
  ranked: readonly RankedPassage[],
  terms: string[],
  page: { offset: number; limit: number; maxPassages?: number },
  judge?: (passage: RankedPassage) => number,
): GroupedPage {
  const { groups, hasMore } = pageGroups(ranked, page);
  return { hits: toHits(groups, terms, judge), hasMore };
}
