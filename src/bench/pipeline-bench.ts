// Indexing pipeline benchmark (issue 4's targets): 10,000 generated text files.
//   1. the embedder alone on exactly the chunks the pipeline will produce (before and
//      after step 2, averaged);
//   2. the whole pipeline (scan, read, chunk, cache lookups, embed, batched writes) on a
//      fresh index, sampling RSS;
//   3. a restart over the unchanged folder (reconcile time, chunks re-embedded).
// Run: npm run build:cli && node dist/bench/pipeline-bench.js [--files 10000] [--model f.gguf]
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LlamaEmbedder } from '../embedder/llama-embedder.js';
import { chunkText } from '../ingest/chunk-text.js';
import { contentHash } from '../ingest/extract.js';
import { starterModelPath } from '../paths.js';
import { ModelPipeline } from '../pipeline/model-pipeline.js';
import { noteText } from './generated-notes.js';
import { cpuSecondsSince, threadCpuByName } from './thread-cpu.js';

/** The pipeline the app runs for one model, with its own embedder (no app around it). */
function openPipeline(dbDir: string, modelPath: string) {
  const quiet = { log: () => undefined };
  const embedder = new LlamaEmbedder({ modelPath, logger: quiet });
  const pipeline = new ModelPipeline({
    dbUri: dbDir,
    embedder,
    dimensionsFor: (facts) => facts.nativeDimensions ?? facts.dimensions,
    logger: quiet,
    emit: () => undefined,
  });
  return {
    embedder,
    indexFolder: (folder: string) => pipeline.indexFolder(folder),
    async close() {
      await pipeline.close();
      await embedder.dispose();
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { files: { type: 'string', default: '10000' }, model: { type: 'string' } } });
  const fileCount = Number(values.files);
  const modelPath = values.model ?? starterModelPath();
  const root = await mkdtemp(join(tmpdir(), 'sift-pipeline-bench-'));
  const folder = join(root, 'docs');
  const texts: string[] = [];
  for (let i = 0; i < fileCount; i++) {
    const dir = join(folder, `d${i % 50}`);
    if (i < 50) await mkdir(dir, { recursive: true });
    const text = noteText(i);
    texts.push(text);
    await writeFile(join(dir, `note-${i}.md`), text);
  }

  // 1. Embedder alone on the same chunks (unique texts, as the cache would embed them).
  let embedder = new LlamaEmbedder({ modelPath });
  const info = await embedder.load();
  const maxUnits = Math.min(256, info.contextTokens - 8);
  const unique = new Map<string, string>();
  for (const text of texts) {
    for (const chunk of chunkText(text, { maxUnits, measure: (t) => embedder.countTokens(t), markdown: true })) {
      unique.set(contentHash(chunk.text), chunk.text);
    }
  }
  const chunkTexts = [...unique.values()];
  // Timed before and after the pipeline, and averaged: on a shared 2-core machine speed
  // drifts over minutes, and one measurement on one side would tilt the ratio.
  const embedAlone = async () => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    for (let i = 0; i < chunkTexts.length; i += 128) await embedder.embed(chunkTexts.slice(i, i + 128), 'document');
    return { seconds: (performance.now() - start) / 1000, cpuSeconds: cpuSecondsSince(cpu) };
  };
  const alone1 = await embedAlone();
  // Only one model in memory while the pipeline runs, as in the app.
  await embedder.dispose();

  // 2. The full pipeline on a fresh index, with RSS sampled every 50 ms.
  const dbDir = join(root, 'index');
  const core = openPipeline(dbDir, modelPath);
  await core.embedder.load();
  const rssAfterLoad = process.memoryUsage().rss;
  let peakRss = rssAfterLoad;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const threadsBefore = await threadCpuByName();
  const indexCpu = process.cpuUsage();
  const indexStart = performance.now();
  const report = await core.indexFolder(folder);
  const indexSeconds = (performance.now() - indexStart) / 1000;
  const indexCpuSeconds = cpuSecondsSince(indexCpu);
  const threadsAfter = await threadCpuByName();
  clearInterval(sampler);
  await core.close();
  embedder = new LlamaEmbedder({ modelPath });
  await embedder.load();
  const alone2 = await embedAlone();
  await embedder.dispose();
  const embedSeconds = (alone1.seconds + alone2.seconds) / 2;
  const embedCpuSeconds = (alone1.cpuSeconds + alone2.cpuSeconds) / 2;

  // 3. Restart over the unchanged folder.
  const again = openPipeline(dbDir, modelPath);
  await again.embedder.load();
  const restartStart = performance.now();
  const restart = await again.indexFolder(folder);
  const restartSeconds = (performance.now() - restartStart) / 1000;
  await again.close();
  await rm(root, { recursive: true, force: true });

  const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
  const rows: Array<[string, string]> = [
    ['files', String(fileCount)],
    ['chunks (unique)', `${report.chunksEmbedded} (${chunkTexts.length})`],
    [
      'embedder alone',
      `${embedSeconds.toFixed(1)} s (${(chunkTexts.length / embedSeconds).toFixed(0)} chunks/s; before ${alone1.seconds.toFixed(1)} s, after ${alone2.seconds.toFixed(1)} s), CPU ${embedCpuSeconds.toFixed(1)} s`,
    ],
    ['full pipeline', `${indexSeconds.toFixed(1)} s (${(report.chunksEmbedded / indexSeconds).toFixed(0)} chunks/s), CPU ${indexCpuSeconds.toFixed(1)} s`],
    ['pipeline / embedder', `${(indexSeconds / embedSeconds).toFixed(2)}x (target <= 1.15x)`],
    ['RSS after model load', mb(rssAfterLoad)],
    ['peak RSS while indexing', `${mb(peakRss)} (+${mb(peakRss - rssAfterLoad)} over the loaded model; target <= 600 MB)`],
    ['restart reconcile', `${restartSeconds.toFixed(2)} s, ${restart.chunksEmbedded} chunks re-embedded, ${restart.filesUnchanged} unchanged (target <= 3 s, 0)`],
  ];
  if (threadsAfter.size > 0) {
    const byThread = [...threadsAfter]
      .map(([name, seconds]) => [name, seconds - (threadsBefore.get(name) ?? 0)] as const)
      .filter(([, seconds]) => seconds >= 0.05)
      .sort((a, b) => b[1] - a[1]);
    rows.push(['pipeline CPU by thread', byThread.map(([name, seconds]) => `${name} ${seconds.toFixed(1)} s`).join(', ')]);
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
