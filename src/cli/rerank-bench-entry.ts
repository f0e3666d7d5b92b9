// `node dist/cli/rerank-bench-entry.js --model <reranker.gguf> [--gpu auto|cpu|cuda|vulkan]
//  [--candidates 30] [--queries 20] [--passage-tokens 250] [--paths sequential:0,batched:0,batched:128]
//  [--batch-tokens 2048] [--out file.json]`: the latency the reranker adds per query
// (src/bench/rerank-latency.ts), for the GPU script. Each path is <decode path>:<document
// window tokens, 0 = whole>; when both sequential:0 and batched:0 run, their scores on the same
// queries and candidates are compared (the batched path must agree with rankAll).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { rerankLatency, type RerankLatencyReport } from '../bench/rerank-latency.js';
import type { GpuChoice } from '../embedder/llama-runtime.js';

const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    gpu: { type: 'string', default: 'auto' },
    candidates: { type: 'string', default: '30' },
    queries: { type: 'string', default: '20' },
    'passage-tokens': { type: 'string', default: '250' },
    paths: { type: 'string', default: 'sequential:0,batched:0,batched:128' },
    'batch-tokens': { type: 'string', default: '2048' },
    out: { type: 'string' },
  },
});
if (!values.model) {
  console.error('usage: rerank-bench-entry --model <reranker.gguf> [--gpu auto|cpu|cuda|vulkan] [--candidates 30] [--queries 20] [--passage-tokens 250] [--paths sequential:0,batched:128] [--batch-tokens 2048] [--out f.json]');
  process.exit(2);
}
const gpu: GpuChoice = values.gpu === 'cpu' ? false : (values.gpu as GpuChoice);
const reports: Record<string, RerankLatencyReport | { error: string }> = {};
for (const spec of values.paths.split(',').map((s) => s.trim()).filter(Boolean)) {
  // <path>:<window>[:noshare][:b<tokens>]: noshare decodes every pair's whole prompt (no
  // shared prefix); b4096 sets this path's tokens per decode (else --batch-tokens).
  const [path, window, ...flags] = spec.split(':');
  const batchFlag = flags.find((f) => /^b\d+$/.test(f));
  try {
    const report = await rerankLatency({
      modelPath: values.model,
      gpu,
      candidates: Number(values.candidates),
      queries: Number(values.queries),
      passageTokens: Number(values['passage-tokens']),
      decodePath: path as 'batched' | 'sequential',
      batchTokens: Number(batchFlag ? batchFlag.slice(1) : values['batch-tokens']),
      documentTokens: Number(window ?? 0),
      sharePrefix: !flags.includes('noshare'),
    });
    reports[spec] = report;
    console.log(
      `reranker ${report.backend} ${report.decodePath} (window ${report.documentTokens || 'whole'}${report.decodePath === 'batched' ? `, ${report.batchTokens} tokens per decode${report.sharedPrefix ? ', shared prefix' : ''}` : ''}): ` +
        `${report.candidates} candidates of ~${report.passageTokens} tokens, ${report.queries} queries: ` +
        `p50 ${report.p50Ms} ms, p95 ${report.p95Ms} ms, mean ${report.meanMs} ms (${report.perCandidateMs} ms per candidate); load ${report.loadMs} ms` +
        (report.perQuery
          ? `; per query ${report.perQuery.decodes} decodes, ${report.perQuery.decodeMs} ms in llama_decode, ${report.perQuery.workerMs} ms in the worker, ${report.perQuery.hostMs} ms host`
          : ''),
    );
  } catch (error) {
    reports[spec] = { error: (error as Error).message };
    console.log(`reranker ${spec}: FAILED ${(error as Error).message}`);
  }
}
const a = reports['sequential:0'];
const b = reports['batched:0'];
let agreement: { maxAbsDiff: number; pairs: number } | undefined;
if (a && b && 'scores' in a && 'scores' in b) {
  let max = 0;
  let pairs = 0;
  a.scores.forEach((row, q) =>
    row.forEach((x, i) => {
      max = Math.max(max, Math.abs(x - (b.scores[q]?.[i] ?? Number.NaN)));
      pairs++;
    }),
  );
  agreement = { maxAbsDiff: Number(max.toExponential(3)), pairs };
  console.log(`batched vs rankAll (whole documents, same queries): max |score difference| ${agreement.maxAbsDiff} over ${pairs} pairs`);
}
if (values.out) writeFileSync(values.out, JSON.stringify({ reports, agreement }, null, 2));
