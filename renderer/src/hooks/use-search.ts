// Results as you type: waits `delayMs` after the last keystroke, then searches. Only the
// newest request may update the state; answers to older ones are dropped. `refreshKey`
// re-runs the current query (e.g. when indexing added chunks) without clearing results.
import { useEffect, useRef, useState } from 'react';
import type { SearchHit } from '../../../src/api/contract.js';
import { toApiError, type ApiError } from '../api/api-error.js';
import type { ApiClient } from '../api/client.js';

export interface SearchState {
  /** The query these results answer ('' = nothing searched). */
  query: string;
  hits: SearchHit[];
  tookMs: number | null;
  loading: boolean;
  error: ApiError | null;
}

const IDLE: SearchState = { query: '', hits: [], tookMs: null, loading: false, error: null };

export function useSearch(client: ApiClient, query: string, refreshKey: unknown, delayMs = 150): SearchState {
  const [state, setState] = useState<SearchState>(IDLE);
  const latest = useRef(0);

  useEffect(() => {
    const ticket = ++latest.current;
    if (query.trim() === '') {
      setState(IDLE);
      return;
    }
    setState((s) => (s.loading ? s : { ...s, loading: true }));
    const timer = window.setTimeout(() => {
      client.search({ query, limit: 20 }).then(
        (result) => {
          if (ticket !== latest.current) return;
          setState({ query, hits: result.hits, tookMs: result.tookMs, loading: false, error: null });
        },
        (reason: unknown) => {
          if (ticket !== latest.current) return;
          setState({ query, hits: [], tookMs: null, loading: false, error: toApiError(reason) });
        },
      );
    }, delayMs);
    return () => window.clearTimeout(timer);
  }, [client, query, refreshKey, delayMs]);

  return state;
}
