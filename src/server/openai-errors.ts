// Errors in OpenAI's wire shape, which every OpenAI client library knows how to surface:
// { "error": { "message", "type", "param", "code" } } with a matching HTTP status.
import { toWireError, type SiftErrorCode } from '../api/errors.js';

export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export class OpenAiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly param: string | null = null,
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

function typeFor(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 404) return 'not_found_error';
  if (status === 413) return 'invalid_request_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

const STATUS_BY_SIFT_CODE: Partial<Record<SiftErrorCode, number>> = {
  invalid_request: 400,
  not_found: 404,
  model_invalid: 500,
  model_load_failed: 503,
  // OpenAI clients back off and retry on 429.
  busy: 429,
};

/** Any thrown value as (status, body); Sift's own errors keep their message. */
export function toOpenAiError(error: unknown): { status: number; body: OpenAiErrorBody } {
  if (error instanceof OpenAiError) {
    return { status: error.status, body: { error: { message: error.message, type: typeFor(error.status), param: error.param, code: error.code } } };
  }
  const wire = toWireError(error);
  const status = STATUS_BY_SIFT_CODE[wire.code] ?? 500;
  return { status, body: { error: { message: wire.message, type: typeFor(status), param: null, code: wire.code } } };
}
