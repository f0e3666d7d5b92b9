// The core's status (model, dimensions, backend, chunk count). Reloaded whenever the
// folder list changes, at most every `throttleMs`, so the chunk count follows indexing.
// A reply is applied unless a newer one has been applied already.
import { useEffect, useRef, useState } from 'react';
import type { Status } from '../../../src/api/contract.js';
import { toApiError, type ApiError } from '../api/api-error.js';
import type { ApiClient } from '../api/client.js';

export function useStatus(client: ApiClient, changeKey: unknown, throttleMs = 500) {
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const lastRun = useRef(0);
  const issued = useRef(0);
  const applied = useRef(0);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    const wait = Math.max(0, lastRun.current + throttleMs - Date.now());
    const timer = window.setTimeout(() => {
      lastRun.current = Date.now();
      const ticket = ++issued.current;
      const fresh = () => {
        if (!mounted.current || ticket < applied.current) return false;
        applied.current = ticket;
        return true;
      };
      client.status({}).then(
        (next) => {
          if (!fresh()) return;
          setStatus(next);
          setError(null);
        },
        (reason: unknown) => fresh() && setError(toApiError(reason)),
      );
    }, wait);
    return () => window.clearTimeout(timer);
  }, [client, changeKey, throttleMs]);

  return { status, error };
}
