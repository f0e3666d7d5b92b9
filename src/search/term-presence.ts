// Which words the full-text index holds, remembered for a minute: the keyword side asks
// for each long word of a query before offering typo tolerance for it (keyword-plan.ts),
// and as a person types, the same words come back query after query. A stale answer costs
// little: a word wrongly thought missing gets a fuzzy clause that also matches it exactly.
import type { ChunkStore } from '../index/chunk-store.js';

const TTL_MS = 60_000;
const MAX_WORDS = 2_000;

export class TermPresence {
  private readonly known = new Map<string, { holds: boolean; at: number }>();
  private store: ChunkStore | undefined;

  /** The words among `words` that no passage holds. */
  async missing(store: ChunkStore, words: readonly string[]): Promise<string[]> {
    if (words.length === 0) return [];
    if (store !== this.store) {
      // Another model's table: its vocabulary is another one.
      this.known.clear();
      this.store = store;
    }
    const now = Date.now();
    const holds = await Promise.all(
      words.map(async (word) => {
        const hit = this.known.get(word);
        if (hit && now - hit.at < TTL_MS) return hit.holds;
        const answer = await store.holdsTerm(word);
        if (this.known.size >= MAX_WORDS) this.known.clear();
        this.known.set(word, { holds: answer, at: now });
        return answer;
      }),
    );
    return words.filter((_, i) => !holds[i]);
  }
}
