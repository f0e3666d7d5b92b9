// LanceDB's compute pool, sized so that building a full-text index cannot deadlock.
//
// Lance runs its CPU work (spawn_cpu) on one process-wide pool of blocking threads that it
// sizes once, on first use, at max(1, cpus - LANCE_IO_CORE_RESERVATION), the reservation
// being 2: ONE thread on a machine with 3 logical CPUs or fewer. Writing a full-text
// index's posting lists (lance-index 8.0.0, InnerBuilder::write_posting_lists, used by
// createIndex and by every optimize() that folds new rows into the index) starts a
// producer on that pool which hands batches to the writer over a channel of capacity 1
// with a *blocking* send, holding its pool thread while it waits; the writer's page
// encoding (PrimitiveStructuralEncoder::do_flush) needs a pool thread too. With one thread
// and posting lists past a few batches, the producer waits for the writer and the writer
// for the producer's thread: the call never returns, every thread asleep (upstream:
// lancedb/lancedb#3568; fixed in lance by lance-format/lance#7423, not in the lance 8.0.0
// that @lancedb/lancedb 0.31.0 ships). src/index/lance-runtime.test.ts reproduces it.
//
// The pool needs one thread more than the posting-list writers running at once. Sift runs
// one per process in practice (the index maintainer runs one job at a time; the inline
// full-text index of a search is for small tables only), so at least 2 threads. The count
// is a cap on threads started on demand, not threads kept busy.
import { availableParallelism } from 'node:os';

/** Fewest compute threads that keep one free beside a blocked posting-list producer. */
export const MIN_LANCE_CPU_THREADS = 2;

/** The LANCE_CPU_THREADS to set, or undefined where the user set one of at least
 *  MIN_LANCE_CPU_THREADS (left alone). Otherwise lance's own count (its default sizing, or
 *  the user's smaller value) raised to MIN_LANCE_CPU_THREADS: where lance would pick two or
 *  more anyway, the value set is the one it would pick. */
export function lanceCpuThreads(env: NodeJS.ProcessEnv, cpus: number): string | undefined {
  const set = Number.parseInt(env.LANCE_CPU_THREADS ?? '', 10);
  if (Number.isFinite(set) && set >= MIN_LANCE_CPU_THREADS) return undefined;
  const reservation = Number.parseInt(env.LANCE_IO_CORE_RESERVATION ?? '2', 10);
  const lanceDefault = cpus <= reservation ? 1 : cpus - reservation;
  return String(Math.max(MIN_LANCE_CPU_THREADS, Number.isFinite(set) ? set : lanceDefault));
}

/** Sets LANCE_CPU_THREADS before LanceDB starts its pool (first table operation in the
 *  process; the value is read once). Process-wide: call on the main thread, where the
 *  environment is the real one (a worker thread's process.env is a copy). */
export function configureLanceRuntime(env: NodeJS.ProcessEnv = process.env, cpus = availableParallelism()): void {
  const threads = lanceCpuThreads(env, cpus);
  if (threads !== undefined) env.LANCE_CPU_THREADS = threads;
}
