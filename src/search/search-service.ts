// Query -> ranked hits grouped by file. Vector search with cosine similarity; each file
// appears once, represented by its best passage, with a snippet around the query's words.
import { basename, dirname } from 'node:path';
import type { SearchHit } from '../api/contract.js';
import { isZeroVector, type Embedder } from '../embedder/embedder.js';
import type { ChunkStore } from '../index/chunk-store.js';
import { makeSnippet, queryTerms } from './snippet.js';

/** Passages fetched per requested hit: several passages of one file collapse into one hit. */
const CANDIDATES_PER_HIT = 4;

export class SearchService {
  constructor(
    private readonly embedder: Embedder,
    private readonly store: () => Promise<ChunkStore>,
  ) {}

  async search(query: string, limit: number): Promise<SearchHit[]> {
    const [vector] = await this.embedder.embed([query], 'query');
    // A query of only stop words (or unknown words) has no direction to search in.
    if (!vector || isZeroVector(vector)) return [];
    const store = await this.store();
    const matches = await store.nearest(vector, limit * CANDIDATES_PER_HIT);
    const terms = queryTerms(query);
    const hits: SearchHit[] = [];
    const seen = new Set<string>();
    for (const { row, similarity } of matches) {
      if (seen.has(row.path)) continue;
      seen.add(row.path);
      const snippet = makeSnippet(row.text, terms);
      const linesBefore = row.text.slice(0, snippet.offset).split('\n').length - 1;
      hits.push({
        path: row.path,
        fileName: basename(row.path),
        folder: dirname(row.path),
        score: similarity,
        snippet: snippet.text,
        highlights: snippet.highlights,
        line: row.line_no + linesBefore,
      });
      if (hits.length >= limit) break;
    }
    return hits;
  }
}
