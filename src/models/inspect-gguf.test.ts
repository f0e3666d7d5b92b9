// Inspecting real GGUF files: the bundled starter model, the tiny Qwen3 embedder, and
// variants of it written with the same GGUF writer that pose as a chat model, a reranker,
// a vocabulary-only file, plus files that are not GGUF at all.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SiftError } from '../api/errors.js';
import { starterModelPath } from '../paths.js';
import { makeTempDir } from '../test-support/fixture-folder.js';
import { meta, writeGguf, type GgufSpec } from '../test-support/gguf-writer.js';
import { classifyModel, inspectEmbeddingModel, inspectGguf, quantizationName } from './inspect-gguf.js';
import { generateTinyQwen3Weights, tinyQwen3GgufSpec, writeTinyQwen3Gguf } from '../test-support/tiny-qwen3.js';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let spec: GgufSpec;

/** The tiny Qwen3 spec with metadata entries replaced (value) or removed (null). */
function variant(file: string, changes: Record<string, ReturnType<(typeof meta)['string']> | null>, tensors = true): string {
  const metadata = spec.metadata.filter((m) => !(m.key in changes)).concat(Object.values(changes).filter((m) => m !== null));
  const path = join(temp.path, file);
  writeGguf(path, { metadata, tensors: tensors ? spec.tensors : [] });
  return path;
}

async function refusal(path: string): Promise<string> {
  const error = await inspectEmbeddingModel(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SiftError);
  expect((error as SiftError).code).toBe('model_invalid');
  return (error as SiftError).message;
}

beforeAll(async () => {
  temp = await makeTempDir('sift-inspect-');
  spec = tinyQwen3GgufSpec(generateTinyQwen3Weights());
});

afterAll(async () => {
  await temp.remove();
});

describe('inspectGguf', () => {
  it('reads the starter model: bert, 100 dimensions, mean pooling, F16', async () => {
    const info = await inspectEmbeddingModel(starterModelPath());
    expect(info).toMatchObject({
      name: 'Sift starter (GloVe 6B 100d)',
      architecture: 'bert',
      dimensions: 100,
      pooling: 'mean',
      kind: 'embedding',
    });
    expect(info.contextTokens).toBeGreaterThan(0);
    expect(info.fileBytes).toBeGreaterThan(1_000_000);
    expect(info.quantization).toBe('F16');
  });

  it('reads the tiny Qwen3 embedder: last-token pooling, 512 context, F16', async () => {
    const path = join(temp.path, 'Tiny-Qwen3-Embedding.gguf');
    writeTinyQwen3Gguf(path);
    expect(await inspectEmbeddingModel(path)).toMatchObject({
      architecture: 'qwen3',
      dimensions: 64,
      pooling: 'last',
      contextTokens: 512,
      quantization: 'F16',
      kind: 'embedding',
      tensorCount: spec.tensors.length,
    });
  });

  it('accepts a Qwen3-Embedding conversion without a pooling type, by its name', async () => {
    const path = variant('Qwen3-Embedding-0.6B-Q8_0.gguf', { 'qwen3.pooling_type': null, 'general.name': meta.string('general.name', 'Qwen3 Embedding 0.6B') });
    expect((await inspectGguf(path)).kind).toBe('embedding');
  });

  it('refuses a chat model that declares no pooling type', async () => {
    const path = variant('Qwen3-0.6B-Q8_0.gguf', { 'qwen3.pooling_type': null, 'general.name': meta.string('general.name', 'Qwen3 0.6B') });
    const info = await inspectGguf(path);
    expect(info.kind).toBe('generative');
    expect(await refusal(path)).toMatch(/"Qwen3-0\.6B-Q8_0\.gguf" \(Qwen3 0\.6B, architecture qwen3\) looks like a chat or text-generation model: it declares no pooling type/);
  });

  it('refuses a reranker (rank pooling)', async () => {
    const path = variant('model.gguf', { 'qwen3.pooling_type': meta.uint32('qwen3.pooling_type', 4) as never });
    expect((await inspectGguf(path)).pooling).toBe('rank');
    expect(await refusal(path)).toMatch(/is a reranker: it scores a query and a passage together/);
  });

  it('refuses a vocabulary-only file and files that are not GGUF', async () => {
    const vocabOnly = variant('vocab-only-embedding.gguf', {}, false);
    expect(await refusal(vocabOnly)).toMatch(/only a vocabulary/);
    const text = join(temp.path, 'notes.gguf');
    await writeFile(text, 'these are my notes, not a model');
    expect(await refusal(text)).toMatch(/is not a GGUF model file/);
    expect(await refusal(join(temp.path, 'missing.gguf'))).toMatch(/does not exist/);
  });

  it.each([
    [7, 'x.gguf', 'Q8_0'],
    [15, 'x.gguf', 'Q4_K_M'],
    [0, 'x.gguf', 'F32'],
    [32, 'x.gguf', 'BF16'],
    [undefined, 'Qwen3-Embedding-4B-Q4_K_M.gguf', 'Q4_K_M'],
    [undefined, 'bge-m3-q8_0.gguf', 'Q8_0'],
    [undefined, 'model.IQ4_XS.gguf', 'IQ4_XS'],
    [undefined, 'model.gguf', 'unknown'],
  ])('quantizationName(%s, %s) = %s', (fileType, name, expected) => {
    expect(quantizationName(fileType, name)).toBe(expected);
  });

  it.each([
    [{ architecture: 'bert', pooling: 'unspecified', name: 'bge-m3' }, 'embedding'],
    [{ architecture: 'llama', pooling: 'mean', name: 'e5-mistral' }, 'embedding'],
    [{ architecture: 'llama', pooling: 'none', name: 'Llama 3.2 1B Instruct' }, 'generative'],
    [{ architecture: 'qwen3', pooling: 'last', name: 'Qwen3 Reranker 0.6B' }, 'reranker'],
  ] as const)('classifyModel(%o) = %s', (facts, kind) => {
    expect(classifyModel({ ...facts, fileName: 'm.gguf', dimensions: 1024 }).kind).toBe(kind);
  });
});
