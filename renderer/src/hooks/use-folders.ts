// The folder list, kept live: loaded, then replaced by every `folders` event, with
// per-folder progress merged in from `progress` events. Loaded again whenever the event
// stream (re)opens, since events sent before it opened or while it was down are lost; a
// reply that an event overtook is dropped (live-snapshot.ts).
import { useCallback, useEffect, useState } from 'react';
import type { FolderInfo, IndexProgress } from '../../../src/api/contract.js';
import { toApiError, type ApiError } from '../api/api-error.js';
import type { ApiClient } from '../api/client.js';
import { LiveSnapshot } from './live-snapshot.js';

export interface FoldersState {
  /** null while the first list is loading. */
  folders: FolderInfo[] | null;
  /** Latest progress per folder path, only for folders that are busy. */
  progress: ReadonlyMap<string, IndexProgress>;
  error: ApiError | null;
  /** Shows a folder the core just added without waiting for an event. A row already
   *  there is kept: it came from an event, which may be newer than this reply. */
  insert(folder: FolderInfo): void;
  /** Drops a folder from the list without waiting for an event. */
  drop(path: string): void;
}

const BUSY = new Set<FolderInfo['state']>(['queued', 'scanning', 'indexing']);

export function isBusy(folder: FolderInfo): boolean {
  return BUSY.has(folder.state);
}

export function useFolders(client: ApiClient): FoldersState {
  const [folders, setFolders] = useState<FolderInfo[] | null>(null);
  const [progress, setProgress] = useState<ReadonlyMap<string, IndexProgress>>(new Map());
  const [error, setError] = useState<ApiError | null>(null);

  const replace = useCallback((next: FolderInfo[]) => {
    setFolders(next);
    // Forget progress of folders that are no longer busy (or no longer there).
    setProgress((current) => {
      const busy = new Set(next.filter(isBusy).map((f) => f.path));
      const kept = [...current].filter(([path]) => busy.has(path));
      return kept.length === current.size ? current : new Map(kept);
    });
  }, []);

  useEffect(() => {
    let live = true;
    const snapshot = new LiveSnapshot<FolderInfo[]>(replace);
    const load = () => {
      const token = snapshot.request();
      client.listFolders({}).then(
        (list) => {
          if (!live) return;
          snapshot.reply(token, list);
          setError(null);
        },
        (reason: unknown) => live && setError(toApiError(reason)),
      );
    };
    const offEvent = client.onEvent((event) => {
      if (event.type === 'folders') snapshot.event(event.folders);
      else if (event.type === 'progress') {
        const p = event.progress;
        setProgress((current) => new Map(current).set(p.folder, p));
      }
    });
    let wasConnected: boolean | null = null;
    const offConnection = client.onConnection((connected) => {
      // Also when the stream first opens: the first load may have been answered before it,
      // and a change in between would otherwise show only at the next one.
      if (connected && wasConnected !== true) load();
      wasConnected = connected;
    });
    load();
    return () => {
      live = false;
      offEvent();
      offConnection();
    };
  }, [client, replace]);

  const insert = useCallback((folder: FolderInfo) => {
    setFolders((current) => {
      const list = current ?? [];
      return list.some((f) => f.path === folder.path) ? list : [...list, folder];
    });
  }, []);

  const drop = useCallback((path: string) => {
    setFolders((current) => current && current.filter((f) => f.path !== path));
  }, []);

  return { folders, progress, error, insert, drop };
}
