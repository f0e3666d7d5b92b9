// CPU time of this process by thread (Linux /proc), for the benchmarks that ask where an
// indexing pass spends its time: JavaScript (the main thread), the embedder (libuv
// workers), or LanceDB (its tokio / lance runtime).
import { readdir, readFile } from 'node:fs/promises';

/** CPU seconds per thread name (Linux /proc): shows whether the pipeline's extra time is
 *  JavaScript (the main thread), the embedder (libuv workers), or LanceDB (its runtime). */
export async function threadCpuByName(): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  const tasks = await readdir('/proc/self/task').catch(() => [] as string[]);
  for (const tid of tasks) {
    const stat = await readFile(`/proc/self/task/${tid}/stat`, 'utf8').catch(() => '');
    const close = stat.lastIndexOf(')');
    if (close < 0) continue;
    const comm = stat.slice(stat.indexOf('(') + 1, close).replace(/[-_ ]?\d+$/, '');
    const name = tid === String(process.pid) ? 'main (JS)' : comm;
    const fields = stat.slice(close + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks
    totals.set(name, (totals.get(name) ?? 0) + ticks / 100);
  }
  return totals;
}

export function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}
