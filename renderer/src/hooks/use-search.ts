// Results as you type: waits `delayMs` after the last change of the query or a filter,
// then searches. Only the newest request may update the state; answers to older ones are
// dropped. `refreshKey` re-runs the current search (e.g. when indexing added chunks)
// without clearing what is shown. `loadMore` fetches the next page (offset = hits shown).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallRequest, SearchHit, SearchMode } from '../../../src/api/contract.js';
import { toApiError, type ApiError } from '../api/api-error.js';
import type { ApiClient } from '../api/client.js';

export const PAGE_SIZE = 20;

export interface SearchParams {
  query: string;
  mode: SearchMode;
  /** '' = every folder. */
  folder: string;
  /** [] = every type. */
  fileTypes: readonly string[];
  /** Only files modified in the last this many ms; 0 = any time. */
  withinMs: number;
}

export interface SearchState {
  /** The query these results answer ('' = nothing searched). */
  query: string;
  /** The mode and filters these results answer (for tests and screen readers). */
  answered: { mode: SearchMode; filters: string } | null;
  hits: SearchHit[];
  hasMore: boolean;
  tookMs: number | null;
  loading: boolean;
  loadingMore: boolean;
  error: ApiError | null;
}

const IDLE: SearchState = { query: '', answered: null, hits: [], hasMore: false, tookMs: null, loading: false, loadingMore: false, error: null };

/** folder|types|withinMs: which filters a result answers. */
export function filtersKey(p: Pick<SearchParams, 'folder' | 'fileTypes' | 'withinMs'>): string {
  return `${p.folder}|${p.fileTypes.join(',')}|${p.withinMs}`;
}

function requestFor(params: SearchParams, offset: number, limit: number): CallRequest<'search'> {
  return {
    query: params.query,
    mode: params.mode,
    limit,
    offset,
    folder: params.folder || undefined,
    fileTypes: params.fileTypes.length > 0 ? [...params.fileTypes] : undefined,
    modifiedAfter: params.withinMs > 0 ? Date.now() - params.withinMs : undefined,
  };
}

export function useSearch(client: ApiClient, params: SearchParams, refreshKey: unknown, delayMs = 150) {
  const [state, setState] = useState<SearchState>(IDLE);
  const latest = useRef(0);
  const current = useRef(params);
  current.current = params;
  // Refreshes keep the pages already shown.
  const shown = useRef(PAGE_SIZE);
  const { query, mode, folder, fileTypes, withinMs } = params;
  const typesKey = fileTypes.join(',');

  // A new query or filter starts again from the first page.
  useEffect(() => {
    shown.current = PAGE_SIZE;
  }, [query, mode, folder, typesKey, withinMs]);

  useEffect(() => {
    const ticket = ++latest.current;
    const p = current.current;
    if (p.query.trim() === '') {
      setState(IDLE);
      return;
    }
    setState((s) => (s.loading ? s : { ...s, loading: true }));
    const timer = window.setTimeout(() => {
      client.search(requestFor(p, 0, shown.current)).then(
        (result) => {
          if (ticket !== latest.current) return;
          setState({
            query: p.query,
            answered: { mode: p.mode, filters: filtersKey(p) },
            hits: result.hits,
            hasMore: result.hasMore ?? false,
            tookMs: result.tookMs,
            loading: false,
            loadingMore: false,
            error: null,
          });
        },
        (reason: unknown) => {
          if (ticket !== latest.current) return;
          setState({ ...IDLE, query: p.query, answered: { mode: p.mode, filters: filtersKey(p) }, error: toApiError(reason) });
        },
      );
    }, delayMs);
    return () => window.clearTimeout(timer);
  }, [client, query, mode, folder, typesKey, withinMs, refreshKey, delayMs]);

  const shownHits = useRef(0);
  shownHits.current = state.hits.length;

  const loadMore = useCallback(() => {
    const ticket = latest.current;
    const p = current.current;
    const offset = shownHits.current;
    setState((s) => ({ ...s, loadingMore: true }));
    client.search(requestFor(p, offset, PAGE_SIZE)).then(
      (result) => {
        if (ticket !== latest.current) return;
        shown.current = offset + result.hits.length;
        setState((s) => {
          const seen = new Set(s.hits.map((hit) => hit.path));
          const added = result.hits.filter((hit) => !seen.has(hit.path));
          return { ...s, hits: [...s.hits, ...added], hasMore: result.hasMore ?? false, loadingMore: false };
        });
      },
      (reason: unknown) => {
        if (ticket !== latest.current) return;
        setState((s) => ({ ...s, loadingMore: false, error: toApiError(reason) }));
      },
    );
  }, [client]);

  return { ...state, loadMore };
}
