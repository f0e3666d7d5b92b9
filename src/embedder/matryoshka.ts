// Matryoshka (MRL) truncation: Qwen3-Embedding is trained so that the first d dimensions
// of its vector are themselves a good embedding. A smaller d makes the index smaller and
// search faster at some cost in quality. Vectors keep the first d dims, re-normalised.
import { SiftError } from '../api/errors.js';

export const MIN_DIMENSIONS = 32;

/** The sizes the UI offers: these that fit, plus the model's own length. */
const OFFERED = [32, 64, 128, 256, 512, 768, 1024, 2048];

export function dimensionChoices(embeddingLength: number): number[] {
  return [...OFFERED.filter((d) => d < embeddingLength), embeddingLength];
}

/**
 * The vector length to use: `requested` if given and valid, else the full length.
 * Throws a SiftError a person can act on when `requested` is out of range.
 */
export function resolveDimensions(requested: number | undefined, embeddingLength: number, modelName: string): number {
  if (requested === undefined || requested === embeddingLength) return embeddingLength;
  const low = Math.min(MIN_DIMENSIONS, embeddingLength);
  if (!Number.isInteger(requested) || requested < low || requested > embeddingLength) {
    throw new SiftError(
      'invalid_request',
      `Vector dimensions must be a whole number from ${low} to ${embeddingLength} for "${modelName}" ` +
        `(its full embedding length); got ${requested}.`,
      { detail: { key: 'dimensionsOutOfRange', params: { model: modelName, min: low, max: embeddingLength, got: String(requested) } } },
    );
  }
  return requested;
}

/**
 * The first `dimensions` values of `full`, L2-normalised, as a new Float32Array. The norm
 * is taken in float64 so truncating a unit vector and renormalising is exact to float32.
 * A zero (or non-finite) vector gives zeros, never NaN.
 */
export function truncateAndNormalize(full: ArrayLike<number>, dimensions: number): Float32Array {
  if (dimensions > full.length) throw new Error(`cannot keep ${dimensions} of ${full.length} dimensions`);
  let sum = 0;
  for (let i = 0; i < dimensions; i++) sum += full[i]! * full[i]!;
  const out = new Float32Array(dimensions);
  if (sum === 0 || !Number.isFinite(sum)) return out;
  const inv = 1 / Math.sqrt(sum);
  for (let i = 0; i < dimensions; i++) out[i] = full[i]! * inv;
  return out;
}
