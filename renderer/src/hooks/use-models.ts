// The Models view's data: the catalog with what is installed (listModels), kept live by
// `download` events, plus download, cancel and import. Reloaded when a download ends so
// the status (installed, partial) comes from the core.
import { useCallback, useEffect, useState } from 'react';
import type { CallResponse } from '../../../src/api/contract.js';
import { toApiError, type ApiError } from '../api/api-error.js';
import type { ApiClient } from '../api/client.js';

export type ModelList = CallResponse<'listModels'>;
export type ModelListing = ModelList['models'][number];
export type DownloadState = NonNullable<ModelListing['download']>;

const ENDED = new Set<DownloadState['phase']>(['done', 'failed', 'cancelled']);

export function useModels(client: ApiClient) {
  const [list, setList] = useState<ModelList | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const reload = useCallback(() => {
    client.listModels({}).then(
      (next) => {
        setList(next);
        setError(null);
      },
      (reason: unknown) => setError(toApiError(reason)),
    );
  }, [client]);

  useEffect(() => {
    reload();
    return client.onEvent((event) => {
      if (event.type !== 'download') return;
      const download = event.download;
      setList((current) =>
        current && {
          ...current,
          models: current.models.map((m) => (m.id === download.id ? { ...m, status: ENDED.has(download.phase) ? m.status : 'downloading', download } : m)),
        },
      );
      if (ENDED.has(download.phase)) reload();
    });
  }, [client, reload]);

  const download = useCallback(
    async (id: string, mirror?: string): Promise<ApiError | null> => {
      try {
        const state = await client.downloadModel({ id, mirror });
        setList((current) => current && { ...current, models: current.models.map((m) => (m.id === id ? { ...m, status: 'downloading', download: state } : m)) });
        return null;
      } catch (reason) {
        return toApiError(reason);
      }
    },
    [client],
  );

  const cancel = useCallback(
    async (id: string): Promise<ApiError | null> => {
      try {
        await client.cancelDownload({ id });
        reload();
        return null;
      } catch (reason) {
        return toApiError(reason);
      }
    },
    [client, reload],
  );

  const remove = useCallback(
    async (id: string): Promise<ApiError | null> => {
      try {
        await client.deleteModel({ id });
        reload();
        return null;
      } catch (reason) {
        return toApiError(reason);
      }
    },
    [client, reload],
  );

  const importModel = useCallback(
    async (path: string): Promise<ApiError | ModelListing> => {
      try {
        const added = await client.importModel({ path });
        reload();
        return added;
      } catch (reason) {
        return toApiError(reason);
      }
    },
    [client, reload],
  );

  const activate = useCallback(
    async (id: string): Promise<ApiError | null> => {
      try {
        await client.activateModel({ id });
        reload();
        return null;
      } catch (reason) {
        return toApiError(reason);
      }
    },
    [client, reload],
  );

  return { list, error, reload, download, cancel, remove, importModel, activate };
}
