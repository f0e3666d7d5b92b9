// `node dist/cli/conformance-entry.js --model <file.gguf> [--gpu auto|cuda|vulkan|cpu]
//  [--binding lastBuild] --out check.json`: embeds the conformance texts through Sift's own
// embedder (whatever decode path the loaded engine offers) and writes
// {texts, tokens, embeddings, engine} in the form devkit/ref_numpy.py checks against its
// float64 forward pass. The GPU script runs it on each engine build (CUDA, Vulkan):
// the same comparison as src/embedder/qwen3-conformance.test.ts, on a GPU backend.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { LlamaEmbedder } from '../embedder/llama-embedder.js';
import type { GpuChoice } from '../embedder/llama-runtime.js';

const TEXTS = [
  'reset my password',
  '这是测试句子',
  'Qwen3-Embedding 模型支持多语言文本嵌入，适用于检索、聚类和分类任务。',
  'def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n',
  'The government said the new school program would help young children in every city. '.repeat(4),
  'Numbers and names: ISO 8601, RFC 9110, 3.14159, node-llama-cpp 3.21.1, LanceDB.',
];

const { values } = parseArgs({
  options: { model: { type: 'string' }, gpu: { type: 'string', default: 'auto' }, binding: { type: 'string' }, out: { type: 'string' } },
});
if (!values.model || !values.out) {
  console.error('usage: conformance-entry --model <file.gguf> [--gpu auto|cuda|vulkan|cpu] [--binding lastBuild] --out check.json');
  process.exit(2);
}
let llama;
if (values.binding === 'lastBuild') {
  const { getLlama, LlamaLogLevel } = await import('node-llama-cpp');
  llama = await getLlama('lastBuild', { logLevel: LlamaLogLevel.warn });
}
const embedder = new LlamaEmbedder({ modelPath: values.model, gpu: values.gpu === 'cpu' ? false : (values.gpu as GpuChoice), llama });
try {
  const info = await embedder.load();
  const embeddings = await embedder.embed(TEXTS, 'document');
  const engine = `${info.backend} ${info.deviceNames?.join(', ') ?? ''}, ${info.decodePath} x${info.sequencesPerContext ?? 1}` +
    `${info.tokenBudget ? ` @${info.tokenBudget}/${info.microBatch}` : ''}`;
  writeFileSync(
    values.out,
    JSON.stringify({
      engine,
      texts: TEXTS,
      tokens: TEXTS.map((t) => embedder.inputTokens(t, 'document')),
      embeddings: embeddings.map((v) => Array.from(v)),
    }),
  );
  console.log(`conformance vectors (${engine}) -> ${values.out}`);
} finally {
  await embedder.dispose();
}
