import type { ErrorKey } from './error-keys.js';

// Typed errors: the core throws these; each edge translates them (IPC -> {name, code,
// message}; HTTP -> a status code; CLI -> stderr + exit code; UI -> a readable message).

export type SiftErrorCode =
  | 'invalid_request'
  | 'not_found'
  | 'not_a_folder'
  | 'unreadable'
  | 'model_invalid'
  | 'model_load_failed'
  | 'index_incompatible'
  | 'index_busy'
  | 'download_failed'
  | 'insufficient_space'
  | 'cancelled'
  /** Too many searches at once: try again in a moment (HTTP 503 with Retry-After). */
  | 'busy'
  /** The HTTP transport: no signed-in session (browser mode) or no valid token. */
  | 'unauthorized'
  /** The HTTP transport: a request from another site, host or origin. */
  | 'forbidden'
  | 'internal';

/**
 * What went wrong, for a UI to say in the person's language: a key the renderer's message
 * table knows ('error.<key>') and the values its sentence needs. The message stays the
 * English sentence for logs, the CLI and any client that does not know the key.
 */
export interface ErrorDetail {
  key: string;
  params?: Record<string, string | number>;
  /** Sentences of their own (a download's cause, what was kept) put into this one under
   *  their name: each worded in the person's language first. */
  parts?: Record<string, ErrorDetail>;
}

/** An error's detail: its key (and its parts' keys) from the table every UI translates. */
export interface CoreErrorDetail extends ErrorDetail {
  key: ErrorKey;
  parts?: Record<string, CoreErrorDetail>;
}

export class SiftError extends Error {
  override name = 'SiftError';
  readonly detail?: CoreErrorDetail;
  constructor(
    readonly code: SiftErrorCode,
    message: string,
    options?: { cause?: unknown; detail?: CoreErrorDetail },
  ) {
    super(message, options);
    if (options?.detail) this.detail = options.detail;
  }
}

/** The wire form of an error, identical on every transport. */
export interface WireError {
  name: string;
  code: SiftErrorCode;
  message: string;
  detail?: ErrorDetail;
}

export function toWireError(error: unknown): WireError {
  if (error instanceof SiftError) {
    const wire: WireError = { name: error.name, code: error.code, message: error.message };
    if (error.detail) wire.detail = error.detail;
    return wire;
  }
  const message = error instanceof Error ? error.message : String(error);
  return { name: 'SiftError', code: 'internal', message };
}

const httpStatusByCode: Record<SiftErrorCode, number> = {
  invalid_request: 400,
  not_a_folder: 400,
  model_invalid: 400,
  not_found: 404,
  unreadable: 422,
  index_incompatible: 409,
  index_busy: 423,
  model_load_failed: 503,
  download_failed: 502,
  insufficient_space: 507,
  cancelled: 409,
  busy: 503,
  unauthorized: 401,
  forbidden: 403,
  internal: 500,
};

export function httpStatusFor(code: SiftErrorCode): number {
  return httpStatusByCode[code];
}
