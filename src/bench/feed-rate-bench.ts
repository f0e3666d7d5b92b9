// How fast the indexing pipeline can feed an embedder (issue 16, part 5): the whole pass
// (scan, read, extract, chunk, tokenize, cache lookups, LanceDB writes) with the decode
// taken out. The embedder tokenizes every passage exactly as the real one does (on the main
// thread, where the real one tokenizes too) and returns a vector made from the tokens, so
// the pass writes real rows of the model's width. Compared with the GPU rates measured on
// the H200 (bench/RESULTS.md section 9): the pipeline should deliver 3 times the fastest.
//
// Run: npm run build:cli && node dist/bench/feed-rate-bench.js
//        [--folder /usr/share/doc ...] (real trees; default: --files 10000 generated notes)
//        [--model f.gguf] (whose tokenizer; default the starter model; a Qwen3 GGUF tokenizes
//        as the product's models do)
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { EmbedKind, Embedder } from '../embedder/embedder.js';
import { normalize } from '../embedder/embedder.js';
import { LlamaEmbedder } from '../embedder/llama-embedder.js';
import { starterModelPath } from '../paths.js';
import { ModelPipeline } from '../pipeline/model-pipeline.js';
import { noteText } from './generated-notes.js';
import { cpuSecondsSince, threadCpuByName } from './thread-cpu.js';

/** Single-process GPU rates, index load, tokens/s (bench/RESULTS.md section 9, H200). */
const GPU_RATES: ReadonlyArray<[string, number]> = [
  ['0.6B F16, CUDA, 1 context', 48_484],
  ['4B Q4_K_M, CUDA, 1 context', 15_820],
  ['8B Q4_K_M, CUDA, 1 context', 10_613],
];
const FEED_TARGET = 3;

/** The real embedder's tokenizing, with no decode: a vector of token counts per id modulo
 *  the width, normalised (cheap, and distinct enough for the cache and the writes). */
class TokenizeOnlyEmbedder implements Embedder {
  tokens = 0;
  texts = 0;

  constructor(private readonly real: LlamaEmbedder) {}

  load() {
    return this.real.load();
  }

  peek() {
    return this.real.peek();
  }

  loadedInfo() {
    return this.real.loadedInfo();
  }

  countTokens(text: string): number {
    return this.real.countTokens(text);
  }

  async embed(texts: string[], kind: EmbedKind): Promise<Float32Array[]> {
    const { dimensions } = await this.real.load();
    return texts.map((text) => {
      const tokens = this.real.inputTokens(text, kind);
      this.tokens += tokens.length;
      this.texts++;
      const vector = new Float32Array(dimensions);
      for (const token of tokens) vector[token % dimensions]! += 1;
      return normalize(vector);
    });
  }

  dispose() {
    return this.real.dispose();
  }
}

async function generatedNotes(root: string, count: number): Promise<string> {
  const folder = join(root, 'notes');
  for (let i = 0; i < count; i++) {
    const dir = join(folder, `d${i % 50}`);
    if (i < 50) await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `note-${i}.md`), noteText(i));
  }
  return folder;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { files: { type: 'string', default: '10000' }, folder: { type: 'string', multiple: true }, model: { type: 'string' } },
  });
  const modelPath = values.model ?? starterModelPath();
  const root = await mkdtemp(join(tmpdir(), 'sift-feed-rate-'));
  const folders = values.folder?.length ? values.folder : [await generatedNotes(root, Number(values.files))];
  const quiet = { log: () => undefined };
  const embedder = new TokenizeOnlyEmbedder(new LlamaEmbedder({ modelPath, logger: quiet }));
  const pipeline = new ModelPipeline({
    dbUri: join(root, 'index'),
    embedder,
    dimensionsFor: (facts) => facts.nativeDimensions ?? facts.dimensions,
    logger: quiet,
    emit: () => undefined,
  });
  const info = await embedder.load();
  const threadsBefore = await threadCpuByName();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const totals = { indexed: 0, skipped: 0, failed: 0, chunks: 0 };
  for (const folder of folders) {
    const report = await pipeline.indexFolder(folder);
    totals.indexed += report.filesIndexed;
    totals.skipped += report.filesSkipped.length;
    totals.failed += report.filesFailed.length;
    totals.chunks += report.chunksEmbedded;
  }
  const seconds = (performance.now() - start) / 1000;
  const cpuSeconds = cpuSecondsSince(cpu);
  const threadsAfter = await threadCpuByName();
  await pipeline.close();
  await embedder.dispose();
  await rm(root, { recursive: true, force: true });

  const tokensPerSecond = embedder.tokens / seconds;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`Feed rate: the indexing pass with the decode taken out (tokenizer: ${info.name}, ${info.dimensions} dims)`);
  out(`folders: ${folders.join(', ')}`);
  out(`files: ${totals.indexed} indexed, ${totals.skipped} skipped, ${totals.failed} failed; ${cpus().length} CPU cores`);
  out(
    `passages: ${embedder.texts} (${(embedder.tokens / Math.max(1, embedder.texts)).toFixed(0)} tokens each on average), ` +
      `${embedder.tokens} tokens in ${seconds.toFixed(1)} s: ${(embedder.texts / seconds).toFixed(0)} passages/s, ` +
      `${Math.round(tokensPerSecond)} tokens/s; CPU ${cpuSeconds.toFixed(1)} s`,
  );
  const byThread = [...threadsAfter]
    .map(([name, s]) => [name, s - (threadsBefore.get(name) ?? 0)] as const)
    .filter(([, s]) => s >= 0.05)
    .sort((a, b) => b[1] - a[1]);
  if (byThread.length > 0) out(`CPU by thread: ${byThread.map(([name, s]) => `${name} ${s.toFixed(1)} s`).join(', ')}`);
  out(`against the GPU's index load (H200, bench/RESULTS.md section 9; target >= ${FEED_TARGET}x):`);
  for (const [name, rate] of GPU_RATES) out(`  ${name}: ${rate} tokens/s -> ${(tokensPerSecond / rate).toFixed(2)}x`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
