// The one error type the UI sees, whichever transport failed. It carries the wire code
// (so the UI can branch on it) and the core's readable message (so the UI can show it).
import type { SiftErrorCode, WireError } from '../../../src/api/errors.js';

/** Wire codes plus the failures only a client can see. */
export type ApiErrorCode = SiftErrorCode | 'unreachable';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function isWireError(value: unknown): value is WireError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.message === 'string';
}

/** Electron prefixes errors that cross IPC: "Error invoking remote method 'x': Error: msg". */
const IPC_PREFIX = /^Error invoking remote method '[^']*':\s*(?:\w*Error:\s*)?/;

/** Turns anything a transport threw or returned into an ApiError. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (isWireError(error)) return new ApiError(error.code, error.message);
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    const message = error.message.replace(IPC_PREFIX, '');
    return new ApiError(typeof code === 'string' ? (code as ApiErrorCode) : 'internal', message);
  }
  return new ApiError('internal', String(error));
}

/** Reads the `{ error: WireError }` body of a failed HTTP response, if it has one. */
export function fromErrorBody(body: unknown, status: number): ApiError {
  const wire = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (isWireError(wire)) return new ApiError(wire.code, wire.message);
  if (status === 401) return new ApiError('unauthorized', 'HTTP 401');
  return new ApiError(status >= 500 ? 'internal' : 'invalid_request', `HTTP ${status}`);
}
