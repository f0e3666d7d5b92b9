// Browser transport: POST /api/<call> with a JSON body; events over GET /api/events (SSE).
// Both ride on the HttpOnly session cookie that the sign-in link set (same-origin requests
// send it; script never sees it). A 401 means this browser has no session: onSignedOut.
import type { CallName, CallRequest, CallResponse, SiftEvent } from '../../../src/api/contract.js';
import { ApiError, fromErrorBody } from './api-error.js';
import type { ApiClient } from './client.js';
import { contractCalls } from './contract-calls.js';
import { Emitter } from './emitter.js';

const REOPEN_DELAY_MS = 3000;

export function createHttpClient(origin: string): ApiClient {
  const signedOut = new Emitter<void>();
  async function call<N extends CallName>(name: N, request: CallRequest<N>): Promise<CallResponse<N>> {
    let response: Response;
    try {
      response = await fetch(`${origin}/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      });
    } catch (error) {
      throw new ApiError('unreachable', error instanceof Error ? error.message : String(error));
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (response.status === 401) signedOut.emit();
    if (!response.ok) throw fromErrorBody(body, response.status);
    return body as CallResponse<N>;
  }

  const events = new Emitter<SiftEvent>();
  const connection = new Emitter<boolean>();
  let source: EventSource | null = null;
  let retry: number | undefined;

  // One EventSource for all listeners, opened with the first and closed with the last.
  // EventSource reconnects by itself after a network error, but gives up for good when
  // the server answers with an error status; then we open a new one after a pause.
  function open(): void {
    if (source) return;
    const current = new EventSource(`${origin}/api/events`);
    source = current;
    current.onopen = () => connection.emit(true);
    current.onerror = () => {
      connection.emit(false);
      if (current.readyState !== EventSource.CLOSED || source !== current) return;
      source = null;
      retry = window.setTimeout(() => {
        retry = undefined;
        if (events.size + connection.size > 0) open();
      }, REOPEN_DELAY_MS);
    };
    current.onmessage = (message: MessageEvent<string>) => {
      let event: SiftEvent;
      try {
        event = JSON.parse(message.data) as SiftEvent;
      } catch (error) {
        console.error('Sift: ignoring a malformed event', message.data, error);
        return;
      }
      events.emit(event);
    };
  }

  function closeIfIdle(): void {
    if (events.size > 0 || connection.size > 0) return;
    source?.close();
    source = null;
    window.clearTimeout(retry);
    retry = undefined;
  }

  function subscribe<T>(emitter: Emitter<T>, listener: (value: T) => void): () => void {
    const off = emitter.on(listener);
    open();
    return () => {
      off();
      closeIfIdle();
    };
  }

  return {
    transport: 'http',
    desktop: null,
    ...contractCalls((name, request) => call(name, request as CallRequest<typeof name>)),
    onEvent: (listener) => subscribe(events, listener),
    onConnection: (listener) => subscribe(connection, listener),
    onSignedOut: (listener) => signedOut.on(listener),
  };
}
