// The person's settings from the core (getSettings / updateSettings). Loaded once, then
// changed through `update`, which answers with the saved settings or a readable error.
// Language and theme also go to localStorage, so the next start paints in the right
// language and colours before the core has answered.
import { useCallback, useEffect, useState } from 'react';
import type { Settings, SettingsPatch } from '../../../src/api/contract.js';
import { toApiError, type ApiError } from '../api/api-error.js';
import type { ApiClient } from '../api/client.js';
import { saveTheme } from '../theme.js';
import { saveLocale } from '../i18n/locale.js';

export interface SettingsState {
  /** null while loading (or when loading failed). */
  settings: Settings | null;
  loadError: ApiError | null;
  /** Saves the patch; resolves with the error instead of throwing, null on success. */
  update(patch: SettingsPatch): Promise<ApiError | null>;
}

export function useSettings(client: ApiClient): SettingsState {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    client.getSettings({}).then(
      (loaded) => {
        if (!live) return;
        setSettings(loaded);
        setLoadError(null);
      },
      (reason: unknown) => live && setLoadError(toApiError(reason)),
    );
    return () => {
      live = false;
    };
  }, [client]);

  useEffect(() => {
    if (!settings) return;
    saveLocale(settings.language);
    saveTheme(settings.theme);
  }, [settings]);

  const update = useCallback(
    async (patch: SettingsPatch) => {
      try {
        setSettings(await client.updateSettings(patch));
        return null;
      } catch (reason) {
        return toApiError(reason);
      }
    },
    [client],
  );

  return { settings, loadError, update };
}
