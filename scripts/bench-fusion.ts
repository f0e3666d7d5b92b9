/**
 * The per-query cost of the adaptive fusion (src/search/adaptive-fusion.ts) against plain
 * reciprocal rank fusion, on candidate lists of the size a hybrid page of 20 files
 * fetches (60 passages from each list, as SearchService asks at 100,000 chunks), made of
 * the shipped test sets' real passages (~100-170 words) and asked with all of their
 * queries, typos included (the typo path scans the candidates' words). No LanceDB, no
 * model: only the work fusion adds to a search. Prints figures; asserts nothing.
 *
 *   node -e "import('vite').then((v) => v.runnerImport('./scripts/bench-fusion.ts'))"
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { adaptiveFusion, DEFAULT_FUSION } from '../src/search/adaptive-fusion.js';
import { reciprocalRankFusion } from '../src/search/fusion.js';
import { loadTestSet } from '../src/bench/accuracy.js';
import { resourcesDir } from '../src/paths.js';
import { seededRandom } from '../src/seeded-random.js';

const PER_LIST = 60;
const dir = join(resourcesDir(), 'testsets');
const sets = await Promise.all(readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => loadTestSet(join(dir, f))));
const passages = sets.flatMap((set) => set.documents.map((doc) => ({ key: `${set.name}/${doc.id}`, text: doc.text })));
const queries = sets.flatMap((set) => set.queries.map((q) => q.query));
const random = seededRandom(7);
const pick = () => Array.from({ length: PER_LIST }, () => passages[Math.floor(random() * passages.length)]!);

type Figures = { p50: number; p95: number; max: number };

/** Wall time and CPU time per query: on a shared machine the wall time's tail is mostly
 *  other processes' turns on the cores, the CPU time is this code's own work. */
function time(run: (query: string, vector: typeof passages, keyword: typeof passages) => unknown): { wall: Figures; cpu: Figures } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const query of queries) {
      const vector = pick();
      const keyword = pick();
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      run(query, vector, keyword);
      wall.push(performance.now() - start);
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  const figures = (ms: number[]): Figures => {
    ms.sort((a, b) => a - b);
    const at = (q: number) => Number(ms[Math.floor(q * (ms.length - 1))]!.toFixed(3));
    return { p50: at(0.5), p95: at(0.95), max: at(1) };
  };
  return { wall: figures(wall), cpu: figures(cpu) };
}

process.stdout.write(`node ${process.version}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
process.stdout.write(`${queries.length} queries x 5 rounds, ${PER_LIST} + ${PER_LIST} candidate passages each\n`);
const rrf = time((_query, vector, keyword) =>
  reciprocalRankFusion([{ keys: vector.map((p) => p.key), weight: 1 }, { keys: keyword.map((p) => p.key), weight: 0.4 }], 2),
);
process.stdout.write(`plain RRF (the old default), ms per query: ${JSON.stringify(rrf)}\n`);
const adaptive = time((query, vector, keyword) => adaptiveFusion(query, vector, keyword, DEFAULT_FUSION));
process.stdout.write(`adaptive fusion (coverage, typo scan, logistic share), ms per query: ${JSON.stringify(adaptive)}\n`);
