// Adding folders from any source (path field, native picker, drop): one pending flag and
// one error message, shown next to the add-folder field.
import { useCallback, useState } from 'react';
import type { FolderInfo } from '../../../src/api/contract.js';
import { ApiError, toApiError } from '../api/api-error.js';
import type { ApiClient } from '../api/client.js';

export interface AddFolders {
  pending: boolean;
  error: ApiError | null;
  /** Adds each path in turn; returns true when all were added. */
  add(paths: string[]): Promise<boolean>;
  setError(error: ApiError | null): void;
}

export function useAddFolders(client: ApiClient, onAdded: (folder: FolderInfo) => void): AddFolders {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const add = useCallback(
    async (paths: string[]) => {
      setPending(true);
      setError(null);
      let firstError: ApiError | null = null;
      for (const path of paths) {
        try {
          onAdded(await client.addFolder({ path }));
        } catch (reason) {
          const apiError = toApiError(reason);
          // With several paths the English message names which one; a detail names it itself.
          firstError ??= paths.length > 1 && !apiError.detail ? new ApiError(apiError.code, `${path}: ${apiError.message}`) : apiError;
        }
      }
      setPending(false);
      setError(firstError);
      return firstError === null;
    },
    [client, onAdded],
  );

  return { pending, error, add, setError };
}
