// Compaction of a LanceDB table with old versions dropped, retried on commit conflicts:
// the store compacts its tables while the indexer may be writing to them.
import type * as lancedb from '@lancedb/lancedb';

/** Versions older than this are dropped when a table is compacted (readers in flight
 *  still hold newer ones). */
const KEEP_VERSIONS_MS = 60_000;

/** Compaction commits can collide with a concurrent write ("Retryable commit conflict");
 *  LanceDB says to retry, so we do, a few times with a short pause. */
export async function optimizeWithRetry(table: lancedb.Table, attempts = 3): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await table.optimize({ cleanupOlderThan: new Date(Date.now() - KEEP_VERSIONS_MS) });
      return;
    } catch (error) {
      if (attempt >= attempts || !/retryable commit conflict/i.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}
