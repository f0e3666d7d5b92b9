/**
 * Writes the tiny random Qwen3 reranker GGUF the tests use (src/test-support/tiny-reranker.ts:
 * 2 layers, n_embd 64, n_ff 192, 4 heads / 2 KV heads of 16, context 512, yes/no head), and
 * optionally the tiny Qwen3 embedding model, for `sift bench --rerank-latency` here.
 *
 * Usage:
 *   node -e "import('vite').then((v) => v.runnerImport('./scripts/make-tiny-reranker.ts'))" -- <reranker.gguf> [<embedder.gguf>]
 */
import { writeTinyReranker } from '../src/test-support/tiny-reranker.js';
import { writeTinyQwen3Gguf } from '../src/test-support/tiny-qwen3.js';

const [reranker, embedder] = process.argv.slice(1).filter((arg) => arg !== '--');
if (!reranker) {
  process.stderr.write('Usage: make-tiny-reranker.ts <reranker.gguf> [<embedder.gguf>]\n');
  process.exit(2);
}
writeTinyReranker(reranker);
process.stdout.write(`wrote ${reranker}\n`);
if (embedder) {
  writeTinyQwen3Gguf(embedder, { seed: 3 });
  process.stdout.write(`wrote ${embedder}\n`);
}
