// The core's status (model, dimensions, backend, chunk count). Reloaded whenever the
// folder list changes, at most every `throttleMs`, so the chunk count follows indexing.
// A reply is applied unless a newer one has been applied already (live-snapshot.ts).
import { useEffect, useRef, useState } from 'react';
import type { Status } from '../../../src/api/contract.js';
import { toApiError, type ApiError } from '../api/api-error.js';
import type { ApiClient } from '../api/client.js';
import { LiveSnapshot } from './live-snapshot.js';

export function useStatus(client: ApiClient, changeKey: unknown, throttleMs = 500) {
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const lastRun = useRef(0);
  const replies = useRef<LiveSnapshot<Status> | null>(null);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    replies.current ??= new LiveSnapshot<Status>((next) => {
      setStatus(next);
      setError(null);
    });
    const snapshot = replies.current;
    const wait = Math.max(0, lastRun.current + throttleMs - Date.now());
    const timer = window.setTimeout(() => {
      lastRun.current = Date.now();
      const token = snapshot.request();
      client.status({}).then(
        (next) => mounted.current && snapshot.reply(token, next),
        (reason: unknown) => mounted.current && snapshot.take(token) && setError(toApiError(reason)),
      );
    }, wait);
    return () => window.clearTimeout(timer);
  }, [client, changeKey, throttleMs]);

  return { status, error };
}
