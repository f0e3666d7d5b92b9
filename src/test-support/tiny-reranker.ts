// A tiny Qwen3 reranker GGUF: the random tiny Qwen3 (tiny-qwen3.ts: 2 layers, n_embd 64,
// n_ff 192, 4 heads / 2 KV heads of 16, context 512) with a two-class head (yes/no, the
// layout of a converted Qwen3-Reranker) and a rerank prompt template. Its scores mean
// nothing, but every step (load, template, rank pooling, softmax, reordering) runs for real.
import { meta, writeGguf, type GgufSpec } from './gguf-writer.js';
import { generateTinyQwen3Weights, tinyQwen3GgufSpec } from './tiny-qwen3.js';

export const RERANK_TEMPLATE =
  '<|im_start|>system\nJudge whether the Document meets the requirements based on the Query. Answer "yes" or "no".<|im_end|>\n' +
  '<|im_start|>user\n<Query>: {query}\n<Document>: {document}<|im_end|>\n<|im_start|>assistant\n';

export function tinyRerankerSpec(seed = 9): GgufSpec {
  const weights = generateTinyQwen3Weights({ seed });
  const spec = tinyQwen3GgufSpec(weights);
  const hidden = weights.config.hidden;
  const head = new Float32Array(hidden * 2);
  for (let i = 0; i < head.length; i++) head[i] = Math.sin(i * 12.9898) * 0.5;
  return {
    metadata: [
      ...spec.metadata.filter((entry) => !entry.key.endsWith('.pooling_type') && entry.key !== 'general.name'),
      meta.string('general.name', 'Sift tiny Qwen3 reranker (random)'),
      meta.uint32('qwen3.pooling_type', 4), // RANK
      meta.array('qwen3.classifier.output_labels', 'string', ['yes', 'no']),
      meta.string('tokenizer.chat_template.rerank', RERANK_TEMPLATE),
    ],
    tensors: [...spec.tensors, { name: 'cls.output.weight', shape: [hidden, 2], type: 'F32', data: head }],
  };
}

export function writeTinyReranker(path: string, seed = 9): void {
  writeGguf(path, tinyRerankerSpec(seed));
}
