// In-process embedding engine on node-llama-cpp. The model is a resource: loaded lazily
// behind one promise, disposed explicitly; failures are SiftErrors with a reason a person
// can act on, never null vectors.
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { getLlama, LlamaLogLevel, readGgufFileInfo, type Llama, type LlamaEmbeddingContext, type LlamaModel } from 'node-llama-cpp';
import { SiftError } from '../api/errors.js';
import { normalize, type EmbedKind, type Embedder, type EmbedderInfo } from './embedder.js';
import { familyFor, type ModelFamily } from './model-family.js';
import type { Logger } from '../log.js';

export interface LlamaEmbedderOptions {
  modelPath: string;
  /** 'auto' lets node-llama-cpp pick CUDA, Vulkan, Metal or CPU. */
  gpu?: 'auto' | 'cuda' | 'vulkan' | 'metal' | false;
  /** Upper bound for the context; the model's training length caps it further. Small
   *  contexts keep the KV cache small (a 32k context costs gigabytes for nothing). */
  maxContextTokens?: number;
  queryTask?: string;
  logger?: Logger;
}

interface Loaded {
  llama: Llama;
  model: LlamaModel;
  context: LlamaEmbeddingContext;
  family: ModelFamily;
  info: EmbedderInfo;
}

interface HeaderFacts {
  name: string;
  architecture: string;
  dimensions: number;
}

const GGUF_MAGIC = 'GGUF';

export async function assertGgufFile(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'the file does not exist' : `it cannot be read (${code ?? String(error)})`;
    throw new SiftError('model_invalid', `Cannot use model "${path}": ${why}.`, { cause: error });
  }
  try {
    const magic = Buffer.alloc(4);
    const { bytesRead } = await handle.read(magic, 0, 4, 0);
    if (bytesRead < 4 || magic.toString('latin1') !== GGUF_MAGIC) {
      throw new SiftError(
        'model_invalid',
        `"${basename(path)}" is not a GGUF model file. Sift needs an embedding model in GGUF format, ` +
          'such as the bundled starter model or Qwen3-Embedding-0.6B-Q8_0.gguf.',
      );
    }
  } finally {
    await handle.close();
  }
}

export async function readHeaderFacts(path: string): Promise<HeaderFacts> {
  await assertGgufFile(path);
  let info;
  try {
    info = await readGgufFileInfo(path, { readTensorInfo: false });
  } catch (error) {
    throw new SiftError('model_invalid', `"${basename(path)}" could not be parsed as GGUF: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const metadata = info.metadata as Record<string, unknown> & { general?: { architecture?: string; name?: string } };
  const architecture = metadata.general?.architecture ?? 'unknown';
  const archMeta = metadata[architecture] as { embedding_length?: number } | undefined;
  return {
    name: metadata.general?.name ?? basename(path, '.gguf'),
    architecture,
    dimensions: Number(archMeta?.embedding_length ?? 0),
  };
}

export class LlamaEmbedder implements Embedder {
  private loading: Promise<Loaded> | undefined;
  private loaded: Loaded | undefined;
  private header: Promise<HeaderFacts> | undefined;

  constructor(private readonly options: LlamaEmbedderOptions) {}

  peek() {
    this.header ??= readHeaderFacts(this.options.modelPath);
    return this.header.then((facts) => ({
      ...facts,
      path: this.options.modelPath,
      loaded: this.loaded !== undefined,
      backend: this.loaded?.info.backend,
    }));
  }

  async load(): Promise<EmbedderInfo> {
    this.loading ??= this.doLoad().catch((error: unknown) => {
      // A failed load must not poison later attempts (the user may fix the file).
      this.loading = undefined;
      throw error;
    });
    return (await this.loading).info;
  }

  private async doLoad(): Promise<Loaded> {
    const { modelPath, gpu = 'auto', maxContextTokens = 2048 } = this.options;
    const facts = await readHeaderFacts(modelPath);
    if (facts.dimensions <= 0) {
      throw new SiftError('model_invalid', `"${basename(modelPath)}" does not declare an embedding length.`);
    }
    // build 'never': an installed app cannot compile llama.cpp; prebuilt binaries cover
    // CUDA, Vulkan, Metal and CPU, and node-llama-cpp falls back along that list.
    const logger = this.options.logger;
    const llama = await getLlama({
      gpu,
      build: 'never',
      logLevel: LlamaLogLevel.warn,
      // llama.cpp's own messages go to Sift's log, never to stdout.
      logger: (level, message) => logger?.log(level === LlamaLogLevel.warn ? 'warn' : 'error', `llama: ${message.trim()}`),
    });
    let model: LlamaModel;
    try {
      model = await llama.loadModel({ modelPath });
    } catch (error) {
      throw new SiftError(
        'model_load_failed',
        `Could not load "${basename(modelPath)}" (${facts.architecture}): ${(error as Error).message}. ` +
          'If the GPU ran out of memory, pick a smaller model such as Qwen3-Embedding-0.6B or the starter model.',
        { cause: error },
      );
    }
    const contextTokens = Math.min(model.trainContextSize || maxContextTokens, maxContextTokens);
    let context: LlamaEmbeddingContext;
    try {
      // node-llama-cpp defaults to 6 threads; on a 2-core CPU that oversubscription made each
      // embedding ~250x slower (1.1 s instead of 4 ms for the starter model).
      context = await model.createEmbeddingContext({
        contextSize: contextTokens,
        batchSize: contextTokens,
        threads: Math.max(1, llama.cpuMathCores),
      });
    } catch (error) {
      await model.dispose();
      throw new SiftError('model_load_failed', `Could not create an embedding context: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const info: EmbedderInfo = {
      name: facts.name,
      path: modelPath,
      architecture: facts.architecture,
      dimensions: model.embeddingVectorSize,
      contextTokens,
      backend: llama.gpu === false ? 'cpu' : llama.gpu,
    };
    this.loaded = { llama, model, context, family: familyFor(facts.architecture), info };
    return this.loaded;
  }

  async embed(texts: string[], kind: EmbedKind): Promise<Float32Array[]> {
    await this.load();
    const { model, context, family, info } = this.loaded!;
    const vectors: Float32Array[] = [];
    for (const text of texts) {
      const input = kind === 'query' ? family.formatQuery(text, this.options.queryTask) : family.formatDocument(text);
      let tokens = model.tokenize(input);
      // Room for BOS/EOS, which node-llama-cpp adds per the model's tokenizer settings.
      const room = info.contextTokens - 2;
      if (tokens.length > room) {
        if (kind === 'document') {
          throw new SiftError(
            'invalid_request',
            `A passage has ${tokens.length} tokens but the model takes at most ${room}; the chunker must split it.`,
          );
        }
        // A query longer than the context keeps its beginning (the instruction and the
        // start of the question carry the intent).
        tokens = tokens.slice(0, room);
      }
      if (tokens.length === 0) {
        vectors.push(new Float32Array(info.dimensions));
        continue;
      }
      const embedding = await context.getEmbeddingFor(tokens);
      vectors.push(normalize(Float32Array.from(embedding.vector)));
    }
    return vectors;
  }

  countTokens(text: string): number {
    if (!this.loaded) throw new SiftError('internal', 'countTokens called before the model was loaded.');
    return this.loaded.model.tokenize(this.loaded.family.formatDocument(text)).length;
  }

  async dispose(): Promise<void> {
    const loading = this.loading;
    this.loading = undefined;
    this.loaded = undefined;
    if (!loading) return;
    const loaded = await loading.catch(() => undefined);
    if (!loaded) return;
    await loaded.context.dispose();
    await loaded.model.dispose();
  }
}
