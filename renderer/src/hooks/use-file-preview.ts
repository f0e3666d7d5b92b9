// The preview of the selected hit, following the selection: waits `delayMs` after it
// changes (arrowing through the list asks for the one it stops on), keeps what is shown
// until the next answer comes (no flicker), drops answers to older requests, and remembers
// the last few answers so moving back is instant. `null` target: nothing to preview.
import { useEffect, useRef, useState } from 'react';
import type { CallRequest, FilePreview } from '../../../src/api/contract.js';
import { toApiError, type ApiError } from '../api/api-error.js';
import type { ApiClient } from '../api/client.js';

export interface PreviewTarget {
  path: string;
  line: number;
  query: string;
}

export interface PreviewState {
  /** The target the shown preview (or error) answers. */
  shownKey: string | null;
  preview: FilePreview | null;
  error: ApiError | null;
  loading: boolean;
}

const REMEMBERED = 24;

const keyOf = (target: PreviewTarget) => `${target.path}\n${target.line}\n${target.query}`;

export function useFilePreview(client: ApiClient, target: PreviewTarget | null, refreshKey: unknown, delayMs = 80): PreviewState & { key: string | null } {
  const [state, setState] = useState<PreviewState>({ shownKey: null, preview: null, error: null, loading: false });
  const cache = useRef(new Map<string, FilePreview>());
  const latest = useRef(0);
  const key = target ? keyOf(target) : null;

  // New index contents (refreshKey) may change what a file's preview says.
  useEffect(() => cache.current.clear(), [refreshKey]);

  useEffect(() => {
    const ticket = ++latest.current;
    if (!target || key === null) {
      setState({ shownKey: null, preview: null, error: null, loading: false });
      return;
    }
    const remembered = cache.current.get(key);
    if (remembered) {
      setState({ shownKey: key, preview: remembered, error: null, loading: false });
      return;
    }
    setState((s) => ({ ...s, loading: true }));
    const request: CallRequest<'previewFile'> = { path: target.path, line: target.line, query: target.query || undefined };
    const timer = window.setTimeout(() => {
      client.previewFile(request).then(
        (preview) => {
          cache.current.set(key, preview);
          if (cache.current.size > REMEMBERED) cache.current.delete(cache.current.keys().next().value!);
          if (ticket === latest.current) setState({ shownKey: key, preview, error: null, loading: false });
        },
        (reason: unknown) => {
          if (ticket === latest.current) setState({ shownKey: key, preview: null, error: toApiError(reason), loading: false });
        },
      );
    }, delayMs);
    return () => window.clearTimeout(timer);
    // `target` is represented by `key`.
  }, [client, key, refreshKey, delayMs]);

  return { ...state, key };
}
