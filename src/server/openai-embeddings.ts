// POST /v1/embeddings in OpenAI's shape, so Open WebUI, LangChain, LlamaIndex or any OpenAI
// client can embed with Sift's local model as they would with vLLM or llama-server.
// Inputs are embedded as documents (no instruction prefix), as vLLM does; a client that
// wants Qwen3's query instruction puts it in the text itself.
import { z } from 'zod';
import type { Embedder } from '../embedder/embedder.js';
import { normalize } from '../embedder/embedder.js';
import { OpenAiError } from './openai-errors.js';

/** OpenAI's own limit on inputs per request. */
export const MAX_INPUTS = 2048;

const EmbeddingsRequestSchema = z.object({
  input: z.union([z.string(), z.array(z.string()), z.array(z.number()), z.array(z.array(z.number()))]),
  model: z.string().min(1),
  dimensions: z.number().int().min(1).optional(),
  encoding_format: z.enum(['float', 'base64']).default('float'),
  user: z.string().optional(),
});

export type EmbeddingsRequest = z.output<typeof EmbeddingsRequestSchema>;

export interface EmbeddingsResponse {
  object: 'list';
  data: Array<{ object: 'embedding'; index: number; embedding: number[] | string }>;
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

/** Validates the body and returns the texts, or throws an OpenAiError naming the parameter. */
export function parseEmbeddingsRequest(body: unknown): EmbeddingsRequest & { texts: string[] } {
  const parsed = EmbeddingsRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const param = issue.path.length ? issue.path.map(String).join('.') : null;
    const why =
      param === 'input'
        ? "'input' must be a string or an array of strings."
        : param === 'model'
          ? "'model' is required: use the id from GET /v1/models."
          : param === 'encoding_format'
            ? "'encoding_format' must be 'float' or 'base64'."
            : param === 'dimensions'
              ? "'dimensions' must be a positive whole number."
              : `${param ? `'${param}': ` : ''}${issue.message}`;
    throw new OpenAiError(400, why, param);
  }
  const request = parsed.data;
  const input = request.input;
  if (Array.isArray(input) && input.some((item) => typeof item !== 'string')) {
    throw new OpenAiError(
      400,
      "Token arrays are not supported: they are ids of OpenAI's tokenizer, not of this model's. Send text instead " +
        '(in LangChain, set check_embedding_ctx_length=False).',
      'input',
    );
  }
  const texts = typeof input === 'string' ? [input] : (input as string[]);
  if (texts.length === 0) throw new OpenAiError(400, "'input' must not be an empty array.", 'input');
  if (texts.length > MAX_INPUTS) throw new OpenAiError(400, `'input' may hold at most ${MAX_INPUTS} texts; got ${texts.length}.`, 'input');
  const empty = texts.findIndex((text) => text.trim() === '');
  if (empty >= 0) throw new OpenAiError(400, `input[${empty}] is empty; there is nothing to embed.`, 'input');
  return { ...request, texts };
}

/** Matryoshka truncation: keep the first `dimensions` values and make the vector unit length again. */
export function truncateVector(vector: Float32Array, dimensions: number | undefined): Float32Array {
  if (dimensions === undefined || dimensions >= vector.length) return vector;
  return normalize(vector.slice(0, dimensions));
}

/** OpenAI's base64 format: the float32 values, little-endian, base64-encoded. */
export function toBase64(vector: Float32Array): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, i) => bytes.writeFloatLE(value, i * 4));
  return bytes.toString('base64');
}

export async function createEmbeddings(embedder: Embedder, modelId: string, body: unknown): Promise<EmbeddingsResponse> {
  const request = parseEmbeddingsRequest(body);
  if (request.model.toLowerCase() !== modelId.toLowerCase()) {
    throw new OpenAiError(404, `The model '${request.model}' does not exist. This server serves '${modelId}' (see GET /v1/models).`, 'model', 'model_not_found');
  }
  const info = await embedder.load();
  if (request.dimensions !== undefined && request.dimensions > info.dimensions) {
    throw new OpenAiError(400, `'dimensions' may be at most ${info.dimensions} for ${modelId}; got ${request.dimensions}.`, 'dimensions');
  }
  // Room for the special tokens llama.cpp adds (BOS/EOS), as the embedder reserves it.
  const room = info.contextTokens - 2;
  let promptTokens = 0;
  request.texts.forEach((text, index) => {
    const tokens = embedder.countTokens(text);
    if (tokens > room) {
      throw new OpenAiError(400, `input[${index}] has ${tokens} tokens, but ${modelId} takes at most ${room} per input here. Split the text.`, 'input', 'context_length_exceeded');
    }
    promptTokens += tokens;
  });
  const vectors = await embedder.embed(request.texts, 'document');
  return {
    object: 'list',
    data: vectors.map((vector, index) => {
      const out = truncateVector(vector, request.dimensions);
      return { object: 'embedding', index, embedding: request.encoding_format === 'base64' ? toBase64(out) : Array.from(out) };
    }),
    model: modelId,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}
