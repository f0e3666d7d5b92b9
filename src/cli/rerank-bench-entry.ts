// `node dist/cli/rerank-bench-entry.js --model <reranker.gguf> [--gpu auto|cpu|cuda|vulkan]
//  [--candidates 30] [--queries 20] [--passage-tokens 250] [--out file.json]`: the latency
// the reranker adds per query (src/bench/rerank-latency.ts), for the GPU script.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { rerankLatency } from '../bench/rerank-latency.js';
import type { GpuChoice } from '../embedder/llama-runtime.js';

const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    gpu: { type: 'string', default: 'auto' },
    candidates: { type: 'string', default: '30' },
    queries: { type: 'string', default: '20' },
    'passage-tokens': { type: 'string', default: '250' },
    out: { type: 'string' },
  },
});
if (!values.model) {
  console.error('usage: rerank-bench-entry --model <reranker.gguf> [--gpu auto|cpu|cuda|vulkan] [--candidates 30] [--queries 20] [--passage-tokens 250] [--out f.json]');
  process.exit(2);
}
const gpu: GpuChoice = values.gpu === 'cpu' ? false : (values.gpu as GpuChoice);
const report = await rerankLatency({
  modelPath: values.model,
  gpu,
  candidates: Number(values.candidates),
  queries: Number(values.queries),
  passageTokens: Number(values['passage-tokens']),
});
console.log(
  `reranker ${report.backend}: ${report.candidates} candidates of ~${report.passageTokens} tokens, ${report.queries} queries: ` +
    `p50 ${report.p50Ms} ms, p95 ${report.p95Ms} ms, mean ${report.meanMs} ms (${report.perCandidateMs} ms per candidate); load ${report.loadMs} ms`,
);
if (values.out) writeFileSync(values.out, JSON.stringify(report, null, 2));
