// The one error type the UI sees, whichever transport failed. It carries the wire code
// (so the UI can branch on it) and the core's readable message (so the UI can show it).
import type { ErrorDetail, SiftErrorCode, WireError } from '../../../src/api/errors.js';

/** Wire codes plus the failures only a client can see. */
export type ApiErrorCode = SiftErrorCode | 'unreachable';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** The core's key and values for this message, to word it in the UI's language. */
    readonly detail?: ErrorDetail,
  ) {
    super(message);
  }
}

function isWireError(value: unknown): value is WireError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.message === 'string';
}

function detailOf(wire: WireError): ErrorDetail | undefined {
  const detail = (wire as { detail?: unknown }).detail;
  if (typeof detail !== 'object' || detail === null || typeof (detail as ErrorDetail).key !== 'string') return undefined;
  return detail as ErrorDetail;
}

/** Electron prefixes errors that cross IPC: "Error invoking remote method 'x': Error: msg". */
const IPC_PREFIX = /^Error invoking remote method '[^']*':\s*(?:\w*Error:\s*)?/;

/** Turns anything a transport threw or returned into an ApiError. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (isWireError(error)) return new ApiError(error.code, error.message, detailOf(error));
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    const message = error.message.replace(IPC_PREFIX, '');
    const detail = (error as Error & { detail?: unknown }).detail;
    return new ApiError(
      typeof code === 'string' ? (code as ApiErrorCode) : 'internal',
      message,
      detailOf({ detail } as WireError),
    );
  }
  return new ApiError('internal', String(error));
}

/** Reads the `{ error: WireError }` body of a failed HTTP response, if it has one. */
export function fromErrorBody(body: unknown, status: number): ApiError {
  const wire = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (isWireError(wire)) return new ApiError(wire.code, wire.message, detailOf(wire));
  if (status === 401) return new ApiError('unauthorized', 'HTTP 401');
  return new ApiError(status >= 500 ? 'internal' : 'invalid_request', `HTTP ${status}`);
}
